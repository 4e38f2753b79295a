package org.qsebms.hal.frontend;

import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.adc.AdcChannel;
import org.qsebms.hal.bus.BusException;

/**
 * One ADC channel read with its first-level checks: a bus error becomes
 * {@link SensorStatus#BUS_ERROR}, a full-scale code {@link SensorStatus#OUT_OF_RANGE}. Keeps the last good volts
 * so a failed read leaves the previous value in place. Fault text is built only on a fault.
 *
 * <p>A code repeated conversion after conversion is no fault here: a converter whose noise is under one code (a
 * 10-bit MCP3008 on a steady NTC, an ADS1115 at its low data rates) repeats its code for minutes on a healthy pack
 * at rest (issue 23, fix23bo). A frozen reading is judged by the protection, which knows whether it should have
 * moved (while current flows, against the other channels, by a front end's stated repeat chance).
 */
final class ChannelReading {
    private final AdcChannel channel;
    private double volts;
    private SensorStatus status = SensorStatus.OK;
    private String fault = "";

    ChannelReading(AdcChannel channel) {
        this.channel = channel;
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
