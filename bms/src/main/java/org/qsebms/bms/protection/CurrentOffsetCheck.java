package org.qsebms.bms.protection;

import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.SupplementaryLimits;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;
import org.qsebms.estimators.model.OcvCurve;

/**
 * The cells' check of the charge a small steady current reading counts on a closed pack (issue 23, fix23av, rebuilt
 * in fix23az; CURRENT_OFFSET_IMPLAUSIBLE): an offset under the zero-drift limit that appears while the path is closed
 * is counted as charge by the SOC, while no cell moves. The reading says charge went in or out; the cells say whether
 * it did.
 *
 * <p>While the path is closed and the reading is at most {@code currentOffsetMaxC}, over a window of
 * {@code currentOffsetWindow} sliding with every sample, begun at least {@code currentOffsetSettle} after a larger
 * reading (a load's relaxation is mostly over), with the reading within {@code currentOffsetSteadyC} of its value a
 * window before the window's start: per cell, the SOC at the window's start read from the OCV (its voltage less the
 * model's polarisation: the preset's R0 and RC pairs driven by the reading, the first pair's drop by the preset's
 * lithium interface law where it has one, since a small current drops far more through the interface than the pair's
 * 1 C line says), and the OCV move the counted charge implies from there (the table's secant over the counted SOC
 * move).
 *
 * <p><b>One direction only.</b> The evidence of an offset is the counted move a cell does not show: the counted move
 * less the cell's own move (voltage less the model's polarisation), taken the reading's way, and at most the whole
 * counted move. A cell moving against the reading shows a current the reading does not count at all (a load's
 * relaxation, a leak, the balancer's bleed); that is the soft-short detector's to judge, and it is no evidence that
 * the reading counts more than flowed. So a reading whose counted move is within the margin by itself gives no
 * verdict whatever the cells do: the margin is at least {@code currentOffsetNoiseVolts} plus
 * {@code currentOffsetOcvDoubt} of the counted move, so the counted move must exceed
 * {@code currentOffsetNoiseVolts / (1 - currentOffsetOcvDoubt)} before anything can be raised.
 *
 * <p><b>The cell's own trend.</b> Relaxation decays: a cell's move against the reading over the window before the
 * window (its voltage less the polarisation, from a sample at least a window before the window's start) bounds the
 * move against the reading still to come over the window, scaled by the two spans' lengths. Each cell's margin is
 * {@code currentOffsetNoiseVolts} plus {@code currentOffsetOcvDoubt} of its counted move, plus
 * {@code currentOffsetModelDoubt} of the model's own predicted relaxation over the window, plus that bound. The
 * trend is the cell's raw move against the reading, not its move less the counted one: the latter would read an
 * offset already there before the window as relaxation and hide it. When every cell's evidence exceeds its margin,
 * the condition holds.
 *
 * <p><b>The SOC the cell may be at.</b> A resting cell sits up to the preset's OCV hysteresis half-gap off the
 * table's OCV (on LFP, after a discharge, below it: near the plateau's end that reads as the steep knee under it),
 * and its voltage less the model's polarisation up to {@code currentOffsetNoiseVolts} more, and the polarisation taken
 * off is the model's, doubted by {@code currentOffsetModelDoubt} of it (fix23bc: near empty a real cell's polarisation
 * exceeds the model's, which read a healthy cell cycled at C/20 deeper in the knee than it was); so the counted move is
 * the least the counted SOC move implies from any SOC within the reach of those volts together. Where that
 * least move is too flat to judge (below {@code currentOffsetMinSlope} times the counted SOC move: the LFP plateau),
 * it gives no verdict: a flat OCV cannot tell a counted charge from none.
 * Preallocated; one {@link #update} per tick, no allocation.
 */
final class CurrentOffsetCheck {
    /** Kept samples per window (one every window / this). */
    private static final int PER_WINDOW = 32;
    /** Kept samples (ring): the window and the window before it, with room to spare. */
    private static final int RING = PER_WINDOW * 5 / 2;
    /** Starts sampled across the SOC reach of the OCV hysteresis. */
    private static final int REACH_STEPS = 16;

    private final EcmParameters cell;
    private final OcvCurve ocv;
    private final double maxAmps;
    private final double steadyAmps;
    private final long windowNanos;
    private final long settleNanos;
    private final double noiseVolts;
    private final double doubt;
    private final double modelDoubt;
    private final double minSlope;
    /** The OCV hysteresis half-gap: a resting cell may sit this far from the table's OCV, either way. */
    private final double hysteresisVolts;
    /** The lithium interface's steady drop law for the first pair (null: the pair's linear R1). */
    private final LithiumInterface lithium;

    private final long[] keptNanos = new long[RING];
    private final double[][] keptVolts;
    private final double[] keptPolarisation = new double[RING];
    private final double[] keptAh = new double[RING];
    private final double[] keptAmps = new double[RING];
    /** Per cell at the judgement: the least OCV move the counted charge implies. */
    private final double[] counted;

