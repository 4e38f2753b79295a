package org.qsebms.hal.bq76952;

import static org.qsebms.hal.bq76952.Bq76952Commands.BATTERY_STATUS;
import static org.qsebms.hal.bq76952.Bq76952Commands.BATTERY_STATUS_CFGUPDATE;
import static org.qsebms.hal.bq76952.Bq76952Commands.DATA_MEMORY_START;
import static org.qsebms.hal.bq76952.Bq76952Commands.EXIT_CFGUPDATE;
import static org.qsebms.hal.bq76952.Bq76952Commands.SET_CFGUPDATE;
import static org.qsebms.hal.bq76952.Bq76952Commands.SUBCOMMAND_LOW;
import static org.qsebms.hal.bq76952.Bq76952Commands.TRANSFER_BUFFER;
import static org.qsebms.hal.bq76952.Bq76952Commands.TRANSFER_CHECKSUM;

import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cCrc8;
import org.qsebms.hal.bus.Pause;

/**
 * Protocol driver for one TI BQ76952 (3-16S battery monitor and protector) on I2C, after the
 * BQ76952 Technical Reference Manual (SLUUBY2) and TI's application note SLUAA11:
 * <ul>
 *   <li>direct commands: little-endian 1- or 2-byte values read at a 7-bit command, or a block
 *       of consecutive commands in one read (all 16 cells are 32 bytes at 0x14);</li>
 *   <li>subcommands: the 16-bit code written little-endian to 0x3E/0x3F; 0x3E/0x3F read back
 *       0xFF while the chip works and the code when done; the answer is in the 32-byte transfer
 *       buffer at 0x40 with its checksum at 0x60 (the inverted 8-bit sum of the code bytes and the
 *       data) and its length at 0x61 (data + 4);</li>
 *   <li>data memory: the same path with the data-memory address; a write puts the value into the
 *       buffer and then checksum and length as one word at 0x60; writes take effect only in
 *       CONFIG_UPDATE mode (SET_CFGUPDATE 0x0090 / EXIT_CFGUPDATE 0x0092, shown by Battery Status
 *       bit 0);</li>
 *   <li>optional I2C CRC-8 (poly 0x07): on writes each data byte is followed by its CRC, the
 *       first CRC also covering address and register; on reads each byte is followed by its CRC,
 *       the first covering address+W, register, address+R and the byte.</li>
 * </ul>
 * Not thread-safe: one owner (the control loop, or start-up before it).
 */
public final class Bq76952 {
    /** A subcommand needs at least 50 us; poll 0x3E every 100 us up to 100 times (IROM_SIG takes 8.5 ms). */
    static final long FIRST_POLL_NANOS = 50_000;

    static final long POLL_NANOS = 100_000;
    static final int MAX_POLLS = 100;
    /** Time the chip takes to enter or leave CONFIG_UPDATE (TRM subcommand timing table). */
    static final long CONFIG_UPDATE_NANOS = 2_000_000;

    private final I2cBlockBus bus;
    private final int address;
    private final boolean crc;
    private final Pause pause;
    private final byte[] wire = new byte[2 * 40];
    private final byte[] data = new byte[40];
    private final byte[] echo = new byte[2];
    private final byte[] trailer = new byte[2];
    private final byte[] transfer = new byte[32];
    private boolean configUpdate;

    public Bq76952(I2cBlockBus bus, int address, boolean crc, Pause pause) {
        if (address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException(String.format(
                    "%s: BQ76952 address 0x%02X is not a 7-bit I2C address; the chip's default is 0x08 "
                            + "(Settings:Configuration:I2C Address 0x10 as 8-bit)",
                    bus.name(), address));
        }
        this.bus = bus;
        this.address = address;
        this.crc = crc;
        this.pause = pause;
    }

    /** {@code i2c-1 0x08}, for messages. */
    public String location() {
        return String.format("%s 0x%02X", bus.name(), address);
    }

    public boolean crc() {
        return crc;
    }

    // ---- direct commands ------------------------------------------------------------------

