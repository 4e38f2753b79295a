package org.qsebms.bms.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.qsebms.hal.BalancingSwitches;
import org.qsebms.hal.CellVoltageSensor;
import org.qsebms.hal.Contactor;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.CurrentSensor;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.PackVoltageSensor;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.TemperatureSensor;
import org.qsebms.hal.ThermistorRepeatBound;
import org.qsebms.hal.Watchdog;
import org.qsebms.hal.frontend.NtcDivider;
import org.qsebms.hal.frontend.Thermistor;

/**
 * The hardware ports of a {@link SimulatedPack}: sensors with measurement noise (fixed seed) and
 * sensor-fault injection, contactors with auxiliary feedback, balancing switches.
 */
public final class SimulatedHardware {
    private final SimulatedPack pack;
    private final SplittableRandom noise;
    private final double cellNoiseVolts;
    private final double currentNoiseAmps;
    private final double tempNoiseCelsius;
    private final ChannelFaults cellFaults;
    private final ChannelFaults tempFaults;
    private final ChannelFaults currentFaults = new ChannelFaults(1);
    private double currentOffsetAmps;
    private SensorStatus packVoltsFault = SensorStatus.OK;
    private double packVoltsOffset;
    /**
     * The thermistor front end every temperature reading goes through: a 10 kOhm B3435 NTC to ground
     * under a 10 kOhm resistor from 3.3 V, read by a 12-bit ADC. A node within 1 % of a rail is a
     * short (ground) or an open (supply) thermistor, recognised from the code as the hal driver does.
     */
    private static final Thermistor NTC = new Thermistor.Beta(10_000, 25, 3435);

    private static final NtcDivider DIVIDER = new NtcDivider(10_000, 3.3, true);
    private static final int NTC_FULL_SCALE = 4095;
    private static final double NTC_RAIL_FRACTION = 0.01;
    private static final double NTC_MIN_CELSIUS = -55;
    private static final double NTC_MAX_CELSIUS = 150;
    /** The clip of the simulator's noise, in standard deviations (see {@link #gauss()}). */
    private static final ClippedGaussian NOISE = new ClippedGaussian(4);
    /** The readings the thermistor front end states its repeat chance over (the cells' working range and beyond). */
    static final double REPEAT_BOUND_MIN_CELSIUS = -40;

    static final double REPEAT_BOUND_MAX_CELSIUS = 100;
    /** The step of the readings the worst repeat chance is sought over (a code is 0.02 to 0.12 K wide here). */
    private static final double REPEAT_BOUND_STEP_CELSIUS = 0.005;

    private Optional<ThermistorRepeatBound> repeatBound;
    /** The thermistor front end's repeat chance at rest over every reading it reports OK (null: not yet computed). */
    private java.util.OptionalDouble restRepeatChance;

    public SimulatedHardware(SimulatedPack pack, long seed) {
        this(pack, seed, 0.001, 0.01, 0.1);
    }

    public SimulatedHardware(
            SimulatedPack pack, long seed, double cellNoiseVolts, double currentNoiseAmps, double tempNoiseCelsius) {
        this.pack = pack;
        this.noise = new SplittableRandom(seed);
        this.cellNoiseVolts = cellNoiseVolts;
        this.currentNoiseAmps = currentNoiseAmps;
        this.tempNoiseCelsius = tempNoiseCelsius;
        int n = pack.cellCount();
        this.cellFaults = new ChannelFaults(n);
        this.tempFaults = new ChannelFaults(n);
    }

    /** Builds the ports as one {@link PackHardware}. */
    public PackHardware hardware() {
        Map<ContactorId, Contactor> contactors = new EnumMap<>(ContactorId.class);
        for (ContactorId id : ContactorId.values()) {
            contactors.put(id, new SimContactor(id));
        }
        return new PackHardware(
                new Cells(),
                new PackVolts(),
                new Current(),
                new Temps(),
                contactors,
                new Balancing(),
                Watchdog.none(),
                null);
    }