    private int head;
    private int size;

    private double v1;
    private double v2;
    private long lastNanos = Long.MIN_VALUE;
    private long smallSince = Long.MIN_VALUE;
    /** The charge the reading counted since the kept samples began, Ah. */
    private double countedAh;

    /** True while every cell shows less of the counted move than its margin allows. */
    boolean flagged;
    /** The window was judged at this sample (the OCV steep enough at every cell). */
    boolean judged;
    /** The window ended on a part of the OCV too flat to judge. */
    boolean tooFlat;
    /** The least evidence over its margin among the cells, as a ratio (above 1: beyond). */
    double ratio;
    /** The largest least evidence over its margin seen so far (above 1 raises; for the documented figures). */
    double peakRatio = Double.NEGATIVE_INFINITY;
    /** At the last judgement: the cell whose evidence was least beyond its margin, and its figures. */
    int leastCell = -1;

    double predictedVolts;
    double movedVolts;
    double marginVolts;
    double trendVolts;
    double countedWindowAh;
    double windowSeconds;
    double readingAmps;

    CurrentOffsetCheck(
            SupplementaryLimits limits,
            EcmParameters cell,
            double hysteresisVolts,
            LithiumInterface lithium,
            int cells) {
        this.cell = cell;
        this.hysteresisVolts = hysteresisVolts;
        this.lithium = lithium.equals(LithiumInterface.NONE) ? null : lithium;
        this.ocv = cell.ocv();
        this.maxAmps = limits.currentOffsetMaxC() * cell.capacityAh();
        this.steadyAmps = limits.currentOffsetSteadyC() * cell.capacityAh();
        this.windowNanos = limits.currentOffsetWindow().toNanos();
        this.settleNanos = limits.currentOffsetSettle().toNanos();
        this.noiseVolts = limits.currentOffsetNoiseVolts();
        this.doubt = limits.currentOffsetOcvDoubt();
        this.modelDoubt = limits.currentOffsetModelDoubt();
        this.minSlope = limits.currentOffsetMinSlope();
        this.keptVolts = new double[RING][cells];
        this.counted = new double[cells];
    }

    void update(PackMeasurement m) {
        long now = m.nanos;
        double dt = lastNanos == Long.MIN_VALUE ? 0 : (now - lastNanos) / 1e9;
        lastNanos = now;
        boolean currentOk = m.currentStatus.isOk();
        double celsius = m.minTempIndex >= 0 ? m.minCelsius : 25.0;
        double f = cell.resistanceFactor(celsius);
        double amps = currentOk ? m.sensorAmps : 0.0;
        double a1 = Math.exp(-dt / cell.tau1SecondsAt(celsius));
        double a2 = Math.exp(-dt / cell.tau2SecondsAt(celsius));
        // a small current drops far more through the lithium interface than the first pair's 1 C line says
        double interfaceVolts = lithium == null ? cell.r1Ohms() * amps : lithium.volts(amps);
        v1 = a1 * v1 + (1 - a1) * interfaceVolts * f;
        v2 = a2 * v2 + (1 - a2) * cell.r2Ohms() * f * amps;
        double polarisation = amps * cell.r0Ohms() * f + v1 + v2;
        flagged = false;
        judged = false;
        tooFlat = false;
        if (!currentOk
                || m.currentPathOpen
                || m.firstBadCell() >= 0
                || !Double.isFinite(amps)
                || Math.abs(amps) > maxAmps) {
            smallSince = Long.MIN_VALUE;
            size = 0;
            return;
        }
        if (smallSince == Long.MIN_VALUE) {
            smallSince = now;
        }
        if (size > 0 && Math.abs(amps - keptAmps[tail()]) > steadyAmps) {
            size = 0; // not steady: the kept span starts again here
        }
        if (size == 0) {
            countedAh = 0;
        } else {
            countedAh += amps * dt / 3600.0;
        }
        int ref = youngestAtLeast(now - windowNanos, size);
        if (ref >= 0 && keptNanos[ref] - smallSince >= settleNanos) {
            int before = youngestAtLeast(keptNanos[ref] - windowNanos, ageOf(ref));
            if (before >= 0) {
                judge(m, ref, before, polarisation, celsius, now);
                // nothing older than the sample a window before the reference is needed again
                size -= ageOf(before);
            }
        }
        keep(m, now, polarisation, amps);
    }

    /**
     * The youngest of the {@code among} oldest kept samples taken at or before {@code nanos}, as a ring index (-1:
     * none).
     */
    private int youngestAtLeast(long nanos, int among) {
        for (int k = among - 1; k >= 0; k--) {
            int i = (tail() + k) % RING;
            if (keptNanos[i] <= nanos) {
                return i;
            }
        }
        return -1;
    }

    /** How many kept samples are older than the one at ring index {@code i}. */
    private int ageOf(int i) {
        return Math.floorMod(i - tail(), RING);
    }

