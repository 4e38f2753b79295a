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
    public static final Bq76952Margins DEFAULT = new Bq76952Margins(
            0.05,
            0.10,
            0.25,
            2.0,
            4.0,
            5.0,
            Duration.ofSeconds(1),
            Duration.ofMillis(100),
            Duration.ofMillis(20),
            Duration.ofNanos(60_000),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    public Bq76952Margins {
        if (!(cellOverVolts > 0) || !(cellUnderVolts > 0) || !(overCurrentFraction > 0) || !(celsius > 0)) {
            throw new IllegalArgumentException("every margin must be > 0 so the software acts first: cellOverVolts="
                    + cellOverVolts + " cellUnderVolts=" + cellUnderVolts + " overCurrentFraction="
                    + overCurrentFraction
                    + " celsius=" + celsius);
        }
        if (!(ocd2Factor > 1 + overCurrentFraction) || !(shortCircuitFactor > ocd2Factor)) {
            throw new IllegalArgumentException("need 1 + overCurrentFraction < ocd2Factor < shortCircuitFactor, got "
                    + (1 + overCurrentFraction) + ", " + ocd2Factor + ", " + shortCircuitFactor);
        }
    }
}
