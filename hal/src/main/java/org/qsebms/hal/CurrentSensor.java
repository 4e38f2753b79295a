package org.qsebms.hal;

/** Reads the signed pack current (charging positive, see {@link CurrentSign}). */
public interface CurrentSensor {
    /** Samples the current in amperes; check {@link #lastStatus()} before trusting it. */
    double readPackAmps();

    SensorStatus lastStatus();

    /**
     * When the last reading was {@link SensorStatus#OUT_OF_RANGE} because the current is beyond what the sensor
     * can measure (its ADC at a rail, or a value beyond its rated range), or {@link SensorStatus#OPEN_WIRE} with an
     * output a current beyond the open-wire band's edge would also give, the least current the pack must carry for
     * it to read so, signed (charging positive); NaN for every other reading. Protection judges the short-circuit
     * and over-current limits on it: the largest currents must not wait for a sensor fault's debounce.
     */
    default double lastBeyondRangeAmps() {
        return Double.NaN;
    }

    /** Why the last reading is not OK (bus, address, channel, value, allowed range, fix); empty when OK. */
    default String lastFaultDescription() {
        return "";
    }

    /** Captures the zero-current offset; call only while the pack is known to be at rest. */
    default void captureZeroOffset() {}

    /**
     * The front end's own bound on the chance that a live reading repeats bit-identical between two consecutive
     * samples at rest (issue 23, fix23bp), where it can state one from its resolution and noise (a simulated
     * converter); empty for a real converter (the Pi4J MCP3x08/ADS1115 drivers, the BQ76952), whose quiet readings
     * at rest may repeat for minutes: its bound must be measured and stated in the configuration (supplementary
     * {@code currentRepeatAtRest}). The protection's at-rest liveness window ({@code currentStuckAtRest}) is armed only where one is stated.
     */
    default java.util.OptionalDouble liveRepeatChanceAtRest() {
        return java.util.OptionalDouble.empty();
    }
}
