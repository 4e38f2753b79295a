package org.qsebms.estimators.soc;

/**
 * Noise and robustness settings of the SOC Kalman filters.
 *
 * @param currentSigmaAmps        current-sensor noise, one sigma (drives SOC and RC process noise)
 * @param voltageSigmaVolts       voltage measurement plus model error, one sigma
 * @param socDriftSigmaPerHour    extra SOC random walk per hour (capacity / efficiency uncertainty)
 * @param initialSocSigma         SOC sigma after initialisation or {@link SocEstimator#setCellSoc}
 * @param initialRcSigmaVolts     sigma of each RC voltage at start
 * @param minOcvSlopeVoltsPerSoc  below this |dOCV/dSOC| the voltage no longer corrects SOC
 *                                (flat OCV: the filter coulomb-counts with a growing bound)
 * @param gateSigmas              innovations beyond this many sigmas are rejected as outliers
 * @param maxConsecutiveRejections after this many rejections in a row the SOC variance is
 *                                inflated so that a real, persistent mismatch is re-learnt
 * @param ocvSigmaVolts           systematic OCV-model error, one sigma: a constant, not white
 *                                noise, so the filter cannot average it away; the SOC error it
 *                                has caused so far (a consider analysis, see
 *                                {@link EkfSocEstimator}) is added to the reported bound, about
 *                                {@code (ocvSigma / slope)^2} once the estimate has settled
 * @param innovationWindowSeconds time constant of each cell's running mean square of accepted
 *                                innovations; where that mean exceeds what the filter expects
 *                                ({@code H P H'} plus the voltage sigma squared), the excess is
 *                                taken as the measurement variance (covariance matching, never
 *                                below the voltage sigma squared). 0 turns it off
 */
public record EkfTuning(
        double currentSigmaAmps,
        double voltageSigmaVolts,
        double socDriftSigmaPerHour,
        double initialSocSigma,
        double initialRcSigmaVolts,
        double minOcvSlopeVoltsPerSoc,
        double gateSigmas,
        int maxConsecutiveRejections,
        double ocvSigmaVolts,
        double innovationWindowSeconds) {

    public EkfTuning {
        positive("currentSigmaAmps", currentSigmaAmps);
        positive("voltageSigmaVolts", voltageSigmaVolts);
        nonNegative("socDriftSigmaPerHour", socDriftSigmaPerHour);
        positive("initialSocSigma", initialSocSigma);
        positive("initialRcSigmaVolts", initialRcSigmaVolts);
        nonNegative("minOcvSlopeVoltsPerSoc", minOcvSlopeVoltsPerSoc);
        positive("gateSigmas", gateSigmas);
        if (maxConsecutiveRejections < 1) {
            throw new IllegalArgumentException("maxConsecutiveRejections must be >= 1, got " + maxConsecutiveRejections);
        }
        nonNegative("ocvSigmaVolts", ocvSigmaVolts);
        nonNegative("innovationWindowSeconds", innovationWindowSeconds);
    }

    /**
     * Defaults: 50 mA current noise; 80 mV voltage sigma and 20 mV systematic OCV error, which
     * stand for model error far more than for sensor noise (chosen on the Panasonic 25 °C drive
     * cycles, see docs/estimation.md); a 60 s innovation window, twice the longest RC time
     * constant of the characterised cells, so one load step does not dominate it.
     */
    public static EkfTuning defaults() {
        return new EkfTuning(0.05, 0.080, 0.001, 0.20, 0.02, 0.05, 6.0, 20, 0.020, 60);
    }

    /** A copy with the given innovation window (0: the measurement variance stays fixed). */
    public EkfTuning withInnovationWindowSeconds(double seconds) {
        return new EkfTuning(currentSigmaAmps, voltageSigmaVolts, socDriftSigmaPerHour, initialSocSigma,
                initialRcSigmaVolts, minOcvSlopeVoltsPerSoc, gateSigmas, maxConsecutiveRejections, ocvSigmaVolts,
                seconds);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }
}
