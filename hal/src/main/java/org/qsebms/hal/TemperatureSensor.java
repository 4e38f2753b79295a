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
}
