package org.qsebms.bms.control;

import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.ProtectionLimits;
import org.qsebms.config.ThreeLevelLimit;

/**
 * Charge and discharge current limits published to the charger and load, derated before any
 * trip: full RSL current inside the operating window, capped at the RSL less its hysteresis (a load that draws
 * exactly the limit keeps the reading's noise off the RSL), tapering linearly to zero between the MOL
 * and RSL of cell voltage and temperature, and zero charge current below the charging
 * temperature RSL (lithium metal must not be charged cold). Operator caps can only lower them.
 */
public final class CurrentLimits {
    private final ProtectionLimits limits;
    private double chargeAmps;
    private double dischargeAmps;
    private double chargeCapAmps = Double.POSITIVE_INFINITY;
    private double dischargeCapAmps = Double.POSITIVE_INFINITY;

    public CurrentLimits(ProtectionLimits limits) {
        this.limits = limits;
    }

    public void update(PackMeasurement m, boolean tripped) {
        if (tripped || m.maxCellIndex < 0) {
            chargeAmps = 0;
            dischargeAmps = 0;
            return;
        }
        double charge = limits.chargeOverCurrent().rsl();
        charge *= taperUpper(m.maxCellVolts, limits.cellOverVoltage());
        if (m.maxTempIndex >= 0) {
            charge *= taperUpper(m.maxCelsius, limits.chargeOverTemperature());
            charge *= taperLower(m.minCelsius, limits.chargeUnderTemperature());
        }
        double discharge = limits.dischargeOverCurrent().rsl();
        discharge *= taperLower(m.minCellVolts, limits.cellUnderVoltage());
        if (m.maxTempIndex >= 0) {
            discharge *= taperUpper(m.maxCelsius, limits.dischargeOverTemperature());
            discharge *= taperLower(m.minCelsius, limits.dischargeUnderTemperature());
        }
        // never above the RSL less its hysteresis: a load that draws exactly the limit keeps the reading off the RSL
        charge = Math.min(charge, Math.max(0, limits.chargeOverCurrent().rslInsideByHysteresis()));
        discharge =
                Math.min(discharge, Math.max(0, limits.dischargeOverCurrent().rslInsideByHysteresis()));
        chargeAmps = Math.min(charge, chargeCapAmps);
        dischargeAmps = Math.min(discharge, dischargeCapAmps);
    }

    /**
     * Lowers the limits to what the cells can sustain (state of function from the estimators);
     * call after {@link #update}. Never raises them.
     */
    void limitTo(double chargeLimitAmps, double dischargeLimitAmps) {
        chargeAmps = Math.min(chargeAmps, Math.max(0, chargeLimitAmps));
        dischargeAmps = Math.min(dischargeAmps, Math.max(0, dischargeLimitAmps));
    }

    /** 1 below the MOL, 0 at the RSL, linear in between. */
    static double taperUpper(double value, ThreeLevelLimit l) {
        if (value <= l.mol()) {
            return 1.0;
        }
        if (value >= l.rsl() || l.rsl() <= l.mol()) {
            return 0.0;
        }
        return (l.rsl() - value) / (l.rsl() - l.mol());
    }

    static double taperLower(double value, ThreeLevelLimit l) {
        if (value >= l.mol()) {
            return 1.0;
        }
        if (value <= l.rsl() || l.rsl() >= l.mol()) {
            return 0.0;
        }
        return (value - l.rsl()) / (l.mol() - l.rsl());
    }

    /** Operator cap on the charge current; can only lower the computed limit. Negative or NaN removes it. */
    void capCharge(double amps) {
        chargeCapAmps = amps >= 0 ? amps : Double.POSITIVE_INFINITY;
    }

    void capDischarge(double amps) {
        dischargeCapAmps = amps >= 0 ? amps : Double.POSITIVE_INFINITY;
    }

    public double chargeAmps() {
        return chargeAmps;
    }

    public double dischargeAmps() {
        return dischargeAmps;
    }
}
