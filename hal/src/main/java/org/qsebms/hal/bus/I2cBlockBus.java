package org.qsebms.hal.bus;

/**
 * The narrow I2C view of a chip with a byte-addressed command space (the BQ76952): a block
 * write sends {@code addr+W, register, data[0..n)} in one transaction, a block read sends
 * {@code addr+W, register, Sr, addr+R} and receives {@code n} bytes. The chip defines the byte
 * order of what is inside the block; this view moves bytes only. Failures throw
 * {@link BusException}.
 */
public interface I2cBlockBus {
    /** The bus name used in messages, e.g. {@code i2c-1}. */
    String name();

    /** Writes {@code data[offset..offset+n)} starting at {@code register} of the device at {@code address}. */
    void writeBlock(int address, int register, byte[] data, int offset, int n);

    /** Reads {@code n} bytes starting at {@code register} into {@code into[offset..offset+n)}. */
    void readBlock(int address, int register, byte[] into, int offset, int n);
}
