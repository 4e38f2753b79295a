package org.qsebms.hal.emulator;

import java.util.function.LongSupplier;
import org.qsebms.hal.Watchdog;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cRegisterBus;
import org.qsebms.hal.bus.Pause;
import org.qsebms.hal.bus.SpiBus;
import org.qsebms.hal.wiring.BoardPorts;

/**
 * A board's ports as they are, for a fault injection to override the one port it breaks (a read that fails, a write
 * that throws, a bus that cannot be opened). Closing it leaves the wrapped board to its owner.
 */
public abstract class ForwardingPorts implements BoardPorts {
    protected final BoardPorts board;

    protected ForwardingPorts(BoardPorts board) {
        this.board = board;
    }

    @Override
    public I2cRegisterBus i2c(int bus) {
        return board.i2c(bus);
    }

    @Override
    public I2cBlockBus i2cBlock(int bus) {
        return board.i2cBlock(bus);
    }

    @Override
    public SpiBus spi(int bus, int chipSelect, int clockHz) {
        return board.spi(bus, chipSelect, clockHz);
    }

    @Override
    public GpioOutput output(int pin, String purpose) {
        return board.output(pin, purpose);
    }

    @Override
    public GpioInput input(int pin, String purpose) {
        return board.input(pin, purpose);
    }

    @Override
    public Pause pause() {
        return board.pause();
    }

    @Override
    public LongSupplier nanoClock() {
        return board.nanoClock();
    }

    @Override
    public Watchdog watchdog(String device) {
        return board.watchdog(device);
    }

    @Override
    public void close() {}
}
