package org.qsebms.bms.safety;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioAction;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.config.ProtectionLimits;
import org.qsebms.hal.ContactorId;

/**
 * Judges one scenario run from docs/faults.md and the simulated pack's truth, never from
 * {@code Protection}: the thresholds, debounces and deadlines below are the documented ones (the
 * chemistry's limits from the configuration, the rest as the table states them), the values are
 * the simulated pack's own (not the sensors'), and the BMS is seen only through its supervisor
 * state, its contactors and its event log. Checks:
 * <ol>
 *   <li>every hazard is detected (the pack in FAULT) by its deadline, debounce + one period;</li>
 *   <li>every contactor reads open within 200 ms of an MSL (unless it is welded);</li>
 *   <li>no reset is accepted while a cause holds (and none but a service reset after a lockout), and no
 *       close either: a close taken (STANDBY to PRECHARGE, OPENING back to NORMAL) while a limit that
 *       applies is beyond its MSL by more than the sensor accuracy is a violation, as for a reset;</li>
 *   <li>no MSL while every true value stays inside its MSL by more than the sensor accuracy and no
 *       injected fault explains it;</li>
 *   <li>a sensor that drops out now and then (status faults with gaps of at most the 300 ms debounce)
 *       puts the pack in FAULT once its faulty samples add up to the debounce + one period, and a limit
 *       beyond its MSL meanwhile is detected by its deadline plus the time its sensor was out (a
 *       sample without the channel neither proves nor disproves it; faults.md).</li>
 * </ol>
 */
final class ScenarioOracle {
    // sensor accuracy of the simulated pack (noise clamped at 4 sigma, plus ADC quantisation)
    static final double CELL_VOLTS_ACCURACY = 0.005;
    static final double AMPS_ACCURACY = 0.05;
    /** The current below which an open on request breaks the circuit (Supervisor.OPEN_CURRENT_AMPS, docs/state-machine.md). */
    static final double OPEN_CURRENT_AMPS = 1.0;

    static final double CELSIUS_ACCURACY = 0.5;
    /** How far the SOC estimate may be from the truth (its documented 3-sigma bound is within this). */
    static final double SOC_ACCURACY = 0.05;
    // from docs/faults.md
    static final double SENSOR_DEBOUNCE_S = 0.3;
    static final double MISMATCH_DEBOUNCE_S = 1.0;
    static final double STUCK_FLOWING_S = 5.0;
    static final double STUCK_AT_REST_S = 60.0;
    static final double WELD_RELEASE_S = 0.2;
    static final double PRECHARGE_TIMEOUT_S = 3.0;
    static final double SOC_DEBOUNCE_S = 5.0;
    /** TEMPERATURE_RATE (207): more than 2 °C/s over a 1 s window (faults.md). */
    static final double TEMP_RATE_C_PER_S = 2.0;

    static final double TEMP_RATE_WINDOW_S = 1.0;
    /** TEMPERATURE_RATE (207): a step of more than 5 °C between two samples. */
    static final double TEMP_STEP_C = 5.0;

    static final double SHORT_CIRCUIT_FACTOR = 2.0;
    static final double CONTACTOR_OPEN_S = 0.2;
    static final int LOCKOUT_TRIPS = 3;
    /** CURRENT_STUCK (210): "the reading at rest" is at most this (stuckMinAmps). */
    static final double STUCK_MIN_AMPS = 0.2;
    /** The cells' cross-check of a current sensor frozen at rest (210): its current (C), window and debounce. */
    static final double CROSS_CHECK_C = 0.25;

    static final double CROSS_CHECK_WINDOW_S = 10.0;
    /**
     * TEMPERATURE_STUCK (209), the own-rate liveness check: a thermistor frozen after at least this much of
     * its own history (40 samples at 250 ms, more at shorter periods; the check needs 32 pairs) ...
     */
    static final double FROZEN_THERMISTOR_HISTORY_S = 10.0;
    /**
     * ... is found within this of its freeze at loop periods up to 250 ms. Not a documented figure (the check's
     * time depends on the channel's own repeat rate): measured, 13.75-15.5 s at 250 ms on 4-24 cells of both
     * presets in FrozenThermistorHidingAnOverTemperatureScenarioTest, with about 30 % added; not tuned on the
     * oracle's seeds.
     */
    static final double FROZEN_THERMISTOR_FOUND_S = 20.0;

    static final double CROSS_CHECK_DEBOUNCE_S = 1.0;

    private final Scenario sc;
    private final ProtectionLimits lim;
    private final double p;
    private final int overrunsToFault;
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Double> onset = new HashMap<>();
    /**
     * What the run exercised, for the generator's coverage: {@code injection@STATE} and
     * {@code reset@STATE} (the supervisor state when the action was taken), {@code trip@STATE}
     * (the state an MSL tripped from), {@code reset@FAULT accepted|refused}.
     */
    private final Map<String, Integer> coverage = new java.util.TreeMap<>();
    /** Every tick's truth, for the after-run checks (runs are short). */
    private final List<Truth> all = new ArrayList<>();
    /** Thermistor ramps among the injections: {start, end, rate °C/s, 1 once a tick of it was not judged}. */
    private final List<double[]> ramps;

    private double firstFaultAt = Double.NaN;
    /** A current sensor frozen at rest: the onset of a load after a rest (-inf: a load without that rest). */
    private double frozenLoadOnset = Double.NaN;

    private boolean inFault;
    private double lastTick = Double.NaN;
    private double previousTick = Double.NaN;
    private double exceptionsEndedAt = Double.NEGATIVE_INFINITY;
    /** The last tick at which a cell-voltage or pack-voltage channel had a fault injected. */
    private double cellSensorFaultAt = Double.NEGATIVE_INFINITY;
    /** Per sensor class (cells, thermistors, current): the run's total time with a status fault (periods of faulty ticks). */
    private final double[] missingS = new double[3];
    /** Per limit hazard: {@link #missingS} of its sensor class at its onset. */
    private final Map<String, Double> missingAtOnset = new HashMap<>();
    /**
     * Cold and hot charge ({@link #chargeTemperatureInPulses}): the time charge flowed while the temperature stayed
     * beyond the MSL, and whether it was claimed.
     */
    private final double[] chargeBeyondS = new double[2];

    private final boolean[] chargeBeyondClaimed = new boolean[2];
    /** Per sensor class: faulty time in the present chain of dropouts, and the time of its last faulty tick. */
    private final double[] chainS = new double[3];
    /** Per thermistor: its true temperature at its last tick without a status fault, that tick, and a gap since. */
    private double[] lastValidC;

    private double[] lastValidAt;
    private boolean[] dropped;
    /** Per cell: its true voltage at the last tick, and the value its channel froze at (NaN: not frozen). */
    private final double[] lastCellV;

    private final double[] frozenAtV;
    /** Per frozen-channel injection: the time current has flowed since it froze. */
    private final Map<String, Double> flowedSinceFrozen = new HashMap<>();

    private final double[] chainLastS = {Double.NaN, Double.NaN, Double.NaN};
    private final boolean[] chainClaimed = new boolean[3];

    /** The last tick of an injected loop overrun or tick exception, while which limit hazards are not judged. */
    private double loopTroubleEndedAt = Double.NEGATIVE_INFINITY;

    /** One tick of truth: the simulated pack's values, the supervisor state and every contactor's coil and contacts. */
    record Truth(
            double t,
            double maxV,
            double minV,
            double maxVSeen,
            double minVSeen,
            double amps,
            double maxC,
            double minC,
            double minSoc,
            double maxSoc,
            String state,
            boolean[] contacts,
            boolean[] commanded,
            boolean[] welded) {
        /** A contact closed while its coil is open, taken as welded (hand-made traces). */
        private static boolean[] weldedOf(boolean[] contacts, boolean[] commanded) {
            boolean[] w = new boolean[contacts.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = contacts[i] && !commanded[i];
            }
            return w;
        }

        /** A tick where the BMS can know every cell's voltage (no channel frozen near its truth). */
        Truth(
                double t,
                double maxV,
                double minV,
                double amps,
                double maxC,
                double minC,
                double minSoc,
                double maxSoc,
                String state,
                boolean[] contacts,
                boolean[] commanded) {
            this(
                    t,
                    maxV,
                    minV,
                    maxV,
                    minV,
                    amps,
                    maxC,
                    minC,
                    minSoc,
                    maxSoc,
                    state,
                    contacts,
                    commanded,
                    weldedOf(contacts, commanded));
        }

        boolean fault() {
            return state.equals("FAULT");
        }
    }