    public SimulatedPack pack() {
        return pack;
    }

    /**
     * Injects a sensor fault on one cell-voltage channel: STUCK holds the present value, others report the
     * status (over a frozen channel too, which reads its frozen value again once the status fault ends);
     * OK ends both.
     */
    public void injectCellSensorFault(int cell, SensorStatus status) {
        cellFaults.inject(cell, status, () -> pack.cellVolts(cell));
    }

    /** Ends one injected fault of a cell channel: a freeze (STUCK) or a status fault, leaving the other. */
    public void endCellSensorFault(int cell, SensorStatus status) {
        cellFaults.end(cell, status);
    }

    /** As {@link #injectCellSensorFault} for a thermistor channel. */
    public void injectTemperatureSensorFault(int channel, SensorStatus status) {
        tempFaults.inject(channel, status, () -> pack.cellCelsius(channel));
    }

    /** As {@link #endCellSensorFault} for a thermistor channel. */
    public void endTemperatureSensorFault(int channel, SensorStatus status) {
        tempFaults.end(channel, status);
    }

    /** A current-sensor fault: STUCK holds the present reading (still OK), others report the status. */
    public void injectCurrentSensorFault(SensorStatus status) {
        currentFaults.inject(0, status, () -> pack.packAmps() + currentNoiseAmps * gauss());
    }

    /** Ends one injected fault of the current sensor: a freeze (STUCK) or a status fault, leaving the other. */
    public void endCurrentSensorFault(SensorStatus status) {
        currentFaults.end(0, status);
    }

    /** A zero offset of the current sensor (amperes added to every reading, also with the contactors open). */
    public void injectCurrentOffset(double amps) {
        currentOffsetAmps = amps;
    }

    /** A pack-voltage sensor status (BUS_ERROR; OK ends it). */
    public void injectPackVoltageStatus(SensorStatus status) {
        packVoltsFault = status;
    }

    /** An offset in volts added to the pack-voltage reading (0 ends it). */
    public void injectPackVoltageOffset(double offsetVolts) {
        packVoltsOffset = offsetVolts;
    }

    /** The 12-bit code of a thermistor at {@code celsius} (clamped to the ADC's range). */
    static int ntcCode(double celsius) {
        double volts = DIVIDER.nodeVolts(NTC.ohms(celsius));
        return (int) Math.max(0, Math.min(NTC_FULL_SCALE, Math.round(volts / DIVIDER.supplyVolts() * NTC_FULL_SCALE)));
    }

    private double gauss() {
        return Math.max(-NOISE.limit(), Math.min(NOISE.limit(), noise.nextGaussian()));
    }

    /** The reading (°C) where the ADC's code passes {@code codeEdge} (a half-integer code). */
    private static double codeEdgeCelsius(double codeEdge) {
        double volts = codeEdge / NTC_FULL_SCALE * DIVIDER.supplyVolts();
        return NTC.celsius(DIVIDER.ntcOhms(volts));
    }

    /**
     * The chance two live readings of a thermistor at {@code celsius}, each with the simulator's clipped noise of
     * {@code sigma} °C, give one ADC code: the sum over codes of each code's chance squared, each code's chance from
     * the readings its code edges map to.
     */
    static double repeatChance(double celsius, double sigma) {
        return new CodeEdges(celsius - NOISE.limit() * sigma, celsius + NOISE.limit() * sigma)
                .repeatChance(celsius, sigma);
    }

