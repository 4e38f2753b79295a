package org.qsebms.hal.bq76952;

/**
 * The software's maximum safety limits (MSL) the chip's protections must sit beyond, in SI
 * units: the chip is the last line, so each hardware threshold is this limit plus a margin.
 * Currents are magnitudes (A), temperatures degC.
 */
public record Bq76952Limits(
        double cellOverVolts,
        double cellUnderVolts,
        double chargeAmps,
        double dischargeAmps,
        double chargeMaxCelsius,
        double chargeMinCelsius,
        double dischargeMaxCelsius,
        double dischargeMinCelsius) {}
