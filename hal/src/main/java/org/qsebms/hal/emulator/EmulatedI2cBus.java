package org.qsebms.hal.emulator;

import java.util.SplittableRandom;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cRegisterBus;

/**
 * An I2C bus with emulated targets, speaking the same byte transactions a Linux i2c-dev
 * adapter would: a register write is one write transaction {@code [pointer, MSB, LSB]}, a
 * register read is a write {@code [pointer]} followed by a 2-byte read. An address with no
 * target NACKs. A bus error rate (fixed seed) makes transactions NACK at random.
 */
public final class EmulatedI2cBus implements I2cRegisterBus, I2cBlockBus {
    private final String name;
    private final I2cTarget[] targets = new I2cTarget[128];
    private final byte[] buffer = new byte[3];
    private final byte[] block = new byte[257];
    private SplittableRandom errors = new SplittableRandom(1);
    private double errorRate;
    private long bytesOnWire;
    private long transactions;
    private ManualNanoClock wireClock;
    private double nanosPerByte;
    private double wireCarry;

    public EmulatedI2cBus(String name) {
        this.name = name;
    }

    public EmulatedI2cBus attach(I2cTarget target) {
        if (targets[target.address()] != null) {
            throw new IllegalArgumentException(
                    String.format("%s: address 0x%02X already taken", name, target.address()));
        }
        targets[target.address()] = target;
        return this;
    }

    public void detach(int address) {
        targets[address] = null;
    }

    /** Makes each transaction NACK with probability {@code rate}, drawn from a generator seeded with {@code seed}. */
    public void injectErrorRate(double rate, long seed) {
        errorRate = rate;
        errors = new SplittableRandom(seed);
    }

    /**
     * Makes every transaction take its wire time on {@code clock}: 9 clocks per byte (8 bits and
     * the ACK) at {@code busHz}, so a timed run sees bus time where a real bus would spend it.
     */
    public void clockWire(ManualNanoClock clock, double busHz) {
        this.wireClock = clock;
        this.nanosPerByte = 9e9 / busHz;
    }

    private void wire(int bytes) {
        bytesOnWire += bytes;
        if (wireClock != null) {
            wireCarry += bytes * nanosPerByte;
            long whole = (long) wireCarry;
            wireCarry -= whole;
            wireClock.advance(whole);
        }
    }

    /** Bytes clocked on the wire including address bytes (ACK bits not counted). */
    public long bytesOnWire() {
        return bytesOnWire;
    }

    public long transactions() {
        return transactions;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int readRegisterWord(int address, int register) {
        I2cTarget t = target(address, register, "read");
        buffer[0] = (byte) register;
        wire(5);
        t.onWrite(buffer, 1);
        t.onRead(buffer, 2);
        transactions += 2;
        return (buffer[0] & 0xFF) << 8 | buffer[1] & 0xFF;
    }

    @Override
    public int readCurrentWord(int address) {
        I2cTarget t = target(address, -1, "read at the current pointer");
        wire(3);
        t.onRead(buffer, 2);
        transactions++;
        return (buffer[0] & 0xFF) << 8 | buffer[1] & 0xFF;
    }

    @Override
    public void writeRegisterWord(int address, int register, int value) {
        I2cTarget t = target(address, register, "write");
        buffer[0] = (byte) register;
        buffer[1] = (byte) (value >> 8);
        buffer[2] = (byte) value;
        wire(4);
        t.onWrite(buffer, 3);
        transactions++;
    }

    /** Block write: one transaction {@code addr+W, register, data...}. */
    @Override
    public void writeBlock(int address, int register, byte[] data, int offset, int n) {
        I2cTarget t = target(address, register, "block write");
        block[0] = (byte) register;
        System.arraycopy(data, offset, block, 1, n);
        wire(2 + n);
        t.onWrite(block, n + 1);
        transactions++;
    }

    /** Block read: {@code addr+W, register, Sr, addr+R, n bytes}. */
    @Override
    public void readBlock(int address, int register, byte[] into, int offset, int n) {
        I2cTarget t = target(address, register, "block read");
        block[0] = (byte) register;
        wire(3 + n);
        t.onWrite(block, 1);
        t.onRead(block, n);
        System.arraycopy(block, 0, into, offset, n);
        transactions += 2;
    }

    private static String registerText(int register) {
        return register < 0 ? "" : String.format(" of register 0x%02X", register);
    }

    private I2cTarget target(int address, int register, String op) {
        I2cTarget t = address >= 0 && address < 128 ? targets[address] : null;
        if (t == null) {
            wire(1);
            throw new BusException(
                    BusException.Kind.NACK,
                    name,
                    address,
                    String.format(
                            "on %s%s: no device acknowledged; check wiring, the ADDR strap and `i2cdetect -y N`",
                            op, registerText(register)));
        }
        if (errorRate > 0 && errors.nextDouble() < errorRate) {
            wire(1);
            throw new BusException(
                    BusException.Kind.NACK,
                    name,
                    address,
                    String.format(
                            "on %s%s (injected bus error); check cable length, pull-ups and bus speed",
                            op, registerText(register)));
        }
        return t;
    }
}
