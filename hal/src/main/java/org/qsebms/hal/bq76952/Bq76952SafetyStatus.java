package org.qsebms.hal.bq76952;

import java.util.Locale;
import org.qsebms.hal.HardwareProtection;
import org.qsebms.hal.HardwareTrip;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.GpioInput;

/**
 * The BQ76952's own protection state as a {@link HardwareProtection}, read once per tick in one
 * 6-byte block (Safety Alert A, Status A, Alert B, Status B, Alert C, Status C at 0x02..0x07). A
 * Status bit means the chip has tripped (its FETs are off for that cause); an Alert bit means the
 * condition holds and its delay is running. The table {@link Trip} maps each Status bit to a
 * {@link HardwareTrip}. The ALERT pin (active low), when wired, is a second path that does not
 * need the bus: asserted while the status cannot be read is {@link HardwareTrip#ALERT_UNREAD}.
 * Battery Status is read too: a chip that reset since it was configured is
 * {@link HardwareTrip#CONFIGURATION_LOST}, and gets its plan written again
 * ({@link Bq76952ResetRecovery}).
 */
public final class Bq76952SafetyStatus implements HardwareProtection {
    /** One Safety Status bit: register (A = 0, B = 1, C = 2), bit, and what it means to the controller. */
    enum Trip {
        CUV(0, 2, HardwareTrip.CELL_UNDER_VOLTAGE),
        COV(0, 3, HardwareTrip.CELL_OVER_VOLTAGE),
        OCC(0, 4, HardwareTrip.CHARGE_OVER_CURRENT),
        OCD1(0, 5, HardwareTrip.DISCHARGE_OVER_CURRENT),
        OCD2(0, 6, HardwareTrip.DISCHARGE_OVER_CURRENT),
        SCD(0, 7, HardwareTrip.SHORT_CIRCUIT),
        UTC(1, 0, HardwareTrip.UNDER_TEMPERATURE),
        UTD(1, 1, HardwareTrip.UNDER_TEMPERATURE),
        UTINT(1, 2, HardwareTrip.UNDER_TEMPERATURE),
        OTC(1, 4, HardwareTrip.OVER_TEMPERATURE),
        OTD(1, 5, HardwareTrip.OVER_TEMPERATURE),
        OTINT(1, 6, HardwareTrip.OVER_TEMPERATURE),
        OTF(1, 7, HardwareTrip.OVER_TEMPERATURE),
        HWDF(2, 1, HardwareTrip.HOST_WATCHDOG),
        COVL(2, 4, HardwareTrip.CELL_OVER_VOLTAGE),
        OCDL(2, 5, HardwareTrip.DISCHARGE_OVER_CURRENT),
        SCDL(2, 6, HardwareTrip.SHORT_CIRCUIT),
        OCD3(2, 7, HardwareTrip.DISCHARGE_OVER_CURRENT);

        final int register;
        final int bit;
        final HardwareTrip meaning;

        Trip(int register, int bit, HardwareTrip meaning) {
            this.register = register;
            this.bit = bit;
            this.meaning = meaning;
        }

        public HardwareTrip meaning() {
            return meaning;
        }
    }

    private static final Trip[] TRIPS = Trip.values();

    private final Bq76952 chip;
    private final GpioInput alert;
    private final Bq76952ResetRecovery recovery;
    private final byte[] block = new byte[6];
    private final boolean[] tripped = new boolean[HardwareTrip.values().length];
    private boolean readOk;

    /**
     * @param alert the GPIO wired to ALERT, or {@code null}
     * @param plan the protection plan to write again after a reset, or {@code null} to only report it
     */
    Bq76952SafetyStatus(Bq76952 chip, GpioInput alert, Bq76952ProtectionPlan plan) {
        this.chip = chip;
        this.alert = alert;
        this.recovery = new Bq76952ResetRecovery(chip, plan);
    }

    /**
     * Reads the block. A read that fails keeps the last block read, and what was judged from it:
     * a chip that had tripped is not shown as recovered because one read failed (so no reset is
     * accepted on it), and one that had not is not shown as tripped.
     */
    @Override
    public boolean refresh() {
        try {
            chip.readDirect(Bq76952Commands.SAFETY_ALERT_A, block, 6);
            readOk = true;
        } catch (BusException e) {
            readOk = false;
        }
        boolean lost = tripped[HardwareTrip.CONFIGURATION_LOST.ordinal()];
        java.util.Arrays.fill(tripped, false);
        for (Trip t : TRIPS) {
            if (tripped(t)) {
                tripped[t.meaning.ordinal()] = true;
            }
        }
        tripped[HardwareTrip.ALERT_UNREAD.ordinal()] = !readOk && alertAsserted();
        tripped[HardwareTrip.CONFIGURATION_LOST.ordinal()] = readOk ? recovery.check() : lost;
        return readOk;
    }

    @Override
    public boolean tripped(HardwareTrip cause) {
        return tripped[cause.ordinal()];
    }

    /** True when {@code trip}'s Safety Status bit was set at the last refresh. */
    public boolean tripped(Trip trip) {
        return (block[2 * trip.register + 1] & 1 << trip.bit) != 0;
    }

    /** True when {@code trip}'s Safety Alert bit (condition present, delay running) was set at the last refresh. */
    boolean alerting(Trip trip) {
        return (block[2 * trip.register] & 1 << trip.bit) != 0;
    }

    /** The ALERT pin is low (asserted); false when it is not wired. */
    public boolean alertAsserted() {
        return alert != null && !alert.isHigh();
    }

    boolean lastReadOk() {
        return readOk;
    }

    @Override
    public String describe() {
        StringBuilder names = new StringBuilder();
        for (Trip t : TRIPS) {
            if (tripped(t)) {
                names.append(names.isEmpty() ? "" : " ").append(t.name());
            }
        }
        return String.format(
                Locale.ROOT,
                "BQ76952 %s Safety Status A=0x%02X B=0x%02X C=0x%02X [%s]%s; %s",
                chip.location(),
                block[1] & 0xFF,
                block[3] & 0xFF,
                block[5] & 0xFF,
                names,
                readOk
                        ? ""
                        : " (status unreadable, the last read shown" + (alertAsserted() ? ", ALERT asserted)" : ")"),
                readOk ? recovery.describe() : "Battery Status not read");
    }
}
