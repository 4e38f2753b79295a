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
}
