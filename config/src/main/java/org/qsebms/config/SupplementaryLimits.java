package org.qsebms.config;

import java.time.Duration;

/**
 * The supplementary protection thresholds beside the preset's MSLs: cell imbalance,
 * SOC bounds, the soft-short score, the short-circuit tier, the sensor cross-checks, the sensor
 * accuracy the pack-voltage cross-check is derived from, and the repeated-trip lockout. Every
 * time is a {@link Duration} (never a tick count), so the reaction bound holds at any loop period.
 * They are data: the shipped defaults are {@code presets/supplementary-defaults.yaml}, a preset may
 * override them in its {@code supplementary:} section, and a configuration may only tighten them
 * (see {@link SupplementaryReader}).
 *
 * @param cellImbalance             max minus min cell voltage (V), three levels
 * @param socHigh                   highest cell SOC (fraction) while charging (reached at the limit: 1.00 counts)
 * @param socLow                    lowest cell SOC (fraction) while discharging (reached at the limit: 0.00 counts)
 * @param softShortScore            highest per-cell soft-short score (0..1) reported by the estimators
 * @param zeroDriftAmps             current magnitude that must not be read while the current path is open
 * @param zeroDriftDebounce         how long the drift must persist
 * @param tempSpreadCelsius         largest plausible max-min thermistor spread
 * @param tempSpreadDebounce        how long the spread must persist
 * @param tempRateCelsiusPerS       largest plausible rate of change of one thermistor, over {@code tempRateWindow}
 * @param tempRateWindow            window over which the rate is measured (filters ADC noise)
 * @param tempStepCelsius           largest plausible change of one thermistor between two samples (a step beyond
 *                                  it raises TEMPERATURE_RATE at once)
 * @param stuckMinAmps              current magnitude above which the pack counts as "current flowing"
 * @param cellStuckWhileFlowing     bit-identical cell readings for this long while current flows mean stuck
 * @param tempStuckWhileFlowing     ... thermistor readings
 * @param currentStuckWhileFlowing  ... current readings
 * @param cellStuckAtRest           the at-rest liveness diagnostic: a cell channel must show a changed reading at
 *                                  least this often even without current (ADC noise proves it alive)
 * @param tempStuckAtRest           ... a thermistor channel
 * @param currentStuckAtRest        ... the current sensor
 * @param sensorStatusDebounce      how long a channel's non-OK status must persist
 * @param cellVoltsAccuracy         accuracy of one cell-voltage reading (V); with the pack's it sets the
 *                                  sum-of-cells tolerance: cells x this + pack x {@code packVoltsAccuracyFraction}
 * @param packVoltsAccuracyFraction accuracy of the pack-voltage reading, fraction of the reading
 * @param packMismatchDebounce      how long the sum of cells must disagree with the pack voltage
 * @param shortCircuitFactor        the short-circuit tier, as a multiple of the discharge over-current MSL (A):
 *                                  a pack current of that magnitude either way trips on the sample that sees it
 * @param lockoutTrips              trips of one fault within {@code lockoutWindow} that lock the pack out
 * @param lockoutWindow             window of the repeated-trip count
 * @param loopProof                 how long the loop must run without overrun (or exception) before the cause of
 *                                  LOOP_OVERRUN (or LOOP_EXCEPTION) counts as gone
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
        double tempStepCelsius,
        double stuckMinAmps,
        Duration cellStuckWhileFlowing,
        Duration tempStuckWhileFlowing,
        Duration currentStuckWhileFlowing,
        Duration cellStuckAtRest,
        Duration tempStuckAtRest,
        Duration currentStuckAtRest,
        Duration sensorStatusDebounce,
        double cellVoltsAccuracy,
        double packVoltsAccuracyFraction,
        Duration packMismatchDebounce,
        double shortCircuitFactor,
        int lockoutTrips,
        Duration lockoutWindow,
        Duration loopProof) {

    public SupplementaryLimits {
        for (Duration d : new Duration[] {
            cellStuckWhileFlowing,
            tempStuckWhileFlowing,
            currentStuckWhileFlowing,
            cellStuckAtRest,
            tempStuckAtRest,
            currentStuckAtRest,
            tempRateWindow,
            lockoutWindow,
            loopProof
        }) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("stuck windows, the rate window, the lockout window and the loop "
                        + "proof must be positive durations, got " + d);
            }
        }
        if (!(cellVoltsAccuracy > 0 && packVoltsAccuracyFraction > 0)) {
            throw new IllegalArgumentException("sensor accuracies must be > 0, got cell " + cellVoltsAccuracy
                    + " V, pack " + packVoltsAccuracyFraction);
        }
        if (!(shortCircuitFactor > 1)) {
            throw new IllegalArgumentException(
                    "shortCircuitFactor must be > 1 (above the over-current MSL), got " + shortCircuitFactor);
        }
        if (lockoutTrips < 2) {
            throw new IllegalArgumentException("lockoutTrips must be >= 2, got " + lockoutTrips);
        }
        if (!(tempStepCelsius > 0)) {
            throw new IllegalArgumentException("tempStepCelsius must be > 0, got " + tempStepCelsius);
        }
    }

    /** The shipped defaults, read from {@code presets/supplementary-defaults.yaml}. */
    public static SupplementaryLimits defaults() {
        return SupplementaryReader.shippedDefaults();
    }

    /** The tolerance of the sum-of-cells check for {@code cells} cells at {@code packVolts}, from the sensor accuracies. */
    public double packMismatchToleranceVolts(int cells, double packVolts) {
        return cells * cellVoltsAccuracy + packVoltsAccuracyFraction * Math.abs(packVolts);
    }
}
