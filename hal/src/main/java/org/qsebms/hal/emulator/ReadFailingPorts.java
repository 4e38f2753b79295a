package org.qsebms.hal.emulator;

import java.util.function.IntPredicate;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.wiring.BoardPorts;

/**
 * Fault injection for a board: its ports as they are, except that an I2C block read of a register
 * {@link #failReads} chooses fails with a NACK (a bus that fails only some transactions: one
 * register's read, not the rest of the tick's). Counts the reads it failed.
 */
public final class ReadFailingPorts extends ForwardingPorts {
    private IntPredicate failing = register -> false;
    private int failed;

    public ReadFailingPorts(BoardPorts board) {
        super(board);
    }

    /** From now on, block reads of every register {@code registers} accepts fail. */
    public void failReads(IntPredicate registers) {
        this.failing = registers;
    }

    /** Block reads failed so far. */
    public int failedReads() {
        return failed;
    }

    @Override
    public I2cBlockBus i2cBlock(int bus) {
        I2cBlockBus real = board.i2cBlock(bus);
        return new I2cBlockBus() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public void writeBlock(int address, int register, byte[] data, int offset, int n) {
                real.writeBlock(address, register, data, offset, n);
            }

            @Override
            public void readBlock(int address, int register, byte[] into, int offset, int n) {
                if (failing.test(register)) {
                    failed++;
                    throw new BusException(
                            BusException.Kind.NACK,
                            real.name(),
                            address,
                            String.format("injected NACK on a read of 0x%02X", register));
                }
                real.readBlock(address, register, into, offset, n);
            }
        };
    }
}
