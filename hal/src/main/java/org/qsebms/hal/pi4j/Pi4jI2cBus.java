package org.qsebms.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cRegisterBus;

/**
 * {@link I2cRegisterBus} on a Pi4J {@link I2C} per device address of one Linux I2C bus
 * ({@code /dev/i2c-N}). Words go MSB first using Pi4J's byte-array register calls, because
 * Pi4J's {@code readRegisterWord} follows the SMBus (LSB-first) order, which the ADS1115 does not.
 * Any Pi4J failure (the kernel reports a NACK as an I/O error) becomes a {@link BusException}.
 */
public final class Pi4jI2cBus implements I2cRegisterBus, I2cBlockBus, AutoCloseable {
    private final Context pi4j;
    private final int busNumber;
    private final String name;
    private final I2C[] devices = new I2C[128];
    private final byte[] word = new byte[2];

    Pi4jI2cBus(Context pi4j, int busNumber) {
        this.pi4j = pi4j;
        this.busNumber = busNumber;
        this.name = "i2c-" + busNumber;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int readRegisterWord(int address, int register) {
        try {
            int n = device(address).readRegister(register, word, 0, 2);
            if (n != 2) {
                throw new BusException(
                        BusException.Kind.IO,
                        name,
                        address,
                        String.format(
                                "read of register 0x%02X returned %d of 2 bytes; check wiring and pull-ups",
                                register, n));
            }
        } catch (Pi4JException | IllegalStateException e) {
            throw failed(address, "read", register, e);
        }
        return (word[0] & 0xFF) << 8 | word[1] & 0xFF;
    }

    @Override
    public int readCurrentWord(int address) {
        try {
            int n = device(address).read(word, 0, 2);
            if (n != 2) {
                throw new BusException(
                        BusException.Kind.IO,
                        name,
                        address,
                        "read at the current pointer returned " + n + " of 2 bytes; check wiring and pull-ups");
            }
        } catch (Pi4JException | IllegalStateException e) {
            throw new BusException(
                    BusException.Kind.IO,
                    name,
                    address,
                    "read at the current pointer failed (" + e.getMessage()
                            + "); check wiring, the address strap and `i2cdetect -y " + busNumber + "`",
                    e);
        }
        return (word[0] & 0xFF) << 8 | word[1] & 0xFF;
    }

    @Override
    public void writeRegisterWord(int address, int register, int value) {
        word[0] = (byte) (value >> 8);
        word[1] = (byte) value;
        try {
            device(address).writeRegister(register, word, 0, 2);
        } catch (Pi4JException | IllegalStateException e) {
            throw failed(address, "write", register, e);
        }
    }

    @Override
    public void writeBlock(int address, int register, byte[] data, int offset, int n) {
        try {
            device(address).writeRegister(register, data, offset, n);
        } catch (Pi4JException | IllegalStateException e) {
            throw failed(address, "block write", register, e);
        }
    }

    @Override
    public void readBlock(int address, int register, byte[] into, int offset, int n) {
        try {
            int got = device(address).readRegister(register, into, offset, n);
            if (got != n) {
                throw new BusException(
                        BusException.Kind.IO,
                        name,
                        address,
                        String.format(
                                "block read of register 0x%02X returned %d of %d bytes; check wiring and pull-ups",
                                register, got, n));
            }
        } catch (Pi4JException | IllegalStateException e) {
            throw failed(address, "block read", register, e);
        }
    }

    private BusException failed(int address, String op, int register, RuntimeException e) {
        return new BusException(
                BusException.Kind.IO,
                name,
                address,
                String.format(
                        "%s of register 0x%02X failed (%s); a NACK shows up like this: check wiring, the address strap and "
                                + "`i2cdetect -y %d`",
                        op, register, e.getMessage(), busNumber),
                e);
    }

    private I2C device(int address) {
        I2C d = devices[address];
        if (d == null) {
            d = pi4j.create(I2C.newConfigBuilder(pi4j)
                    .id(String.format("%s-0x%02x", name, address))
                    .name(String.format("%s device 0x%02X", name, address))
                    .bus(busNumber)
                    .device(address)
                    .build());
            devices[address] = d;
        }
        return d;
    }

    @Override
    public void close() {
        for (int i = 0; i < devices.length; i++) {
            if (devices[i] != null) {
                devices[i].close();
                devices[i] = null;
            }
        }
    }
}
