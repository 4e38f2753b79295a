package org.qsebms.hal.bq76952;

import org.qsebms.hal.bus.BusException;

/**
 * The BQ76952's own protection state, read once per tick in one 6-byte block (Safety Alert A,
 * Status A, Alert B, Status B, Alert C, Status C at 0x02..0x07). A Status bit means the chip has
 * tripped (its FETs are off for that cause); an Alert bit means the condition holds and its
 * delay is running.
 */
public final class Bq76952SafetyStatus {
    /** One hardware protection, with the Safety Status register (A = 0, B = 1, C = 2) and bit. */
    public enum Trip {
        CUV(0, 2), COV(0, 3), OCC(0, 4), OCD1(0, 5), OCD2(0, 6), SCD(0, 7),
        UTC(1, 0), UTD(1, 1), UTINT(1, 2), OTC(1, 4), OTD(1, 5), OTINT(1, 6), OTF(1, 7),
        HWDF(2, 1), PTO(2, 2), COVL(2, 4), OCDL(2, 5), SCDL(2, 6), OCD3(2, 7);

        final int register;
        final int bit;

        Trip(int register, int bit) {
            this.register = register;
            this.bit = bit;
        }
    }

    private static final Trip[] TRIPS = Trip.values();

    private final Bq76952 chip;
    private final byte[] block = new byte[6];
    private boolean readOk;

    public Bq76952SafetyStatus(Bq76952 chip) {
        this.chip = chip;
    }

    /** Reads Safety Alert/Status A..C; false (and every bit clear) on a bus error. */
    public boolean read() {
        try {
            chip.readDirect(Bq76952Commands.SAFETY_ALERT_A, block, 6);
            readOk = true;
        } catch (BusException e) {
            java.util.Arrays.fill(block, (byte) 0);
            readOk = false;
        }
        return readOk;
    }

    public boolean lastReadOk() {
        return readOk;
    }

    /** True when {@code trip}'s Safety Status bit was set at the last read. */
    public boolean tripped(Trip trip) {
        return (block[2 * trip.register + 1] & 1 << trip.bit) != 0;
    }

    /** True when {@code trip}'s Safety Alert bit (condition present, delay running) was set at the last read. */
    public boolean alerting(Trip trip) {
        return (block[2 * trip.register] & 1 << trip.bit) != 0;
    }

    /** Safety Status A | B << 8 | C << 16 of the last read. */
    public int statusBits() {
        return (block[1] & 0xFF) | (block[3] & 0xFF) << 8 | (block[5] & 0xFF) << 16;
    }

    public static Trip[] trips() {
        return TRIPS.clone();
    }
}
