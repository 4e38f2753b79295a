package org.qsebms.hal.emulator;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.Watchdog;
import org.qsebms.hal.bq76952.Bq76952Wiring;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cRegisterBus;
import org.qsebms.hal.bus.Pause;
import org.qsebms.hal.bus.SpiBus;
import org.qsebms.hal.wiring.BoardPorts;
import org.qsebms.hal.wiring.ContactorPins;

/**
 * A Pi wired to a BQ76952 as a {@link Bq76952Wiring} says, made of emulators: the
 * {@link Bq76952Emulator} on its I2C bus (its ALERT pin on the configured GPIO), a
 * {@link ContactorEmulator} per GPIO contactor, plain outputs for fan and heater, and the Pi's
 * watchdog ({@link EmulatedWatchdog}). When the watchdog expires the Pi resets: every output is
 * released to its default (input, pulled down on the board), so the coils drop and the contactors
 * open after their operate time; the outputs stay released (the BMS process is gone).
 */
public final class EmulatedBq76952Board implements BoardPorts {
    /** Default timeout of the Pi's watchdog as systemd/bcm2835-wdt arm it. */
    public static final long DEFAULT_WATCHDOG_NANOS = 15_000_000_000L;

    private final Bq76952Wiring wiring;
    private final ManualNanoClock clock;
    private final EmulatedI2cBus bus;
    private final Bq76952Emulator chip;
    private final Map<ContactorId, ContactorEmulator> contactors = new EnumMap<>(ContactorId.class);
    private final Map<Integer, EmulatedGpio.Output> plain = new HashMap<>();
    private final EmulatedWatchdog watchdog;
    private boolean released;

    public EmulatedBq76952Board(Bq76952Wiring wiring, ManualNanoClock clock, long watchdogTimeoutNanos) {
        this.wiring = wiring;
        this.clock = clock;
        this.chip = new Bq76952Emulator(wiring.address(), clock, wiring.crc(), wiring.shuntOhms());
        this.bus = new EmulatedI2cBus("i2c-" + wiring.bus()).attach(chip);
        for (var e : wiring.contactors().entrySet()) {
            ContactorPins pins = e.getValue();
            contactors.put(
                    e.getKey(),
                    new ContactorEmulator(
                            pins.coilPin(), pins.feedbackPin(), clock, EmulatedBoard.CONTACTOR_OPERATE_NANOS));
        }
        this.watchdog = new EmulatedWatchdog(clock, watchdogTimeoutNanos);
    }

    public Bq76952Emulator chip() {
        return chip;
    }

    public EmulatedI2cBus bus() {
        return bus;
    }

    public ManualNanoClock clock() {
        return clock;
    }

    EmulatedWatchdog linuxWatchdog() {
        return watchdog;
    }

    /** The GPIO contactor {@code id}, or null for the one the chip's FETs stand for. */
    public ContactorEmulator contactor(ContactorId id) {
        return contactors.get(id);
    }

    /** Feeds the chip from the pack: cell volts on inputs as wired, charge-positive amps, TS temperatures. */
    public void connectPack(double[] cellVolts, DoubleSupplier amps, double[] tsCelsius) {
        chip.connect(
                cellVolts,
                wiring.cellInputs().stream().mapToInt(Integer::intValue).toArray(),
                amps,
                tsCelsius);
    }

    /**
     * Brings the board to the clock's time: the chip evaluates its protections, and an expired
     * watchdog releases every output.
     */
    public void advance() {
        chip.advance();
        if (!released && watchdog.expired()) {
            released = true;
            for (ContactorEmulator c : contactors.values()) {
                c.coil().set(false);
            }
            for (EmulatedGpio.Output o : plain.values()) {
                o.set(false);
            }
        }
    }

    /** True once the watchdog has reset the Pi and released the outputs. */
    public boolean outputsReleased() {
        return released;
    }

    /** True while the current path through contactor {@code id} conducts (the chip's FETs for {@code fetsAs}). */
    public boolean conducts(ContactorId id) {
        if (id == wiring.fetsAs()) {
            return chip.chargeFetOn() && chip.dischargeFetOn();
        }
        return contactors.get(id).mainContactsClosed();
    }

    @Override
    public I2cRegisterBus i2c(int busNumber) {
        throw new IllegalArgumentException("the BQ76952 board has no 16-bit register chips; use i2cBlock");
    }

    @Override
    public I2cBlockBus i2cBlock(int busNumber) {
        if (busNumber != wiring.bus()) {
            throw new IllegalArgumentException("no emulated chip on i2c-" + busNumber);
        }
        return bus;
    }

    @Override
    public SpiBus spi(int busNumber, int chipSelect, int clockHz) {
        throw new IllegalArgumentException("the BQ76952 board has no SPI chip");
    }

    @Override
    public GpioOutput output(int pin, String purpose) {
        for (ContactorEmulator c : contactors.values()) {
            if (c.coil().pin() == pin) {
                return gated(c.coil());
            }
        }
        return gated(plain.computeIfAbsent(pin, EmulatedGpio::output));
    }

    /** An output the Pi drives only while it runs: after a watchdog reset writes do nothing. */
    private GpioOutput gated(GpioOutput line) {
        return new GpioOutput() {
            @Override
            public int pin() {
                return line.pin();
            }

            @Override
            public void set(boolean high) {
                if (!released) {
                    line.set(high);
                }
            }

            @Override
            public boolean isHigh() {
                return line.isHigh();
            }
        };
    }

    @Override
    public GpioInput input(int pin, String purpose) {
        for (var e : contactors.entrySet()) {
            ContactorEmulator c = e.getValue();
            if (c.aux().pin() == pin) {
                boolean closedHigh = wiring.contactors().get(e.getKey()).feedbackClosedHigh();
                return closedHigh
                        ? c.aux()
                        : EmulatedGpio.input(pin, () -> !c.aux().isHigh());
            }
        }
        if (pin == wiring.alertPin()) {
            return chip.alertPin(pin);
        }
        return EmulatedGpio.input(pin, () -> true);
    }

    @Override
    public java.util.function.LongSupplier nanoClock() {
        return clock;
    }

    @Override
    public Pause pause() {
        return clock;
    }

    @Override
    public Watchdog watchdog(String device) {
        return device.isEmpty() ? Watchdog.none() : watchdog;
    }

    @Override
    public void close() {}
}
