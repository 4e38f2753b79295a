package org.qsebms.hal.frontend;

import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.adc.AdcChannel;
import org.qsebms.hal.bus.BusException;

/**
 * One ADC channel read with its first-level checks: a bus error becomes
 * {@link SensorStatus#BUS_ERROR}, a full-scale code {@link SensorStatus#OUT_OF_RANGE}, a
 * frozen code {@link SensorStatus#STUCK}. Keeps the last good volts so a failed read leaves
 * the previous value in place. Fault text is built only on a fault.
 */
final class ChannelReading {
    private final AdcChannel channel;
    private final StuckDetector stuck;
    private double volts;
    private SensorStatus status = SensorStatus.OK;
    private String fault = "";

    ChannelReading(AdcChannel channel, int stuckLimit) {
        this.channel = channel;
        this.stuck = new StuckDetector(stuckLimit);
    }

    /** Converts once; returns the status. {@link #volts()} keeps the last value on a bus error. */
    SensorStatus read() {
        try {
            volts = channel.readVolts();
        } catch (BusException e) {
            return fail(SensorStatus.BUS_ERROR, e.getMessage());
        }
        if (channel.lastClippedLow()) {
            return fail(
                    SensorStatus.OUT_OF_RANGE,
                    channel.location() + ": IN+ at or below IN- (code 0 of a pair that cannot read below zero, "
                            + format(volts) + " V); an open or reversed input, or a signal that went negative");
        }
        if (channel.lastClipped()) {
            return fail(
                    SensorStatus.OUT_OF_RANGE,
                    channel.location() + ": ADC at full scale (code " + channel.lastCode()
                            + ", " + format(volts) + " V, range +-" + channel.fullScaleVolts()
                            + " V); check the divider and choose a larger full-scale range");
        }
        if (stuck.stuckAfter(channel.lastCode())) {
            return fail(
                    SensorStatus.STUCK,
                    channel.location() + ": code " + channel.lastCode() + " unchanged for "
                            + stuck.repeats() + " conversions (" + format(volts)
                            + " V); the front end or chip is frozen, "
                            + "check the chip's supply and the input wiring");
        }
        status = SensorStatus.OK;
        fault = "";
        return status;
    }

    private SensorStatus fail(SensorStatus s, String text) {
        status = s;
        fault = text;
        return s;
    }

    double volts() {
        return volts;
    }

    SensorStatus status() {
        return status;
    }

    String fault() {
        return fault;
    }

    AdcChannel channel() {
        return channel;
    }

    /** The last conversion was clipped at the bottom of a pair that cannot read below zero (it reads 0 V). */
    boolean clippedLow() {
        return status == SensorStatus.OUT_OF_RANGE && channel.lastClippedLow();
    }

    static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}
