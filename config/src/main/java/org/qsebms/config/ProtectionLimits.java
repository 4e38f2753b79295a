package org.qsebms.config;

/**
 * Every limit the protection evaluates. Currents are in amperes (already scaled by capacity),
 * temperatures in °C, voltages in volts.
 */
public record ProtectionLimits(
        ThreeLevelLimit cellOverVoltage,
        ThreeLevelLimit cellUnderVoltage,
        ThreeLevelLimit chargeOverCurrent,
        ThreeLevelLimit dischargeOverCurrent,
        ThreeLevelLimit chargeOverTemperature,
        ThreeLevelLimit chargeUnderTemperature,
        ThreeLevelLimit dischargeOverTemperature,
        ThreeLevelLimit dischargeUnderTemperature,
        double anodicLimitVolts) {}
