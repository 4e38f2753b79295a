package org.qsebms.hal.bus;

/**
 * The narrow SPI view the drivers need: one full-duplex transfer to one chip select.
 * {@code write[0..n)} is clocked out while {@code read[0..n)} is clocked in. Failures throw
 * {@link BusException}.
 */
public interface SpiBus {
    /** The bus name used in messages, e.g. {@code spi0}. */
    String name();

    /** The chip select (CE line) this bus talks to. */
    int chipSelect();

    void transfer(byte[] write, byte[] read, int n);
}
