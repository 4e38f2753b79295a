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
    public static final DiagnosticsConfig OFF = DiagnosticsConfig.builder()
            .everyCycles(0)
            .every(Duration.ZERO)
            .minSoc(0.3)
            .maxSoc(0.7)
            .minCelsius(15)
            .maxCelsius(35)
            .idle(Duration.ofMinutes(10))
            .minRest(Duration.ofMinutes(30))
            .maxRest(Duration.ofHours(3))
            .relaxedVoltsPerMinute(0.001)
            .pulseC(0.5)
            .pulse(Duration.ofSeconds(10))
            .build();

    public boolean enabled() {
        return everyCycles > 0 || !every.isZero();
    }

    /** A builder with every value unset (refused by {@link Builder#build()} until set). */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters (see the record's parameters for each one's meaning and unit). */
    public static final class Builder {
        private Integer everyCycles;
        private Duration every;
        private Double minSoc;
        private Double maxSoc;
        private Double minCelsius;
        private Double maxCelsius;
        private Duration idle;
        private Duration minRest;
        private Duration maxRest;
        private Double relaxedVoltsPerMinute;
        private Double pulseC;
        private Duration pulse;

        private Builder() {}

        public Builder everyCycles(int v) {
            everyCycles = v;
            return this;
        }

        public Builder every(Duration v) {
            every = v;
            return this;
        }

        public Builder minSoc(double v) {
            minSoc = v;
            return this;
        }

        public Builder maxSoc(double v) {
            maxSoc = v;
            return this;
        }

        public Builder minCelsius(double v) {
            minCelsius = v;
            return this;
        }

        public Builder maxCelsius(double v) {
            maxCelsius = v;
            return this;
        }

        public Builder idle(Duration v) {
            idle = v;
            return this;
        }

        public Builder minRest(Duration v) {
            minRest = v;
            return this;
        }

        public Builder maxRest(Duration v) {
            maxRest = v;
            return this;
        }

        public Builder relaxedVoltsPerMinute(double v) {
            relaxedVoltsPerMinute = v;
            return this;
        }

        public Builder pulseC(double v) {
            pulseC = v;
            return this;
        }

        public Builder pulse(Duration v) {
            pulse = v;
            return this;
        }

        public DiagnosticsConfig build() {
            requireSet(everyCycles, "everyCycles");
            requireSet(every, "every");
            requireSet(minSoc, "minSoc");
            requireSet(maxSoc, "maxSoc");
            requireSet(minCelsius, "minCelsius");
            requireSet(maxCelsius, "maxCelsius");
            requireSet(idle, "idle");
            requireSet(minRest, "minRest");
            requireSet(maxRest, "maxRest");
            requireSet(relaxedVoltsPerMinute, "relaxedVoltsPerMinute");
            requireSet(pulseC, "pulseC");
            requireSet(pulse, "pulse");
            return new DiagnosticsConfig(
                    everyCycles,
                    every,
                    minSoc,
                    maxSoc,
                    minCelsius,
                    maxCelsius,
                    idle,
                    minRest,
                    maxRest,
                    relaxedVoltsPerMinute,
                    pulseC,
                    pulse);
        }

        private static void requireSet(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is not set");
            }
        }
    }
}
