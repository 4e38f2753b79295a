package org.qsebms.hal;

import java.util.Optional;

/** Reads every temperature channel (one NTC per cell or group). */
public interface TemperatureSensor {
    int channelCount();

    /** Fills {@code celsius[i]} and {@code status[i]} for every channel. Never throws for a sensor fault. */
    void readInto(double[] celsius, SensorStatus[] status);

    /** Why {@code channel} is not OK after the last {@link #readInto} (bus, address, channel, value, fix); empty when OK. */
    default String faultDescription(int channel) {
        return "";
    }

    /**
     * The front end's own bound on a live reading's repeat chance between two samples, where it can state one from
     * its resolution and noise (a simulated or emulated converter); empty for a real converter, whose bound must be
     * measured and stated in the configuration (supplementary {@code tempFrozenPriorRepeat}).
     */
    default Optional<ThermistorRepeatBound> declaredRepeatBound() {
        return Optional.empty();
    }

    /**
     * The front end's own bound on the chance that a live reading repeats bit-identical between two consecutive
     * samples at rest (a steady temperature), at any reading it reports OK (issue 23, fix23br), where it can state one
     * from its resolution and noise (a simulated converter); empty for a real converter (the Pi4J MCP3x08/ADS1115 NTC
     * driver, the BQ76952's 0.1 K codes), whose quiet readings of a steady pack may repeat for minutes: its bound must
     * be measured and stated in the configuration (supplementary {@code temperatureRepeatAtRest}). The protection's
     * at-rest liveness window ({@code tempStuckAtRest}) is armed only where one is stated.
     */
    default java.util.OptionalDouble liveRepeatChanceAtRest() {
        return java.util.OptionalDouble.empty();
    }
}
