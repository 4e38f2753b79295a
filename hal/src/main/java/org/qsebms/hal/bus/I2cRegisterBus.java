package org.qsebms.hal.bus;

/**
 * The narrow I2C view the drivers need: 16-bit register reads and writes at a 7-bit device
 * address, big-endian on the wire (MSB first, as the ADS1115 sends it). A write sends
 * {@code addr+W, pointer, MSB, LSB}; a read sends {@code addr+W, pointer, Sr, addr+R} and
 * receives {@code MSB, LSB}.
 *
 * <p>Implemented on Pi4J by {@link org.qsebms.hal.pi4j.Pi4jI2cBus} and, for tests and the
 * simulated pack, by the register-level emulators. Failures throw {@link BusException}.
 */
public interface I2cRegisterBus {
    /** The bus name used in messages, e.g. {@code i2c-1}. */
    String name();

    /** Reads the 16-bit register {@code register} of the device at {@code address}; 0..0xFFFF. */
    int readRegisterWord(int address, int register);

    /** Writes the 16-bit {@code value} (0..0xFFFF) to {@code register} of the device at {@code address}. */
    void writeRegisterWord(int address, int register, int value);

    /**
     * Reads 16 bits at the register the device's pointer already selects: {@code addr+R, MSB,
     * LSB}, 3 bytes instead of 5 (for polling a register the last write selected).
     */
    int readCurrentWord(int address);
}
