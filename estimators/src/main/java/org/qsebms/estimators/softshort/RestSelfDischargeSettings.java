package org.qsebms.estimators.softshort;

/**
 * First cue: excess self-discharge current at rest, from each cell's voltage drift against the
 * string median.
 *
 * @param restAmps      the string rests while |pack current| stays at or below this
 * @param settleSeconds rest time left out before fitting (relaxation of the RC pairs)
 * @param thresholdAmps excess self-discharge current at which this cue alone flags a cell
 * @param sigmas        the excess must also be this many standard errors above zero
 */
public record RestSelfDischargeSettings(double restAmps, double settleSeconds, double thresholdAmps, double sigmas) {
    public RestSelfDischargeSettings {
        SoftShortSettings.requirePositive("restAmps", restAmps);
        SoftShortSettings.requireNonNegative("settleSeconds", settleSeconds);
        SoftShortSettings.requirePositive("thresholdAmps", thresholdAmps);
        SoftShortSettings.requirePositive("sigmas", sigmas);
    }
}
