package org.qsebms.bms.cli;

import java.util.ArrayList;
import java.util.List;
import org.qsebms.hal.Watchdog;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cRegisterBus;
import org.qsebms.hal.bus.Pause;
import org.qsebms.hal.bus.SpiBus;
import org.qsebms.hal.wiring.BoardPorts;

/**
 * The buses and pins {@code bms hal probe} works on. A bus or pin that cannot be opened (off a
 * Pi, SPI not enabled, no permission) becomes a stand-in that fails every transfer with the
 * reason, so the probe reports every chip with why it did not answer instead of stopping at the
 * first bus; a pin that cannot be opened is listed once and stands idle (the probe drives and reads
 * no pin). The probe never arms the hardware watchdog (a running service may hold it).
 */
final class ProbePorts implements BoardPorts {
    /** A bus or pin ({@code what}, e.g. {@code GPIO 5}) that could not be opened for {@code purpose}, and why. */
    record OpenFailure(String what, String purpose, String cause) {
        String reason() {
            return "cannot open " + what + " (" + purpose + "): " + cause;
        }
    }

    private final BoardPorts ports;
    private final List<OpenFailure> failures = new ArrayList<>();

    ProbePorts(BoardPorts ports) {
        this.ports = ports;
    }

    List<OpenFailure> openFailures() {
        return List.copyOf(failures);
    }

    @Override
    public I2cRegisterBus i2c(int bus) {
        try {
            return ports.i2c(bus);
        } catch (RuntimeException e) {
            String name = "i2c-" + bus;
            OpenFailure failure = new OpenFailure(name, "I2C bus", reasonOf(e));
            failures.add(failure);
            String reason = failure.reason();
            return new I2cRegisterBus() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public int readRegisterWord(int address, int register) {
                    throw new BusException(BusException.Kind.IO, name, address, reason);
                }

                @Override
                public void writeRegisterWord(int address, int register, int value) {
                    throw new BusException(BusException.Kind.IO, name, address, reason);
                }

                @Override
                public int readCurrentWord(int address) {
                    throw new BusException(BusException.Kind.IO, name, address, reason);
                }
            };
        }
    }

    @Override
    public I2cBlockBus i2cBlock(int bus) {
        try {
            return ports.i2cBlock(bus);
        } catch (RuntimeException e) {
            String name = "i2c-" + bus;
            OpenFailure failure = new OpenFailure(name, "I2C bus", reasonOf(e));
            failures.add(failure);
            String reason = failure.reason();
            return new I2cBlockBus() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public void writeBlock(int address, int register, byte[] data, int offset, int n) {
                    throw new BusException(BusException.Kind.IO, name, address, reason);
                }

                @Override
                public void readBlock(int address, int register, byte[] into, int offset, int n) {
                    throw new BusException(BusException.Kind.IO, name, address, reason);
                }
            };
        }
    }

    @Override
    public SpiBus spi(int bus, int chipSelect, int clockHz) {
        try {
            return ports.spi(bus, chipSelect, clockHz);
        } catch (RuntimeException e) {
            String name = "spi" + bus;
            OpenFailure failure =
                    new OpenFailure(name + " cs" + chipSelect, "/dev/spidev" + bus + "." + chipSelect, reasonOf(e));
            failures.add(failure);
            String reason = failure.reason();
            return new SpiBus() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public int chipSelect() {
                    return chipSelect;
                }

                @Override
                public void transfer(byte[] write, byte[] read, int n) {
                    throw new BusException(BusException.Kind.IO, name, chipSelect, reason);
                }
            };
        }
    }

    @Override
    public GpioOutput output(int pin, String purpose) {
        try {
            return ports.output(pin, purpose);
        } catch (RuntimeException e) {
            failures.add(new OpenFailure("GPIO " + pin, purpose + ", output", reasonOf(e)));
            return new GpioOutput() {
                @Override
                public int pin() {
                    return pin;
                }

                @Override
                public void set(boolean high) {
                    // reported once as an open failure; the probe drives nothing
                }

                @Override
                public boolean isHigh() {
                    return false;
                }
            };
        }
    }

    @Override
    public GpioInput input(int pin, String purpose) {
        try {
            return ports.input(pin, purpose);
        } catch (RuntimeException e) {
            failures.add(new OpenFailure("GPIO " + pin, purpose + ", input", reasonOf(e)));
            return new GpioInput() {
                @Override
                public int pin() {
                    return pin;
                }

                @Override
                public boolean isHigh() {
                    return false; // reported once as an open failure; the probe reads no pin
                }
            };
        }
    }

    @Override
    public Pause pause() {
        return ports.pause();
    }

    /** The wrapped board's clock: the one its {@link #pause()} moves. */
    @Override
    public java.util.function.LongSupplier nanoClock() {
        return ports.nanoClock();
    }

    @Override
    public Watchdog watchdog(String device) {
        return Watchdog.none();
    }

    @Override
    public void close() {
        ports.close();
    }

    /** The innermost message that says something (Pi4J wraps the operating system's reason). */
    private static String reasonOf(Throwable e) {
        String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !reason.contains(c.getMessage())) {
                reason += " (" + c.getMessage() + ")";
            }
        }
        return reason;
    }
}
