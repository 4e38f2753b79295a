package org.qsebms.hal.emulator;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.Watchdog;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;
import org.qsebms.hal.bus.I2cBlockBus;
import org.qsebms.hal.bus.I2cRegisterBus;
import org.qsebms.hal.bus.Pause;
import org.qsebms.hal.bus.SpiBus;
import org.qsebms.hal.frontend.CellMeasurement;
import org.qsebms.hal.wiring.AdcInputRef;
import org.qsebms.hal.wiring.Ads1115Spec;
import org.qsebms.hal.wiring.BoardPorts;
import org.qsebms.hal.wiring.CellTapSpec;
import org.qsebms.hal.wiring.ContactorPins;
import org.qsebms.hal.wiring.CurrentSpec;
import org.qsebms.hal.wiring.Mcp3x08Spec;
import org.qsebms.hal.wiring.NtcSpec;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * A whole Pi board made of emulators, wired as a {@link WiringConfig} says: an
 * {@link Ads1115Emulator} per ADS1115 on its {@link EmulatedI2cBus}, an {@link Mcp3208Emulator}
 * per MCP3x08, a {@link ContactorEmulator} per contactor and a {@link BalancingEmulator}.
 * {@link #connectPack} drives the analogue inputs from pack quantities (cell volts, amps, degC)
 * through the inverse of each front end, so the drivers and front ends run unchanged on top.
 */
public final class EmulatedBoard implements BoardPorts {
    /** Contactor operate time used by the emulated contactors. */
    public static final long CONTACTOR_OPERATE_NANOS = 20_000_000L;

    private static final double BLEED_OHMS = 33.0;

    private final WiringConfig wiring;
    private final ManualNanoClock clock;
    private final Map<Integer, EmulatedI2cBus> i2c = new HashMap<>();
    private final Map<String, Ads1115Emulator> ads = new HashMap<>();
    private final Map<String, Mcp3208Emulator> mcp = new HashMap<>();
    private final Map<ContactorId, ContactorEmulator> contactors = new EnumMap<>(ContactorId.class);
    private final BalancingEmulator balancing;
    private final Map<Integer, EmulatedGpio.Output> otherOutputs = new HashMap<>();

    public EmulatedBoard(WiringConfig wiring, ManualNanoClock clock, long seed) {
        this.wiring = wiring;
        this.clock = clock;
        long s = seed;
        for (Ads1115Spec spec : wiring.ads1115()) {
            Ads1115Emulator e = new Ads1115Emulator(spec.address(), clock, s++);
            ads.put(spec.id(), e);
            i2c.computeIfAbsent(spec.bus(), b -> new EmulatedI2cBus("i2c-" + b)).attach(e);
        }
        for (Mcp3x08Spec spec : wiring.mcp3x08()) {
            mcp.put(
                    spec.id(),
                    new Mcp3208Emulator("spi" + spec.bus(), spec.chipSelect(), spec.model(), spec.vrefVolts(), s++));
        }
        for (var entry : wiring.contactors().entrySet()) {
            ContactorPins pins = entry.getValue();
            contactors.put(
                    entry.getKey(),
                    new ContactorEmulator(pins.coilPin(), pins.feedbackPin(), clock, CONTACTOR_OPERATE_NANOS));
        }
        int[] pins = wiring.balancingPins().stream().mapToInt(Integer::intValue).toArray();
        this.balancing = new BalancingEmulator(pins, BLEED_OHMS);
    }

    public ManualNanoClock clock() {
        return clock;
    }

    public Ads1115Emulator ads1115(String id) {
        return ads.get(id);
    }

    public Mcp3208Emulator mcp3x08(String id) {
        return mcp.get(id);
    }

    public EmulatedI2cBus i2cBus(int bus) {
        return i2c.get(bus);
    }

    public ContactorEmulator contactor(ContactorId id) {
        return contactors.get(id);
    }

    public BalancingEmulator balancing() {
        return balancing;
    }

    /** The analogue pins of the chip with {@code id}. */
    public AnalogInputs inputs(String chipId) {
        if (ads.containsKey(chipId)) {
            return ads.get(chipId).inputs();
        }
        if (mcp.containsKey(chipId)) {
            return mcp.get(chipId).inputs();
        }
        throw new IllegalArgumentException("no emulated chip '" + chipId + "'");
    }

    /** Makes every bus transfer take its wire time on the board's clock (I2C at {@code i2cHz},
     * SPI at {@code spiHz}). */
    public void clockWire(double i2cHz, double spiHz) {
        for (EmulatedI2cBus b : i2c.values()) {
            b.clockWire(clock, i2cHz);
        }
        for (Mcp3208Emulator m : mcp.values()) {
            m.clockWire(clock, spiHz);
        }
    }

    @Override
    public java.util.function.LongSupplier nanoClock() {
        return clock;
    }

    /** Bytes moved on every emulated bus so far. */
    public long bytesOnWire() {
        long sum = 0;
        for (EmulatedI2cBus b : i2c.values()) {
            sum += b.bytesOnWire();
        }
        for (Mcp3208Emulator m : mcp.values()) {
            sum += m.bytesOnWire();
        }
        return sum;
    }

    /**
     * Feeds the ADC pins from the pack: {@code cellVolts[i]}, {@code amps} (charge positive) and
     * {@code celsius[i]} are read each time a chip converts, so the caller may update the arrays.
     * Calibration is inverted too, so a calibrated front end reads the true values back.
     */
    public void connectPack(double[] cellVolts, DoubleSupplier amps, double[] celsius) {
        List<CellTapSpec> cells = wiring.cells();
        for (int i = 0; i < cells.size(); i++) {
            int cell = i;
            CellTapSpec c = cells.get(i);
            DoubleSupplier value = wiring.cellMeasurement() == CellMeasurement.TAP_SUBTRACTION
                    ? () -> sumTo(cellVolts, cell)
                    : () -> cellVolts[cell];
            drive(c.input(), () -> (value.getAsDouble() - c.offsetVolts()) / c.gain() / c.dividerRatio());
        }
        wiring.packVoltage()
                .ifPresent(p -> drive(
                        p.input(),
                        () -> (sumTo(cellVolts, cellVolts.length - 1) - p.offsetVolts())
                                / p.gain()
                                / p.dividerRatio()));
        CurrentSpec cs = wiring.current();
        double sign = cs.invert() ? -1 : 1;
        drive(
                cs.input(),
                () -> cs.transducer().zeroVolts()
                        + (sign * amps.getAsDouble() - cs.offsetAmps())
                                / cs.gain()
                                * cs.transducer().voltsPerAmp());
        List<NtcSpec> ntcs = wiring.temperatures();
        for (int i = 0; i < ntcs.size(); i++) {
            int ch = i;
            NtcSpec n = ntcs.get(i);
            drive(
                    n.input(),
                    () -> n.divider().nodeVolts(n.thermistor().ohms((celsius[ch] - n.offsetCelsius()) / n.gain())));
        }
    }

    private static double sumTo(double[] cells, int last) {
        double sum = 0;
        for (int i = 0; i <= last; i++) {
            sum += cells[i];
        }
        return sum;
    }

    private void drive(AdcInputRef ref, DoubleSupplier volts) {
        AnalogInputs pins = inputs(ref.chip());
        pins.feed(ref.channel(), volts);
        if (ref.differential()) {
            pins.set(ref.negativeChannel(), 0.0);
        }
    }

    @Override
    public I2cRegisterBus i2c(int bus) {
        return i2c.computeIfAbsent(bus, b -> new EmulatedI2cBus("i2c-" + b));
    }

    @Override
    public I2cBlockBus i2cBlock(int bus) {
        return i2c.computeIfAbsent(bus, b -> new EmulatedI2cBus("i2c-" + b));
    }

    @Override
    public SpiBus spi(int bus, int chipSelect, int clockHz) {
        for (Mcp3208Emulator m : mcp.values()) {
            if (m.name().equals("spi" + bus) && m.chipSelect() == chipSelect) {
                return m;
            }
        }
        throw new IllegalArgumentException("no emulated chip on spi" + bus + " cs" + chipSelect);
    }

    @Override
    public GpioOutput output(int pin, String purpose) {
        for (ContactorEmulator c : contactors.values()) {
            if (c.coil().pin() == pin) {
                return c.coil();
            }
        }
        for (GpioOutput gate : balancing.gates()) {
            if (gate.pin() == pin) {
                return gate;
            }
        }
        return otherOutputs.computeIfAbsent(pin, EmulatedGpio::output);
    }

    /** An output that is neither a contactor coil nor a balancing gate (fan, heater), once created. */
    public EmulatedGpio.Output plainOutput(int pin) {
        return otherOutputs.get(pin);
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
        for (Ads1115Spec spec : wiring.ads1115()) {
            if (spec.alertRdyPin() == pin) {
                return ads.get(spec.id()).alertRdyPin(pin);
            }
        }
        return EmulatedGpio.input(pin, () -> true);
    }

    @Override
    public Pause pause() {
        return clock;
    }

    @Override
    public Watchdog watchdog(String device) {
        return Watchdog.none();
    }

    @Override
    public void close() {}
}
