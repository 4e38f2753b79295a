package org.qsebms.hal.bq76952;

import org.qsebms.hal.PackVoltageSensor;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.bus.BusException;

/**
 * The stack (top of stack, 0x34) and PACK pin (0x36, the load side of the FETs: the DC link)
 * voltages of a BQ76952, in user volts of 10 mV.
 */
final class Bq76952StackVoltage implements PackVoltageSensor {
    private final Bq76952 chip;
    private double last = Double.NaN;
    private SensorStatus status = SensorStatus.OK;
    private String fault = "";

    Bq76952StackVoltage(Bq76952 chip) {
        this.chip = chip;
    }

    @Override
    public double readPackVolts() {
        try {
            last = chip.readDirectI2(Bq76952Commands.STACK_VOLTAGE) * Bq76952ProtectionPlan.USER_VOLTS;
            status = SensorStatus.OK;
            fault = "";
        } catch (BusException e) {
            status = SensorStatus.BUS_ERROR;
            fault = e.getMessage();
        }
        return last;
    }

    @Override
    public double readLinkVolts() {
        try {
            return chip.readDirectI2(Bq76952Commands.PACK_VOLTAGE) * Bq76952ProtectionPlan.USER_VOLTS;
        } catch (BusException e) {
            return Double.NaN;
        }
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
