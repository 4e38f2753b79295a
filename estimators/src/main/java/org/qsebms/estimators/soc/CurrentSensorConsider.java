package org.qsebms.estimators.soc;

import java.util.Arrays;

/**
 * Schmidt's consider analysis of the current sensor's zero offset and gain error, which neither SOC
 * filter estimates (the offset is estimated only with {@link EkfAdaptation#currentOffset()} on, and
 * then only the gain is considered here): per cell, how far each state estimate has moved for one
 * sigma of each error. The truth's current is the measured one less the offset and less the gain
 * error times the current, so over each prediction the error grows by the current's input column
 * times that amount ({@code D <- F D + B u}, with {@code u = sigmaOffset} and
 * {@code u = sigmaGain I}); at each correction the truth's R0 drop is smaller by
 * {@code R0 u}, which the innovation carries, and the gain moves the error as it moves the estimate
 * ({@code D <- D + K (-R0 u - H D)}). The reported bound adds both SOC entries squared to the SOC
 * variance: a bias the filter cannot average away grows the bound with the charge counted since the
 * voltage last corrected it, instead of being hidden in the slack of another term.
 *
 * <p>The sigmas are the sensor's rated limits ({@link EkfTuning#currentOffsetLimitAmps()},
 * {@link EkfTuning#currentGainErrorLimit()}) over sqrt(3): the standard deviation of an error known
 * only to lie within those limits (uniform, GUM type B). Both filters share this, with their own F
 * and K; nothing allocates after the constructor.
 */
final class CurrentSensorConsider {
    private static final int N = CellNoiseModel.N;
    private static final int SOC = CellNoiseModel.SOC;

    /** The offset's sigma from the sensor's rating (0 with the offset state on). */
    private final double ratedOffsetSigmaAmps;
    /** The offset's sigma now: the rating's, with a measured excess beyond it in quadrature. */
    private double offsetSigmaAmps;

    private final double gainSigma;
    /** The offset's input this step: its sigma, or 0 while nothing flows (the current known to be zero). */
    private double offsetInput;
    /** Per cell, the state estimate's error per sigma of the sensor's offset, N entries each. */
    private final double[] offsetSensitivity;
    /** Per cell, the state estimate's error per sigma of the sensor's gain error, N entries each. */
    private final double[] gainSensitivity;

    CurrentSensorConsider(EkfTuning tuning, EkfAdaptation adaptation, int cellCount) {
        double sqrt3 = Math.sqrt(3);
        // with the offset state on, the offset's doubt is in the filter's covariance already
        this.ratedOffsetSigmaAmps =
                adaptation.currentOffset().enabled() ? 0.0 : tuning.currentOffsetLimitAmps() / sqrt3;
        this.offsetSigmaAmps = ratedOffsetSigmaAmps;
        this.gainSigma = tuning.currentGainErrorLimit() / sqrt3;
        this.offsetInput = offsetSigmaAmps;
        this.offsetSensitivity = new double[N * cellCount];
        this.gainSensitivity = new double[N * cellCount];
    }

    /**
     * Whether the current is known to be zero over the steps to come (the current path open): then the truth's
     * current is zero whatever the sensor's offset, so the offset moves nothing (the gain error scales the zero
     * current already).
     */
    void nothingFlows(boolean known) {
        offsetInput = known ? 0.0 : offsetSigmaAmps;
    }

    /**
     * The sensor read {@code excessAmps} beyond its rated offset where nothing flowed (the learnt zero stops at
     * the rating, so that much is counted as current): the offset's sigma becomes the rating's with the excess in
     * quadrature, and each cell's error so far is scaled up with it (the excess was there before it was measured).
     * 0 (or NaN) goes back to the rating's sigma from now on, the error so far kept. Nothing changes with the
     * offset state on (its covariance estimates the offset) or a sensor rated exact.
     */
    void offsetBeyondRating(double excessAmps) {
        if (ratedOffsetSigmaAmps == 0) {
            return;
        }
        double excess = excessAmps > 0 && Double.isFinite(excessAmps) ? excessAmps : 0.0;
        double sigma = Math.sqrt(ratedOffsetSigmaAmps * ratedOffsetSigmaAmps + excess * excess);
        if (sigma > offsetSigmaAmps) {
            double scale = sigma / offsetSigmaAmps;
            for (int j = 0; j < offsetSensitivity.length; j++) {
                offsetSensitivity[j] *= scale;
            }
        }
        offsetSigmaAmps = sigma;
        offsetInput = sigma;
    }

    /**
     * The prediction's share, after the filter's own: {@code socPerAmp} the SOC change per ampere over
     * the step (with the capacity state), {@code capacitySoc} the SOC change per unit of the capacity
     * state, {@code a1}, {@code a2} the RC decays, {@code fastOhms}, {@code slowOhms} their input
     * columns, {@code a3}, {@code branchOhms} the slow
     * branch's decay and input column, {@code amps} the current the
     * filter used.
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
        ConsiderColumn.predict(
                offsetSensitivity, e, offsetInput, socPerAmp, capacitySoc, a1, a2, fastOhms, slowOhms, a3, branchOhms);
        ConsiderColumn.predict(
                gainSensitivity,
                e,
                gainSigma * amps,
                socPerAmp,
                capacitySoc,
                a1,
                a2,
                fastOhms,
                slowOhms,
                a3,
                branchOhms);
    }

    /**
     * The correction's share, with the filter's gain {@code k}, the measurement row's SOC slope
     * {@code h0}, R0 drop per unit R0 scale {@code r0Volts}, the R0 in use {@code r0Ohms} and the
     * current the filter used {@code amps}.
     */
    void correct(int i, double[] k, double h0, double r0Volts, double r0Ohms, double amps) {
        int e = N * i;
        update(offsetSensitivity, e, k, h0, r0Volts, r0Ohms, offsetInput);
        update(gainSensitivity, e, k, h0, r0Volts, r0Ohms, gainSigma * amps);
    }

    private static void update(double[] d, int e, double[] k, double h0, double r0Volts, double r0Ohms, double u) {
        ConsiderColumn.correct(d, e, k, -r0Ohms * u - ConsiderColumn.seen(d, e, h0, r0Volts, r0Ohms));
    }

    /** Cell {@code i}'s SOC variance from the two errors. */
    double socVariance(int i) {
        double o = offsetSensitivity[N * i + SOC];
        double g = gainSensitivity[N * i + SOC];
        return o * o + g * g;
    }

    /** Forgets cell {@code i}'s errors (a new SOC, whose doubt the covariance carries). */
    void reset(int i) {
        Arrays.fill(offsetSensitivity, N * i, N * i + N, 0.0);
        Arrays.fill(gainSensitivity, N * i, N * i + N, 0.0);
    }
}