    /** Reads {@code n} bytes of consecutive direct commands from {@code command} into {@code into}. */
    void readDirect(int command, byte[] into, int n) {
        if (!crc) {
            bus.readBlock(address, command, into, 0, n);
            return;
        }
        bus.readBlock(address, command, wire, 0, 2 * n);
        int first = I2cCrc8.update(0, address << 1);
        first = I2cCrc8.update(first, command);
        first = I2cCrc8.update(first, address << 1 | 1);
        for (int i = 0; i < n; i++) {
            int b = wire[2 * i] & 0xFF;
            int expected = I2cCrc8.update(i == 0 ? first : 0, b);
            if ((wire[2 * i + 1] & 0xFF) != expected) {
                throw new BusException(
                        BusException.Kind.IO,
                        bus.name(),
                        address,
                        String.format(
                                "CRC error reading command 0x%02X byte %d: got 0x%02X, computed 0x%02X; check pull-ups, "
                                        + "cable length and bus speed",
                                command, i, wire[2 * i + 1] & 0xFF, expected));
            }
            into[i] = (byte) b;
        }
    }

    /** A 1-byte direct command (FET Status, Safety Status A..C), 0..255. */
    public int readDirectU1(int command) {
        readDirect(command, data, 1);
        return data[0] & 0xFF;
    }

    /** A 2-byte unsigned direct command (Battery Status, Alarm Status), 0..65535. */
    int readDirectU2(int command) {
        readDirect(command, data, 2);
        return u2(data, 0);
    }

    /** A 2-byte signed direct command (voltages, CC2 current, temperatures). */
    int readDirectI2(int command) {
        readDirect(command, data, 2);
        return (short) u2(data, 0);
    }

