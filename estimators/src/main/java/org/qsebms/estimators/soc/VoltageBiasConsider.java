package org.qsebms.estimators.soc;

import java.util.Arrays;

/**
 * With the current-offset state on ({@link EkfAdaptation#currentOffset()}): Schmidt's consider
 * analysis of the voltage bias the innovations show (their running mean, {@code CellNoiseModel}), as
 * the filter's own gain moves it into the states. A model error that holds for minutes (the cold
 * cell's polarisation at low SOC) is not white, but the filter weighs each sample as if it were, so
 * it moves the offset state by far more than the offset's variance says (0 °C US06, no sensor error:
 * the offset state wandered to +0.30 A with a sigma of 0.02 A) and the offset, counted into the
 * charge, moves the SOC on after the bias has gone from the innovations: the SOC error stays while the
 * bound's share of the bias ({@link CellNoiseModel#recordInnovationBias}, at the estimate only) is
 * gone. Per cell this carries the state estimate's error from that bias, moved by the same transition
 * as the state (the offset's column counts it into the SOC: {@code D <- F D}) and at each correction
 * by the same gain ({@code D <- D + K (b - H D)}, b the innovations' running mean); the bound adds
 * the SOC entry's magnitude. Without the offset state everything here stays 0 (the bound is as
 * before). Both filters share this, with their own F and K; nothing allocates after the constructor.
 */
final class VoltageBiasConsider {
    private static final int N = CellNoiseModel.N;
    private static final int SOC = CellNoiseModel.SOC;

    private final boolean enabled;
    /** Per cell, the state estimate's error from the innovations' bias (V moved into each state), N entries each. */
    private final double[] sensitivity;

    VoltageBiasConsider(EkfAdaptation adaptation, int cellCount) {
        this.enabled = adaptation.currentOffset().enabled();
        this.sensitivity = new double[N * cellCount];
    }

    /**
     * The prediction's share: {@code socPerAmp} the SOC change per ampere over the step (with the
     * capacity state), {@code capacitySoc} the SOC change per unit of the capacity state, {@code a1},
     * {@code a2}, {@code a3} the RC pairs' and the slow branch's decays, {@code fastOhms},
     * {@code slowOhms}, {@code branchOhms} their input columns.
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
        if (!enabled) {
            return;
        }
        int e = N * i;
        ConsiderColumn.predict(sensitivity, e, 0.0, socPerAmp, capacitySoc, a1, a2, fastOhms, slowOhms, a3, branchOhms);
    }

    /**
     * The correction's share, with the filter's gain {@code k}, the measurement row's SOC slope
     * {@code h0}, R0 drop per unit R0 scale {@code r0Volts}, the R0 in use {@code r0Ohms} and the
     * innovations' running mean {@code biasVolts}.
     */
    void correct(int i, double[] k, double h0, double r0Volts, double r0Ohms, double biasVolts) {
        if (!enabled) {
            return;
        }
        int e = N * i;
        ConsiderColumn.correct(sensitivity, e, k, biasVolts - ConsiderColumn.seen(sensitivity, e, h0, r0Volts, r0Ohms));
    }

    /** Cell {@code i}'s SOC error from the innovations' bias (magnitude). */
    double socError(int i) {
        return Math.abs(sensitivity[N * i + SOC]);
    }

    /** Forgets cell {@code i}'s error (a new SOC, whose doubt the covariance carries). */
    void reset(int i) {
        Arrays.fill(sensitivity, N * i, N * i + N, 0.0);
    }
}
