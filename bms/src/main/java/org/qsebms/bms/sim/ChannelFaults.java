package org.qsebms.bms.sim;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.qsebms.hal.SensorStatus;

/**
 * The injected faults of one set of sensor channels (cell voltages, thermistors, the current sensor):
 * per channel a status fault and a freeze (a stuck ADC, holding the value it had), kept apart so that
 * ending one never ends the other.
 */
final class ChannelFaults {
    private final SensorStatus[] status;
    private final boolean[] frozen;
    private final double[] frozenValue;

    ChannelFaults(int channels) {
        status = new SensorStatus[channels];
        frozen = new boolean[channels];
        frozenValue = new double[channels];
        Arrays.fill(status, SensorStatus.OK);
    }

    /**
     * STUCK freezes the channel at {@code present} (read only then); another status is reported over a
     * frozen channel, which reads its frozen value again once the status ends; OK ends both.
     */
    void inject(int channel, SensorStatus s, DoubleSupplier present) {
        if (s == SensorStatus.STUCK) {
            frozenValue[channel] = present.getAsDouble();
            frozen[channel] = true;
        } else {
            status[channel] = s;
            frozen[channel] &= s != SensorStatus.OK;
        }
    }

    /** Ends one injected fault: the freeze (STUCK) or the status fault, leaving the other. */
    void end(int channel, SensorStatus s) {
        if (s == SensorStatus.STUCK) {
            frozen[channel] = false;
        } else {
            status[channel] = SensorStatus.OK;
        }
    }

    /** The channel's state now: its status fault, else STUCK while frozen, else OK. */
    SensorStatus state(int channel) {
        return status[channel] == SensorStatus.OK && frozen[channel] ? SensorStatus.STUCK : status[channel];
    }

    /** The value a frozen channel holds. */
    double frozenValue(int channel) {
        return frozenValue[channel];
    }
}
