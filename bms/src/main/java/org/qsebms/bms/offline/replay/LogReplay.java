package org.qsebms.bms.offline.replay;

import org.qsebms.estimators.capacity.TotalLeastSquaresCapacityEstimator;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.resistance.RlsR0Estimator;
import org.qsebms.estimators.soc.EkfAdaptation;
import org.qsebms.estimators.soc.EkfTuning;
import org.qsebms.estimators.soc.HysteresisModel;
import org.qsebms.estimators.soc.SocFilter;
import org.qsebms.estimators.soc.SocFilterKind;

/**
 * Runs the estimators (SOC filter, the EKF unless another {@link SocFilterKind} is given; RLS R0, total-least-squares capacity and, when asked, the usable
 * capacity from full to a cutoff) over a recorded single-cell log, row by row with the log's own time steps, and scores SOC against the log's soc_ref.
 */
public final class LogReplay {
    /** SOC error under which the filter counts as converged. */
    static final double CONVERGED_ERROR = 0.02;
    /** Windows for the capacity estimator close when SOC moved this much between two confident points. */
    static final double CAPACITY_WINDOW_SOC = 0.4;
    /**
     * A SOC point is confident enough to anchor a capacity window below this 3-sigma bound. 7 %:
     * a settled filter's bound carries the OCV error's SOC share, 3 x 20 mV over the OCV slope, which
     * is 6-8.5 % at the 0.7-1 V per unit SOC of an NCA or LFP cell's middle (6 % until 2026-11-26,
     * when the bound's OCV share still dipped wherever the fitted table was locally steep).
     */
    static final double ANCHOR_BOUND = 0.07;
    /**
     * ...once the bound has stayed below {@link #ANCHOR_BOUND} this long: a filter that has just
     * converged from a wrong start is not trusted at its first tight bound.
     */
    static final double ANCHOR_SETTLED_SECONDS = 120;

    private final EcmParameters cell;
    private final HysteresisModel hysteresis;
    private final EkfTuning tuning;
    private final EkfAdaptation adaptation;
    private final double convergenceWindowSeconds;
    private final SocFilterKind filter;

    /** A replay with the filter's R0 adapted online ({@link EkfAdaptation#resistance()}). */
    public LogReplay(
            EcmParameters cell, HysteresisModel hysteresis, EkfTuning tuning, double convergenceWindowSeconds) {
        this(cell, hysteresis, tuning, EkfAdaptation.resistance(), convergenceWindowSeconds);
    }

    public LogReplay(
            EcmParameters cell,
            HysteresisModel hysteresis,
            EkfTuning tuning,
            EkfAdaptation adaptation,
            double convergenceWindowSeconds) {
        this(cell, hysteresis, tuning, adaptation, convergenceWindowSeconds, SocFilterKind.DEFAULT);
    }

    /** @param filter which SOC filter runs */
    public LogReplay(
            EcmParameters cell,
            HysteresisModel hysteresis,
            EkfTuning tuning,
            EkfAdaptation adaptation,
            double convergenceWindowSeconds,
            SocFilterKind filter) {
        this.filter = filter;
        this.cell = cell;
        this.hysteresis = hysteresis;
        this.tuning = tuning;
        this.adaptation = adaptation;
        this.convergenceWindowSeconds = convergenceWindowSeconds;
    }

    /** @param initialSoc SOC to start from, or NaN to initialise from the first voltage */
    public Result run(CellTestLog log, double initialSoc) {
        return run(log, initialSoc, cell.capacityAh());
    }

    /**
     * @param initialSoc      SOC to start from, or NaN to initialise from the first voltage
     * @param capacityPriorAh prior of the capacity estimator (10 % sigma); the SOC filter keeps the
     *                        cell's capacity, which also defines the SOC scale of its OCV table
     */
    public Result run(CellTestLog log, double initialSoc, double capacityPriorAh) {
        return run(log, initialSoc, capacityPriorAh, null, false);
    }

