package org.qsebms.estimators.softshort;

/**
 * Third cue: a cell's SOC drifting from the string median. Every {@code sampleSeconds} the
 * difference {@code y = soc_i - median} is fitted by exponentially forgetting least squares to
 * {@code y = a + b * hours + c * chargeAh + d * lagAmps}, from {@code settleSeconds} after start: {@code b} is the drift of
 * a self-discharging cell (independent of the current), {@code c} the capacity mismatch (proportional to the charge
 * that passed), held near 0 by a prior so that a constant current cannot pass a capacity mismatch off as a drift,
 * and {@code d} the part of the mismatch the SOC filter has not yet caught up with ({@code lagAmps} the pack
 * current low-passed over {@code correlationSeconds}), with a prior from the same spread over that time.
 *
 * @param settleSeconds     nothing is fitted before this much time from start (the SOC estimator
 *                          converging after start-up would read as a drift)
 * @param sampleSeconds     time between regression samples
 * @param windowSeconds     time constant of the forgetting
 * @param minSpanSeconds    no verdict before the fit has seen this much time
 * @param thresholdPerHour  drift (SOC fraction per hour, positive number for a falling cell) at
 *                          which this cue alone flags a cell
 * @param sigmas            the drift must also be this many standard errors above zero
 * @param socNoise          1-sigma noise of one SOC sample (floor of the residual noise)
 * @param capacitySpread    1-sigma relative capacity spread of the cells (prior on the mismatch)
 * @param correlationSeconds the longest the SOC filter's errors are taken to stay correlated (their
 *                          integrated autocorrelation time): the residual variance of the fit is scaled by
 *                          {@code (1 + rho) / (1 - rho)}, rho the residuals' lag-one autocorrelation, at
 *                          most by {@code correlationSeconds / sampleSeconds} (one independent sample per
 *                          correlation time); a drift is confirmed only when it is significant this
 *                          long after it first was, over the threshold at every sample between (one
 *                          independent sample more than the first verdict's); and it is the time constant of
 *                          the SOC filter's lag, over which the fit's lag term low-passes the current
 * @param maxSocBound3Sigma a sample is taken only when every cell's SOC 3-sigma bound, as the SOC
 *                          filter reports it, is at most this (an estimator without a bound, NaN, is
 *                          taken as it is): a filter that admits its estimate may be this far off can
 *                          still correct a cell by that much at once (on an LFP plateau it stays tens of
 *                          % off for hours and corrects at a knee), and the fit would read the correction
 *                          as a drift
 */
record SocDriftSettings(
        double settleSeconds,
        double sampleSeconds,
        double windowSeconds,
        double minSpanSeconds,
        double thresholdPerHour,
        double sigmas,
        double socNoise,
        double capacitySpread,
        double correlationSeconds,
        double maxSocBound3Sigma) {
    public SocDriftSettings {
        SoftShortSettings.requireNonNegative("settleSeconds", settleSeconds);
        SoftShortSettings.requirePositive("sampleSeconds", sampleSeconds);
        SoftShortSettings.requirePositive("windowSeconds", windowSeconds);
        SoftShortSettings.requireNonNegative("minSpanSeconds", minSpanSeconds);
        SoftShortSettings.requirePositive("thresholdPerHour", thresholdPerHour);
        SoftShortSettings.requirePositive("sigmas", sigmas);
        SoftShortSettings.requirePositive("socNoise", socNoise);
        SoftShortSettings.requirePositive("capacitySpread", capacitySpread);
        SoftShortSettings.requirePositive("correlationSeconds", correlationSeconds);
        SoftShortSettings.requirePositive("maxSocBound3Sigma", maxSocBound3Sigma);
    }

    /** The largest factor on the residual variance of the fit: samples per correlation time, at least 1. */
    double maxVarianceInflation() {
        return Math.max(1.0, correlationSeconds / sampleSeconds);
    }
}
