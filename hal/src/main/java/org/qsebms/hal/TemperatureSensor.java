package org.qsebms.hal;

/** Reads every temperature channel (one NTC per cell or group). */
public interface TemperatureSensor {
    int channelCount();

    /** Fills {@code celsius[i]} and {@code status[i]} for every channel. Never throws for a sensor fault. */
    void readInto(double[] celsius, SensorStatus[] status);

    /** Why {@code channel} is not OK after the last {@link #readInto} (bus, address, channel, value, fix); empty when OK. */
    default String faultDescription(int channel) {
        return "";
    }
}
