package org.qsebms.hal.wiring;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qsebms.hal.BalancingSwitches;
import org.qsebms.hal.Contactor;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.PackVoltageSensor;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.SwitchedLoad;
import org.qsebms.hal.adc.AdcChannel;
import org.qsebms.hal.adc.ConcurrentScan;
import org.qsebms.hal.ads1115.Ads1115;
import org.qsebms.hal.ads1115.Ads1115Channel;
import org.qsebms.hal.ads1115.Ads1115Mux;
import org.qsebms.hal.bus.BusException;
import org.qsebms.hal.bus.GpioOutput;
import org.qsebms.hal.frontend.AnalogCurrentSensor;
import org.qsebms.hal.frontend.Calibration;
import org.qsebms.hal.frontend.CellTap;
import org.qsebms.hal.frontend.CellVoltageLimits;
import org.qsebms.hal.frontend.DividedPackVoltageSensor;
import org.qsebms.hal.frontend.NtcInput;
import org.qsebms.hal.frontend.NtcTemperatureSensor;
import org.qsebms.hal.frontend.SeriesCellVoltageSensor;
import org.qsebms.hal.gpio.GpioBalancingSwitches;
import org.qsebms.hal.gpio.GpioContactor;
import org.qsebms.hal.gpio.GpioSwitchedLoad;
import org.qsebms.hal.mcp3208.Mcp3208;
import org.qsebms.hal.mcp3208.Mcp3208Channel;

/**
 * Builds {@link PackHardware} from a validated {@link WiringConfig} on any {@link BoardPorts}:
 * drivers for every chip, an ADC channel per configured input, the front ends, GPIO
 * contactors, balancing, fan/heater and the watchdog. The same code runs on Pi4J and on the
 * emulators, so everything the emulators check is the production path. Every channel is read
 * through one {@link ConcurrentScan}, so all chips convert at the same time.
 */
public final class PackHardwareFactory {
    /** NTC node within 2 % of a rail is an open or short thermistor. */
    public static final double NTC_RAIL_FRACTION = 0.02;

    public static final double NTC_MIN_CELSIUS = -40;
    public static final double NTC_MAX_CELSIUS = 125;

    private final BoardPorts ports;
    private final WiringConfig wiring;
    private final Map<String, Ads1115> adsChips = new HashMap<>();
    private final Map<String, Mcp3208> mcpChips = new HashMap<>();
    /** Per MCP3x08, the single-ended inputs configured on it (filled while the channels are made). */
    private final Map<String, List<Integer>> mcpSingleEnded = new HashMap<>();

    private final List<ChipCheck> checks = new ArrayList<>();
    private final ConcurrentScan scan;

    private PackHardwareFactory(WiringConfig wiring, BoardPorts ports) {
        this.wiring = wiring;
        this.ports = ports;
        this.scan = new ConcurrentScan(ports.pause(), ports.nanoClock());
    }

    /** Builds the board; {@code ports} is closed with it. */
    public static Board build(WiringConfig wiring, BoardPorts ports) {
        return new PackHardwareFactory(wiring, ports).build();
    }

    private Board build() {
        // the outputs first, each driven low as it is claimed: a start that fails while opening a bus must not leave
        // the coils (or a bleed switch) energised from a process that crashed in NORMAL (issue 23, check23o)
        Map<ContactorId, Contactor> contactors = new EnumMap<>(ContactorId.class);
        for (ContactorId id : ContactorId.values()) {
            ContactorPins pins = wiring.contactors().get(id);
            contactors.put(
                    id,
                    new GpioContactor(
                            id,
                            ports.output(pins.coilPin(), id + " coil"),
                            ports.input(pins.feedbackPin(), id + " aux"),
                            pins.feedbackClosedHigh()));
        }
        List<GpioOutput> bleed = new ArrayList<>();
        for (int i = 0; i < wiring.balancingPins().size(); i++) {
            bleed.add(ports.output(wiring.balancingPins().get(i), "balance cell " + (i + 1)));
        }
        BalancingSwitches balancing = new GpioBalancingSwitches(bleed, wiring.balancingResistorOhms());
        Optional<SwitchedLoad> fan = wiring.fanPin() >= 0
                ? Optional.of(new GpioSwitchedLoad(ports.output(wiring.fanPin(), "fan")))
                : Optional.empty();
        Optional<SwitchedLoad> heater = wiring.heaterPin() >= 0
                ? Optional.of(new GpioSwitchedLoad(ports.output(wiring.heaterPin(), "heater")))
                : Optional.empty();

        for (var spec : wiring.ads1115()) {
            Ads1115 chip = new Ads1115(
                    ports.i2c(spec.bus()),
                    spec.address(),
                    spec.alertRdyPin() >= 0 ? ports.input(spec.alertRdyPin(), spec.id() + " ALERT/RDY") : null,
                    ports.pause());
            adsChips.put(spec.id(), chip);
            checks.add(new ChipCheck(spec.id(), "ADS1115", chip.location(), chip::readConfig));
        }
        for (var spec : wiring.mcp3x08()) {
            Mcp3208 chip = new Mcp3208(
                    ports.spi(spec.bus(), spec.chipSelect(), spec.clockHz()), spec.model(), spec.vrefVolts());
            mcpChips.put(spec.id(), chip);
            checks.add(new ChipCheck(spec.id(), spec.model().name(), chip.location(), () -> answers(spec, chip)));
        }
        List<CellTap> taps = new ArrayList<>();
        List<String> cellLocations = new ArrayList<>();
        for (CellTapSpec c : wiring.cells()) {
            AdcChannel ch = channel(c.input());
            taps.add(new CellTap(ch, c.dividerRatio(), new Calibration(c.gain(), c.offsetVolts())));
            cellLocations.add(ch.location());
        }
        var cells = new SeriesCellVoltageSensor(wiring.cellMeasurement(), taps, CellVoltageLimits.LITHIUM);

        CurrentSpec cs = wiring.current();
        AdcChannel currentChannel = channel(cs.input());
        var current = new AnalogCurrentSensor(
                currentChannel,
                cs.transducer(),
                new Calibration(cs.gain(), cs.offsetAmps()),
                cs.invert(),
                cs.maxAbsAmps(),
                cs.openWireBelowVolts());

        Optional<String> packLocation = Optional.empty();
        PackVoltageSensor pack;
        if (wiring.packVoltage().isPresent()) {
            PackVoltageSpec p = wiring.packVoltage().get();
            AdcChannel ch = channel(p.input());
            packLocation = Optional.of(ch.location());
            pack = new DividedPackVoltageSensor(
                    ch, p.dividerRatio(), new Calibration(p.gain(), p.offsetVolts()), p.maxVolts());
        } else {
            pack = new NoPackVoltageSensor();
        }

        List<NtcInput> ntcs = new ArrayList<>();
        List<String> tempLocations = new ArrayList<>();
        for (NtcSpec n : wiring.temperatures()) {
            AdcChannel ch = channel(n.input());
            ntcs.add(new NtcInput(ch, n.thermistor(), n.divider(), new Calibration(n.gain(), n.offsetCelsius())));
            tempLocations.add(ch.location());
        }
        var temps = new NtcTemperatureSensor(ntcs, NTC_RAIL_FRACTION, NTC_MIN_CELSIUS, NTC_MAX_CELSIUS);

        PackHardware hardware = new PackHardware(
                cells, pack, current, temps, contactors, balancing, ports.watchdog(wiring.watchdogDevice()), ports);
        return new Board(
                hardware,
                fan,
                heater,
                List.copyOf(checks),
                List.copyOf(cellLocations),
                currentChannel.location(),
                packLocation,
                List.copyOf(tempLocations));
    }

