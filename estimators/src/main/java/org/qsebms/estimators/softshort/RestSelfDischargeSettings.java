package org.qsebms.estimators.softshort;

/**
 * First cue: excess self-discharge current at rest, from each cell's voltage drift against the
 * string median.
 *
 * @param restAmps               the string rests while |pack current| stays at or below this
 * @param settleSeconds          rest time left out before fitting (relaxation of the RC pairs)
 * @param thresholdAmps          excess self-discharge current at which this cue alone flags a cell
 * @param sigmas                 the excess must also be this many standard errors above zero
 * @param minOcvSlopeVoltsPerSoc a cell whose OCV is flatter than this (V per unit SOC) where it
 *                               rests gives no measurement: its voltage cannot show the charge it
 *                               loses (the plateau of LFP)
 * @param sampleSeconds          the fit takes one sample per this interval: the mean of the cell's
 *                               voltage and bleed over it, so a bleed switching within a duty
 *                               period is averaged and the fit's residuals are close to independent
 *                               whatever the loop period (default 10 s, the balancer's duty period)
 */
record RestSelfDischargeSettings(
        double restAmps,
        double settleSeconds,
        double thresholdAmps,
        double sigmas,
        double minOcvSlopeVoltsPerSoc,
        double sampleSeconds) {
    /** Default interval of the fit's samples. */
    public static final double DEFAULT_SAMPLE_SECONDS = 10.0;

    /** OCV slope below which the rest cue does not measure: 2.5 mV per 1 % SOC (1 mV of error is 0.4 % SOC). */
    public static final double DEFAULT_MIN_OCV_SLOPE_VOLTS_PER_SOC = 0.25;

    public RestSelfDischargeSettings {
        SoftShortSettings.requirePositive("restAmps", restAmps);
        SoftShortSettings.requireNonNegative("settleSeconds", settleSeconds);
        SoftShortSettings.requirePositive("thresholdAmps", thresholdAmps);
        SoftShortSettings.requirePositive("sigmas", sigmas);
        SoftShortSettings.requirePositive("minOcvSlopeVoltsPerSoc", minOcvSlopeVoltsPerSoc);
        SoftShortSettings.requirePositive("sampleSeconds", sampleSeconds);
    }

    /**
     * With the default minimum OCV slope ({@value #DEFAULT_MIN_OCV_SLOPE_VOLTS_PER_SOC} V per unit SOC)
     * and sample interval ({@value #DEFAULT_SAMPLE_SECONDS} s).
     */
    public RestSelfDischargeSettings(double restAmps, double settleSeconds, double thresholdAmps, double sigmas) {
        this(
                restAmps,
                settleSeconds,
                thresholdAmps,
                sigmas,
                DEFAULT_MIN_OCV_SLOPE_VOLTS_PER_SOC,
                DEFAULT_SAMPLE_SECONDS);
    }
}
