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
 * @param bleedResistorTolerance relative tolerance of the balancing bleed resistor: the charge a cell gives its
 *                               bleed is counted as its voltage over the configured resistance, so it is known to
 *                               this fraction, which bounds how far a bled cell's figure can be off for its bleed
 *                               (default {@value #DEFAULT_BLEED_RESISTOR_TOLERANCE})
 */
record RestSelfDischargeSettings(
        double restAmps,
        double settleSeconds,
        double thresholdAmps,
        double sigmas,
        double minOcvSlopeVoltsPerSoc,
        double sampleSeconds,
        double bleedResistorTolerance) {
    /** Default interval of the fit's samples. */
    public static final double DEFAULT_SAMPLE_SECONDS = 10.0;

    /** OCV slope below which the rest cue does not measure: 2.5 mV per 1 % SOC (1 mV of error is 0.4 % SOC). */
    public static final double DEFAULT_MIN_OCV_SLOPE_VOLTS_PER_SOC = 0.25;

    /**
     * Default tolerance of the bleed resistor: 5 %, the common thick-film grade; it also covers a 1 % part with
     * its temperature coefficient (100-200 ppm/K) over the 20-40 K a bleeding resistor heats by, and the ledger's
     * own error (a cell voltage read to a few mV in 3-4 V; the switch's state is the commanded one for the tick).
     */
    public static final double DEFAULT_BLEED_RESISTOR_TOLERANCE = 0.05;

    public RestSelfDischargeSettings {
        SoftShortSettings.requirePositive("restAmps", restAmps);
        SoftShortSettings.requireNonNegative("settleSeconds", settleSeconds);
        SoftShortSettings.requirePositive("thresholdAmps", thresholdAmps);
        SoftShortSettings.requirePositive("sigmas", sigmas);
        SoftShortSettings.requirePositive("minOcvSlopeVoltsPerSoc", minOcvSlopeVoltsPerSoc);
        SoftShortSettings.requirePositive("sampleSeconds", sampleSeconds);
        SoftShortSettings.requireNonNegative("bleedResistorTolerance", bleedResistorTolerance);
    }

    /**
     * With the default minimum OCV slope ({@value #DEFAULT_MIN_OCV_SLOPE_VOLTS_PER_SOC} V per unit SOC)
     * sample interval ({@value #DEFAULT_SAMPLE_SECONDS} s) and bleed resistor tolerance
     * ({@value #DEFAULT_BLEED_RESISTOR_TOLERANCE}).
     */
    public RestSelfDischargeSettings(double restAmps, double settleSeconds, double thresholdAmps, double sigmas) {
        this(
                restAmps,
                settleSeconds,
                thresholdAmps,
                sigmas,
                DEFAULT_MIN_OCV_SLOPE_VOLTS_PER_SOC,
                DEFAULT_SAMPLE_SECONDS,
                DEFAULT_BLEED_RESISTOR_TOLERANCE);
    }
}