    /**
     * An MCP3x08 answers when its null bit reads 0, but so does a chip that does not drive MISO on a Pi, whose MISO
     * (BCM 9) is pulled down: every bit reads 0, a valid 0 V on every channel (issue 23, check23o). None of the
     * single-ended inputs a pack wires to it (cell taps, NTC dividers, a sensor at mid-rail, a stack divider) reads
     * 0 V on a working board, so every one of them reading code 0 is taken as no chip.
     */
    private void answers(Mcp3x08Spec spec, Mcp3208 chip) {
        List<Integer> inputs = mcpSingleEnded.getOrDefault(spec.id(), List.of());
        if (inputs.isEmpty()) {
            chip.convertSingle(0);
            return;
        }
        for (int ch : inputs) {
            if (chip.convertSingle(ch) != 0) {
                return;
            }
        }
        throw new BusException(
                BusException.Kind.IO,
                "spi" + spec.bus(),
                spec.chipSelect(),
                spec.model() + " '" + spec.id() + "': every configured single-ended input " + inputs
                        + " reads code 0 (0 V); a chip that does not drive"
                        + " MISO reads so on a Raspberry Pi, whose MISO (BCM 9) is pulled down: check the chip's"
                        + " supply, its CS and DOUT wires, and that SPI is enabled (dtparam=spi=on)");
    }

    /** The channel for {@code ref}, read through the board's {@link ConcurrentScan}. */
    private AdcChannel channel(AdcInputRef ref) {
        return scan.add(rawChannel(ref));
    }

    private AdcChannel rawChannel(AdcInputRef ref) {
        Ads1115 ads = adsChips.get(ref.chip());
        if (ads != null) {
            Ads1115Spec spec = wiring.adsChip(ref.chip()).orElseThrow();
            return new Ads1115Channel(
                    ads, Ads1115Mux.of(ref.channel(), ref.negativeChannel()), spec.pga(), spec.dataRate());
        }
        Mcp3208 mcp = mcpChips.get(ref.chip());
        if (mcp != null) {
            if (!ref.differential()) {
                mcpSingleEnded
                        .computeIfAbsent(ref.chip(), k -> new ArrayList<>())
                        .add(ref.channel());
            }
            if (ref.differential() && ref.negativeChannel() != (ref.channel() ^ 1)) {
                throw new IllegalArgumentException(mcp.location() + ": " + mcp.model() + " pairs CH" + ref.channel()
                        + " only with CH" + (ref.channel() ^ 1) + ", not CH" + ref.negativeChannel());
            }
            return new Mcp3208Channel(mcp, ref.channel(), ref.differential());
        }
        throw new IllegalArgumentException("input " + ref + " names chip '" + ref.chip()
                + "', which is not configured; " + "known chips: " + adsChips.keySet() + " " + mcpChips.keySet());
    }

    /** For boards without a separate stack divider: reports NaN with status OUT_OF_RANGE and says why. */
    private static final class NoPackVoltageSensor implements PackVoltageSensor {
        @Override
        public double readPackVolts() {
            return Double.NaN;
        }

        @Override
        public SensorStatus lastStatus() {
            return SensorStatus.OUT_OF_RANGE;
        }

        @Override
        public String lastFaultDescription() {
            return "no pack voltage input is wired (hal.pi4j.packVoltage missing); the sum-of-cells cross-check is unavailable";
        }
    }
}
