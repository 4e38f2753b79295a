package org.qsebms.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Durations as users write them, in the configuration file and on the command line:
 * {@code 100ms}, {@code 2s}, {@code 5min}, {@code 1h} or ISO-8601 ({@code PT0.1S}).
 */
public final class DurationText {
    private DurationText() {}

    /**
     * @param path where the text came from (key path or option name), for the error message
     * @throws ConfigException naming {@code path} and the accepted forms when {@code text} is not a duration
     */
    public static Duration parse(String path, String text) {
        String t = text.trim();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.endsWith("ms")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(
                                lower.substring(0, lower.length() - 2).trim())
                        * 1e6));
            }
            if (lower.endsWith("us")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(
                                lower.substring(0, lower.length() - 2).trim())
                        * 1e3));
            }
            if (lower.endsWith("s")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(
                                lower.substring(0, lower.length() - 1).trim())
                        * 1e9));
            }
            if (lower.endsWith("min")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(
                                lower.substring(0, lower.length() - 3).trim())
                        * 60));
            }
            if (lower.endsWith("h")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(
                                lower.substring(0, lower.length() - 1).trim())
                        * 3600));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // fall through to the error below
        }
        throw new ConfigException(
                path, "'" + text + "' is not a duration; write it as 60us, 100ms, 2s, 5min, 1h or ISO-8601 (PT0.1S)");
    }

    /**
     * A duration as a user writes it, in the largest of h, min, s, ms, us that holds it whole ({@code 10min},
     * {@code 300ms}, {@code 450us}; zero is {@code 0ms}), so a message gives a range in the file's own notation, not
     * Java's ISO text ({@code PT10M}). What {@link #parse} reads back to the same duration (a part of a microsecond is
     * written as a decimal of us).
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0ms";
        }
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.toHours() + "h";
        }
        long[] unitNanos = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        String[] units = {"h", "min", "s", "ms", "us"};
        for (int i = 0; i < units.length; i++) {
            if (nanos % unitNanos[i] == 0) {
                return nanos / unitNanos[i] + units[i];
            }
        }
        return java.math.BigDecimal.valueOf(nanos, 3).stripTrailingZeros().toPlainString() + "us";
    }
}