    /** The thermistors' prior repeat chance in this run (1: none), see {@link #thermistorPrior(Scenario)}. */
    private final double thermistorPrior;

    ScenarioOracle(Scenario sc) {
        this.sc = sc;
        this.thermistorPrior = thermistorPrior(sc);
        this.lim = sc.config().limits();
        this.p = sc.config().loop().period().toNanos() / 1e9;
        this.overrunsToFault = sc.config().loop().overrunsToFault();
        this.ramps = ramps(sc);
        lastCellV = new double[sc.config().pack().seriesCells()];
        frozenAtV = new double[lastCellV.length];
        java.util.Arrays.fill(lastCellV, Double.NaN);
        java.util.Arrays.fill(frozenAtV, Double.NaN);
        if (p >= 0.4) {
            count("loop period of 400 ms or more");
        }
        for (double[] ramp : ramps) {
            if (rampClaimed(ramp)) {
                count("thermistor ramp beyond the rate");
            }
        }
    }

    /** A ramp clearly beyond the rate (1.5 times) for longer than its window + 3 periods: a detection claim. */
    private boolean rampClaimed(double[] ramp) {
        return Math.abs(ramp[2]) >= 1.5 * TEMP_RATE_C_PER_S && ramp[1] - ramp[0] >= TEMP_RATE_WINDOW_S + 3 * p;
    }

    List<String> violations() {
        return violations;
    }

    Map<String, Integer> coverage() {
        return coverage;
    }

    private void count(String key) {
        coverage.merge(key, 1, Integer::sum);
    }

    /** The actions taken just before this tick, counted by the supervisor state they met. */
    private void countCoverage(Truth before, double t) {
        String state = before == null ? "INIT" : before.state();
        double after = before == null ? Double.NEGATIVE_INFINITY : before.t();
        for (ScenarioAction a : sc.actions()) {
            if (a.atS() > after + 1e-9 && a.atS() <= t + 1e-9) {
                count((a instanceof ScenarioAction.Command ? a.type() : "injection") + "@" + state);
            }
        }
    }

    /**
     * docs/state-machine.md: no close sequence starts unless every contactor reads open, and a
     * contactor reading closed while commanded open (a weld) blocks every close, whatever path led
     * there. A coil newly commanded closed at this tick while any contactor read closed with its
     * coil open at the tick before and still reads closed is a violation.
     */
    private void noCloseWhileAContactorReadsClosedWhenCommandedOpen(Truth before, Truth now) {
        for (ContactorId closing : ContactorId.values()) {
            int c = closing.ordinal();
            if (!now.commanded()[c] || before.commanded()[c]) {
                continue;
            }
            for (ContactorId other : ContactorId.values()) {
                int o = other.ordinal();
                // the contactor being closed reads closed now because of the close: whether it is still welded
                // is the question (seed 4401328: a weld at start that ended at 227 ms, the close at 300 ms after the
                // controller read it open)
                if (!before.commanded()[o] && before.contacts()[o] && (o == c ? now.welded()[o] : now.contacts()[o])) {
                    violations.add(String.format(
                            "%s commanded closed at %.3f s while %s read closed with its coil open (welded)",
                            closing, now.t(), other));
                }
            }
        }
    }

    /** Called after every tick with the truth. */
    void afterTick(double t, SimulatedPack pack, PackController c) {
        int n = pack.cellCount();
        double maxV = -1e9;
        double minV = 1e9;
        double maxC = -1e9;
        double minC = 1e9;
        double minSoc = 1e9;
        double maxSoc = -1e9;
        double maxVSeen = -1e9;
        double minVSeen = 1e9;
        double packV = 0;
        for (int i = 0; i < n; i++) {
            packV += pack.cellVolts(i);
        }
        var x = sc.config().supplementary();
        double tolerance = n * x.cellVoltsAccuracy() + x.packVoltsAccuracyFraction() * packV;
        for (int i = 0; i < n; i++) {
            maxV = Math.max(maxV, pack.cellVolts(i));
            minV = Math.min(minV, pack.cellVolts(i));
            double seen = seenCellVolts(i, t, pack.cellVolts(i), tolerance);
            maxVSeen = Math.max(maxVSeen, seen);
            minVSeen = Math.min(minVSeen, seen);
            maxC = Math.max(maxC, pack.cellCelsius(i));
            minC = Math.min(minC, pack.cellCelsius(i));
            minSoc = Math.min(minSoc, pack.cellSoc(i));
            maxSoc = Math.max(maxSoc, pack.cellSoc(i));
        }
        boolean[] contacts = new boolean[3];
        boolean[] commanded = new boolean[3];
        boolean[] welded = new boolean[3];
        for (ContactorId id : ContactorId.values()) {
            contacts[id.ordinal()] = pack.contactsClosedNow(id);
            commanded[id.ordinal()] = pack.commandedClosed(id);
            welded[id.ordinal()] = pack.weldedNow(id);
        }
        observe(new Truth(
                t,
                maxV,
                minV,
                maxVSeen,
                minVSeen,
                pack.packAmps(),
                maxC,
                minC,
                minSoc,
                maxSoc,
                c.supervisor().state().name(),
                contacts,
                commanded,
                welded));
        stepsAcrossDropouts(t, pack);
    }

    /**
     * Cell {@code i}'s voltage as far as the BMS can know it: its true voltage, unless its channel is
     * frozen (a STUCK injection on it) and the truth is still within the pack-voltage mismatch's
     * tolerance (and twice the cell accuracy) of the frozen value: then the reading is all there is,
     * and a limit the truth crosses behind it is the frozen-channel checks' to find (their own claims:
     * 5 s of flow, 60 s at rest), not the mismatch's (seed 1224924: a channel frozen 2 mV above the
     * under-voltage MSL as a load began). The frozen value is the truth at the tick before the freeze.
     * Called once per cell per tick, in time order.
     */
    double seenCellVolts(int i, double t, double trueV, double tolerance) {
        boolean frozen = false;
        for (ScenarioAction a : sc.actions()) {
            if (a instanceof ScenarioAction.CellSensor s
                    && s.cell() == i
                    && s.status() == org.qsebms.hal.SensorStatus.STUCK
                    && a.atS() <= t + 1e-9
                    && t < a.atS() + a.forS() - 1e-9) {
                frozen = true;
            }
        }
        double before = lastCellV[i];
        lastCellV[i] = trueV;
        if (!frozen) {
            frozenAtV[i] = Double.NaN;
            return trueV;
        }
        if (Double.isNaN(frozenAtV[i])) {
            frozenAtV[i] = Double.isNaN(before) ? trueV : before;
        }
        if (Math.abs(trueV - frozenAtV[i]) > tolerance + 2 * CELL_VOLTS_ACCURACY) {
            return trueV;
        }
        if (trueV >= lim.cellOverVoltage().msl() + CELL_VOLTS_ACCURACY
                || trueV <= lim.cellUnderVoltage().msl() - CELL_VOLTS_ACCURACY) {
            count("cell limit hidden behind its frozen channel");
        }
        return frozenAtV[i];
    }

    /**
     * A thermistor reading back from a dropout (a status fault on its channel) must be judged against
     * its last valid reading (faults.md, 207: the step limit, plus the rate limit over the samples
     * missed): when the true temperature moved by more than that (and twice the sensor accuracy)
     * across the gap, the pack must be in FAULT at the tick the channel reads again.
     */
    private void stepsAcrossDropouts(double t, SimulatedPack pack) {
        int n = pack.cellCount();
        if (lastValidC == null) {
            lastValidC = new double[n];
            lastValidAt = new double[n];
            dropped = new boolean[n];
            java.util.Arrays.fill(lastValidC, Double.NaN);
        }
        boolean trouble = active(ScenarioAction.TickException.class, t) || active(ScenarioAction.LoopOverrun.class, t);
        for (int i = 0; i < n; i++) {
            ScenarioAction a = temperatureAction(i, t);
            if (a != null || trouble) {
                dropped[i] |= a != null;
                if (a instanceof ScenarioAction.TemperatureSensor s && s.status() == org.qsebms.hal.SensorStatus.STUCK
                        || trouble) {
                    lastValidC[i] = Double.NaN; // a frozen reading or a lost tick: no claim across it
                }
                continue;
            }
            double c = pack.cellCelsius(i);
            if (dropped[i] && Double.isFinite(lastValidC[i])) {
                double previous = all.size() >= 2 ? all.get(all.size() - 2).t() : t;
                double missed = previous - lastValidAt[i];
                double allowed = TEMP_STEP_C + TEMP_RATE_C_PER_S * Math.max(0, missed) + 2 * CELSIUS_ACCURACY;
                if (Math.abs(c - lastValidC[i]) > allowed) {
                    count("thermistor step across a dropout");
                    if (!inFault && t > exceptionsEndedAt) {
                        violations.add(String.format(
                                "thermistor %d read again at %.3f s %.1f °C from its last valid reading at %.3f s "
                                        + "(allowed %.1f °C): not in FAULT",
                                i + 1, t, c - lastValidC[i], lastValidAt[i], allowed));
                    }
                }
            }
            dropped[i] = false;
            lastValidC[i] = c;
            lastValidAt[i] = t;
        }
    }

