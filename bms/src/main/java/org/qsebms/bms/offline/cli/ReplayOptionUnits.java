package org.qsebms.bms.offline.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * Refuses {@code bms replay} option values no setup has, naming the option, the value and the
 * likely unit mistake (issue 20, 2026-12-06: a gain limit of 3 for 3 %, an offset limit of 50 for
 * 50 mA and a convergence window of -5 s were taken silently).
 */
final class ReplayOptionUnits {
    /**
     * Largest current-sensor gain-error limit taken as a fraction: shunts are rated at 0.1-1 %, Hall
     * sensors at 1-5 %; a limit of a fifth of the current is no sensor's rating, so a larger figure is a
     * percent.
     */
    static final double MAX_GAIN_LIMIT = 0.2;
    /**
     * Largest current-sensor zero-offset limit, in C of the cell: an offset of 0.2 C would move the SOC
     * by 20 % an hour at rest, which no sensor a BMS counts charge with is rated at (the default,
     * 0.05 A, is 0.03 C of the shipped cells); a larger figure is in mA.
     */
    static final double MAX_OFFSET_LIMIT_C = 0.2;

    private ReplayOptionUnits() {}

    /** A problem with {@code --convergence-window}, if any. */
    static Optional<String> convergenceWindow(double seconds) {
        if (seconds >= 0 && Double.isFinite(seconds)) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "--convergence-window: %s s is %s; give the seconds at the start of the log to leave out of the "
                        + "error metrics, 0 or more (e.g. %s), or 0 to score every row",
                plain(seconds),
                Double.isFinite(seconds) ? "negative" : "not a finite number",
                Double.isFinite(seconds) ? plain(Math.abs(seconds)) : "600"));
    }

    /** A problem with {@code --current-sensor-gain-limit}, if any (null: not given). */
    static Optional<String> gainLimit(Double fraction) {
        if (fraction == null || !(fraction > MAX_GAIN_LIMIT)) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "--current-sensor-gain-limit: %s is a gain error of %s %% of the current, above the %s (%s %%) no "
                        + "current sensor is rated at; it looks like a percent given for a fraction: give %s for "
                        + "%s %%",
                plain(fraction),
                plain(100 * fraction),
                plain(MAX_GAIN_LIMIT),
                plain(100 * MAX_GAIN_LIMIT),
                plain(fraction / 100),
                plain(fraction)));
    }

    /** A problem with {@code --current-sensor-offset-limit-a} for a cell of {@code capacityAh}, if any. */
    static Optional<String> offsetLimit(Double amps, double capacityAh) {
        if (amps == null || !(amps > MAX_OFFSET_LIMIT_C * capacityAh)) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "--current-sensor-offset-limit-a: %s A is %s C of the %s Ah cell, above the %s C (%s A) no "
                        + "current sensor's zero offset is rated at; it looks like mA given for A: give %s for %s mA",
                plain(amps),
                plain(amps / capacityAh),
                plain(capacityAh),
                plain(MAX_OFFSET_LIMIT_C),
                plain(MAX_OFFSET_LIMIT_C * capacityAh),
                plain(amps / 1000),
                plain(amps)));
    }

    private static String plain(double x) {
        return String.format(Locale.ROOT, "%.4g", x)
                .replaceFirst("(\\.\\d*?)0+($|e)", "$1$2")
                .replaceFirst("\\.($|e)", "$1");
    }
}
