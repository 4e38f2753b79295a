package org.qsebms.config;

/**
 * Passive balancing (the {@code balancing:} section): when the loop may bleed a cell through its balancing
 * resistor. The balancer bleeds the cells more than {@code thresholdVolts} above the lowest, never while the
 * pack discharges, never while the lowest cell is at or below {@code minCellVolts} or the hottest at or above
 * {@code maxCelsius}, and at most {@code duty} of each 10 s period.
 *
 * @param enabled        whether the balancer runs from start (the MQTT {@code balancing} command turns it off
 *                       and on again while the BMS runs)
 * @param mode           what "above the lowest" is measured in: {@code voltage} (terminal voltage) or {@code soc}
 *                       (the SOC filter's estimate, {@code thresholdSoc})
 * @param thresholdVolts bleed a cell this far above the lowest cell's voltage (V), voltage mode
 * @param thresholdSoc   bleed a cell this far above the lowest cell's estimated SOC (fraction), SOC mode
 * @param minCellVolts   no balancing while the lowest cell reads at or below this (V): a pack near empty is
 *                       not bled further (Libre Solar's {@code bal_cell_voltage_min}, TI's "CB Min Cell V")
 * @param maxCelsius     no balancing while the hottest cell reads at or above this (°C)
 * @param duty           the fraction of each 10 s period the resistors may be on, so their heat stays bounded
 */
public record BalancingConfig(
        boolean enabled,
        Mode mode,
        double thresholdVolts,
        double thresholdSoc,
        double minCellVolts,
        double maxCelsius,
        double duty) {
    /** What "above the lowest cell" is measured in. */
    public enum Mode {
        VOLTAGE,
        SOC
    }

    /** 10 mV: above the cell channels' noise, below any imbalance worth a user's notice. */
    public static final double DEFAULT_THRESHOLD_VOLTS = 0.010;
    /** 2 % SOC in SOC mode. */
    public static final double DEFAULT_THRESHOLD_SOC = 0.02;
    /** The resistors on for 80 % of each period. */
    public static final double DEFAULT_DUTY = 0.8;

    public BalancingConfig {
        if (mode == null) {
            throw new IllegalArgumentException("balancing mode must be given");
        }
        if (!(thresholdVolts > 0) || !(thresholdSoc > 0) || !(duty > 0 && duty <= 1)) {
            throw new IllegalArgumentException("balancing threshold " + thresholdVolts + " V / " + thresholdSoc
                    + " SOC and duty " + duty + " must be positive, the duty at most 1");
        }
        if (!Double.isFinite(minCellVolts) || !Double.isFinite(maxCelsius)) {
            throw new IllegalArgumentException(
                    "balancing floor " + minCellVolts + " V and ceiling " + maxCelsius + " °C must be finite");
        }
    }

    /**
     * Without a {@code balancing:} section: on, voltage mode, 10 mV, no bleed at or below the under-voltage MOL
     * nor at or above the charge over-temperature MOL, 80 % duty.
     */
    public static BalancingConfig of(ProtectionLimits limits) {
        return new BalancingConfig(
                true,
                Mode.VOLTAGE,
                DEFAULT_THRESHOLD_VOLTS,
                DEFAULT_THRESHOLD_SOC,
                limits.cellUnderVoltage().mol(),
                limits.chargeOverTemperature().mol(),
                DEFAULT_DUTY);
    }
}
