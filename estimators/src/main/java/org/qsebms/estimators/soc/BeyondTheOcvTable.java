package org.qsebms.estimators.soc;

/**
 * Whether a reading lies beyond the end of the cell's OCV table, where the model has no state to explain it: the SOC
 * estimate sits at the table's end (the clamp, 0 or 1) and the voltage is past what the table gives there (the
 * innovation points further out: below the model's voltage at 0, above it at 1). The model's SOC cannot follow, so a
 * Kalman gain spreads the misfit over the states that can move; with the current-offset state on it is read as a
 * current (A123 LFP cell empty at rest at 2.0 V, 0.63 V under the table's 2.63 V: the offset state learnt +1.9 A
 * with a 6 mA sigma, forty times the sensor's rated 50 mA; docs/estimation.md "The offset state on an empty LFP
 * cell"). There the filters keep the offset state out of the correction (its gain 0, a Schmidt consider of it: the
 * covariance updated for the gain used, so its variance keeps the doubt it had). No constant: the table's end and the
 * innovation's sign say it.
 */
final class BeyondTheOcvTable {
    private BeyondTheOcvTable() {}

    /**
     * @param soc        the SOC estimate the measurement was predicted at (before clamping: at or past 0 or 1 is
     *                   at the table's end)
     * @param innovation the voltage read minus the one predicted (V)
     * @return whether the reading lies beyond the table's end the estimate sits at
     */
    static boolean reading(double soc, double innovation) {
        return (soc <= 0.0 && innovation < 0.0) || (soc >= 1.0 && innovation > 0.0);
    }
}
