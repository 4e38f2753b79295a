package org.qsebms.hal.emulator;

/** A device on an {@link EmulatedI2cBus}: it sees the bytes of each transaction after its address. */
interface I2cTarget {
    int address();

    /** A write transaction: {@code data[0..n)} after {@code addr+W}. */
    void onWrite(byte[] data, int n);

    /** A read transaction: fill {@code data[0..n)} after {@code addr+R}. */
    void onRead(byte[] data, int n);
}
