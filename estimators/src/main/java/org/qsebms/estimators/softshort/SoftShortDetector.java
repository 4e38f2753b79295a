package org.qsebms.estimators.softshort;

import java.util.Locale;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * Soft-short (dendrite) detection from three cues per cell, combined into one score:
 * <ol>
 *   <li>excess self-discharge current at rest, from voltage relaxation against the string
 *       ({@link RestSelfDischargeSettings});</li>
 *   <li>abrupt voltage drops the neighbours do not show, as a decaying event count
 *       ({@link VoltageDropSettings});</li>
 *   <li>the cell's SOC drifting from the string median, at rest or under load
 *       ({@link SocDriftSettings}).</li>
 * </ol>
 * Each cue gives an evidence {@code e = measured / threshold} (0 unless statistically confirmed);
 * the score is {@code x / (1 + x)} with {@code x = e1 + e2 + e3}, in [0, 1), and a cell is flagged
 * at or above {@link SoftShortSettings#scoreThreshold()} (0.5: one cue at its threshold, or several
 * partial ones). A pack of one cell has no other cell to compare with: its rest cue is the lone cell's own
 * ({@link LoneCellRestCue}: the OCV's fall at rest with no current counted, the model's relaxation, temperature term
 * and hysteresis carried as bounds), and it is judged only at rest. Cells are indexed from 0. Linear in cells, no allocation per update; only
 * {@link #reason(int)} allocates.
 *
 * <p>A flag has hysteresis, as an alarm of a real BMS: it is raised at the score threshold and
 * then held, with the leak estimate it was raised with (updated while the evidence stays confirmed),
 * until a rest measurement shows the cell's excess leak, with its sigma test, below
 * {@link SoftShortSettings#clearFraction()} of the threshold. A cue that has nothing to say
 * (current flowing, a rest shorter than the settle time, an OCV too flat) never clears a flag.
 *
 * <p>Balancing: {@link #update(double, double[], double[], double[], double)} takes each cell's bleed
 * current (cell volts over the bleed resistor while its switch is on). The rest cue removes the
 * bleed's voltage drop and its charge; the drift cue adds each cell's bleed charge ledger back to its SOC.
 *
 * <p>Learnt capacities: the drift cue's samples taken while the SOC filter counted on the nominal capacity
 * carry its lagging correction of the capacity error; once it counts on learnt capacities
 * ({@link #filterCountsOnLearntCapacity()}) a second drift fit runs over the samples from then on, and a
 * cell's drift evidence is the larger of the two fits'.
 *
 * <p>Trust in the SOC: the controller also passes each cell's SOC 3-sigma bound from the SOC filter; the
 * drift cue samples only while every bound is small ({@link SocDriftSettings#maxSocBound3Sigma()}), so a
 * filter that is still tens of % off (an LFP plateau) and corrects a cell at a knee is not read as a leak.
 */
public final class SoftShortDetector {
    private final SoftShortSettings settings;
    private final int cells;
    private final RestSelfDischargeCue rest;
    /** The lone cell's own rest cue on a pack of one cell (no other cell to compare with), else null. */
    private final LoneCellRestCue lone;

    private final VoltageDropCue drops;
    private final SocDriftCue drift;
    /**
     * The same fit over the samples taken once the SOC filter counts on learnt capacities (started at the first
     * {@link #setCellCapacityAh}): free of the lagging correction of the nominal capacity's error that the
     * earlier samples carry, which can hold the whole-run fit below its confirmation for hours.
     */
    private final SocDriftCue learntDrift;

    private final double[] score;
    private final boolean[] flagged;
    private final double[] heldLeakAmps;
    /** Whether the held leak estimate came from the rest fit (else from the bleed-corrected SOC drift). */
    private final boolean[] heldFromRest;

    private final double[] noBleed;

    /** Rest self-discharge cue as given; drop and drift cues with {@link SoftShortSettings#defaults}. */
    public SoftShortDetector(
            EcmParameters cell,
            int cellCount,
            double restAmps,
            double settleSeconds,
            double thresholdAmps,
            double sigmas) {
        this(
                cell,
                cellCount,
                SoftShortSettings.defaults(
                        new RestSelfDischargeSettings(restAmps, settleSeconds, thresholdAmps, sigmas),
                        cell.capacityAh()));
    }

    /**
     * Rest self-discharge cue as given, on a cell with the OCV hysteresis {@code hysteresis} (the
     * preset's; {@link HysteresisModel#NONE} for none); drop and drift cues with {@link SoftShortSettings#defaults}.
     */
    public SoftShortDetector(
            EcmParameters cell,
            HysteresisModel hysteresis,
            int cellCount,
            double restAmps,
            double settleSeconds,
            double thresholdAmps,
            double sigmas) {
        this(cell, hysteresis, LithiumInterface.NONE, cellCount, restAmps, settleSeconds, thresholdAmps, sigmas);
    }

    public SoftShortDetector(EcmParameters cell, int cellCount, SoftShortSettings settings) {
        this(cell, HysteresisModel.NONE, cellCount, settings);
    }

    SoftShortDetector(EcmParameters cell, HysteresisModel hysteresis, int cellCount, SoftShortSettings settings) {
        this(cell, hysteresis, LithiumInterface.NONE, cellCount, settings);
    }

    /**
     * As {@link #SoftShortDetector(EcmParameters, HysteresisModel, int, double, double, double, double)}, on a cell whose
     * lithium interface follows {@code lithium} (the preset's law scaled to the cell; {@link LithiumInterface#NONE}
     * for none): the rest cue locates a leaking cell on its OCV above the interface's drop at its own leak.
     */
    public SoftShortDetector(
            EcmParameters cell,
            HysteresisModel hysteresis,
            LithiumInterface lithium,
            int cellCount,
            double restAmps,
            double settleSeconds,
            double thresholdAmps,
            double sigmas) {
        this(
                cell,
                hysteresis,
                lithium,
                cellCount,
                SoftShortSettings.defaults(
                        new RestSelfDischargeSettings(restAmps, settleSeconds, thresholdAmps, sigmas),
                        cell.capacityAh()));
    }

    SoftShortDetector(
            EcmParameters cell,
            HysteresisModel hysteresis,
            LithiumInterface lithium,
            int cellCount,
            SoftShortSettings settings) {
        if (cellCount < 1) {
            throw new IllegalArgumentException("cellCount must be >= 1, got " + cellCount);
        }
        this.settings = settings;
        this.cells = cellCount;
        this.rest = new RestSelfDischargeCue(
                cell,
                hysteresis,
                lithium,
                cellCount,
                settings.rest(),
                settings.drift().capacitySpread());
        this.lone =
                cellCount < MIN_CELLS ? new LoneCellRestCue(cell, hysteresis, settings.rest(), settings.lone()) : null;
        this.drops = new VoltageDropCue(cell, cellCount, settings.drops());
        this.drift = new SocDriftCue(
                cell.capacityAh(),
                cellCount,
                settings.drift(),
                cell.ocv(),
                settings.rest().minOcvSlopeVoltsPerSoc());
        this.learntDrift = SocDriftCue.waitingForStart(
                cell.capacityAh(),
                cellCount,
                settings.drift(),
                cell.ocv(),
                settings.rest().minOcvSlopeVoltsPerSoc());
        this.score = new double[cellCount];
        this.flagged = new boolean[cellCount];
        this.heldLeakAmps = new double[cellCount];
        this.heldFromRest = new boolean[cellCount];
        this.noBleed = new double[cellCount];
    }

    /**
     * @param packAmps  string current (charging positive)
     * @param cellVolts measured cell voltages
     * @param cellSoc   SOC per cell, e.g. from the SOC estimator (OCV slope and the drift cue)
     */
    public void update(double packAmps, double[] cellVolts, double[] cellSoc, double dtSeconds) {
        update(packAmps, cellVolts, cellSoc, noBleed, dtSeconds);
    }

    /**
     * @param bleedAmps each cell's balancing bleed current over the step (A, >= 0: cell volts over the
     *                  bleed resistor while the cell's switch was on, 0 otherwise)
     */
    public void update(double packAmps, double[] cellVolts, double[] cellSoc, double[] bleedAmps, double dtSeconds) {
        update(packAmps, cellVolts, cellSoc, null, bleedAmps, dtSeconds);
    }

    /**
     * @param cellSocBound3Sigma each cell's SOC 3-sigma bound from the SOC filter (NaN where it gives none),
     *                           without the pack current sensor's share, which moves every cell alike:
     *                           the drift cue samples only while every bound is small enough
     *                           ({@link SocDriftSettings#maxSocBound3Sigma()}); null takes every estimate as
     *                           trusted
     * @param bleedAmps          each cell's balancing bleed current over the step (A, >= 0)
     */
    public void update(
            double packAmps,
            double[] cellVolts,
            double[] cellSoc,
            double[] cellSocBound3Sigma,
            double[] bleedAmps,
            double dtSeconds) {
        update(packAmps, cellVolts, null, cellSoc, cellSocBound3Sigma, bleedAmps, dtSeconds);
    }

    /**
     * @param cellCelsius each cell's temperature (°C; null: the preset's reference, 25 °C): the abrupt-drop
     *                    cue allows for a current step with the cell's resistance and time constants at it
     */
    public void update(
            double packAmps,
            double[] cellVolts,
            double[] cellCelsius,
            double[] cellSoc,
            double[] cellSocBound3Sigma,
            double[] bleedAmps,
            double dtSeconds) {
        rest.update(packAmps, cellVolts, bleedAmps, cellCelsius, dtSeconds);
        if (lone != null) {
            lone.update(packAmps, cellVolts[0], cellCelsius == null ? Double.NaN : cellCelsius[0], dtSeconds);
        }
        drops.update(packAmps, cellVolts, bleedAmps, cellCelsius, dtSeconds);
        drift.update(packAmps, cellSoc, cellSocBound3Sigma, bleedAmps, dtSeconds);
        learntDrift.update(packAmps, cellSoc, cellSocBound3Sigma, bleedAmps, dtSeconds);
        double clearAmps = settings.clearFraction() * settings.rest().thresholdAmps();
        for (int i = 0; i < cells; i++) {
            score[i] = liveScore(i);
            if (score[i] >= settings.scoreThreshold()) {
                flagged[i] = true;
                double leak = liveLeakAmps(i);
                if (leak > 0) {
                    heldLeakAmps[i] = leak;
                    heldFromRest[i] = restConfirmed(i);
                }
            } else if (flagged[i] && restConfirmedBelow(i, clearAmps)) {
                flagged[i] = false;
                heldLeakAmps[i] = 0;
            }
        }
    }

    /**
     * Tells the detector that this tick's readings were not valid (any cell, current or temperature
     * channel not OK) and were not given to {@link #update}: the abrupt-drop cue compares the next
     * valid reading with nothing from before the gap, so a step in a reading while a channel was
     * faulted never counts as a drop. Allocation-free.
     */
    public void skipInvalidSample() {
        drops.skipSample();
    }

    /**
     * The combined score now. While the string rests, the SOC drift gives no evidence and the rest
     * cue speaks for the string once it has settled: after a load the SOC estimates settle at rest at
     * rates that differ from cell to cell (capacity spread), which the drift fit would read as a
     * drift. This holds from the first minute of a rest, not only once the rest fit runs: the
     * estimates settle during the settle time too.
     */
    private double liveScore(int i) {
        double x = (lone != null ? lone.evidence() : rest.evidence(i))
                + drops.evidence(i)
                + (restFitting() ? 0.0 : driftEvidence(i));
        return x / (1 + x);
    }

    /** The SOC drift's evidence: the larger of the whole-run fit's and the fit since the capacities were learnt. */
    private double driftEvidence(int i) {
        return Math.max(drift.evidence(i), learntDrift.evidence(i));
    }

    /** The drift fit whose evidence is the larger now (the whole-run fit on a tie). */
    private SocDriftCue strongerDrift(int i) {
        return learntDrift.evidence(i) > drift.evidence(i) ? learntDrift : drift;
    }

    private boolean restFitting() {
        return rest.restSeconds() > 0;
    }

    /** The rest measurement confirms a leak: the lone cell's own on a pack of one cell, else against the string. */
    private boolean restConfirmed(int i) {
        return lone != null ? lone.confirmed() : rest.confirmed(i);
    }

    /** The rest measurement shows the leak below {@code limitAmps}: the lone cell's own, else against the string. */
    private boolean restConfirmedBelow(int i, double limitAmps) {
        return lone != null ? lone.confirmedBelow(limitAmps) : rest.confirmedBelow(i, limitAmps);
    }

    /** The rest measurement's leak (A): the lone cell's own, else the excess over the string. */
    private double restAmps(int i) {
        return lone != null ? lone.amps() : rest.amps(i);
    }

    /** The leak the confirmed cues measure now: the rest fit first, else the bleed-corrected SOC drift (A). */
    private double liveLeakAmps(int i) {
        if (restConfirmed(i)) {
            return restAmps(i);
        }
        SocDriftCue d = strongerDrift(i);
        if (d.confirmed(i) && !restFitting()) {
            return d.equivalentAmps(i);
        }
        return 0.0;
    }

    /**
     * True while the cell is flagged: from the moment its combined score reached the threshold until a
     * rest measurement shows its leak below the clear fraction of the threshold (see the class comment).
     */
    public boolean isFlagged(int cell) {
        return flagged[cell];
    }

    /**
     * True when the detector has a verdict that the cell does not leak, now: it is not flagged and a
     * rest measurement shows its excess leak, with its sigma test, below the clear fraction of the
     * threshold (what clears a flag). False while the detector has no such measurement (current
     * flowing, a rest shorter than the settle time and a fit after it, an OCV too flat, a cell that
     * bled too much): no evidence is not a verdict. Allocation-free.
     */
    public boolean restShowsNoLeak(int cell) {
        return !flagged[cell]
                && restConfirmedBelow(
                        cell, settings.clearFraction() * settings.rest().thresholdAmps());
    }

    /**
     * How far the cell's excess over the string, in the rest fit now running, has come towards a confirmation: the
     * excess over the bleed's doubt plus the sigma test (1: confirmed once the fit is as long as the settle time); 0
     * while the string does not rest, before the fit has a measurement, for a cell without an excess, and on a pack
     * of one cell (no balancing). Allocation-free.
     */
    public double restConfirmationFraction(int cell) {
        return lone != null ? 0.0 : rest.confirmationFraction(cell);
    }

    /** The rest the rest measurement needs before its first verdict: the settle time and a fit as long (s). */
    public double restSecondsToAVerdict() {
        return 2 * settings.rest().settleSeconds();
    }

    /**
     * The cell's estimated leak in excess of the string median (A): while flagged, the estimate the
     * flag was raised or last confirmed with (held through spells without a measurement); otherwise
     * what the confirmed cues measure now, 0 without a confirmed measurement.
     */
    public double leakAmps(int cell) {
        return flagged[cell] ? heldLeakAmps[cell] : liveLeakAmps(cell);
    }

    /**
     * The SOC filter counts the cell's charge on a learnt capacity from now on (from the health tracker, or
     * restored at start-up): the first time, a second SOC drift fit starts over the samples taken from then
     * on (see the class comment). The capacity itself is not needed: the fit compares SOC estimates.
     * Allocation-free.
     */
    public void filterCountsOnLearntCapacity() {
        if (!learntDrift.running()) {
            learntDrift.start();
        }
    }

    /** The bleed charge ledger: charge the cell gave its balancing resistor since start (Ah). */
    public double bleedAh(int cell) {
        return drift.bleedAh(cell);
    }

    /**
     * The fewest cells in series the cues that compare a cell with the other cells need (their median; on two cells
     * the other one), which is what takes out what is common to the string (relaxation after a load, temperature, the
     * SOC filter's shared errors). A pack of fewer, one cell, is judged by its own rest alone ({@link LoneCellRestCue}:
     * the OCV's fall at rest with no current counted, the model's relaxation, temperature term and hysteresis carried
     * as bounds); under load it is not judged (check23r: a 3 ohm short in a 1-cell pack raised nothing until the cell
     * under-voltage at 3609 s).
     */
    public static final int MIN_CELLS = RestSelfDischargeCue.MIN_REFERENCE_CELLS;

    /** True when the cells are compared with each other ({@link #MIN_CELLS} or more); false: a lone cell's own rest. */
    public boolean comparesCells() {
        return cells >= MIN_CELLS;
    }

    /** The excess leak at which the rest cue alone flags a cell (A). */
    public double thresholdAmps() {
        return settings.rest().thresholdAmps();
    }

    /** Combined soft-short score of the cell, 0 (no evidence) to 1. */
    public double score(int cell) {
        return score[cell];
    }

    public double scoreThreshold() {
        return settings.scoreThreshold();
    }

    /** Self-discharge current in excess of the string median (a lone cell: its own) (A), 0 while not resting. */
    public double selfDischargeAmps(int cell) {
        return restAmps(cell);
    }

    /** Fall of the cell's SOC against the string median (SOC fraction per hour; positive = falling behind). */
    public double socDriftPerHour(int cell) {
        return drift.driftPerHour(cell);
    }

    /** Abrupt drops counted, decayed with the drop window (reads as "drops within about the last window"). */
    public double recentVoltageDrops(int cell) {
        return drops.decayedDrops(cell);
    }

    /**
     * Why the cell is (not) flagged, one clause per cue, cells numbered from 1 as in alarms and
     * telemetry, e.g. {@code cell 3: score 0.62 (threshold 0.50), suspected soft short; self-discharge 8.1 mA above the string median (threshold 3.0 mA,
     * standard error 0.4 mA) over 42 min of rest; SOC drifting -0.60 %/h from the string median ...}.
     * Allocates: call on request or when the flag changes, never per tick.
     */
    public String reason(int c) {
        StringBuilder b = new StringBuilder(400);
        boolean fromRest = flagged[c] ? heldFromRest[c] : restConfirmed(c);
        double leak = leakAmps(c);
        b.append(String.format(
                Locale.ROOT,
                "cell %d: leak about %.1f mA %s " + "(threshold %.1f mA%s), score %.2f (threshold %.2f)%s; ",
                c + 1,
                1000 * leak,
                lone != null ? "from its own rest voltage (a lone cell)" : "above the string median",
                1000 * thresholdAmps(),
                leak <= 0 ? "" : fromRest ? "; from the rest fit" : "; from the SOC drift, a flag more than a measure",
                score[c],
                settings.scoreThreshold(),
                flagged[c] ? ", suspected soft short" : ""));
        appendRest(b, c);
        b.append("; ");
        appendDrift(b, c);
        b.append("; ");
        appendLedger(b, c);
        b.append("; ");
        appendDrops(b, c);
        return b.toString();
    }

    private void appendLedger(StringBuilder b, int c) {
        double sum = 0;
        for (int i = 0; i < cells; i++) {
            sum += drift.bleedAh(i);
        }
        if (sum <= 0) {
            b.append("no balancing bleed");
            return;
        }
        b.append(String.format(
                Locale.ROOT,
                "balancing bleed %.1f mAh since start (string mean %.1f mAh), " + "recently %.1f mA",
                1000 * drift.bleedAh(c),
                1000 * sum / cells,
                1000 * drift.bleedRateAmps(c)));
    }

    private void appendRest(StringBuilder b, int c) {
        RestSelfDischargeSettings s = settings.rest();
        if (lone != null) {
            appendLoneRest(b, s);
            return;
        }
        if (rest.fittedSeconds() <= 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "self-discharge not measured (needs %.0f min of rest, resting %.0f min)",
                    s.settleSeconds() / 60,
                    rest.restSeconds() / 60));
            return;
        }
        if (!rest.measured(c) && rest.bledTooMuch(c)) {
            b.append(String.format(
                    Locale.ROOT,
                    "self-discharge not measured at rest (the cell bled more than %.1f mA "
                            + "on average over the %.0f min fit; %d of %d cells measurable, %d needed)",
                    1000 * RestSelfDischargeCue.MAX_BLEED_FRACTION * s.thresholdAmps(),
                    rest.fittedSeconds() / 60,
                    rest.observableCells(),
                    cells,
                    RestSelfDischargeCue.MIN_REFERENCE_CELLS));
            return;
        }
        if (!rest.measured(c)) {
            b.append(String.format(
                    Locale.ROOT,
                    "self-discharge not measurable at rest (OCV flatter than %.0f mV per "
                            + "unit SOC here; %d of %d cells measurable, %d needed)",
                    1000 * s.minOcvSlopeVoltsPerSoc(),
                    rest.observableCells(),
                    cells,
                    RestSelfDischargeCue.MIN_REFERENCE_CELLS));
            return;
        }
        b.append(String.format(
                Locale.ROOT,
                "self-discharge %.1f mA above the string median (threshold %.1f mA, standard error %.2f mA%s%s) "
                        + "over %.0f min of rest",
                1000 * rest.amps(c),
                1000 * s.thresholdAmps(),
                1000 * rest.standardErrorAmps(c),
                rest.doubtAmps(c) > 0
                        ? String.format(
                                Locale.ROOT,
                                rest.inReference(c)
                                        ? ", bleed doubt %.1f mA"
                                        : ", bleed doubt %.1f mA: it bled too much to be in the median",
                                1000 * rest.doubtAmps(c))
                        : "",
                rest.confirmed(c) ? "" : ", not confirmed",
                rest.fittedSeconds() / 60));
    }

    private void appendLoneRest(StringBuilder b, RestSelfDischargeSettings s) {
        if (lone.fittedSeconds() <= 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "self-discharge not measured (a lone cell: needs %.0f min of rest, resting %.0f min)",
                    s.settleSeconds() / 60,
                    lone.restSeconds() / 60));
            return;
        }
        if (!lone.measured()) {
            b.append(String.format(
                    Locale.ROOT,
                    "self-discharge not measurable at rest (a lone cell: not fitted yet, or its OCV flatter than %.0f mV "
                            + "per unit SOC here)",
                    1000 * s.minOcvSlopeVoltsPerSoc()));
            return;
        }
        b.append(String.format(
                Locale.ROOT,
                "self-discharge %.1f mA from the cell's own OCV fall at rest (a lone cell; threshold %.1f mA, "
                        + "standard error %.2f mA, model doubt %.1f mA for its relaxation, temperature, "
                        + "hysteresis and any current read at rest%s) over %.0f min of rest",
                1000 * lone.amps(),
                1000 * s.thresholdAmps(),
                1000 * lone.standardErrorAmps(),
                1000 * lone.doubtAmps(),
                lone.confirmed() ? "" : ", not confirmed",
                lone.fittedSeconds() / 60));
    }

    private void appendDrift(StringBuilder b, int c) {
        SocDriftSettings s = settings.drift();
        if (drift.fittedSeconds() < s.minSpanSeconds()) {
            b.append(String.format(
                    Locale.ROOT,
                    "SOC drift not judged yet (%.0f of %.0f min)",
                    drift.fittedSeconds() / 60,
                    s.minSpanSeconds() / 60));
            appendDistrust(b, s);
            return;
        }
        b.append(String.format(
                Locale.ROOT,
                "SOC drifting %+.2f %%/h from the string median (about %.1f mA; threshold -%.2f %%/h, "
                        + "standard error %.2f %%/h%s)",
                -100 * drift.driftPerHour(c),
                1000 * drift.equivalentAmps(c),
                100 * s.thresholdPerHour(),
                100 * drift.driftSePerHour(c),
                unconfirmed(drift, c)));
        if (learntDrift.running() && learntDrift.fittedSeconds() >= s.minSpanSeconds()) {
            b.append(String.format(
                    Locale.ROOT,
                    "; since the learnt capacities %+.2f %%/h (standard error %.2f %%/h%s)",
                    -100 * learntDrift.driftPerHour(c),
                    100 * learntDrift.driftSePerHour(c),
                    unconfirmed(learntDrift, c)));
        }
        appendDistrust(b, s);
    }

    /** "" for a confirmed drift, else why not: not significant, or first significant too short a time ago. */
    private static String unconfirmed(SocDriftCue d, int c) {
        if (d.confirmed(c)) {
            return "";
        }
        double held = d.heldSeconds(c);
        return held > 0
                ? String.format(
                        Locale.ROOT,
                        ", first significant %.0f min ago (needs %.0f), not confirmed",
                        held / 60,
                        d.holdSeconds() / 60)
                : ", not confirmed";
    }

    private void appendDistrust(StringBuilder b, SocDriftSettings s) {
        if (drift.distrustedBound() > 0) {
            b.append(String.format(
                    Locale.ROOT,
                    ", not sampled now: a cell's SOC bound is %.0f %% (3 sigma), over %.0f %%",
                    100 * drift.distrustedBound(),
                    100 * s.maxSocBound3Sigma()));
        }
    }

    private void appendDrops(StringBuilder b, int c) {
        VoltageDropSettings s = settings.drops();
        if (drops.drops(c) == 0) {
            b.append(String.format(Locale.ROOT, "no abrupt drops of more than %.0f mV", 1000 * s.dropVolts()));
            return;
        }
        b.append(String.format(
                Locale.ROOT,
                "%d abrupt drops of more than %.0f mV (largest %.0f mV), %.1f within about the last %.0f min "
                        + "(threshold %.1f)",
                drops.drops(c),
                1000 * s.dropVolts(),
                1000 * drops.largestDropVolts(c),
                drops.decayedDrops(c),
                s.windowSeconds() / 60,
                s.dropsThreshold()));
    }
}
