package org.qsebms.config;

import java.time.Duration;

/**
 * Scheduled diagnostics (the {@code health.diagnostics:} section): every {@code everyCycles}
 * cycles or every {@code every} of time, whichever comes first, and only when the pack is idle in
 * the SOC window and temperature band: rest until relaxed, note the relaxed OCV, then a short
 * discharge pulse for R0 and its SEI part (docs/record.md).
 *
 * @param everyCycles        cycles between diagnostics (0: not by cycles)
 * @param every              time between diagnostics ({@link Duration#ZERO}: not by time)
 * @param minSoc             SOC window, lower end
 * @param maxSoc             SOC window, upper end
 * @param minCelsius         temperature band, lower end (every cell)
 * @param maxCelsius         temperature band, upper end (every cell)
 * @param idle               how long the pack must have been idle (no current) before it starts
 * @param minRest            shortest rest before the OCV point
 * @param maxRest            longest rest: a pack that has not relaxed by then is cancelled
 * @param relaxedVoltsPerMinute a cell is relaxed when its voltage moved less than this over the last minute
 * @param pulseC             discharge pulse, C-rate of the configured capacity
 * @param pulse              pulse length
 */
public record DiagnosticsConfig(
        int everyCycles,
        Duration every,
        double minSoc,
        double maxSoc,
        double minCelsius,
        double maxCelsius,
        Duration idle,
        Duration minRest,
        Duration maxRest,
        double relaxedVoltsPerMinute,
        double pulseC,
        Duration pulse) {
    /** No diagnostics. */
    public static final DiagnosticsConfig OFF = new DiagnosticsConfig(
            0,
            Duration.ZERO,
            0.3,
            0.7,
            15,
            35,
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(3),
            0.001,
            0.5,
            Duration.ofSeconds(10));

    public boolean enabled() {
        return everyCycles > 0 || !every.isZero();
    }
}