    /** The injection acting on thermistor channel {@code channel} (from 0) at {@code t}, or null. */
    private ScenarioAction temperatureAction(int channel, double t) {
        for (ScenarioAction a : sc.actions()) {
            if (a instanceof ScenarioAction.TemperatureSensor s
                    && s.channel() == channel
                    && a.atS() <= t + 1e-9
                    && t < a.atS() + a.forS() - 1e-9) {
                return a;
            }
        }
        return null;
    }

    /** One tick's truth (from {@link #afterTick}, or a made-up trace in the oracle's own tests). */
    void observe(Truth truth) {
        double t = truth.t();
        inFault = truth.fault();
        Truth before = all.isEmpty() ? null : all.getLast();
        countCoverage(before, t);
        if (before != null) {
            noCloseWhileAContactorReadsClosedWhenCommandedOpen(before, truth);
            noOpenOnRequestOnACurrentSampleTheSensorDisowns(before, truth);
        }
        all.add(truth);
        if (inFault && Double.isNaN(firstFaultAt)) {
            firstFaultAt = t;
        }
        lastTick = t;
        hazards(truth);
        previousTick = t;
    }

    /**
     * An open on request waits for the current to fall below 1 A (docs/state-machine.md); a sample the current sensor
     * reports faulty (a bus error, out of range: the simulated sensor then hands back 0 A) does not say it fell
     * (issue 23, check23g: one such sample opened a 4 A load at once). Judged where the BMS cannot know the current:
     * the pack leaves OPENING for STANDBY at a tick with a status fault of the current sensor injected, the true
     * current at the tick before over 1 A.
     */
    private void noOpenOnRequestOnACurrentSampleTheSensorDisowns(Truth before, Truth now) {
        ScenarioAction a = activeAction(ScenarioAction.CurrentSensor.class, now.t());
        if (!(a instanceof ScenarioAction.CurrentSensor s)
                || s.status() == org.qsebms.hal.SensorStatus.STUCK
                || !before.state().equals("OPENING")) {
            return;
        }
        count("current sensor fault in OPENING");
        if (now.state().equals("STANDBY") && Math.abs(before.amps()) > OPEN_CURRENT_AMPS + AMPS_ACCURACY) {
            violations.add(String.format(
                    "contactors opened on request at %.3f s under %.2f A on a current sample the sensor reported %s",
                    now.t(), before.amps(), s.status()));
        }
    }

    private boolean active(Class<? extends ScenarioAction> kind, double t) {
        return activeAction(kind, t) != null;
    }

    private ScenarioAction activeAction(Class<? extends ScenarioAction> kind, double t) {
        for (ScenarioAction a : sc.actions()) {
            if (kind.isInstance(a) && a.atS() <= t + 1e-9 && t < a.atS() + a.forS() - 1e-9) {
                return a;
            }
        }
        return null;
    }

    private boolean welded(ContactorId id, double t) {
        for (ScenarioAction a : sc.actions()) {
            if (a instanceof ScenarioAction.ContactorWeld w
                    && w.contactor() == id
                    && w.atS() <= t + 1e-9
                    && t < w.atS() + w.forS() - 1e-9) {
                return true;
            }
        }
        return false;
    }

    /**
     * A hazard holding at this tick must see the pack in FAULT by onset + deadline. A limit hazard
     * seen in the truth can have begun right after the previous tick, so its deadline counts from there.
     */
    private void hazard(String name, boolean holds, double deadlineS, Truth now) {
        Double since = onset.get(name);
        if (since != null && since < loopTroubleEndedAt) {
            // limit hazards are not judged while the loop is in trouble: their deadline counts from its end
            onset.put(name, loopTroubleEndedAt);
        }
        hazard(name, holds, deadlineS, now, now.fault(), Double.isNaN(previousTick) ? now.t() : previousTick);
    }

    /**
     * A limit hazard on a quantity whose sensor may drop out: its deadline grows by the time its
     * sensor class (0 cells, 1 thermistors, 2 current) reported a fault since the onset.
     */
    private void hazard(String name, boolean holds, double deadlineS, Truth now, int sensorClass) {
        if (!holds) {
            missingAtOnset.remove(name);
        } else {
            // the onset tick's own dropout (already counted in missingS) is time missed since the onset
            missingAtOnset.putIfAbsent(name, missingS[sensorClass] - (statusFault(sensorClass, now.t()) ? p : 0));
            double missing = missingS[sensorClass] - missingAtOnset.get(name);
            if (missing > 0 && !onset.containsKey(name + "!counted")) {
                onset.put(name + "!counted", 1.0);
                count("limit beyond while its sensor drops out");
            }
            deadlineS += missing;
        }
        hazard(name, holds, deadlineS, now);
    }

    /**
     * A status fault that comes and goes on one class of sensor: the faulty samples of a chain whose
     * faulty samples are at most the status debounce apart add up, and once they reach the debounce
     * + one period (each faulty sample after the chain's first counting one period) the pack must be
     * in FAULT.
     */
    private void dropoutChains(Truth now) {
        double t = now.t();
        for (int k = 0; k < 3; k++) {
            if (!statusFault(k, t)) {
                continue;
            }
            missingS[k] += p;
            if (Double.isNaN(chainLastS[k]) || t - chainLastS[k] > SENSOR_DEBOUNCE_S + 1e-9) {
                chainS[k] = 0;
                chainClaimed[k] = false;
            } else {
                chainS[k] += p;
            }
            chainLastS[k] = t;
            if (!chainClaimed[k] && chainS[k] >= SENSOR_DEBOUNCE_S + p - 1e-9) {
                chainClaimed[k] = true;
                count("intermittent sensor fault claimed");
                if (!now.fault() && t > exceptionsEndedAt && t > loopTroubleEndedAt) {
                    violations.add(String.format(
                            "%s reported faults adding up to %.3f s, none more than %.3f s apart, by %.3f s: not in FAULT",
                            new String[] {"a cell channel", "a thermistor", "the current sensor"}[k],
                            chainS[k],
                            SENSOR_DEBOUNCE_S,
                            t));
                }
            }
        }
    }

    /**
     * A frozen channel must be found once current has flowed for its while-flowing window since it
     * froze, summed over the flow however often the load paused (faults.md, 208: "for 5 s while
     * more than 0.2 A flows"); each tick with the true current beyond 0.2 A by the sensor accuracy
     * counts one period (unless a current-sensor fault is injected then), and the claim waits two
     * periods more.
     */
    private void frozenUnderFlow(String name, double windowS, Truth now) {
        // a tick whose current reading is missing or frozen (a current-sensor injection) cannot tell the BMS that
        // current flows
        if (Math.abs(now.amps()) > STUCK_MIN_AMPS + AMPS_ACCURACY
                && !active(ScenarioAction.CurrentSensor.class, now.t())) {
            flowedSinceFrozen.merge(name, p, Double::sum);
        }
        double flowed = flowedSinceFrozen.getOrDefault(name, 0.0);
        if (now.fault() && flowed >= windowS - 1 && flowedSinceFrozen.putIfAbsent(name + "!found", 1.0) == null) {
            count("frozen channel found under flow");
        }
        if (flowed >= windowS + 2 * p - 1e-9 && flowedSinceFrozen.putIfAbsent(name + "!claimed", 1.0) == null) {
            if (!now.fault() && now.t() > exceptionsEndedAt && now.t() > loopTroubleEndedAt) {
                violations.add(String.format(
                        "%s: current flowed %.3f s since the channel froze, by %.3f s: not in FAULT",
                        name, flowed, now.t()));
            }
        }
    }