    /** The worst {@link #repeatChance} over the readings from {@code minCelsius} to {@code maxCelsius}. */
    static double worstRepeatChance(double sigma, double minCelsius, double maxCelsius) {
        if (sigma == 0) {
            return 1.0;
        }
        CodeEdges edges = new CodeEdges(minCelsius - NOISE.limit() * sigma, maxCelsius + NOISE.limit() * sigma);
        double worst = 0;
        long steps = Math.round((maxCelsius - minCelsius) / REPEAT_BOUND_STEP_CELSIUS);
        for (long j = 0; j <= steps; j++) {
            worst = Math.max(worst, edges.repeatChance(minCelsius + j * REPEAT_BOUND_STEP_CELSIUS, sigma));
        }
        return worst;
    }

    /** The readings (°C) where the ADC's code passes each half-code, for the codes of readings in a range. */
    private static final class CodeEdges {
        private final int lowest;
        /** {@code celsius[j]}: the reading where code {@code lowest + j} meets the code below it. */
        private final double[] celsius;

        CodeEdges(double fromCelsius, double toCelsius) {
            int a = ntcCode(fromCelsius);
            int b = ntcCode(toCelsius);
            lowest = Math.min(a, b);
            int highest = Math.max(a, b);
            if (lowest <= 0 || highest >= NTC_FULL_SCALE) {
                throw new IllegalArgumentException(
                        "readings from " + fromCelsius + " to " + toCelsius + " °C reach an ADC rail");
            }
            celsius = new double[highest - lowest + 2];
            for (int j = 0; j < celsius.length; j++) {
                celsius[j] = codeEdgeCelsius(lowest + j - 0.5);
            }
        }

        double repeatChance(double x, double sigma) {
            if (sigma == 0) {
                return 1.0;
            }
            int a = ntcCode(x - NOISE.limit() * sigma);
            int b = ntcCode(x + NOISE.limit() * sigma);
            int from = Math.min(a, b);
            int to = Math.max(a, b);
            double sum = 0;
            double below = NOISE.cdf((celsius[from - lowest] - x) / sigma);
            for (int k = from; k <= to; k++) {
                double above = NOISE.cdf((celsius[k + 1 - lowest] - x) / sigma);
                double p = Math.abs(above - below); // a higher code is a colder reading (NTC to ground)
                sum += p * p;
                below = above;
            }
            return sum;
        }
    }

    /**
     * The thermistor front end's statement of its own repeat chance, from its resolution and its noise: the worst
     * over {@link #REPEAT_BOUND_MIN_CELSIUS} to {@link #REPEAT_BOUND_MAX_CELSIUS}, computed once. None when the noise
     * is so small that a live reading may repeat nearly always (a bound of 1 states nothing).
     */
    Optional<ThermistorRepeatBound> thermistorRepeatBound() {
        if (repeatBound == null) {
            double worst = worstRepeatChance(tempNoiseCelsius, REPEAT_BOUND_MIN_CELSIUS, REPEAT_BOUND_MAX_CELSIUS);
            repeatBound = worst < 1
                    ? Optional.of(new ThermistorRepeatBound(worst, REPEAT_BOUND_MIN_CELSIUS, REPEAT_BOUND_MAX_CELSIUS))
                    : Optional.empty();
        }
        return repeatBound;
    }

    /**
     * The thermistor front end's statement of a live reading's repeat chance at rest (fix23br): the quantity of {@link
     * #thermistorRepeatBound} (two readings of one steady temperature, the sum over codes of each code's chance
     * squared: at rest the temperature is steady, and a drifting one repeats less, as the sum of the products of two
     * codes' chances is at most the larger sum of squares), but the worst over every reading the front end reports
     * OK ({@link #NTC_MIN_CELSIUS} to {@link #NTC_MAX_CELSIUS}), not only the prior's range: the at-rest window judges
     * whatever reading froze. The prior's worst and the two ends beyond its range, computed once. None when the noise
     * is so small that a reading at rest may repeat nearly always.
     */
    java.util.OptionalDouble thermistorRepeatChanceAtRest() {
        if (restRepeatChance == null) {
            double worst = Math.max(
                    thermistorRepeatBound().map(ThermistorRepeatBound::chance).orElse(1.0),
                    Math.max(
                            worstRepeatChance(tempNoiseCelsius, NTC_MIN_CELSIUS, REPEAT_BOUND_MIN_CELSIUS),
                            worstRepeatChance(tempNoiseCelsius, REPEAT_BOUND_MAX_CELSIUS, NTC_MAX_CELSIUS)));
            restRepeatChance = worst < 1 ? java.util.OptionalDouble.of(worst) : java.util.OptionalDouble.empty();
        }
        return restRepeatChance;
    }

