package org.qsebms.hal.wiring;

import org.qsebms.hal.Watchdog;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cRegisterBus;
import org.qsebms.hal.bus.Pause;
import org.qsebms.hal.bus.SpiBus;

/**
 * Where the buses and pins come from: Pi4J on a Pi ({@link org.qsebms.hal.pi4j.Pi4jBoardPorts})
 * or the register-level emulators ({@link org.qsebms.hal.emulator.EmulatedBoard}).
 */
public interface BoardPorts extends AutoCloseable {
    I2cRegisterBus i2c(int bus);

    /** The same bus for chips with a byte-addressed command space (BQ76952). */
    I2cBlockBus i2cBlock(int bus);

    SpiBus spi(int bus, int chipSelect, int clockHz);

    GpioOutput output(int pin, String purpose);

    /** An input with pull-up. */
    GpioInput input(int pin, String purpose);

    Pause pause();

    /**
     * The time the pauses run on: System.nanoTime on a Pi, the emulators' clock otherwise. It has
     * no default so that a wrapper cannot pair another clock with the wrapped board's pause (the
     * probe's wrapper once timed emulated conversions on the wall clock and failed under load).
     */
    java.util.function.LongSupplier nanoClock();

    /** The watchdog on {@code device}; {@link Watchdog#none()} for an empty path. */
    Watchdog watchdog(String device);

    @Override
    void close();
}
