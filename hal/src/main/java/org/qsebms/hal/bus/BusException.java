package org.qsebms.hal.bus;

/**
 * A transfer on an I2C or SPI bus failed: no acknowledge, a timeout, or an I/O error of the
 * bus driver. The message names the bus, the device address (or chip select) and what was
 * being done, and suggests a fix. Drivers throw it; front ends turn it into
 * {@link org.qsebms.hal.SensorStatus#BUS_ERROR} with this message as the fault text.
 */
public final class BusException extends RuntimeException {
    /** What went wrong on the wire. */
    public enum Kind {
        /** The device did not acknowledge its address or a byte (I2C). */
        NACK,
        /** The device did not finish in time (e.g. a conversion that never completed). */
        TIMEOUT,
        /** The bus driver reported an I/O error, or the answer violated the protocol. */
        IO
    }

    private final Kind kind;
    private final String bus;
    private final int address;

    public BusException(Kind kind, String bus, int address, String what) {
        this(kind, bus, address, what, null);
    }

    public BusException(Kind kind, String bus, int address, String what, Throwable cause) {
        super(bus + " " + formatAddress(bus, address) + ": " + kind + " " + what, cause);
        this.kind = kind;
        this.bus = bus;
        this.address = address;
    }

    public Kind kind() {
        return kind;
    }

    public String bus() {
        return bus;
    }

    /** The 7-bit I2C address, or the SPI chip select. */
    public int address() {
        return address;
    }

    private static String formatAddress(String bus, int address) {
        return bus.startsWith("spi") ? "cs" + address : String.format("address 0x%02X", address);
    }
}