    private void judge(PackMeasurement m, int ref, int before, double polarisation, double celsius, long now) {
        double dSoc = (countedAh - keptAh[ref]) / cell.capacityAh();
        // the reading's way: +1 counted charge in, -1 counted charge out
        double way = Math.signum(dSoc);
        int n = m.cellVolts.length;
        // how far the voltage read less the model's polarisation may be off the table's OCV: the hysteresis half-gap,
        // the unmodelled drift allowed, and the model's doubt on the polarisation it takes off (fix23bc)
        double placementDoubt = hysteresisVolts + noiseVolts + modelDoubt * Math.abs(keptPolarisation[ref]);
        for (int i = 0; i < n; i++) {
            double socThen = ocv.socAt(keptVolts[ref][i] - keptPolarisation[ref], celsius);
            counted[i] = leastCountedMove(socThen, dSoc, celsius, placementDoubt);
            if (Math.abs(counted[i]) < minSlope * Math.abs(dSoc)) {
                tooFlat = true;
                ratio = 0;
                return;
            }
        }
        // the model's own relaxation over the window is its least known part: a doubt on it joins the margin
        double relaxation = modelDoubt * Math.abs(polarisation - keptPolarisation[ref]);
        double span = (now - keptNanos[ref]) / (double) (keptNanos[ref] - keptNanos[before]);
        double least = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double restBefore = keptVolts[before][i] - keptPolarisation[before];
            double restThen = keptVolts[ref][i] - keptPolarisation[ref];
            double restNow = m.cellVolts[i] - polarisation;
            double predicted = counted[i];
            double moved = restNow - restThen;
            // the counted move the cell does not show, the reading's way, at most all of it
            double evidence = Math.min(way * (predicted - moved), Math.abs(predicted));
            // the cell's move against the reading before the window bounds its relaxation still to come
            double trend = Math.max(0, -way * (restThen - restBefore)) * span;
            double margin = noiseVolts + doubt * Math.abs(predicted) + relaxation + trend;
            double r = evidence / margin;
            if (r < least) {
                least = r;
                leastCell = i;
                predictedVolts = predicted;
                movedVolts = moved;
                marginVolts = margin;
                trendVolts = trend;
            }
        }
        judged = true;
        ratio = least;
        peakRatio = Math.max(peakRatio, least);
        countedWindowAh = countedAh - keptAh[ref];
        windowSeconds = (now - keptNanos[ref]) / 1e9;
        readingAmps = m.sensorAmps;
        flagged = least > 1;
    }

    /**
     * The least OCV move a counted SOC move of {@code dSoc} implies from any SOC the cell may be at: its voltage less the
     * model's polarisation, read on the table, gives {@code soc}, but that voltage is off the table's OCV by up to
     * {@code doubtVolts} (a resting cell's hysteresis half-gap, the unmodelled drift the check allows, and the model's
     * doubt on its own polarisation: near empty a real cell's polarisation exceeds the model's, so the voltage less
     * the model's polarisation reads the cell deeper in the knee than it is), so the SOC is known only within the SOC
     * reach of that voltage ({@link OcvCurve#socReachOfVolts}); the flattest start in that reach is taken (sampled at
     * {@code REACH_STEPS} + 1 points), so a cell that may be on a flatter part is judged as if it were. The check is
     * one way (counted charge the cells do not show), so the least move can only quiet it where the placement is in
     * doubt.
     */
    private double leastCountedMove(double soc, double dSoc, double celsius, double doubtVolts) {
        double least = ocv.voltsAt(clamp(soc + dSoc), celsius) - ocv.voltsAt(soc, celsius);
        double reach = ocv.socReachOfVolts(soc, celsius, doubtVolts);
        double lo = clamp(soc - reach);
        double hi = clamp(soc + reach);
        for (int k = 0; k <= REACH_STEPS; k++) {
            double z = lo + (hi - lo) * k / REACH_STEPS;
            double move = ocv.voltsAt(clamp(z + dSoc), celsius) - ocv.voltsAt(z, celsius);
            if (Math.abs(move) < Math.abs(least)) {
                least = move;
            }
        }
        return least;
    }

    private static double clamp(double soc) {
        return Math.max(0, Math.min(1, soc));
    }

    private int tail() {
        return Math.floorMod(head - size, RING);
    }

    /** Keeps the sample if at least {@code window / PER_WINDOW} after the last kept one. */
    private void keep(PackMeasurement m, long now, double polarisation, double amps) {
        if (size > 0 && now - keptNanos[Math.floorMod(head - 1, RING)] < windowNanos / PER_WINDOW) {
            return;
        }
        if (size == RING) {
            size--;
        }
        keptNanos[head] = now;
        System.arraycopy(m.cellVolts, 0, keptVolts[head], 0, m.cellVolts.length);
        keptPolarisation[head] = polarisation;
        keptAh[head] = countedAh;
        keptAmps[head] = amps;
        head = (head + 1) % RING;
        size++;
    }
}
