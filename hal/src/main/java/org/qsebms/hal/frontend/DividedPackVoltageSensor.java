package org.qsebms.hal.frontend;

import org.qsebms.hal.PackVoltageSensor;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.adc.AdcChannel;

/** Stack voltage through its own divider, independent of the cell taps, for the sum-of-cells cross-check. */
public final class DividedPackVoltageSensor implements PackVoltageSensor {
    private final ChannelReading reading;
    private final double dividerRatio;
    private final Calibration calibration;
    private final double maxVolts;
    private double lastVolts;
    private SensorStatus status = SensorStatus.OK;
    private String fault = "";

    public DividedPackVoltageSensor(AdcChannel channel, double dividerRatio, Calibration calibration, double maxVolts) {
        this.reading = new ChannelReading(channel);
        this.dividerRatio = dividerRatio;
        this.calibration = calibration;
        this.maxVolts = maxVolts;
    }

    @Override
    public double readPackVolts() {
        SensorStatus s = reading.read();
        if (!s.isOk()) {
            status = s;
            fault = reading.fault();
            return lastVolts;
        }
        double v = calibration.apply(reading.volts() * dividerRatio);
        if (v < 0 || v > maxVolts) {
            status = SensorStatus.OUT_OF_RANGE;
            fault = reading.channel().location() + ": pack " + ChannelReading.format(v) + " V is outside 0.." + maxVolts
                    + " V; check the divider ratio in hal.pi4j.packVoltage";
            return lastVolts;
        }
        lastVolts = v;
        status = SensorStatus.OK;
        fault = "";
        return v;
    }

    @Override
    public SensorStatus lastStatus() {
        return status;
    }

    @Override
    public String lastFaultDescription() {
        return fault;
    }
}
