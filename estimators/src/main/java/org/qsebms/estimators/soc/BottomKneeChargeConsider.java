package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.BottomKneeChargeDeficit;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Schmidt's consider analysis of the voltage a cell falls short of its OCV and the model's steady drop by when it is
 * charged out of its bottom knee after a deep discharge ({@link BottomKneeChargeDeficit}, learnt by {@code bms
 * characterize} from an OCV test's discharge to the bottom cut-off and the charge after it): one standard normal
 * times its sigma (entered as a shortfall, minus the sigma), in the measurement of a sample that charges the cell
 * (its current beyond a thousandth of 1C, the rest threshold {@code QseCell} keeps) with the SOC estimate below the
 * SOC the deficit applies to, while the term is armed: by a charge without a break for five of the cell's fast RC
 * time constants (the fast pair settled, {@link WatchedRest}'s rule on the fast pair) with the current's running
 * mean over five slow time constants a charge (a drive's regeneration pulse leaves it a discharge), for as long as
 * that mean stays a charge; 0 otherwise,
 * so a drive near empty, its regeneration pulses and a rest at empty are untouched. The column moves and enters the
 * gain and the bound exactly as {@link TopKneeChargeConsider}'s ({@link ConsiderColumn}): the innovation's variance
 * gains {@code w^2}, {@code w = c - H D}, the gain is {@code (P H' - D w) / S}, and the bound adds the SOC entry
 * squared; out of the region {@code c} is 0 and the column keeps the SOC error the shortfall has left, until the
 * voltage shows it (docs/estimation.md, fix20o). Without the term in the preset nothing here runs. Nothing allocates
 * after the constructor.
 */
final class BottomKneeChargeConsider {
    private static final int N = CellNoiseModel.N;
    private static final int SOC = CellNoiseModel.SOC;
    /** The rest threshold as a fraction of 1C ({@code QseCell}'s): charge beyond it counts as charge. */
    private static final double REST_C_FRACTION = 1e-3;
    /** An RC pair counts as settled after this many of its time constants ({@link WatchedRest}'s). */
    private static final double SETTLED_TIME_CONSTANTS = 5.0;

    private final EcmParameters cell;
    private final boolean enabled;
    private final double shortfallVolts;
    private final double toSoc;
    private final double chargeAmps;
    /** Per cell, the shortfall this correction's measurement carries per sigma (V; 0 while the term is off). */
    private final double[] deficitVolts;
    /** Per cell, how long the cell has taken charge without a break (s). */
    private final double[] chargingSeconds;
    /** Per cell, the current's running mean over five slow time constants (A). */
    private final double[] meanAmps;
    /** Per cell, whether a sustained charge has armed the term and the charge goes on. */
    private final boolean[] armed;
    /** Per cell, the state estimate's error per sigma of the shortfall, N entries each. */
    private final double[] sensitivity;

    BottomKneeChargeConsider(EcmParameters cell, int cellCount) {
        BottomKneeChargeDeficit deficit = cell.bottomKneeChargeDeficit();
        this.cell = cell;
        this.enabled = !deficit.isNone();
        this.shortfallVolts = -deficit.sigmaVolts();
        this.toSoc = deficit.toSoc();
        this.chargeAmps = REST_C_FRACTION * cell.capacityAh();
        this.deficitVolts = new double[cellCount];
        this.chargingSeconds = new double[cellCount];
        this.meanAmps = new double[cellCount];
        this.armed = new boolean[cellCount];
        this.sensitivity = new double[N * cellCount];
    }

    /**
     * One prediction step of cell {@code i} over {@code dtSeconds} with {@code amps} (positive while charging, the
     * filter's offset taken off) at {@code celsius}: a charge without a break for five fast time constants, with the
     * current's running mean over five slow time constants a charge, arms the term; it stays armed while that mean
     * is a charge.
     */
    void step(int i, double amps, double dtSeconds, double celsius) {
        if (!enabled) {
            return;
        }
        double settling = SETTLED_TIME_CONSTANTS * cell.tau2SecondsAt(celsius);
        chargingSeconds[i] = amps > chargeAmps ? chargingSeconds[i] + dtSeconds : 0.0;
        meanAmps[i] += dtSeconds / (settling + dtSeconds) * (amps - meanAmps[i]);
        if (chargingSeconds[i] >= SETTLED_TIME_CONSTANTS * cell.tau1SecondsAt(celsius) && meanAmps[i] > chargeAmps) {
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
        deficitVolts[i] = armed[i] && amps > chargeAmps && soc < toSoc ? shortfallVolts : 0.0;
    }

    /** The prediction's share, after the filter's own (the arguments of {@link TopKneeChargeConsider#predict}). */
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

    /** How far cell {@code i}'s next innovation moves per sigma of the shortfall, {@code c - H D} (0 without it). */
    double innovationPerSigma(int i, double h0, double r0Volts, double r0Ohms) {
        if (!enabled) {
            return 0.0;
        }
        return deficitVolts[i] - ConsiderColumn.seen(sensitivity, N * i, h0, r0Volts, r0Ohms);
    }

    /** The correction's share, with the filter's gain {@code k} and the measurement row of {@link #innovationPerSigma}. */
    void correct(int i, double[] k, double h0, double r0Volts, double r0Ohms) {
        if (!enabled) {
            return;
        }
        ConsiderColumn.correct(sensitivity, N * i, k, innovationPerSigma(i, h0, r0Volts, r0Ohms));
    }

    /** Cell {@code i}'s state error per sigma of the shortfall, entry {@code j}. */
    double sensitivity(int i, int j) {
        return sensitivity[N * i + j];
    }

    /** Cell {@code i}'s SOC variance from the shortfall. */
    double socVariance(int i) {
        double s = sensitivity[N * i + SOC];
        return s * s;
    }

    /** Forgets cell {@code i}'s error (a new SOC, whose doubt the covariance carries). */
    void reset(int i) {
        deficitVolts[i] = 0.0;
        chargingSeconds[i] = 0.0;
        meanAmps[i] = 0.0;
        armed[i] = false;
        Arrays.fill(sensitivity, N * i, N * i + N, 0.0);
    }
}
