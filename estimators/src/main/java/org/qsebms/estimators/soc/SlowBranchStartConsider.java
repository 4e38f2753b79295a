package org.qsebms.estimators.soc;

import java.util.Arrays;

/**
 * Schmidt's consider analysis of the slow polarisation branch's voltage at a start (first sample or
 * a new SOC), when the filters do not correct the branch by the voltage (the default; with
 * {@link EkfAdaptation#slowBranchState()} the branch's start doubt is its variance in the covariance
 * instead and this stays idle): the branch is the state {@code v3} without doubt, so no gain moves
 * it, and it runs on from its start value. The current before the
 * start is unknown, so the branch may hold anything from 0 to its steady state at the present
 * current, {@code R3(soc) f I}. The filter starts the branch at the middle of that range and carries
 * the rest as an error known only to lie within it: sigma = half the range over sqrt(3) (uniform,
 * GUM type B, as {@link CurrentSensorConsider}). That error is the truth's branch less the filter's;
 * both relax with the same time constant under the same current, so it decays as
 * {@code exp(-t / tau3)} ({@code c <- a3 c} each step). Per cell, how far each state estimate has
 * moved for one sigma of it: over a prediction {@code D <- F D}, at a correction the innovation
 * carries the error ({@code D <- D + K (c - H D)}); the bound adds the SOC entry squared to the SOC
 * variance, so the doubt of a start mid-drive is in the bound until the voltage has corrected the
 * SOC it moved. The filters also take it into their gain (Schmidt-Kalman, {@link #innovationPerSigma}
 * and {@link #sensitivity}): the innovation's variance gains {@code w^2}, {@code w = c - H D}, and the
 * gain is {@code (P H' - D w) / S}, so the seed's error is not read as SOC; the branch's own entry of
 * {@code D} stays 0, so the branch still gets no gain. Without a branch in the preset every start error is 0 and nothing changes.
 * Nothing allocates after the constructor.
 */
final class SlowBranchStartConsider {
    private static final int N = CellNoiseModel.N;
    private static final int SOC = CellNoiseModel.SOC;
    private static final double SQRT3 = Math.sqrt(3);

    /** Per cell, the branch's error (truth less filter, V) for one sigma of the start's doubt. */
    private final double[] branchErrorVolts;
    /** Per cell, the state estimate's error per sigma of the branch's start doubt, N entries each. */
    private final double[] sensitivity;
    /** Per cell, whether a start left a branch doubt to follow. */
    private final boolean[] active;

    SlowBranchStartConsider(int cellCount) {
        this.branchErrorVolts = new double[cellCount];
        this.active = new boolean[cellCount];
        this.sensitivity = new double[N * cellCount];
    }

    /**
     * A start with the branch's steady state {@code steadyVolts} at the present current: returns the
     * branch voltage the filter starts from (half the steady state) and takes the other half's doubt.
     */
    double start(int i, double steadyVolts) {
        double half = 0.5 * steadyVolts;
        branchErrorVolts[i] = half / SQRT3;
        active[i] = half != 0.0;
        Arrays.fill(sensitivity, N * i, N * i + N, 0.0);
        return half;
    }

    /**
     * The prediction's share, after the filter's own: {@code socPerAmp} the SOC change per ampere
     * over the step (with the capacity state), {@code capacitySoc} the SOC change per unit of the
     * capacity state, {@code a1}, {@code a2} the RC decays, {@code fastOhms}, {@code slowOhms} their
     * input columns (the offset's column of F), {@code a3} the branch's decay and {@code branchOhms}
     * its input column.
     */
    void predict(
            int i,
            double socPerAmp,
            double capacitySoc,
            double a1,
            double a2,
            double fastOhms,
            double slowOhms,
            double a3,
            double branchOhms) {
        if (!active[i]) {
            return;
        }
        int e = N * i;
        ConsiderColumn.predict(sensitivity, e, 0.0, socPerAmp, capacitySoc, a1, a2, fastOhms, slowOhms, a3, branchOhms);
        branchErrorVolts[i] *= a3;
    }

    /**
     * The correction's share, with the filter's gain {@code k}, the measurement row's SOC slope
     * {@code h0}, R0 drop per unit R0 scale {@code r0Volts} and the R0 in use {@code r0Ohms}.
     */
    void correct(int i, double[] k, double h0, double r0Volts, double r0Ohms) {
        if (!active[i]) {
            return;
        }
        int e = N * i;
        ConsiderColumn.correct(
                sensitivity, e, k, branchErrorVolts[i] - ConsiderColumn.seen(sensitivity, e, h0, r0Volts, r0Ohms));
    }

    /**
     * How far cell {@code i}'s next innovation moves per sigma of the start doubt, {@code c - H D}
     * (0 without a doubt to follow), with the measurement row of {@link #correct}.
     */
    double innovationPerSigma(int i, double h0, double r0Volts, double r0Ohms) {
        if (!active[i]) {
            return 0.0;
        }
        int e = N * i;
        return branchErrorVolts[i] - ConsiderColumn.seen(sensitivity, e, h0, r0Volts, r0Ohms);
    }

    /** Cell {@code i}'s state error per sigma of the start doubt, entry {@code j}. */
    double sensitivity(int i, int j) {
        return sensitivity[N * i + j];
    }

    /** Cell {@code i}'s SOC variance from the branch's start doubt. */
    double socVariance(int i) {
        double s = sensitivity[N * i + SOC];
        return s * s;
    }

    /** Forgets cell {@code i}'s start doubt (a new SOC; {@link #start} follows). */
    void reset(int i) {
        branchErrorVolts[i] = 0.0;
        active[i] = false;
        Arrays.fill(sensitivity, N * i, N * i + N, 0.0);
    }
}
