package org.qsebms.estimators.soc;

import java.util.Arrays;

/**
 * Schmidt's consider analysis of an error in the capacity the filters count charge against, which neither
 * estimates (unless {@link EkfAdaptation#resistanceAndCapacity()} gives the capacity state a doubt; then its
 * covariance carries it and this stays idle): per cell, how far each state estimate has moved for one sigma
 * of it. A cell whose capacity is {@code (1 + e)} times the one the filter uses moves its SOC by the counted
 * change over {@code 1 + e}, so over each prediction the SOC estimate's error grows by the counted change
 * times {@code e} ({@code D <- F D + B u}, the input in the SOC entry alone: unlike a current sensor's gain
 * error, a capacity error moves no RC voltage and no R0 drop); at each correction the gain moves it as it
 * moves the estimate ({@code D <- D - K H D}), since the voltage sees the capacity error only through the SOC
 * it has moved. The reported bound adds the SOC entry squared to the SOC variance: the doubt grows with the
 * charge counted since the voltage last corrected the SOC.
 *
 * <p>The sigma is {@link EkfTuning#capacityErrorLimit()} over sqrt(3): an error known only to lie within that
 * limit (uniform, GUM type B, as the current sensor's rated limits in {@link CurrentSensorConsider}), the same for
 * every cell, until a cell's capacity is replaced by a learnt one with its own sigma ({@link #setCellSigma}: the
 * capacity estimator's standard error, a type A figure used as it is). Both filters share this with their own F and
 * K; nothing allocates after the constructor.
 */
final class CapacityConsider {
    private static final int N = CellNoiseModel.N;
    private static final int SOC = CellNoiseModel.SOC;

    /** Whether the capacity state carries the doubt in the covariance (then every sigma stays 0). */
    private final boolean stateCarriesIt;
    /** Per cell, the relative capacity error's sigma. */
    private final double[] sigma;
    /** Per cell, the state estimate's error per sigma of the capacity error, N entries each. */
    private final double[] sensitivity;

    CapacityConsider(EkfTuning tuning, EkfAdaptation adaptation, int cellCount) {
        // with the capacity state on, its doubt is in the filter's covariance already
        this.stateCarriesIt = adaptation.initialCapacitySigma() > 0;
        this.sigma = new double[cellCount];
        Arrays.fill(sigma, stateCarriesIt ? 0.0 : tuning.capacityErrorLimit() / Math.sqrt(3));
        this.sensitivity = new double[N * cellCount];
    }

    /**
     * Cell {@code i} counts from now on against a capacity whose relative error has this sigma (for a capacity learnt
     * by the capacity estimator: its standard error over its estimate). The error already in the cell's estimate
     * stays (it was made by the capacity counted on before, and only the voltage removes it); what is counted from
     * now on grows it by the new sigma. Idle with the capacity state on.
     *
     * @throws IllegalArgumentException for a sigma that is not in 0..1
     */
    void setCellSigma(int i, double relativeSigma) {
        if (!(relativeSigma >= 0 && relativeSigma < 1)) {
            throw new IllegalArgumentException(
                    "a capacity's relative sigma must be in 0..1 (a fraction of the capacity), got " + relativeSigma);
        }
        if (!stateCarriesIt) {
            sigma[i] = relativeSigma;
        }
    }

    /**
     * A learnt capacity's standard error over the capacity, checked: both filters take a learnt capacity through this.
     *
     * @throws IllegalArgumentException for a capacity not above 0, or a sigma not in 0..the capacity
     */
    static double relativeSigmaOfLearnt(double ah, double sigmaAh) {
        if (!(ah > 0)) {
            throw new IllegalArgumentException("capacity must be > 0 Ah, got " + ah);
        }
        if (!(sigmaAh >= 0 && sigmaAh < ah)) {
            throw new IllegalArgumentException(
                    "a learnt capacity's sigma must be in 0..the capacity (" + ah + " Ah), got " + sigmaAh + " Ah");
        }
        return sigmaAh / ah;
    }

    /** Cell {@code i}'s relative capacity error sigma in use. */
    double sigma(int i) {
        return sigma[i];
    }

    /**
     * The prediction's share, after the filter's own: {@code socPerAmp} the SOC change per ampere over the step
     * (with the capacity state), {@code capacitySoc} the SOC change per unit of the capacity state, {@code a1},
     * {@code a2} the RC decays, {@code fastOhms}, {@code slowOhms} their input columns, {@code a3},
     * {@code branchOhms} the slow branch's decay and input column, {@code amps} the current the filter used.
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
            double branchOhms,
            double amps) {
        int e = N * i;
        if (sigma[i] == 0 && sensitivity[e + SOC] == 0) {
            return;
        }
        ConsiderColumn.predict(sensitivity, e, 0.0, socPerAmp, capacitySoc, a1, a2, fastOhms, slowOhms, a3, branchOhms);
        sensitivity[e + SOC] += socPerAmp * amps * sigma[i];
    }

    /**
     * The correction's share, with the filter's gain {@code k}, the measurement row's SOC slope {@code h0}, the
     * R0 drop per unit R0 scale {@code r0Volts} and the R0 in use {@code r0Ohms}.
     */
    void correct(int i, double[] k, double h0, double r0Volts, double r0Ohms) {
        int e = N * i;
        if (sigma[i] == 0 && sensitivity[e + SOC] == 0) {
            return;
        }
        ConsiderColumn.correct(sensitivity, e, k, -ConsiderColumn.seen(sensitivity, e, h0, r0Volts, r0Ohms));
    }

    /** Cell {@code i}'s SOC variance from the capacity error. */
    double socVariance(int i) {
        double s = sensitivity[N * i + SOC];
        return s * s;
    }

    /** Forgets cell {@code i}'s error (a new SOC, whose doubt the covariance carries). */
    void reset(int i) {
        Arrays.fill(sensitivity, N * i, N * i + N, 0.0);
    }
}
