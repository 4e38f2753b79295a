package org.qsebms.bms.control;

import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.hal.BalancingSwitches;

/**
 * Passive balancing by voltage: bleeds cells more than a threshold above the lowest cell, only
 * while charging or at rest, only within temperature limits, with a duty cap so the resistors'
 * heat stays bounded (on for {@code dutyOnTicks} of every {@code dutyPeriodTicks}).
 */
public final class PassiveBalancer {
    private final double thresholdVolts;
    private final double maxCelsius;
    private final int dutyPeriodTicks;
    private final int dutyOnTicks;
    private final double minCellVolts;
    private boolean enabled = true;
    private int tick;

    public PassiveBalancer(double thresholdVolts, double maxCelsius, double minCellVolts, int dutyPeriodTicks, int dutyOnTicks) {
        this.thresholdVolts = thresholdVolts;
        this.maxCelsius = maxCelsius;
        this.minCellVolts = minCellVolts;
        this.dutyPeriodTicks = dutyPeriodTicks;
        this.dutyOnTicks = dutyOnTicks;
    }

    public void decide(PackMeasurement m, boolean allowed, BalancingSwitches out) {
        tick = (tick + 1) % dutyPeriodTicks;
        boolean discharging = m.packAmps < -0.05;
        boolean ok = enabled && allowed && !discharging && m.maxCellIndex >= 0 && m.maxTempIndex >= 0
                && m.maxCelsius < maxCelsius && m.minCellVolts > minCellVolts && tick < dutyOnTicks;
        for (int i = 0; i < out.cellCount(); i++) {
            boolean on = ok && m.cellStatus[i].isOk() && m.cellVolts[i] - m.minCellVolts > thresholdVolts;
            if (out.isOn(i) != on) {
                out.set(i, on);
            }
        }
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }
}