    /** The largest cell reading (V) the cells' repeat chance at rest is bounded for: no cell reads above it. */
    static final double CELL_READING_BOUND_VOLTS = 10;
    /** The largest current reading (A) at rest the current's repeat chance is bounded for (offset and noise). */
    static final double REST_CURRENT_READING_BOUND_AMPS = 100;

    /**
     * The chance two live readings {@code mean + sigma x g} at rest (the mean bit-identical, the worst case; g the
     * simulator's clipped noise) are bit-identical, bounded from above: the sum over reading values of each value's
     * chance squared, split into the two clips (each holding the normal's tail beyond the limit, a chance of
     * {@code tail^2} of two draws on the same one) and the rest, where one double value takes at most the density's
     * peak times the widest span of noise that rounds to it (a reading's unit in the last place at {@code
     * largestReading} over sigma, plus the noise draw's own at the limit), so the rest adds at most that. Empty when
     * the noise is 0 (a reading at rest may repeat always).
     */
    static java.util.OptionalDouble repeatChanceAtRest(double sigma, double largestReading) {
        if (!(sigma > 0)) {
            return java.util.OptionalDouble.empty();
        }
        double tail = NOISE.cdf(-NOISE.limit());
        double widest = Math.ulp(largestReading) / sigma + Math.ulp(NOISE.limit());
        double densityPeak = 1 / Math.sqrt(2 * Math.PI);
        return java.util.OptionalDouble.of(2 * tail * tail + widest * densityPeak);
    }

    private final class Cells implements CellVoltageSensor {
        @Override
        public int cellCount() {
            return pack.cellCount();
        }

        /** From the simulator's cell noise and the doubles' resolution ({@link #repeatChanceAtRest}). */
        @Override
        public java.util.OptionalDouble liveRepeatChanceAtRest() {
            return repeatChanceAtRest(cellNoiseVolts, CELL_READING_BOUND_VOLTS);
        }

        @Override
        public void readInto(double[] cellVolts, SensorStatus[] status) {
            for (int i = 0; i < pack.cellCount(); i++) {
                SensorStatus f = cellFaults.state(i);
                status[i] = f;
                if (f == SensorStatus.STUCK) {
                    cellVolts[i] = cellFaults.frozenValue(i);
                    status[i] = SensorStatus.OK; // a stuck ADC looks healthy; plausibility must find it
                } else if (f == SensorStatus.OPEN_WIRE) {
                    cellVolts[i] = 0.0;
                } else if (f == SensorStatus.OK) {
                    cellVolts[i] = pack.cellVolts(i) + cellNoiseVolts * gauss();
                }
            }
        }
    }

    private final class PackVolts implements PackVoltageSensor {
        @Override
        public double readPackVolts() {
            return pack.stackVolts() * (1 + 0.001 * gauss()) + packVoltsOffset;
        }

        @Override
        public SensorStatus lastStatus() {
            return packVoltsFault;
        }

        @Override
        public double readLinkVolts() {
            return pack.linkVolts();
        }
    }

    private final class Current implements CurrentSensor {
        /** From the simulator's current noise and the doubles' resolution ({@link #repeatChanceAtRest}). */
        @Override
        public java.util.OptionalDouble liveRepeatChanceAtRest() {
            return repeatChanceAtRest(currentNoiseAmps, REST_CURRENT_READING_BOUND_AMPS);
        }