    /**
     * @param usable     a usable-capacity meter fed every row (null: none)
     * @param startsFull the log starts right after a full charge (the meter is marked full at its first row)
     */
    public Result run(
            CellTestLog log,
            double initialSoc,
            double capacityPriorAh,
            UsableCapacityMeter usable,
            boolean startsFull) {
        int n = log.size();
        if (usable != null && startsFull) {
            usable.markFull();
        }
        SocFilter socFilter = filter.create(cell, hysteresis, tuning, adaptation, 1);
        RlsR0Estimator rls = new RlsR0Estimator(cell, 1, 0.995, 0.2 * cell.capacityAh());
        TotalLeastSquaresCapacityEstimator capacity =
                new TotalLeastSquaresCapacityEstimator(capacityPriorAh, 0.1 * capacityPriorAh, 0.98, 32);
        if (!Double.isNaN(initialSoc)) {
            socFilter.setCellSoc(0, initialSoc);
        }
        double[] soc = new double[n];
        double[] bound = new double[n];
        double[] r0 = new double[n];
        double[] cap = new double[n];
        double[] voltageSigma = new double[n];
        double[] v = new double[1];
        double[] t = new double[1];
        double anchorSoc = Double.NaN;
        double anchorBound = 0;
        double ahSinceAnchor = 0;
        double secondsSinceAnchor = 0;
        double tightForSeconds = 0;
        int extrapolatedRows = 0;
        int mismatchedRows = 0;
        for (int k = 0; k < n; k++) {
            double dt = k == 0 ? 0 : log.timeS()[k] - log.timeS()[k - 1];
            double amps = log.currentA()[k];
            v[0] = log.voltageV()[k];
            t[0] = log.temperatureC()[k];
            socFilter.update(amps, v, t, dt);
            rls.update(amps, v, t);
            if (usable != null) {
                usable.update(amps, v, t, dt, Math.round(1000 * log.timeS()[k]));
            }
            ahSinceAnchor += amps * dt / 3600.0;
            secondsSinceAnchor += dt;
            double s = socFilter.cellSoc(0);
            double b = socFilter.cellSocBound3Sigma(0);
            extrapolatedRows += socFilter.cellSocExtrapolated(0) ? 1 : 0;
            mismatchedRows += socFilter.cellSocMismatched(0) ? 1 : 0;
            // a window divides the charge the sensor counted by the SOC change the filter saw, which between
            // anchors counts the same sensor's charge: the anchor's doubt is the bound without the sensor's share
            double anchorDoubt = socFilter.cellSocBound3SigmaWithoutCurrentSensor(0);
            tightForSeconds = anchorDoubt < ANCHOR_BOUND ? tightForSeconds + dt : 0;
            if (tightForSeconds >= ANCHOR_SETTLED_SECONDS) {
                if (Double.isNaN(anchorSoc)) {
                    anchorSoc = s;
                    anchorBound = anchorDoubt;
                    ahSinceAnchor = 0;
                    secondsSinceAnchor = 0;
                } else if (Math.abs(s - anchorSoc) >= CAPACITY_WINDOW_SOC) {
                    double socSigma = Math.hypot(anchorDoubt, anchorBound) / 3;
                    double ahSigma = tuning.currentSigmaAmps() * Math.sqrt(Math.max(secondsSinceAnchor, 1)) / 3600.0
                            + 0.002 * Math.abs(ahSinceAnchor);
                    capacity.add(s - anchorSoc, socSigma, ahSinceAnchor, ahSigma);
                    anchorSoc = s;
                    anchorBound = anchorDoubt;
                    ahSinceAnchor = 0;
                    secondsSinceAnchor = 0;
                }
            }
            soc[k] = s;
            bound[k] = b;
            r0[k] = rls.cellR0At25Ohms(0);
            cap[k] = capacity.capacityAh();
            voltageSigma[k] = socFilter.cellVoltageSigmaVolts(0);
        }
        ReplayTrace trace = new ReplayTrace(
                log.timeS().clone(),
                soc,
                bound,
                r0,
                cap,
                voltageSigma,
                log.socRef().clone());
        ReplaySummary.UsableCapacityResult found = usable == null
                ? ReplaySummary.UsableCapacityResult.NOT_ASKED
                : new ReplaySummary.UsableCapacityResult(
                        true,
                        usable.usableCapacityAh(),
                        usable.last() == null ? Double.NaN : usable.last().meanDischargeC(),
                        usable.lastRejection());
        return new Result(
                trace,
                score(log, trace, socFilter.rejectedMeasurements(), capacity, found, extrapolatedRows / (double) n)
                        .currentOffsetAmps(socFilter.cellCurrentOffsetAmps(0))
                        .currentOffsetSigmaAmps(socFilter.cellCurrentOffsetSigmaAmps(0))
                        .mismatchedShare(mismatchedRows / (double) n)
                        .capacityLearntAh(adaptation.learnsCapacity() ? socFilter.cellCapacityAh(0) : Double.NaN)
                        .capacityLearntSigmaAh(socFilter.cellCapacitySigmaAh(0))
                        .build());
    }

