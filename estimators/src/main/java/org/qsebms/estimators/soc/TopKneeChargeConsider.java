package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.TopKneeChargeExcess;

/**
 * Schmidt's consider analysis of the voltage a cell carries under a sustained charge at its top knee beyond its OCV
 * and the model's steady drop ({@link TopKneeChargeExcess}, learnt by {@code bms characterize} from an OCV test's
 * slow charge and top-off): one standard normal times its sigma, in the measurement of a sample that charges the
 * cell (its current beyond a thousandth of 1C, the rest threshold {@code QseCell} keeps) with the SOC estimate at
 * or above the SOC the excess applies from, while the term is armed: by a charge without a break for five of the
 * cell's slow RC time constants (the rule {@link WatchedRest} takes for the RC pairs to have settled; the excess
 * was measured with them settled), for as long as the current's running mean over that time stays a charge (a CV
 * hold dithering at the cut-off still takes charge); 0 otherwise, so a rest near full, a drive after a charge and
 * a drive's short charge pulses are untouched. Per cell, how far each state estimate has moved
 * for one sigma of it: over a prediction {@code D <- F D} (the excess is no current), at a correction the
 * innovation carries it ({@code D <- D + K (c - H D)}, {@code c} the sigma while the term is on, 0 after, when the
 * voltage shows only the error it has left in the states). The filters take it into their gain as they take
 * {@link SlowBranchStartConsider} (Schmidt-Kalman, {@link #innovationPerSigma} and {@link #sensitivity}): the
 * innovation's variance gains {@code w^2}, {@code w = c - H D}, and the gain is {@code (P H' - D w) / S}, so a
 * voltage the model lacks is not read as SOC at the top knee (docs/estimation.md, fix20m); the bound adds the SOC
 * entry squared to the SOC variance. Without the term in the preset nothing here runs. Nothing allocates after the
 * constructor.
 */
final class TopKneeChargeConsider {
    private static final int N = CellNoiseModel.N;
    private static final int SOC = CellNoiseModel.SOC;
    /** The rest threshold as a fraction of 1C ({@code QseCell}'s): charge beyond it counts as charge. */
    private static final double REST_C_FRACTION = 1e-3;
    /** A charge counts as sustained after this many of the cell's slow RC time constants ({@link WatchedRest}'s). */
    private static final double SETTLED_TIME_CONSTANTS = 5.0;

    private final EcmParameters cell;
    private final boolean enabled;
    private final double sigmaVolts;
    private final double fromSoc;
    private final double chargeAmps;
    /** Per cell, the excess this correction's measurement carries per sigma (V; 0 while the term is off). */
    private final double[] excessVolts;
    /** Per cell, how long the cell has taken charge without a break (s). */
    private final double[] chargingSeconds;
    /** Per cell, the current's running mean over the settling time (A). */
    private final double[] meanAmps;
    /** Per cell, whether a sustained charge has armed the term and the charge goes on. */
    private final boolean[] armed;
    /** Per cell, the state estimate's error per sigma of the excess, N entries each. */
    private final double[] sensitivity;

    TopKneeChargeConsider(EcmParameters cell, int cellCount) {
        TopKneeChargeExcess excess = cell.topKneeChargeExcess();
        this.cell = cell;
        this.enabled = !excess.isNone();
        this.sigmaVolts = excess.sigmaVolts();
        this.fromSoc = excess.fromSoc();
        this.chargeAmps = REST_C_FRACTION * cell.capacityAh();
        this.excessVolts = new double[cellCount];
        this.chargingSeconds = new double[cellCount];
        this.meanAmps = new double[cellCount];
        this.armed = new boolean[cellCount];
        this.sensitivity = new double[N * cellCount];
    }

    /**
     * One prediction step of cell {@code i} over {@code dtSeconds} with {@code amps} (positive while charging, the
     * filter's offset taken off) at {@code celsius}: a charge without a break for the settling time ({@link
     * #SETTLED_TIME_CONSTANTS} slow time constants) arms the term; it stays armed while the current's running mean
     * over that time is a charge (beyond the rest threshold: a CV hold's dithering that still takes charge keeps it,
     * a rest or a discharge ends it).
     */
    void step(int i, double amps, double dtSeconds, double celsius) {
        if (!enabled) {
            return;
        }
        double settling = SETTLED_TIME_CONSTANTS * cell.tau2SecondsAt(celsius);
        chargingSeconds[i] = amps > chargeAmps ? chargingSeconds[i] + dtSeconds : 0.0;
        meanAmps[i] += dtSeconds / (settling + dtSeconds) * (amps - meanAmps[i]);
        if (chargingSeconds[i] >= settling) {
            armed[i] = true;
        } else if (meanAmps[i] <= chargeAmps) {
            armed[i] = false;
        }
    }

    /**
     * Before cell {@code i}'s correction: whether the term is on for it, from its SOC estimate {@code soc}, whether
     * a sustained charge has armed it ({@link #step}) and whether this sample, {@code amps}, is a charge.
     */
    void observe(int i, double soc, double amps) {
        if (!enabled) {
            return;
        }
        excessVolts[i] = armed[i] && amps > chargeAmps && soc >= fromSoc ? sigmaVolts : 0.0;
    }

    /**
     * The prediction's share, after the filter's own: {@code socPerAmp} the SOC change per ampere over the step
     * (with the capacity state), {@code capacitySoc} the SOC change per unit of the capacity state, {@code a1},
     * {@code a2} the RC decays, {@code fastOhms}, {@code slowOhms} their input columns, {@code a3} the branch's
     * decay and {@code branchOhms} its input column.
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
        ConsiderColumn.predict(
                sensitivity, N * i, 0.0, socPerAmp, capacitySoc, a1, a2, fastOhms, slowOhms, a3, branchOhms);
    }

    /**
     * How far cell {@code i}'s next innovation moves per sigma of the excess, {@code c - H D} (0 without the term),
     * with the measurement row's SOC slope {@code h0}, R0 drop per unit R0 scale {@code r0Volts} and the R0 in use
     * {@code r0Ohms}.
     */
    double innovationPerSigma(int i, double h0, double r0Volts, double r0Ohms) {
        if (!enabled) {
            return 0.0;
        }
        return excessVolts[i] - ConsiderColumn.seen(sensitivity, N * i, h0, r0Volts, r0Ohms);
    }

    /** The correction's share, with the filter's gain {@code k} and the measurement row of {@link #innovationPerSigma}. */
    void correct(int i, double[] k, double h0, double r0Volts, double r0Ohms) {
        if (!enabled) {
            return;
        }
        ConsiderColumn.correct(sensitivity, N * i, k, innovationPerSigma(i, h0, r0Volts, r0Ohms));
    }

    /** Cell {@code i}'s state error per sigma of the excess, entry {@code j}. */
    double sensitivity(int i, int j) {
        return sensitivity[N * i + j];
    }

    /** Cell {@code i}'s SOC variance from the excess. */
    double socVariance(int i) {
        double s = sensitivity[N * i + SOC];
        return s * s;
    }

    /** Forgets cell {@code i}'s error (a new SOC, whose doubt the covariance carries). */
    void reset(int i) {
        excessVolts[i] = 0.0;
        chargingSeconds[i] = 0.0;
        meanAmps[i] = 0.0;
        armed[i] = false;
        Arrays.fill(sensitivity, N * i, N * i + N, 0.0);
    }
}