    /**
     * The repeat chance the run's thermistors are judged by (1: none): the one the scenario's thermistor front end
     * states (the simulated board the runner builds, {@link SimulatedPackSetup}), or the configuration's measured
     * one, the smaller (as {@code ControllerAssembly} hands them to the protection).
     */
    private static double thermistorPrior(Scenario sc) {
        var stated = sc.config().supplementary().statedThermistorRepeatBound();
        var declared = SimulatedPackSetup.create(
                        sc.config(), sc.initialSoc(), sc.ambient().getFirst().celsius(), sc.load(), sc.seed())
                .hardware()
                .temperatures()
                .declaredRepeatBound();
        return declared.map(d -> stated.map(d::tighter).orElse(d))
                .or(() -> stated)
                .map(org.qsebms.hal.ThermistorRepeatBound::chance)
                .orElse(1.0);
    }

    /**
     * A thermistor frozen while a cell is beyond the over-temperature MSL (issue 23, the own-rate liveness
     * check, faults.md 209), when no other thermistor (but one frozen at the same instant: a whole converter), no
     * other cell's temperature and no loop trouble was injected in the run: the pack in FAULT by the later of the
     * over-temperature's deadline (debounce + one period from the crossing) and {@link #FROZEN_THERMISTOR_FOUND_S}
     * after the freeze, or at a long period the samples the front end's prior needs (ceil(ln falseAlarm / ln prior),
     * two periods more for the first identical pair, 30 % added) if that is later. With a prior (fix23aw) it is
     * claimed at every period and from the first sample; without one (a front end that states none and no
     * configured tempFrozenPriorRepeat: fix23bk) only at periods up
     * to 250 ms and after {@link #FROZEN_THERMISTOR_HISTORY_S} of the channel's own history, as before.
     */
    private void frozenThermistorHidingHeat(Truth now) {
        var x = sc.config().supplementary();
        boolean prior = thermistorPrior < 1 && x.tempFrozenFalseAlarm() > 0;
        if (!prior && p > 0.25 + 1e-9) {
            return;
        }
        double foundS = FROZEN_THERMISTOR_FOUND_S;
        if (prior) {
            double samples = Math.ceil(Math.log(x.tempFrozenFalseAlarm()) / Math.log(thermistorPrior));
            foundS = Math.max(foundS, 1.3 * (samples + 2) * p);
        }
        for (ScenarioAction a : sc.actions()) {
            if (!(a instanceof ScenarioAction.TemperatureSensor s)
                    || s.status() != org.qsebms.hal.SensorStatus.STUCK
                    || (!prior && s.atS() < FROZEN_THERMISTOR_HISTORY_S)
                    || s.atS() > now.t() + 1e-9
                    || now.t() >= s.atS() + s.forS() - 1e-9
                    || !onlyThisThermistorTouched(s)) {
                continue;
            }
            String name = "over-temperature behind thermistor " + (s.channel() + 1) + " frozen from " + s.atS() + " s";
            boolean hot = now.maxC() >= lim.dischargeOverTemperature().msl() + CELSIUS_ACCURACY;
            double startsAt = Double.isNaN(previousTick) ? now.t() : previousTick;
            double from = onset.getOrDefault(name, startsAt);
            if (hot && !onset.containsKey(name)) {
                count("over-temperature behind a frozen thermistor");
            }
            hazard(
                    name,
                    hot,
                    Math.max(debounce(lim.dischargeOverTemperature()) + p, s.atS() + foundS - from),
                    now,
                    now.fault(),
                    startsAt);
        }
    }

    /**
     * Charge into cells beyond a charge temperature MSL (cold: 106, hot: 105) in pulses shorter than the debounce
     * (issue 23, check23g): while the temperature stays beyond, the ticks that carry charge add up, a pause or a
     * discharge between them does not restart the count, and once they reach the debounce and two periods the pack
     * must be in FAULT. A tick with the temperature back inside, or one not judged (a thermistor or current sensor
     * fault, loop trouble), starts the count again.
     */
    private void chargeTemperatureInPulses(Truth now, boolean judged) {
        boolean cold = now.minC() <= lim.chargeUnderTemperature().msl() - CELSIUS_ACCURACY;
        boolean hot = now.maxC() >= lim.chargeOverTemperature().msl() + CELSIUS_ACCURACY;
        for (int k = 0; k < 2; k++) {
            boolean beyond = k == 0 ? cold : hot;
            if (!judged || !beyond) {
                chargeBeyondS[k] = 0;
                chargeBeyondClaimed[k] = false;
                continue;
            }
            if (now.amps() > 0.1 + AMPS_ACCURACY) {
                chargeBeyondS[k] += p;
            } else if (chargeBeyondS[k] > 0 && !now.fault()) {
                count("a pause in a charge beyond a charge temperature");
            }
            double debounce = debounce(k == 0 ? lim.chargeUnderTemperature() : lim.chargeOverTemperature());
            if (!chargeBeyondClaimed[k] && chargeBeyondS[k] >= debounce + 2 * p - 1e-9) {
                chargeBeyondClaimed[k] = true;
                count("charge beyond a charge temperature, summed over pulses");
                double t = now.t();
                if (!now.fault() && t > exceptionsEndedAt && t > loopTroubleEndedAt) {
                    violations.add(String.format(
                            "charge into cells %s the charge temperature MSL added up to %.3f s by %.3f s: not in FAULT",
                            k == 0 ? "below" : "above", chargeBeyondS[k], t));
                }
            }
        }
    }

    /**
     * No thermistor but {@code s}'s (or one frozen at the same instant for as long: the whole converter), no other
     * cell's temperature and no loop trouble injected in the whole run.
     */
    private boolean onlyThisThermistorTouched(ScenarioAction.TemperatureSensor s) {
        for (ScenarioAction a : sc.actions()) {
            boolean other = switch (a) {
                case ScenarioAction.TemperatureSensor t ->
                    t != s
                            && !(t.status() == org.qsebms.hal.SensorStatus.STUCK
                                    && t.atS() == s.atS()
                                    && t.forS() == s.forS());
                case ScenarioAction.CellTemperature c -> c.cell() != s.channel();
                case ScenarioAction.TickException e -> true;
                case ScenarioAction.LoopOverrun o -> true;
                default -> false;
            };
            if (other) {
                return false;
            }
        }
        return true;
    }

