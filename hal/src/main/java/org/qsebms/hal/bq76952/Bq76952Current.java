package org.qsebms.hal.bq76952;

import org.qsebms.hal.CurrentSensor;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.bus.BusException;

/**
 * Pack current from the BQ76952's CC2 (0x3A, signed, user amps of 10 mA as set by
 * {@link Bq76952ProtectionPlan#DA_CONFIGURATION}). The chip's sign is charge positive, the
 * project's convention ({@link org.qsebms.hal.CurrentSign}).
 */
final class Bq76952Current implements CurrentSensor {
    private final Bq76952 chip;
    private final double maxAbsAmps;
    private double last;
    private double beyondAmps = Double.NaN;
    private SensorStatus status = SensorStatus.OK;
    private String fault = "";

    Bq76952Current(Bq76952 chip, double maxAbsAmps) {
        this.chip = chip;
        this.maxAbsAmps = maxAbsAmps;
    }

    @Override
    public double readPackAmps() {
        beyondAmps = Double.NaN;
        try {
            int raw = chip.readDirectI2(Bq76952Commands.CC2_CURRENT);
            double amps = raw * Bq76952ProtectionPlan.USER_AMPS;
            // CC2 at either end of its 16 bits (+-327.67 A in 10 mA units) is a current that much or more
            if (Math.abs(amps) > maxAbsAmps || raw == Short.MAX_VALUE || raw == Short.MIN_VALUE) {
                beyondAmps = amps;
                status = SensorStatus.OUT_OF_RANGE;
                fault = chip.location() + " CC2 reads " + amps + " A, beyond +-" + maxAbsAmps
                        + " A; check the shunt value (CC Gain) in hal.bq76952.shuntOhms";
                return last;
            }
            last = amps;
            status = SensorStatus.OK;
            fault = "";
        } catch (BusException e) {
            status = SensorStatus.BUS_ERROR;
            fault = e.getMessage();
        }
        return last;
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
}
