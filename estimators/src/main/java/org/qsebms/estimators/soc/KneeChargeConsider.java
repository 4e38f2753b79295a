package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;

/**
 * What the two knee terms under charge share ({@link TopKneeChargeConsider}, {@link BottomKneeChargeConsider}):
 * Schmidt's consider analysis of a voltage the model lacks while a cell takes a sustained charge in one region of its
 * OCV, one standard normal times a sigma learnt by {@code bms characterize}. Each term says when a charge arms it
 * ({@link #arms}), where on the SOC axis it applies ({@link #applies}) and the voltage it carries per sigma ({@link
 * #perSigmaVolts}); the arming's bookkeeping and the consider column are here. A sample charges the cell when its
 * current is beyond a thousandth of 1C (the rest threshold {@code QseCell} keeps); an armed term stays armed while
 * the current's running mean over five slow RC time constants is a charge. Per cell, the column holds how far each
 * state estimate has moved for one sigma: over a prediction {@code D <- F D} (the voltage is no current), at a
 * correction the innovation carries it ({@code D <- D + K (c - H D)}, {@code c} the per-sigma voltage while the
 * term is on, 0 after, when the voltage shows only the error it has left in the states). The filters take it into
 * their gain as they take {@link SlowBranchStartConsider} ({@link #innovationPerSigma}, {@link #sensitivity}): the
 * innovation's variance gains {@code w^2}, {@code w = c - H D}, the gain is {@code (P H' - D w) / S}, and the bound
 * adds the SOC entry squared ({@link #socVariance}). Without the term in the preset nothing here runs. Nothing
 * allocates after the constructor.
 */
abstract sealed class KneeChargeConsider permits TopKneeChargeConsider, BottomKneeChargeConsider {
    private static final int N = CellNoiseModel.N;
    private static final int SOC = CellNoiseModel.SOC;
    /** The rest threshold as a fraction of 1C ({@code QseCell}'s): charge beyond it counts as charge. */
    private static final double REST_C_FRACTION = 1e-3;
    /** An RC pair counts as settled after this many of its time constants ({@link WatchedRest}'s). */
    static final double SETTLED_TIME_CONSTANTS = 5.0;

    final EcmParameters cell;
    /** Charge beyond this counts as charge (A). */
    final double chargeAmps;

    private final boolean enabled;
    /** Per cell, the voltage this correction's measurement carries per sigma (V; 0 while the term is off). */
    private final double[] carriedVolts;
    /** Per cell, how long the cell has taken charge without a break (s). */
    private final double[] chargingSeconds;
    /** Per cell, the current's running mean over five slow time constants (A). */
    private final double[] meanAmps;
    /** Per cell, whether a sustained charge has armed the term and the charge goes on. */
    private final boolean[] armed;
    /** Per cell, the state estimate's error per sigma of the voltage, N entries each. */
    private final double[] sensitivity;

    KneeChargeConsider(EcmParameters cell, int cellCount, boolean enabled) {
        this.cell = cell;
        this.enabled = enabled;
        this.chargeAmps = REST_C_FRACTION * cell.capacityAh();
        this.carriedVolts = new double[cellCount];
        this.chargingSeconds = new double[cellCount];
        this.meanAmps = new double[cellCount];
        this.armed = new boolean[cellCount];
        this.sensitivity = new double[N * cellCount];
    }

    /**
     * Whether a charge that has gone on without a break for {@code chargingSeconds}, with the current's running mean
     * over five slow time constants {@code meanAmps}, arms the term at {@code celsius}.
     */
    abstract boolean arms(double chargingSeconds, double meanAmps, double celsius);

    /** Whether the term applies at the SOC estimate {@code soc}. */
    abstract boolean applies(double soc);

    /** The voltage the measurement carries per sigma while the term is on (V; negative for a shortfall). */
    abstract double perSigmaVolts();

    /**
     * One prediction step of cell {@code i} over {@code dtSeconds} with {@code amps} (positive while charging, the
     * filter's offset taken off) at {@code celsius}: the term is armed once {@link #arms} says so, and disarmed when
     * the current's running mean over five slow time constants is no longer a charge (a rest or a discharge).
     */
    final void step(int i, double amps, double dtSeconds, double celsius) {
        if (!enabled) {
            return;
        }
        double settling = SETTLED_TIME_CONSTANTS * cell.tau2SecondsAt(celsius);
        chargingSeconds[i] = amps > chargeAmps ? chargingSeconds[i] + dtSeconds : 0.0;
        meanAmps[i] += dtSeconds / (settling + dtSeconds) * (amps - meanAmps[i]);
        if (arms(chargingSeconds[i], meanAmps[i], celsius)) {
            armed[i] = true;
        } else if (meanAmps[i] <= chargeAmps) {
            armed[i] = false;
        }
    }

    /**
     * Before cell {@code i}'s correction: whether the term is on for it, from its SOC estimate {@code soc}, whether
     * a sustained charge has armed it ({@link #step}) and whether this sample, {@code amps}, is a charge.
     */
    final void observe(int i, double soc, double amps) {
        if (!enabled) {
            return;
        }
        carriedVolts[i] = armed[i] && amps > chargeAmps && applies(soc) ? perSigmaVolts() : 0.0;
    }

    /**
     * The prediction's share, after the filter's own: {@code socPerAmp} the SOC change per ampere over the step
     * (with the capacity state), {@code capacitySoc} the SOC change per unit of the capacity state, {@code a1},
     * {@code a2} the RC decays, {@code fastOhms}, {@code slowOhms} their input columns, {@code a3} the branch's
     * decay and {@code branchOhms} its input column.
     */
    final void predict(
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
        ConsiderColumn.predict(
                sensitivity, N * i, 0.0, socPerAmp, capacitySoc, a1, a2, fastOhms, slowOhms, a3, branchOhms);
    }

    /**
     * How far cell {@code i}'s next innovation moves per sigma, {@code c - H D} (0 without the term), with the
     * measurement row's SOC slope {@code h0}, R0 drop per unit R0 scale {@code r0Volts} and the R0 in use
     * {@code r0Ohms}.
     */
    final double innovationPerSigma(int i, double h0, double r0Volts, double r0Ohms) {
        if (!enabled) {
            return 0.0;
        }
        return carriedVolts[i] - ConsiderColumn.seen(sensitivity, N * i, h0, r0Volts, r0Ohms);
    }

    /** The correction's share, with the filter's gain {@code k} and the measurement row of {@link #innovationPerSigma}. */
    final void correct(int i, double[] k, double h0, double r0Volts, double r0Ohms) {
        if (!enabled) {
            return;
        }
        ConsiderColumn.correct(sensitivity, N * i, k, innovationPerSigma(i, h0, r0Volts, r0Ohms));
    }

    /** Cell {@code i}'s state error per sigma, entry {@code j}. */
    final double sensitivity(int i, int j) {
        return sensitivity[N * i + j];
    }

    /** Cell {@code i}'s SOC variance from the term. */
    final double socVariance(int i) {
        double s = sensitivity[N * i + SOC];
        return s * s;
    }

    /** Forgets cell {@code i}'s error (a new SOC, whose doubt the covariance carries). */
    final void reset(int i) {
        carriedVolts[i] = 0.0;
        chargingSeconds[i] = 0.0;
        meanAmps[i] = 0.0;
        armed[i] = false;
        Arrays.fill(sensitivity, N * i, N * i + N, 0.0);
    }
}
