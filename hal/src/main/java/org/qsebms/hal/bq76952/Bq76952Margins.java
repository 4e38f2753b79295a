package org.qsebms.hal.bq76952;

import java.time.Duration;

/**
 * How far beyond the software MSLs the BQ76952's own protections are set, and their delays:
 * data from the configuration ({@code hal.bq76952.margins}), with defaults in {@link #DEFAULT}.
 * Every threshold is rounded outward to the chip's step (50.6 mV, 2 mV of shunt voltage, the SCD
 * table, 1 degC), so the chip never acts before the software would.
 *
 * @param cellOverVolts   COV threshold = MSL + this (V)
 * @param cellUnderVolts  CUV threshold = MSL - this (V)
 * @param overCurrentFraction OCC and OCD1 threshold = MSL x (1 + this)
 * @param ocd2Factor      OCD2 threshold = discharge MSL x this (faster second stage)
 * @param shortCircuitFactor SCD threshold = discharge MSL x this
 * @param celsius         OTC/OTD = MSL + this, UTC/UTD = MSL - this (degC)
 * @param cellVoltageDelay COV and CUV delay (3.3 ms steps)
 * @param overCurrentDelay OCC and OCD1 delay (3.3 ms steps, 10 ms minimum)
 * @param ocd2Delay       OCD2 delay
 * @param shortCircuitDelay SCD delay (15 us steps, 0..450 us)
 * @param temperatureDelay OTC/OTD/UTC/UTD delay (1 s steps)
 * @param hostWatchdogDelay the chip opens both FETs when the host has not talked to it this long (1 s steps, 0 = off)
 */
public record Bq76952Margins(
        double cellOverVolts,
        double cellUnderVolts,
        double overCurrentFraction,
        double ocd2Factor,
        double shortCircuitFactor,
        double celsius,
        Duration cellVoltageDelay,
        Duration overCurrentDelay,
        Duration ocd2Delay,
        Duration shortCircuitDelay,
        Duration temperatureDelay,
        Duration hostWatchdogDelay) {

    /**
     * 50 mV and 100 mV, 25 % over, 2x and 4x for OCD2 and SCD, 5 degC; delays 1 s, 100 ms, 20 ms,
     * 60 us, 2 s; host watchdog 5 s.
     */
    public static final Bq76952Margins DEFAULT = Bq76952Margins.builder()
            .cellOverVolts(0.05)
            .cellUnderVolts(0.10)
            .overCurrentFraction(0.25)
            .ocd2Factor(2.0)
            .shortCircuitFactor(4.0)
            .celsius(5.0)
            .cellVoltageDelay(Duration.ofSeconds(1))
            .overCurrentDelay(Duration.ofMillis(100))
            .ocd2Delay(Duration.ofMillis(20))
            .shortCircuitDelay(Duration.ofNanos(60_000))
            .temperatureDelay(Duration.ofSeconds(2))
            .hostWatchdogDelay(Duration.ofSeconds(5))
            .build();

    public Bq76952Margins {
        if (!(cellOverVolts > 0) || !(cellUnderVolts > 0) || !(overCurrentFraction > 0) || !(celsius > 0)) {
            throw new IllegalArgumentException("every margin must be > 0 so the software acts first: cellOverVolts="
                    + cellOverVolts + " cellUnderVolts=" + cellUnderVolts + " overCurrentFraction="
                    + overCurrentFraction
                    + " celsius=" + celsius);
        }
        if (hostWatchdogDelay != null
                && (hostWatchdogDelay.isNegative() || hostWatchdogDelay.toNanos() % 1_000_000_000L != 0)) {
            throw new IllegalArgumentException("hostWatchdogDelay " + millis(hostWatchdogDelay)
                    + ": the chip counts its host watchdog in whole seconds and 0 turns it off, so this would be "
                    + "rounded to another delay (or to off); give 0s or a whole number of seconds (1s, 2s, ...)");
        }
        if (!(ocd2Factor > 1 + overCurrentFraction) || !(shortCircuitFactor > ocd2Factor)) {
            throw new IllegalArgumentException("need 1 + overCurrentFraction < ocd2Factor < shortCircuitFactor, got "
                    + (1 + overCurrentFraction) + ", " + ocd2Factor + ", " + shortCircuitFactor);
        }
    }

    private static String millis(Duration d) {
        return d.toNanos() % 1_000_000_000L == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** A builder with every value unset (refused by {@link Builder#build()} until set). */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters (see the record's parameters for each one's meaning and unit). */
    public static final class Builder {
        private Double cellOverVolts;
        private Double cellUnderVolts;
        private Double overCurrentFraction;
        private Double ocd2Factor;
        private Double shortCircuitFactor;
        private Double celsius;
        private Duration cellVoltageDelay;
        private Duration overCurrentDelay;
        private Duration ocd2Delay;
        private Duration shortCircuitDelay;
        private Duration temperatureDelay;
        private Duration hostWatchdogDelay;

        private Builder() {}

        public Builder cellOverVolts(double v) {
            cellOverVolts = v;
            return this;
        }

        public Builder cellUnderVolts(double v) {
            cellUnderVolts = v;
            return this;
        }

        public Builder overCurrentFraction(double v) {
            overCurrentFraction = v;
            return this;
        }

        public Builder ocd2Factor(double v) {
            ocd2Factor = v;
            return this;
        }

        public Builder shortCircuitFactor(double v) {
            shortCircuitFactor = v;
            return this;
        }

        public Builder celsius(double v) {
            celsius = v;
            return this;
        }

        public Builder cellVoltageDelay(Duration v) {
            cellVoltageDelay = v;
            return this;
        }

        public Builder overCurrentDelay(Duration v) {
            overCurrentDelay = v;
            return this;
        }

        public Builder ocd2Delay(Duration v) {
            ocd2Delay = v;
            return this;
        }

        public Builder shortCircuitDelay(Duration v) {
            shortCircuitDelay = v;
            return this;
        }

        public Builder temperatureDelay(Duration v) {
            temperatureDelay = v;
            return this;
        }

        public Builder hostWatchdogDelay(Duration v) {
            hostWatchdogDelay = v;
            return this;
        }

        public Bq76952Margins build() {
            requireSet(cellOverVolts, "cellOverVolts");
            requireSet(cellUnderVolts, "cellUnderVolts");
            requireSet(overCurrentFraction, "overCurrentFraction");
            requireSet(ocd2Factor, "ocd2Factor");
            requireSet(shortCircuitFactor, "shortCircuitFactor");
            requireSet(celsius, "celsius");
            requireSet(cellVoltageDelay, "cellVoltageDelay");
            requireSet(overCurrentDelay, "overCurrentDelay");
            requireSet(ocd2Delay, "ocd2Delay");
            requireSet(shortCircuitDelay, "shortCircuitDelay");
            requireSet(temperatureDelay, "temperatureDelay");
            requireSet(hostWatchdogDelay, "hostWatchdogDelay");
            return new Bq76952Margins(
                    cellOverVolts,
                    cellUnderVolts,
                    overCurrentFraction,
                    ocd2Factor,
                    shortCircuitFactor,
                    celsius,
                    cellVoltageDelay,
                    overCurrentDelay,
                    ocd2Delay,
                    shortCircuitDelay,
                    temperatureDelay,
                    hostWatchdogDelay);
        }

        private static void requireSet(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is not set");
            }
        }
    }
}
