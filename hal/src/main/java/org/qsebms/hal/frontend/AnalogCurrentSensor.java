package org.qsebms.hal.frontend;

import org.qsebms.hal.CurrentSensor;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.adc.AdcChannel;

/**
 * Pack current from a shunt amplifier or Hall sensor on one ADC channel.
 * {@code amps = sign * calibration((volts - zero) / voltsPerAmp)}, with {@code sign = -1} when
 * the sensor is mounted so that charging current gives a negative output (see
 * {@link org.qsebms.hal.CurrentSign}). The zero can be captured at rest
 * ({@link #captureZeroOffset()}); a capture that implies more than {@code maxZeroShiftAmps} is
 * refused as a fault, because the pack was not at rest or the sensor is broken.
 *
 * <p>Faults: bus error, the ADC at a rail (its full scale, or the bottom of an input whose zero
 * sits above it) or a value beyond {@code maxAbsAmps} (out of range, with the least current that reads so in
 * {@link #lastBeyondRangeAmps()}), output below {@code openWireBelowVolts} (an unpowered or disconnected
 * sensor whose output sits at 0 V instead of its mid-rail zero; 0 disables the check, as it
 * must for a differential measurement whose zero is 0 V).
 */
public final class AnalogCurrentSensor implements CurrentSensor {
    private static final int ZERO_SAMPLES = 8;

    private final ChannelReading reading;
    private final CurrentTransducer transducer;
    private final Calibration calibration;
    private final double sign;
    private final double maxAbsAmps;
    private final double openWireBelowVolts;
    private final double maxZeroShiftAmps;
    private double zeroVolts;
    private double lastAmps;
    private double beyondAmps = Double.NaN;
    private SensorStatus status = SensorStatus.OK;
    private String fault = "";

    public AnalogCurrentSensor(
            AdcChannel channel,
            CurrentTransducer transducer,
            Calibration calibration,
            boolean invert,
            double maxAbsAmps,
            double openWireBelowVolts) {
        this.reading = new ChannelReading(channel);
        this.transducer = transducer;
        this.calibration = calibration;
        this.sign = invert ? -1.0 : 1.0;
        this.maxAbsAmps = maxAbsAmps;
        this.openWireBelowVolts = openWireBelowVolts;
        this.maxZeroShiftAmps = 0.05 * maxAbsAmps;
        this.zeroVolts = transducer.zeroVolts();
    }

    @Override
    public double readPackAmps() {
        beyondAmps = Double.NaN;
        SensorStatus s = reading.read();
        boolean clipped = s == SensorStatus.OUT_OF_RANGE; // the ADC at a rail (ChannelReading's only such status)
        if (!s.isOk() && !clipped) {
            status = s;
            fault = reading.fault();
            return lastAmps;
        }
        double v = reading.volts();
        if (openWireBelowVolts > 0 && v < openWireBelowVolts) {
            // an output in the open-wire band is also what a current beyond the band's edge gives (a sensor driven
            // to its rail by a short): at least that current, until the pack shows it cannot flow (issue 23,
            // check23p: a 200 A short read as an open wire and opened 300 ms late)
            beyondAmps = sign * calibration.apply((openWireBelowVolts - zeroVolts) / transducer.voltsPerAmp());
            return fail(
                    SensorStatus.OPEN_WIRE,
                    reading.channel().location() + ": current sensor output "
                            + ChannelReading.format(v) + " V is below " + openWireBelowVolts + " V (zero is "
                            + ChannelReading.format(zeroVolts)
                            + " V); the sensor is unpowered or its output wire is open, or a current beyond "
                            + ChannelReading.format(beyondAmps) + " A drives it to its rail");
        }
        double amps = sign * calibration.apply((v - zeroVolts) / transducer.voltsPerAmp());
        // a single-ended input whose zero sits above ground is at its bottom rail at code 0: the current may be
        // anywhere beyond, and reading it as a value would hide the largest discharges (issue 23, check23o)
        if (clipped || reading.channel().lastAtBottom() && v < zeroVolts) {
            beyondAmps = amps;
            return fail(
                    SensorStatus.OUT_OF_RANGE,
                    reading.channel().location() + ": the ADC is at the end of its range (code "
                            + reading.channel().lastCode() + ", " + ChannelReading.format(v) + " V), so the current is "
                            + ChannelReading.format(amps) + " A or more that way, beyond what the " + transducer.kind()
                            + " can be read to; if no such current flows, its output is stuck at a rail: check the"
                            + " sensor's supply and output wire");
        }
        if (Math.abs(amps) > maxAbsAmps) {
            beyondAmps = amps;
            return fail(
                    SensorStatus.OUT_OF_RANGE,
                    reading.channel().location() + ": " + ChannelReading.format(amps)
                            + " A is outside -" + maxAbsAmps + ".." + maxAbsAmps + " A of the " + transducer.kind()
                            + "; check the shunt/amplifier values in hal.pi4j.current");
        }
        lastAmps = amps;
        status = SensorStatus.OK;
        fault = "";
        return amps;
    }

    private double fail(SensorStatus s, String text) {
        status = s;
        fault = text;
        return lastAmps;
    }

    @Override
    public double lastBeyondRangeAmps() {
        return beyondAmps;
    }

    @Override
    public SensorStatus lastStatus() {
        return status;
    }

    @Override
    public String lastFaultDescription() {
        return fault;
    }

    /** The zero-current output in volts now in use. */
    public double zeroVolts() {
        return zeroVolts;
    }

    @Override
    public void captureZeroOffset() {
        double sum = 0;
        for (int i = 0; i < ZERO_SAMPLES; i++) {
            if (!reading.read().isOk()) {
                fail(reading.status(), "zero-offset capture aborted: " + reading.fault());
                return;
            }
            sum += reading.volts();
        }
        double captured = sum / ZERO_SAMPLES;
        double impliedAmps = (captured - transducer.zeroVolts()) / transducer.voltsPerAmp();
        if (Math.abs(impliedAmps) > maxZeroShiftAmps) {
            fail(
                    SensorStatus.OUT_OF_RANGE,
                    reading.channel().location() + ": zero-offset capture refused: "
                            + ChannelReading.format(captured) + " V means " + ChannelReading.format(impliedAmps)
                            + " A against the nominal zero " + transducer.zeroVolts() + " V (allowed +-"
                            + maxZeroShiftAmps
                            + " A); capture only with contactors open and no load");
            return;
        }
        zeroVolts = captured;
    }
}
