package org.qsebms.bms.protection;

import java.time.Duration;
import org.qsebms.config.LimitDirection;
import org.qsebms.config.ThreeLevelLimit;

/**
 * Limits and plausibility thresholds the chemistry preset does not (yet) carry: cell imbalance,
 * SOC bounds, the soft-short score, and the sensor cross-checks. The defaults are conservative
 * and chemistry-neutral; they belong in the preset once the config module grows the keys.
 *
 * @param cellImbalance       max minus min cell voltage (V), three levels
 * @param socHigh             highest cell SOC (fraction) while charging
 * @param socLow              lowest cell SOC (fraction) while discharging
 * @param softShortScore      highest per-cell soft-short score (0..1) reported by the estimators
 * @param zeroDriftAmps       current magnitude that must not be read while the current path is open
 * @param zeroDriftDebounce   how long the drift must persist
 * @param tempSpreadCelsius   largest plausible max-min thermistor spread
 * @param tempSpreadDebounce  how long the spread must persist
 * @param tempRateCelsiusPerS largest plausible rate of change of one thermistor, over {@code tempRateWindow}
 * @param tempRateWindow      window over which the rate is measured (filters ADC noise)
 * @param stuckMinAmps        current magnitude above which identical readings count as stuck
 * @param cellStuckTicks      identical cell-voltage readings, while current flows, that mean stuck
 * @param tempStuckTicks      identical thermistor readings, while current flows, that mean stuck
 * @param currentStuckTicks   identical current readings, while current flows, that mean stuck
 */
public record SupplementaryLimits(
        ThreeLevelLimit cellImbalance,
        ThreeLevelLimit socHigh,
        ThreeLevelLimit socLow,
        ThreeLevelLimit softShortScore,
        double zeroDriftAmps,
        Duration zeroDriftDebounce,
        double tempSpreadCelsius,
        Duration tempSpreadDebounce,
        double tempRateCelsiusPerS,
        Duration tempRateWindow,
        double stuckMinAmps,
        int cellStuckTicks,
        int tempStuckTicks,
        int currentStuckTicks) {

    public SupplementaryLimits {
        if (cellStuckTicks < 2 || tempStuckTicks < 2 || currentStuckTicks < 2) {
            throw new IllegalArgumentException("stuck-sensor tick counts must be >= 2, got cell=" + cellStuckTicks
                    + ", temperature=" + tempStuckTicks + ", current=" + currentStuckTicks);
        }
        if (tempRateWindow.isZero() || tempRateWindow.isNegative()) {
            throw new IllegalArgumentException("tempRateWindow must be positive, got " + tempRateWindow);
        }
    }

    /** Conservative defaults for a 10 Hz loop. */
    public static SupplementaryLimits defaults() {
        return new SupplementaryLimits(
                new ThreeLevelLimit("cellImbalance", LimitDirection.UPPER, 0.05, 0.10, 0.30, 0.01, Duration.ofSeconds(5), "V"),
                new ThreeLevelLimit("cellSoc", LimitDirection.UPPER, 0.95, 0.99, 1.0, 0.02, Duration.ofSeconds(5), ""),
                new ThreeLevelLimit("cellSoc", LimitDirection.LOWER, 0.05, 0.01, 0.0, 0.02, Duration.ofSeconds(5), ""),
                new ThreeLevelLimit("softShortScore", LimitDirection.UPPER, 0.3, 0.6, 0.9, 0.05, Duration.ofSeconds(10), ""),
                0.5, Duration.ofSeconds(2),
                15.0, Duration.ofSeconds(5),
                2.0, Duration.ofSeconds(1),
                0.2, 50, 600, 50);
    }
}
