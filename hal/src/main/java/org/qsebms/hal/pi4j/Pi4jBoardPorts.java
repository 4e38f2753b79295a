package org.qsebms.hal.pi4j;

import com.pi4j.context.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qsebms.hal.Watchdog;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cRegisterBus;
import org.qsebms.hal.bus.Pause;
import org.qsebms.hal.bus.SpiBus;
import org.qsebms.hal.watchdog.BothWatchdogs;
import org.qsebms.hal.watchdog.LinuxWatchdog;
import org.qsebms.hal.watchdog.SystemdWatchdog;
import org.qsebms.hal.wiring.BoardPorts;

/**
 * Buses and pins of a real Raspberry Pi through Pi4J. Refuses a context whose providers are
 * Pi4J's mock plugin ({@link RealProviderCheck}). Closing shuts the context down.
 */
public final class Pi4jBoardPorts implements BoardPorts {
    private final Context pi4j;
    private final Pi4jGpio gpio;
    private final Map<Integer, Pi4jI2cBus> i2c = new HashMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    public Pi4jBoardPorts(Context pi4j) {
        RealProviderCheck.requireRealProviders(pi4j);
        this.pi4j = pi4j;
        this.gpio = new Pi4jGpio(pi4j);
    }

    @Override
    public I2cRegisterBus i2c(int bus) {
        return pi4jI2c(bus);
    }

    @Override
    public I2cBlockBus i2cBlock(int bus) {
        return pi4jI2c(bus);
    }

    private Pi4jI2cBus pi4jI2c(int bus) {
        return i2c.computeIfAbsent(bus, b -> {
            Pi4jI2cBus created = new Pi4jI2cBus(pi4j, b);
            open.add(created);
            return created;
        });
    }

    @Override
    public SpiBus spi(int bus, int chipSelect, int clockHz) {
        Pi4jSpiBus spi = new Pi4jSpiBus(pi4j, bus, chipSelect, clockHz);
        open.add(spi);
        return spi;
    }

    @Override
    public GpioOutput output(int pin, String purpose) {
        return gpio.output(pin, purpose);
    }

    @Override
    public GpioInput input(int pin, String purpose) {
        return gpio.input(pin, purpose, true);
    }

    @Override
    public Pause pause() {
        return Pause.parking();
    }

    @Override
    public java.util.function.LongSupplier nanoClock() {
        return System::nanoTime;
    }

    @Override
    public Watchdog watchdog(String device) {
        Watchdog hardware = device.isEmpty() ? Watchdog.none() : new LinuxWatchdog(Path.of(device));
        return new BothWatchdogs(hardware, SystemdWatchdog.fromEnvironment());
    }

    @Override
    public void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // shutting down: the context shutdown below releases what is left
            }
        }
        pi4j.shutdown();
    }
}
