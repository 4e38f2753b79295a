package org.qsebms.bms.protection;

import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.SupplementaryLimits;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;

/**
 * The cells' check of the charge a small steady current reading counts on a closed pack (issue 23, fix23av;
 * CURRENT_OFFSET_IMPLAUSIBLE): an offset under the zero-drift limit that appears while the path is closed is counted
 * as charge by the SOC, while no cell moves. The reading says charge went in or out; the cells say whether it did.
 *
 * <p>While the path is closed and the reading is at most {@code currentOffsetMaxC}, after it has been so for
 * {@code currentOffsetSettle} (a load's relaxation is over), over a window of {@code currentOffsetWindow} sliding with
 * every sample in which the reading stays within {@code currentOffsetSteadyC} of its value at the window's start: per
 * cell, the SOC at the window's start read from the OCV (its voltage less the model's polarisation, the preset's R0 and
 * RC pairs driven by the reading), the OCV move the counted charge implies from there (the table's secant over the
 * counted SOC move), against the cell's own move (voltage less the model's polarisation). When every cell disagrees
 * with the reading the same way by more than {@code currentOffsetNoiseVolts} plus {@code currentOffsetOcvDoubt} of
 * the predicted move, plus {@code currentOffsetModelDoubt} of the model's own predicted relaxation over the window,
 * the condition holds.
 *
 * <p>Where the OCV is too flat to judge (its slope below {@code currentOffsetMinSlope} at any cell's SOC at either
 * end of the window: the LFP plateau), it gives no verdict: a flat OCV cannot tell a counted charge from none. It
 * judges both ways: a reading that counts charge the cells do not show, and cells that move while the reading counts
 * none. Preallocated; one {@link #update} per tick, no allocation.
 */
final class CurrentOffsetCheck {
    /** Kept samples of the window (ring; at most one per window / (RING / 2)). */
    private static final int RING = 64;

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

    private final long[] keptNanos = new long[RING];
    private final double[][] keptVolts;
    private final double[] keptPolarisation = new double[RING];
    private final double[] keptAh = new double[RING];
    private final double[] keptAmps = new double[RING];
    private int head;
    private int size;

    private double v1;
    private double v2;
    private long lastNanos = Long.MIN_VALUE;
    private long smallSince = Long.MIN_VALUE;
    /** The charge the reading counted since the window's samples began, Ah. */
    private double countedAh;

    /** True while every cell disagrees with the reading beyond its margin. */
    boolean flagged;
    /** The window was judged at this sample (the OCV steep enough at every cell). */
    boolean judged;
    /** The window ended on a part of the OCV too flat to judge. */
    boolean tooFlat;
    /** The least disagreement over its margin among the cells, as a ratio (above 1: beyond), signed as the mean. */
    double ratio;
    /** The largest least disagreement over its margin seen so far (above 1 raises; for the documented figures). */
    double peakRatio = Double.NEGATIVE_INFINITY;
    /** At the last judgement: the cell whose disagreement was least beyond its margin, and its figures. */
    int leastCell = -1;

    double predictedVolts;
    double movedVolts;
    double marginVolts;
    double countedWindowAh;
    double windowSeconds;
    double readingAmps;

    CurrentOffsetCheck(SupplementaryLimits limits, EcmParameters cell, int cells) {
        this.cell = cell;
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
        v1 = a1 * v1 + (1 - a1) * cell.r1Ohms() * f * amps;
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
        if (now - smallSince < settleNanos) {
            return;
        }
        if (size > 0 && Math.abs(amps - keptAmps[tail()]) > steadyAmps) {
            size = 0; // not steady: the window starts again here
        }
        if (size == 0) {
            countedAh = 0;
        } else {
            countedAh += amps * dt / 3600.0;
        }
        // the reference: the youngest kept sample at least a window old
        while (size > 1 && now - keptNanos[(tail() + 1) % RING] >= windowNanos) {
            size--;
        }
        if (size > 0 && now - keptNanos[tail()] >= windowNanos) {
            judge(m, tail(), polarisation, celsius, now);
        }
        keep(m, now, polarisation, amps);
    }

    private void judge(PackMeasurement m, int ref, double polarisation, double celsius, long now) {
        double dSoc = (countedAh - keptAh[ref]) / cell.capacityAh();
        double mean = 0;
        int n = m.cellVolts.length;
        for (int i = 0; i < n; i++) {
            double restThen = keptVolts[ref][i] - keptPolarisation[ref];
            double restNow = m.cellVolts[i] - polarisation;
            double socThen = ocv.socAt(restThen, celsius);
            double socCounted = clamp(socThen + dSoc);
            if (ocv.slopeAt(socThen, celsius) < minSlope
                    || ocv.slopeAt(socCounted, celsius) < minSlope
                    || ocv.slopeAt(ocv.socAt(restNow, celsius), celsius) < minSlope) {
                tooFlat = true;
                ratio = 0;
                return;
            }
            double predicted = ocv.voltsAt(socCounted, celsius) - ocv.voltsAt(socThen, celsius);
            mean += restNow - restThen - predicted;
        }
        double sign = Math.signum(mean);
        // the model's own relaxation over the window is its least known part: a doubt on it joins the margin
        double relaxation = modelDoubt * Math.abs(polarisation - keptPolarisation[ref]);
        double least = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double restThen = keptVolts[ref][i] - keptPolarisation[ref];
            double restNow = m.cellVolts[i] - polarisation;
            double socThen = ocv.socAt(restThen, celsius);
            double predicted = ocv.voltsAt(clamp(socThen + dSoc), celsius) - ocv.voltsAt(socThen, celsius);
            double moved = restNow - restThen;
            double margin = noiseVolts + doubt * Math.abs(predicted) + relaxation;
            double r = sign * (moved - predicted) / margin;
            if (r < least) {
                least = r;
                leastCell = i;
                predictedVolts = predicted;
                movedVolts = moved;
                marginVolts = margin;
            }
        }
        judged = true;
        ratio = sign * least;
        peakRatio = Math.max(peakRatio, least);
        countedWindowAh = countedAh - keptAh[ref];
        windowSeconds = (now - keptNanos[ref]) / 1e9;
        readingAmps = m.sensorAmps;
        flagged = least > 1;
    }

    private static double clamp(double soc) {
        return Math.max(0, Math.min(1, soc));
    }

    private int tail() {
        return Math.floorMod(head - size, RING);
    }

    /** Keeps the sample if at least {@code window / (RING / 2)} after the last kept one, so the ring spans the window. */
    private void keep(PackMeasurement m, long now, double polarisation, double amps) {
        if (size > 0 && now - keptNanos[Math.floorMod(head - 1, RING)] < windowNanos / (RING / 2)) {
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