    /** The summary's figures, less the filter's current-offset estimate (the caller adds it). */
    private ReplaySummary.Builder score(
            CellTestLog log,
            ReplayTrace tr,
            long rejected,
            TotalLeastSquaresCapacityEstimator cap,
            ReplaySummary.UsableCapacityResult usable,
            double extrapolatedShare) {
        int n = log.size();
        double sumSq = 0;
        double max = 0;
        int scored = 0;
        int covered = 0;
        double convergedAt = Double.NaN;
        double stayedFrom = Double.NaN;
        double[] bounds = new double[n];
        int boundRows = 0;
        double t0 = log.timeS()[0];
        for (int k = 0; k < n; k++) {
            if (log.timeS()[k] - t0 >= convergenceWindowSeconds) {
                bounds[boundRows++] = tr.socBound3Sigma()[k];
            }
        }
        java.util.Arrays.sort(bounds, 0, boundRows);
        double medianBound = boundRows > 0 ? bounds[boundRows / 2] : Double.NaN;
        if (log.hasSocRef()) {
            for (int k = 0; k < n; k++) {
                if (Math.abs(tr.socEst()[k] - tr.socRef()[k]) < CONVERGED_ERROR) {
                    convergedAt = log.timeS()[k] - t0;
                    break;
                }
            }
            // the row after the last one at or above the target: from there on it stayed below
            for (int k = n - 1; k >= 0; k--) {
                if (!(Math.abs(tr.socEst()[k] - tr.socRef()[k]) < CONVERGED_ERROR)) {
                    stayedFrom = k + 1 < n ? log.timeS()[k + 1] - t0 : Double.NaN;
                    break;
                }
                stayedFrom = 0;
            }
            for (int k = 0; k < n; k++) {
                if (log.timeS()[k] - t0 < convergenceWindowSeconds) {
                    continue;
                }
                double e = tr.socEst()[k] - tr.socRef()[k];
                sumSq += e * e;
                max = Math.max(max, Math.abs(e));
                covered += Math.abs(e) <= tr.socBound3Sigma()[k] ? 1 : 0;
                scored++;
            }
        }
        double rmse = scored > 0 ? Math.sqrt(sumSq / scored) : Double.NaN;
        // plain coulomb counting from a perfect start, with the same (possibly erroneous) current and capacity
        double coulombSumSq = 0;
        double coulombMax = 0;
        if (log.hasSocRef()) {
            double counted = log.socRef()[0];
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    counted += log.currentA()[k] * (log.timeS()[k] - log.timeS()[k - 1]) / (3600.0 * cell.capacityAh());
                }
                if (log.timeS()[k] - t0 >= convergenceWindowSeconds) {
                    double e = counted - tr.socRef()[k];
                    coulombSumSq += e * e;
                    coulombMax = Math.max(coulombMax, Math.abs(e));
                }
            }
        }
        return ReplaySummary.builder()
                .file(log.source())
                .rows(n)
                .convergenceWindowSeconds(convergenceWindowSeconds)
                .socRmse(rmse)
                .socMaxError(scored > 0 ? max : Double.NaN)
                .convergedAfterSeconds(convergedAt)
                .stayedConvergedAfterSeconds(stayedFrom)
                .boundCoverage(scored > 0 ? covered / (double) scored : Double.NaN)
                .r0At25Ohms(tr.r0Ohm()[n - 1])
                .capacityAh(cap.capacityAh())
                .capacitySigmaAh(cap.capacitySigmaAh())
                .capacityWindows(cap.windows())
                .rejectedMeasurements(rejected)
                .usable(usable)
                .medianBound3Sigma(medianBound)
                .extrapolatedShare(extrapolatedShare)
                .coulombRmse(scored > 0 ? Math.sqrt(coulombSumSq / scored) : Double.NaN)
                .coulombMaxError(scored > 0 ? coulombMax : Double.NaN);
    }

    /**
     * The SOC filter alone over the log, {@code passes} times (a fresh filter each pass, started as
     * {@link #run} starts it): the thread's CPU time per update over every pass but the first, in
     * microseconds. The first pass warms the JIT up; CPU time, not wall time, so that other processes
     * on the machine do not count. A figure for the comparison table; the JMH
     * {@code EstimatorUpdateBenchmark} is the measurement of the speed target.
     */
    public double filterCpuMicrosPerUpdate(CellTestLog log, double initialSoc, int passes) {
        if (passes < 2) {
            throw new IllegalArgumentException("passes must be >= 2 (the first warms up), got " + passes);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int n = log.size();
        double[] v = new double[1];
        double[] t = new double[1];
        long nanos = 0;
        for (int pass = 0; pass < passes; pass++) {
            SocFilter socFilter = filter.create(cell, hysteresis, tuning, adaptation, 1);
            if (!Double.isNaN(initialSoc)) {
                socFilter.setCellSoc(0, initialSoc);
            }
            long before = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < n; k++) {
                v[0] = log.voltageV()[k];
                t[0] = log.temperatureC()[k];
                socFilter.update(log.currentA()[k], v, t, k == 0 ? 0 : log.timeS()[k] - log.timeS()[k - 1]);
            }
            if (pass > 0) {
                nanos += mx.getCurrentThreadCpuTime() - before;
            }
        }
        return nanos / 1000.0 / ((long) n * (passes - 1));
    }

    public record Result(ReplayTrace trace, ReplaySummary summary) {}
}