    /** Writes {@code n} bytes to consecutive commands from {@code command}. */
    void writeDirect(int command, byte[] bytes, int n) {
        if (!crc) {
            bus.writeBlock(address, command, bytes, 0, n);
            return;
        }
        int first = I2cCrc8.update(0, address << 1);
        first = I2cCrc8.update(first, command);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            wire[2 * i] = (byte) b;
            wire[2 * i + 1] = (byte) I2cCrc8.update(i == 0 ? first : 0, b);
        }
        bus.writeBlock(address, command, wire, 0, 2 * n);
    }

    // ---- subcommands and data memory -------------------------------------------------------

    /** Sends a subcommand that takes and returns no data (FET_ENABLE, ALL_FETS_OFF, RESET, ...). */
    public void subcommand(int code) {
        data[0] = (byte) code;
        data[1] = (byte) (code >> 8);
        writeDirect(SUBCOMMAND_LOW, data, 2);
    }

    /**
     * Sends {@code code} (a subcommand or a data-memory address) and reads its answer: waits until
     * 0x3E/0x3F read back the code, checks length and checksum, and copies up to {@code n} bytes
     * into {@code into}. Returns the number of data bytes the chip offered.
     */
    int readTransfer(int code, byte[] into, int n) {
        subcommand(code);
        pause.nanos(FIRST_POLL_NANOS);
        for (int i = 0; ; i++) {
            readDirect(SUBCOMMAND_LOW, echo, 2);
            if (u2(echo, 0) == code) {
                break;
            }
            if (i == MAX_POLLS) {
                throw new BusException(
                        BusException.Kind.TIMEOUT,
                        bus.name(),
                        address,
                        String.format(
                                "%s 0x%04X not done after %d us (0x3E/0x3F read 0x%04X); the chip may be in reset or "
                                        + "SHUTDOWN; check REG1/BAT and power-cycle",
                                kind(code), code, (FIRST_POLL_NANOS + MAX_POLLS * POLL_NANOS) / 1000, u2(echo, 0)));
            }
            pause.nanos(POLL_NANOS);
        }
        readDirect(TRANSFER_CHECKSUM, trailer, 2);
        int length = (trailer[1] & 0xFF) - 4;
        if (length < 0 || length > 32) {
            throw new BusException(
                    BusException.Kind.IO,
                    bus.name(),
                    address,
                    String.format(
                            "%s 0x%04X: transfer length byte 0x%02X is outside 4..36; the chip answered garbage, check the bus",
                            kind(code), code, trailer[1] & 0xFF));
        }
        readDirect(TRANSFER_BUFFER, transfer, length);
        int expected = checksum(code, transfer, length);
        if ((trailer[0] & 0xFF) != expected) {
            throw new BusException(
                    BusException.Kind.IO,
                    bus.name(),
                    address,
                    String.format(
                            "%s 0x%04X: checksum at 0x60 is 0x%02X, the data give 0x%02X; the transfer was corrupted, "
                                    + "check pull-ups and bus speed",
                            kind(code), code, trailer[0] & 0xFF, expected));
        }
        System.arraycopy(transfer, 0, into, 0, Math.min(n, length));
        return length;
    }

    /** Subcommand with data (CB_ACTIVE_CELLS) or a data-memory write: code, buffer, checksum and length. */
    void writeTransfer(int code, byte[] bytes, int n) {
        if (n < 1 || n > 32) {
            throw new IllegalArgumentException("a transfer carries 1..32 bytes, not " + n);
        }
        if (code >= DATA_MEMORY_START && !configUpdate) {
            throw new IllegalStateException(String.format(
                    "%s: data memory 0x%04X written outside CONFIG_UPDATE mode; call enterConfigUpdate() first",
                    location(), code));
        }
        subcommand(code);
        writeDirect(TRANSFER_BUFFER, bytes, n);
        trailer[0] = (byte) checksum(code, bytes, n);
        trailer[1] = (byte) (n + 4);
        writeDirect(TRANSFER_CHECKSUM, trailer, 2);
    }

    /** Reads {@code n} (1..4) bytes of data memory at {@code dmAddress}, little-endian, unsigned. */
    public long readDataMemory(int dmAddress, int n) {
        byte[] value = new byte[4];
        int offered = readTransfer(dmAddress, value, n);
        if (offered < n) {
            throw new BusException(
                    BusException.Kind.IO,
                    bus.name(),
                    address,
                    String.format("data memory 0x%04X: the chip offered %d bytes, %d needed", dmAddress, offered, n));
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | value[i] & 0xFF;
        }
        return v;
    }

    /** Writes the low {@code n} (1..4) bytes of {@code value} to data memory, little-endian (CONFIG_UPDATE only). */
    void writeDataMemory(int dmAddress, long value, int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (value >> 8 * i);
        }
        writeTransfer(dmAddress, bytes, n);
    }

    /** SET_CFGUPDATE, then waits until Battery Status shows CFGUPDATE (the chip turns its FETs off). */
    void enterConfigUpdate() {
        changeConfigUpdate(SET_CFGUPDATE, true);
    }

    /** EXIT_CFGUPDATE, then waits until Battery Status clears CFGUPDATE (protections run again). */
    void exitConfigUpdate() {
        changeConfigUpdate(EXIT_CFGUPDATE, false);
    }

    public boolean inConfigUpdate() {
        return configUpdate;
    }

    private void changeConfigUpdate(int code, boolean wanted) {
        subcommand(code);
        pause.nanos(CONFIG_UPDATE_NANOS);
        for (int i = 0; i < 5; i++) {
            boolean now = (readDirectU2(BATTERY_STATUS) & BATTERY_STATUS_CFGUPDATE) != 0;
            if (now == wanted) {
                configUpdate = wanted;
                return;
            }
            pause.nanos(500_000);
        }
        throw new BusException(
                BusException.Kind.TIMEOUT,
                bus.name(),
                address,
                (wanted ? "did not enter" : "did not leave")
                        + " CONFIG_UPDATE mode within 4.5 ms (Battery Status bit 0 "
                        + (wanted ? "still 0" : "still 1")
                        + "); the chip may be SEALED: unseal it with its security keys");
    }

    static int checksum(int code, byte[] bytes, int n) {
        int sum = (code & 0xFF) + (code >> 8 & 0xFF);
        for (int i = 0; i < n; i++) {
            sum += bytes[i] & 0xFF;
        }
        return ~sum & 0xFF;
    }

    static int u2(byte[] b, int off) {
        return b[off] & 0xFF | (b[off + 1] & 0xFF) << 8;
    }

    private static String kind(int code) {
        return code >= DATA_MEMORY_START ? "data memory" : "subcommand";
    }
}