        @Override
        public double readPackAmps() {
            SensorStatus f = currentFaults.state(0);
            if (f == SensorStatus.STUCK) {
                return currentFaults.frozenValue(0);
            }
            return f == SensorStatus.OK ? pack.packAmps() + currentOffsetAmps + currentNoiseAmps * gauss() : 0.0;
        }

        @Override
        public SensorStatus lastStatus() {
            SensorStatus f = currentFaults.state(0);
            return f == SensorStatus.STUCK ? SensorStatus.OK : f; // a stuck ADC looks healthy
        }
    }

    private final class Temps implements TemperatureSensor {
        @Override
        public int channelCount() {
            return pack.cellCount();
        }

        @Override
        public Optional<ThermistorRepeatBound> declaredRepeatBound() {
            return thermistorRepeatBound();
        }

        /** From its codes and noise over every reading it reports OK ({@link #thermistorRepeatChanceAtRest}). */
        @Override
        public java.util.OptionalDouble liveRepeatChanceAtRest() {
            return thermistorRepeatChanceAtRest();
        }

        @Override
        public void readInto(double[] celsius, SensorStatus[] status) {
            for (int i = 0; i < pack.cellCount(); i++) {
                SensorStatus f = tempFaults.state(i);
                if (f == SensorStatus.STUCK) {
                    celsius[i] = tempFaults.frozenValue(i);
                    status[i] = SensorStatus.OK;
                } else if (f == SensorStatus.BUS_ERROR) {
                    status[i] = f; // no code read: the value is stale
                } else {
                    int code = switch (f) {
                        case SHORT_CIRCUIT -> 0; // NTC shorted: node at ground
                        case OPEN_WIRE -> NTC_FULL_SCALE; // NTC open or disconnected: node pulled to the supply
                        case OUT_OF_RANGE -> ntcCode(NTC_MAX_CELSIUS + 30); // a code no valid temperature gives
                        default -> ntcCode(pack.cellCelsius(i) + tempNoiseCelsius * gauss());
                    };
                    decode(code, i, celsius, status);
                }
            }
        }

        /** From the ADC code, as the hal's NTC driver does: rails are short/open, a temperature out of range is flagged. */
        private void decode(int code, int i, double[] celsius, SensorStatus[] status) {
            double fraction = code / (double) NTC_FULL_SCALE;
            if (fraction <= NTC_RAIL_FRACTION) {
                status[i] = SensorStatus.SHORT_CIRCUIT;
                return;
            }
            if (fraction >= 1 - NTC_RAIL_FRACTION) {
                status[i] = SensorStatus.OPEN_WIRE;
                return;
            }
            double t = NTC.celsius(DIVIDER.ntcOhms(fraction * DIVIDER.supplyVolts()));
            if (t < NTC_MIN_CELSIUS || t > NTC_MAX_CELSIUS) {
                status[i] = SensorStatus.OUT_OF_RANGE;
                return;
            }
            celsius[i] = t;
            status[i] = SensorStatus.OK;
        }
    }

    private final class SimContactor implements Contactor {
        private final ContactorId id;

        SimContactor(ContactorId id) {
            this.id = id;
        }

        @Override
        public ContactorId id() {
            return id;
        }

        @Override
        public void command(boolean closed) {
            pack.command(id, closed);
        }

        @Override
        public boolean commandedClosed() {
            return pack.commanded(id);
        }

        @Override
        public boolean feedbackClosed() {
            return pack.contactsClosed(id);
        }
    }

    private final class Balancing implements BalancingSwitches {
        @Override
        public int cellCount() {
            return pack.cellCount();
        }

        @Override
        public void set(int cell, boolean on) {
            pack.setBalancing(cell, on);
        }

        @Override
        public boolean isOn(int cell) {
            return pack.balancing(cell);
        }

        @Override
        public double bleedOhms() {
            return pack.balancingOhms();
        }
    }
}