    /** A status fault (not a frozen reading) injected on a sensor of class {@code k} at time {@code t}. */
    private boolean statusFault(int k, double t) {
        for (ScenarioAction a : sc.actions()) {
            if (a.atS() > t + 1e-9 || t >= a.atS() + a.forS() - 1e-9) {
                continue;
            }
            boolean hit = switch (a) {
                case ScenarioAction.CellSensor s -> k == 0 && s.status() != org.qsebms.hal.SensorStatus.STUCK;
                case ScenarioAction.TemperatureSensor s -> k == 1 && s.status() != org.qsebms.hal.SensorStatus.STUCK;
                case ScenarioAction.CurrentSensor s -> k == 2 && s.status() != org.qsebms.hal.SensorStatus.STUCK;
                default -> false;
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /** A hazard holding at this tick must see the pack in FAULT by onset + deadline. */
    private void hazard(String name, boolean holds, double deadlineS, Truth now, boolean handled) {
        hazard(name, holds, deadlineS, now, handled, now.t());
    }

    /** @param startsAt when the hazard began if it begins at this tick */
    private void hazard(String name, boolean holds, double deadlineS, Truth now, boolean handled, double startsAt) {
        if (!holds) {
            onset.remove(name);
            onset.remove(name + "!detected");
            return;
        }
        Double since = onset.get(name);
        if (since == null) {
            onset.put(name, startsAt);
            since = startsAt;
        }
        // while every tick threw, nothing but the last-resort handler could run: deadlines count from its end
        since = Math.max(since, exceptionsEndedAt);
        boolean late = now.t() - since > deadlineS + 1e-6;
        if (handled && !onset.containsKey(name + "!detected")) {
            onset.put(name + "!detected", 1.0);
            if (late) {
                violations.add(String.format(
                        "%s from %.3f s detected only at %.3f s, after its deadline %.3f s",
                        name, since, now.t(), deadlineS));
            }
        }
        if (!onset.containsKey(name + "!detected") && late) {
            violations.add(String.format(
                    "%s from %.3f s not detected by its deadline %.3f s (now %.3f s)",
                    name, since, deadlineS, now.t()));
            onset.put(name + "!detected", 1.0); // report once
        }
    }

    /**
     * The deadline of a cell-voltage hazard: its own debounce and a period ({@code direct}) when every channel
     * reads; the pack-voltage mismatch's debounce and two periods while a cell or pack-voltage channel is faulty.
     * A hazard that began while a channel was faulty keeps the mismatch's deadline after the fault ends, or the
     * direct one counted from the channel's first sample after it if that is later: the channel cannot show the
     * limit before it reads again (seed 2194253: cell 1 frozen for 1.55 s at rest, an over-voltage behind it from
     * 6.0 s, its channel reading again at 7.0 s, the trip at 7.25 s; judged against 6.55 s before).
     */
    private double cellVoltsDeadline(String name, Truth now, boolean sensorFault, double direct) {
        double mismatch = MISMATCH_DEBOUNCE_S + 2 * p;
        if (sensorFault) {
            return mismatch;
        }
        Double on = onset.get(name);
        double since = Math.max(on == null ? now.t() : on, exceptionsEndedAt);
        if (since > cellSensorFaultAt + 1e-9) {
            return direct;
        }
        double firstSample = cellSensorFaultAt + p;
        return Math.min(mismatch, Math.max(direct, firstSample + direct - since));
    }

    private void hazards(Truth now) {
        double t = now.t();
        if (active(ScenarioAction.TickException.class, t)) {
            // every tick throws: the last-resort handler must open every contactor at once; nothing else can run
            boolean allOpen = !now.commanded()[0] && !now.commanded()[1] && !now.commanded()[2];
            hazard("tick exception", true, p, now, allOpen);
            exceptionsEndedAt = t;
            return;
        }
        onset.remove("tick exception");
        onset.remove("tick exception!detected");
        boolean cellSensorFault =
                active(ScenarioAction.CellSensor.class, t) || active(ScenarioAction.PackVoltageSensor.class, t);
        boolean tempSensorFault = active(ScenarioAction.TemperatureSensor.class, t);
        boolean currentSensorFault = active(ScenarioAction.CurrentSensor.class, t);
        boolean loopTrouble =
                active(ScenarioAction.TickException.class, t) || active(ScenarioAction.LoopOverrun.class, t);
        if (loopTrouble) {
            loopTroubleEndedAt = t;
        }
        dropoutChains(now);
        if (cellSensorFault) {
            cellSensorFaultAt = t;
        }
        double voltsDeadline =
                cellVoltsDeadline("cell over-voltage", now, cellSensorFault, debounce(lim.cellOverVoltage()) + p);
        if (!loopTrouble) {
            hazard(
                    "cell over-voltage",
                    now.maxVSeen() >= lim.cellOverVoltage().msl() + CELL_VOLTS_ACCURACY,
                    voltsDeadline,
                    now,
                    0);
            hazard(
                    "cell under-voltage",
                    now.minVSeen() <= lim.cellUnderVoltage().msl() - CELL_VOLTS_ACCURACY,
                    cellVoltsDeadline("cell under-voltage", now, cellSensorFault, debounce(lim.cellUnderVoltage()) + p),
                    now,
                    0);
            if (!currentSensorFault) {
                hazard(
                        "discharge over-current",
                        -now.amps() >= lim.dischargeOverCurrent().msl() + AMPS_ACCURACY,
                        debounce(lim.dischargeOverCurrent()) + p,
                        now,
                        2);
                hazard(
                        "charge over-current",
                        now.amps() >= lim.chargeOverCurrent().msl() + AMPS_ACCURACY,
                        debounce(lim.chargeOverCurrent()) + p,
                        now,
                        2);
                hazard(
                        "short circuit",
                        Math.abs(now.amps())
                                >= SHORT_CIRCUIT_FACTOR
                                                * lim.dischargeOverCurrent().msl()
                                        + AMPS_ACCURACY,
                        p,
                        now);
            }
            if (!tempSensorFault) {
                hazard(
                        "over-temperature",
                        now.maxC() >= lim.dischargeOverTemperature().msl() + CELSIUS_ACCURACY,
                        debounce(lim.dischargeOverTemperature()) + p,
                        now,
                        1);
                hazard(
                        "under-temperature",
                        now.minC() <= lim.dischargeUnderTemperature().msl() - CELSIUS_ACCURACY,
                        debounce(lim.dischargeUnderTemperature()) + p,
                        now,
                        1);
                // judged only on a current reading the BMS can trust, as the over-currents are: a frozen
                // or faulty current sensor hides the direction (its own claim judges it)
                hazard(
                        "charging below the charge temperature",
                        !currentSensorFault
                                && now.amps() > 0.1 + AMPS_ACCURACY
                                && now.minC() <= lim.chargeUnderTemperature().msl() - CELSIUS_ACCURACY,
                        debounce(lim.chargeUnderTemperature()) + p,
                        now,
                        1);
            }
            frozenThermistorHidingHeat(now);
            hazard("charge through full", now.maxSoc() >= 1.01 && now.amps() > AMPS_ACCURACY, SOC_DEBOUNCE_S + p, now);
            hazard(
                    "discharge through empty",
                    now.minSoc() <= -0.01 && now.amps() < -AMPS_ACCURACY,
                    SOC_DEBOUNCE_S + p,
                    now);
        }
        chargeTemperatureInPulses(now, !loopTrouble && !tempSensorFault && !currentSensorFault);
        for (ContactorId id : ContactorId.values()) {
            hazard(
                    "welded " + id,
                    !now.commanded()[id.ordinal()] && now.contacts()[id.ordinal()],
                    WELD_RELEASE_S + p,
                    now,
                    now.fault());
        }
        if (!loopTrouble && !tempSensorFault) {
            thermistorRamps(now);
        } else {
            // a ramp not judged at every one of its ticks has no claim: judged again after the gap, its
            // deadline would count from a start the oracle did not watch (seeds 6429, 6836, 7133)
            for (double[] ramp : ramps) {
                if (t >= ramp[0] - 1e-9 && t <= ramp[1] + 1e-9) {
                    ramp[3] = 1;
                }
            }
        }
        // injected sensor and loop faults: detected by their documented debounce or window
        for (ScenarioAction a : sc.actions()) {
            if (a.atS() > t + 1e-9 || t >= a.atS() + a.forS() - 1e-9) {
                continue;
            }
            String name = a.type() + "@" + a.atS();
            boolean f = now.fault();
            double at = a.atS();
            switch (a) {
                case ScenarioAction.CellSensor s
                when s.status() != org.qsebms.hal.SensorStatus.STUCK ->
                    hazard(name, true, SENSOR_DEBOUNCE_S + p, now, f, at);
                case ScenarioAction.CellSensor s -> {
                    hazard(name, true, STUCK_AT_REST_S + p, now, f, at);
                    frozenUnderFlow(name, STUCK_FLOWING_S, now);
                }
                case ScenarioAction.TemperatureSensor s
                when s.status() != org.qsebms.hal.SensorStatus.STUCK ->
                    hazard(name, true, SENSOR_DEBOUNCE_S + p, now, f, at);
                case ScenarioAction.CurrentSensor s
                when s.status() != org.qsebms.hal.SensorStatus.STUCK ->
                    hazard(name, true, SENSOR_DEBOUNCE_S + p, now, f, at);
                case ScenarioAction.CurrentSensor s -> {
                    hazard(name, true, STUCK_AT_REST_S + p, now, f, at);
                    frozenAtRestThenALoad(s, now);
                }
                case ScenarioAction.PackVoltageSensor s
                when Double.isNaN(s.volts()) -> hazard(name, true, MISMATCH_DEBOUNCE_S + p, now, f, at);
                case ScenarioAction.LoopOverrun o
                when o.tickS() > p -> hazard(name, true, (overrunsToFault + 1) * p, now, f, at);
                default -> {}
            }
        }
    }

    /**
     * A current sensor frozen while the pack rests (issue 23): its reading says nothing flows, so its own
     * window waits 60 s; the cells' cross-check must find a current it does not show. Claimed (faults.md,
     * 210) when the reading froze at rest, the true current then rested for at least the cross-check's
     * window (relaxation from before is spent) and then stepped to at least twice the cross-check's current
     * (0.5 C) and stayed there, with no other injection (but a forced current) from one window before the step:
     * the pack in FAULT within
     * (window - debounce) / 2 + debounce + one period of the step.
     */
    private void frozenAtRestThenALoad(ScenarioAction.CurrentSensor s, Truth now) {
        Truth frozen = null;
        for (Truth x : all) {
            if (x.t() < s.atS() - 1e-9) {
                frozen = x;
            }
        }
        if (frozen == null || Math.abs(frozen.amps()) > STUCK_MIN_AMPS - AMPS_ACCURACY) {
            return; // frozen before the first tick, or while current flowed (the 5 s window's case)
        }
        double amps = Math.abs(now.amps());
        double load = 2 * CROSS_CHECK_C * sc.config().pack().capacityAh();
        if (amps < load) {
            frozenLoadOnset = Double.NaN;
        } else if (Double.isNaN(frozenLoadOnset) && all.size() >= 2) {
            // a step from a rest at least one cross-check window long (counted back from the previous tick)
            double restSince = Double.NaN;
            for (int i = all.size() - 2; i >= 0 && Math.abs(all.get(i).amps()) <= STUCK_MIN_AMPS - AMPS_ACCURACY; i--) {
                restSince = all.get(i).t();
            }
            if (!Double.isNaN(restSince) && previousTick - restSince >= CROSS_CHECK_WINDOW_S) {
                frozenLoadOnset = previousTick;
            } else {
                frozenLoadOnset = Double.NEGATIVE_INFINITY; // a step without the rest before it: no claim
            }
        }
        boolean holds = frozenLoadOnset > Double.NEGATIVE_INFINITY
                && !Double.isNaN(frozenLoadOnset)
                && noOtherInjectionBetween(s, frozenLoadOnset - CROSS_CHECK_WINDOW_S, now.t());
        String name = "current sensor frozen at rest from " + s.atS() + " s, then a load of at least 0.5 C";
        if (holds && !onset.containsKey(name)) {
            count("current frozen at rest, then a load");
        }
        hazard(
                name,
                holds,
                (CROSS_CHECK_WINDOW_S - CROSS_CHECK_DEBOUNCE_S) / 2 + CROSS_CHECK_DEBOUNCE_S + p,
                now,
                now.fault(),
                frozenLoadOnset);
    }

    /** No injection but {@code own} (and a forced current, which is a true current) was active from {@code from} to {@code t}. */
    private boolean noOtherInjectionBetween(ScenarioAction own, double from, double t) {
        for (ScenarioAction a : sc.actions()) {
            if (a != own
                    && !(a instanceof ScenarioAction.Command)
                    && !(a instanceof ScenarioAction.ForceCurrent)
                    && a.atS() <= t + 1e-9
                    && a.atS() + a.forS() > from - 1e-9) {
                return false;
            }
        }
        return true;
    }

    /**
     * A cell's true temperature set along a ramp (cellTemperature every 50 ms by equal increments):
     * one clearly beyond the rate (1.5 times) for longer than its window + 3 periods must put the
     * pack in FAULT within the window + 2 periods of the ramp's start (faults.md, 207).
     */
    private void thermistorRamps(Truth now) {
        double t = now.t();
        for (double[] ramp : ramps) {
            double start = ramp[0];
            double end = ramp[1];
            double rate = ramp[2];
            if (!rampClaimed(ramp) || ramp[3] != 0) {
                continue;
            }
            hazard(
                    String.format(java.util.Locale.ROOT, "thermistor ramp of %.2f °C/s", rate),
                    t >= start - 1e-9 && t <= end + 1e-9,
                    TEMP_RATE_WINDOW_S + 2 * p,
                    now,
                    now.fault(),
                    start);
        }
    }

    /** The ramps among the scenario's cellTemperature actions: {start, end, rate} per run of equal 50 ms steps. */
    private static List<double[]> ramps(Scenario sc) {
        Map<Integer, List<ScenarioAction.CellTemperature>> perCell = new java.util.TreeMap<>();
        for (ScenarioAction a : sc.actions()) {
            if (a instanceof ScenarioAction.CellTemperature c) {
                perCell.computeIfAbsent(c.cell(), k -> new ArrayList<>()).add(c);
            }
        }
        List<double[]> out = new ArrayList<>();
        for (List<ScenarioAction.CellTemperature> steps : perCell.values()) {
            if (steps.size() < 3) {
                continue;
            }
            ScenarioAction.CellTemperature first = steps.get(0);
            ScenarioAction.CellTemperature second = steps.get(1);
            double dt = second.atS() - first.atS();
            double dc = second.celsius() - first.celsius();
            boolean even = true;
            for (int i = 1; i < steps.size(); i++) {
                ScenarioAction.CellTemperature a = steps.get(i - 1);
                ScenarioAction.CellTemperature b = steps.get(i);
                even &= Math.abs(b.atS() - a.atS() - dt) < 1e-6
                        && Math.abs(b.celsius() - a.celsius() - dc) < 0.002; // written to 1 m°C
            }
            if (even && dt > 0) {
                out.add(new double[] {
                    first.atS() - dt, steps.get(steps.size() - 1).atS(), dc / dt, 0 // 0: judged at every tick so far
                });
            }
        }
        return out;
    }

    private static double debounce(org.qsebms.config.ThreeLevelLimit l) {
        return l.debounce().toNanos() / 1e9;
    }

    /** After the run: the event log against the truth. */
    void judge(List<JsonNode> lines) {
        Map<String, List<Double>> tripsByCode = new HashMap<>();
        boolean lockedOut = false;
        double lastAcceptedReset = -1;
        List<String> raisedSinceReset = new ArrayList<>();
        List<Double> raisedAtSinceReset = new ArrayList<>();
        for (JsonNode n : lines) {
            String type = n.get("type").asText();
            double t = n.get("t").asDouble();
            if (type.equals("fault")
                    && n.get("event").asText().equals("raised")
                    && n.get("id").asText().startsWith("SOFT_SHORT.")
                    && !shortedBefore(n.get("reason").asText(), t)) {
                violations.add(String.format(
                        "%s raised at %.3f s naming a cell with no injected short (a false alarm): %s",
                        n.get("id").asText(), t, n.get("reason").asText()));
            }
            if (type.equals("fault")
                    && n.get("event").asText().equals("raised")
                    && n.get("severity").asText().equals("MSL")) {
                String id = n.get("id").asText();
                String code = id.substring(0, id.length() - 4);
                raisedSinceReset.add(code);
                raisedAtSinceReset.add(t);
                if (code.equals("REPEATED_TRIP_LOCKOUT")) {
                    lockedOut = true;
                } else if (!n.get("reason").asText().contains("restored from the state file")) {
                    tripsByCode.computeIfAbsent(code, k -> new ArrayList<>()).add(t);
                }
                checkOpenedAfter(id, t, lines);
                checkJustified(code, t, n.get("reason").asText());
            }
            if (type.equals("state") && n.get("to").asText().equals("FAULT")) {
                count("trip@" + n.get("from").asText());
            }
            if (type.equals("state") && closeTaken(n)) {
                // a close is judged by the reset's judgement: no limit that applies beyond its MSL
                count("close taken");
                Truth x = at(t);
                if (x != null) {
                    beyondAnMsl(
                            "close taken (" + n.get("from").asText() + " to "
                                    + n.get("to").asText() + ")",
                            t,
                            x);
                }
            }
            if (type.equals("close")) {
                count("close refused");
                if (n.get("reason").asText().contains("ms debounce")) {
                    count("close refused over a cause inside its debounce");
                }
            }
            if (type.equals("reset")) {
                Truth prior = before(t); // the state the reset met
                count("reset answered in " + (prior == null ? "INIT" : prior.state()) + ": "
                        + (n.get("accepted").asBoolean() ? "accepted" : "refused"));
            }
            if (type.equals("reset") && n.get("accepted").asBoolean() && raisedSinceReset.isEmpty()) {
                violations.add(String.format(
                        "a reset accepted at %.3f s with no fault latched (a reset answers the fault present when "
                                + "it is received)",
                        t));
            }
            if (type.equals("reset") && n.get("accepted").asBoolean()) {
                boolean service = n.get("reason").asText().startsWith("service reset");
                if (lockedOut && !service) {
                    violations.add(String.format("a plain reset accepted at %.3f s after a lockout", t));
                }
                checkNoCause(t, raisedSinceReset);
                double sent = resetSentFor(t, service);
                for (int i = 0; i < raisedSinceReset.size(); i++) {
                    if (raisedAtSinceReset.get(i) >= sent - 1e-9) {
                        violations.add(String.format(
                                "a reset sent at %.3f s accepted at %.3f s clears %s, raised at %.3f s after it was sent"
                                        + " (a reset answers only the faults latched when it is received)",
                                sent, t, raisedSinceReset.get(i), raisedAtSinceReset.get(i)));
                    }
                }
                if (service) {
                    lockedOut = false;
                }
                raisedSinceReset.clear();
                raisedAtSinceReset.clear();
                lastAcceptedReset = t;
            }
        }
        resetsAreAnsweredAtTheirOwnTick(lines);
        for (Map.Entry<String, List<Double>> e : tripsByCode.entrySet()) {
            List<Double> ts = e.getValue();
            for (int i = LOCKOUT_TRIPS - 1; i < ts.size(); i++) {
                if (ts.get(i) - ts.get(i - LOCKOUT_TRIPS + 1) <= 3600 && !raisedLockoutBy(lines, ts.get(i))) {
                    violations.add(String.format(
                            "%s tripped %d times by %.3f s without a lockout", e.getKey(), LOCKOUT_TRIPS, ts.get(i)));
                }
            }
        }
    }

    /** A state change that takes a close: STANDBY to PRECHARGE, or OPENING back to NORMAL. */
    private static boolean closeTaken(JsonNode state) {
        String from = state.get("from").asText();
        String to = state.get("to").asText();
        return from.equals("STANDBY") && to.equals("PRECHARGE") || from.equals("OPENING") && to.equals("NORMAL");
    }

    /** Whether the cell a SOFT_SHORT reason names ("cell N: ...") had a short injected by {@code t}. */
    private boolean shortedBefore(String reason, double t) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^cell (\\d+):").matcher(reason);
        int cell = m.find() ? Integer.parseInt(m.group(1)) - 1 : -1;
        return sc.actions().stream()
                .anyMatch(a -> a instanceof ScenarioAction.SoftShort s && s.cell() == cell && s.atS() <= t + 1e-9);
    }

    /** The tick at which an action at {@code atS} is taken: the first tick at or after it. */
    private double tickOf(double atS) {
        return Math.max(0, Math.ceil((atS - 1e-9) / p) * p);
    }

    /**
     * A reset answers the faults latched at the tick it is taken, or is refused; it is never kept
     * (docs/state-machine.md). Every reset command gets its answer (a {@code reset} line) at the tick
     * it is taken, and no answer comes at a tick without a reset command. A tick that throws (an
     * injected tick exception) answers it too: refused, since no tick ran to judge it (check23r: it was
     * answered only at the first tick that completed).
     */
    private void resetsAreAnsweredAtTheirOwnTick(List<JsonNode> lines) {
        List<Double> answers = new ArrayList<>();
        for (JsonNode n : lines) {
            if (n.get("type").asText().equals("reset")) {
                answers.add(n.get("t").asDouble());
            }
        }
        List<Double> taken = new ArrayList<>();
        for (ScenarioAction a : sc.actions()) {
            if (a instanceof ScenarioAction.Command c
                    && (c.type().equals("reset") || c.type().equals("serviceReset"))
                    && tickOf(c.atS()) <= lastTick + 1e-9) {
                taken.add(tickOf(c.atS()));
            }
        }
        for (double tick : taken) {
            if (answers.stream().noneMatch(t -> Math.abs(t - tick) < p / 2)) {
                violations.add(String.format("a reset taken at the %.3f s tick got no answer at that tick", tick));
            }
        }
        for (double t : answers) {
            if (taken.stream().noneMatch(tick -> Math.abs(t - tick) < p / 2)) {
                violations.add(String.format(
                        "a reset answered at %.3f s with no reset sent at that tick (a reset kept for later)", t));
            }
        }
    }

    /**
     * When the reset answered at the tick {@code t} was sent: the latest reset command (or service reset) sent by
     * then (every earlier one got its answer at its own tick), or the tick itself when none is found (an answer
     * with no reset sent is judged by {@link #resetsAreAnsweredAtTheirOwnTick}).
     */
    private double resetSentFor(double t, boolean service) {
        double sent = t;
        boolean found = false;
        for (ScenarioAction a : sc.actions()) {
            if (a instanceof ScenarioAction.Command c
                    && c.type().equals(service ? "serviceReset" : "reset")
                    && c.atS() <= t + 1e-9
                    && (!found || c.atS() > sent)) {
                sent = c.atS();
                found = true;
            }
        }
        return sent;
    }

    /** The last tick's truth strictly before {@code t}, or null. */
    private Truth before(double t) {
        Truth b = null;
        for (Truth x : all) {
            if (x.t() >= t - 1e-9) {
                break;
            }
            b = x;
        }
        return b;
    }

    private static boolean raisedLockoutBy(List<JsonNode> lines, double t) {
        for (JsonNode n : lines) {
            if (n.get("type").asText().equals("fault")
                    && n.get("id").asText().equals("REPEATED_TRIP_LOCKOUT.MSL")
                    && n.get("event").asText().equals("raised")
                    && n.get("t").asDouble() <= t + 1e-9) {
                return true;
            }
        }
        return false;
    }

    private Truth at(double t) {
        for (Truth x : all) {
            if (x.t() >= t - 1e-9) {
                return x;
            }
        }
        return all.isEmpty() ? null : all.getLast();
    }

    /**
     * An MSL opens every contactor within {@link #CONTACTOR_OPEN_S}, unless an accepted reset ended the trip before
     * that: then (seed 2151959: a 162 ms spike, a reset sent 13 ms after the trip and accepted once the spike was
     * over, and a close commanded after it) the trip must have commanded every contactor open by the last tick
     * before the reset was taken, and what the contactors did after the reset is the close's to judge.
     */
    private void checkOpenedAfter(String id, double t, List<JsonNode> lines) {
        Truth x = at(t + CONTACTOR_OPEN_S);
        if (x == null || x.t() > lastTick) {
            return;
        }
        double reset = acceptedResetAfter(lines, t);
        if (reset <= x.t() + 1e-9) {
            Truth y = before(reset);
            if (y == null || y.t() < t - 1e-9) {
                y = at(t);
            }
            for (ContactorId c : ContactorId.values()) {
                if (y.commanded()[c.ordinal()]) {
                    violations.add(String.format(
                            "%s raised at %.3f s but %s still commanded closed at %.3f s, before the reset taken at"
                                    + " %.3f s",
                            id, t, c, y.t(), reset));
                }
            }
            return;
        }
        for (ContactorId c : ContactorId.values()) {
            if (x.contacts()[c.ordinal()] && !welded(c, x.t())) {
                violations.add(String.format("%s raised at %.3f s but %s still closed at %.3f s", id, t, c, x.t()));
            }
        }
    }

    /** The time of the first accepted reset (plain or service) after {@code t}, or infinity. */
    private static double acceptedResetAfter(List<JsonNode> lines, double t) {
        for (JsonNode n : lines) {
            double at = n.get("t").asDouble();
            if (n.get("type").asText().equals("reset") && n.get("accepted").asBoolean() && at > t + 1e-9) {
                return at;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private void checkJustified(String code, double t, String reason) {
        double window;
        switch (code) {
            case "SOFT_SHORT", "REPEATED_TRIP_LOCKOUT" -> {
                return; // the soft-short detector is judged by its own tests; a lockout follows trips
            }
            default -> window = 6.0;
        }
        boolean injectedBefore =
                sc.actions().stream().anyMatch(a -> !(a instanceof ScenarioAction.Command) && a.atS() <= t + 1e-9);
        boolean justified = switch (code) {
            case "CELL_OVER_VOLTAGE", "ELECTROLYTE_ANODIC_LIMIT" ->
                any(t, window, x -> x.maxV() >= lim.cellOverVoltage().msl() - CELL_VOLTS_ACCURACY) || injectedBefore;
            case "CELL_UNDER_VOLTAGE" ->
                any(t, window, x -> x.minV() <= lim.cellUnderVoltage().msl() + CELL_VOLTS_ACCURACY) || injectedBefore;
            case "DISCHARGE_OVER_CURRENT" ->
                any(t, window, x -> -x.amps() >= lim.dischargeOverCurrent().msl() - AMPS_ACCURACY) || injectedBefore;
            case "CHARGE_OVER_CURRENT" ->
                any(t, window, x -> x.amps() >= lim.chargeOverCurrent().msl() - AMPS_ACCURACY) || injectedBefore;
            case "SHORT_CIRCUIT" ->
                any(
                        t,
                        p + 1e-6,
                        x -> Math.abs(x.amps())
                                >= SHORT_CIRCUIT_FACTOR
                                                * lim.dischargeOverCurrent().msl()
                                        - AMPS_ACCURACY);
            case "CHARGE_OVER_TEMPERATURE", "DISCHARGE_OVER_TEMPERATURE" ->
                any(
                                t,
                                window,
                                x -> x.maxC()
                                        >= Math.min(
                                                        lim.chargeOverTemperature()
                                                                .msl(),
                                                        lim.dischargeOverTemperature()
                                                                .msl())
                                                - CELSIUS_ACCURACY)
                        || injectedBefore;
            case "CHARGE_UNDER_TEMPERATURE", "DISCHARGE_UNDER_TEMPERATURE" ->
                any(
                                t,
                                window,
                                x -> x.minC()
                                        <= Math.max(
                                                        lim.chargeUnderTemperature()
                                                                .msl(),
                                                        lim.dischargeUnderTemperature()
                                                                .msl())
                                                + CELSIUS_ACCURACY)
                        || injectedBefore;
            case "SOC_LOW" -> any(t, 2 * SOC_DEBOUNCE_S, x -> x.minSoc() <= SOC_ACCURACY) || injectedBefore;
            case "SOC_HIGH" -> any(t, 2 * SOC_DEBOUNCE_S, x -> x.maxSoc() >= 1 - SOC_ACCURACY) || injectedBefore;
            case "CELL_IMBALANCE" ->
                any(t, window, x -> x.maxV() - x.minV() >= 0.3 - 2 * CELL_VOLTS_ACCURACY) || injectedBefore;
            default -> injectedBefore; // sensor, plausibility, contactor and loop faults need an injected fault
        };
        if (!justified) {
            violations.add(String.format(
                    "%s.MSL raised at %.3f s with every true value inside its MSL and no fault " + "injected: %s",
                    code, t, reason));
        }
    }

    private boolean any(double t, double window, java.util.function.Predicate<Truth> p) {
        for (Truth x : all) {
            if (x.t() >= t - window - 1e-9 && x.t() <= t + 1e-9 && p.test(x)) {
                return true;
            }
        }
        return false;
    }

    /** At an accepted reset: no injected fault that is still there (and past its detection time), no limit still beyond. */
    private void checkNoCause(double t, List<String> raised) {
        for (ScenarioAction a : sc.actions()) {
            boolean activeNow = a.atS() <= t + 1e-9 && t < a.atS() + a.forS() - 1e-9;
            if (!activeNow) {
                continue;
            }
            double detectable = switch (a) {
                case ScenarioAction.CellSensor s ->
                    s.status() == org.qsebms.hal.SensorStatus.STUCK ? STUCK_AT_REST_S : SENSOR_DEBOUNCE_S;
                case ScenarioAction.TemperatureSensor s ->
                    s.status() == org.qsebms.hal.SensorStatus.STUCK ? Double.POSITIVE_INFINITY : SENSOR_DEBOUNCE_S;
                case ScenarioAction.CurrentSensor s ->
                    s.status() == org.qsebms.hal.SensorStatus.STUCK ? STUCK_AT_REST_S : SENSOR_DEBOUNCE_S;
                case ScenarioAction.TickException e -> 0;
                case ScenarioAction.PackVoltageSensor s ->
                    Double.isNaN(s.volts()) ? MISMATCH_DEBOUNCE_S : Double.POSITIVE_INFINITY;
                case ScenarioAction.LoopOverrun o ->
                    o.tickS() > p ? (overrunsToFault + 1) * p : Double.POSITIVE_INFINITY;
                default -> Double.POSITIVE_INFINITY;
            };
            boolean weldCause = a instanceof ScenarioAction.ContactorWeld;
            if (t - a.atS() > detectable + p || weldCause) {
                violations.add(String.format(
                        "reset accepted at %.3f s while %s (from %.3f s) is still there", t, a.type(), a.atS()));
            }
        }
        Truth x = at(t);
        if (x == null) {
            return;
        }
        if (raised.contains("CELL_OVER_VOLTAGE")
                && x.maxV()
                        >= lim.cellOverVoltage().msl() - lim.cellOverVoltage().hysteresis() + CELL_VOLTS_ACCURACY) {
            violations.add(String.format("reset accepted at %.3f s with a cell still at %.3f V", t, x.maxV()));
        }
        if (raised.contains("CELL_UNDER_VOLTAGE")
                && x.minV()
                        <= lim.cellUnderVoltage().msl() + lim.cellUnderVoltage().hysteresis() - CELL_VOLTS_ACCURACY) {
            violations.add(String.format("reset accepted at %.3f s with a cell still at %.3f V", t, x.minV()));
        }
        if (raised.contains("CHARGE_UNDER_TEMPERATURE")
                && x.minC()
                        <= lim.chargeUnderTemperature().msl()
                                + lim.chargeUnderTemperature().hysteresis()
                                - CELSIUS_ACCURACY) {
            violations.add(String.format(
                    "reset accepted at %.3f s with a cell still at %.1f °C after a cold charge", t, x.minC()));
        }
        if ((raised.contains("DISCHARGE_OVER_TEMPERATURE") || raised.contains("CHARGE_OVER_TEMPERATURE"))
                && x.maxC()
                        >= lim.dischargeOverTemperature().msl()
                                - lim.dischargeOverTemperature().hysteresis()
                                + CELSIUS_ACCURACY) {
            violations.add(String.format("reset accepted at %.3f s with a cell still at %.1f °C", t, x.maxC()));
        }
        beyondAnMsl("reset accepted", t, x);
    }

    /**
     * At an accepted reset or a taken close ({@code what}), a limit that applies at rest and whose true
     * value is beyond its MSL by more than the sensor accuracy is a cause present, raised or not yet for
     * its debounce (faults.md: a reset, and a close, is refused while any cause holds), unless the
     * channels that measure it are not trusted then (a cell channel or thermistor injected with a status
     * or frozen: its own cause is judged above).
     */
    private void beyondAnMsl(String what, double t, Truth x) {
        boolean cellChannelsOk = true;
        boolean thermistorsOk = true;
        for (ScenarioAction a : sc.actions()) {
            if (a.atS() <= t + 1e-9 && t < a.atS() + a.forS() + p - 1e-9) {
                cellChannelsOk &= !(a instanceof ScenarioAction.CellSensor);
                thermistorsOk &= !(a instanceof ScenarioAction.TemperatureSensor);
            }
        }
        if (cellChannelsOk && x.maxV() >= lim.cellOverVoltage().msl() + CELL_VOLTS_ACCURACY) {
            violations.add(String.format(
                    "%s at %.3f s with a cell at %.3f V, beyond the over-voltage MSL", what, t, x.maxV()));
        }
        if (cellChannelsOk && x.minV() <= lim.cellUnderVoltage().msl() - CELL_VOLTS_ACCURACY) {
            violations.add(String.format(
                    "%s at %.3f s with a cell at %.3f V, beyond the under-voltage MSL", what, t, x.minV()));
        }
        double imbalanceMsl = sc.config().supplementary().cellImbalance().msl();
        if (cellChannelsOk && x.maxV() - x.minV() >= imbalanceMsl + 2 * CELL_VOLTS_ACCURACY) {
            violations.add(String.format(
                    "%s at %.3f s with the cells %.3f V apart, beyond the imbalance MSL",
                    what, t, x.maxV() - x.minV()));
        }
        if (thermistorsOk && x.maxC() >= lim.dischargeOverTemperature().msl() + CELSIUS_ACCURACY) {
            violations.add(String.format(
                    "%s at %.3f s with a cell at %.1f °C, beyond the over-temperature MSL", what, t, x.maxC()));
        }
        if (thermistorsOk && x.minC() <= lim.dischargeUnderTemperature().msl() - CELSIUS_ACCURACY) {
            violations.add(String.format(
                    "%s at %.3f s with a cell at %.1f °C, beyond the under-temperature MSL", what, t, x.minC()));
        }
    }
}
