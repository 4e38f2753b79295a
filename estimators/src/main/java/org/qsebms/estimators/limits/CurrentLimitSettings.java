package org.qsebms.estimators.limits;

/**
 * Settings of the state-of-function (current limit) estimate.
 *
 * @param minCellVolts          terminal voltage the discharge current must not push a cell below
 * @param maxCellVolts          terminal voltage the charge current must not push a cell above
 * @param horizonSeconds        the current must be sustainable for this long
 * @param maxChargeAmps         rated charge current (upper bound of the limit)
 * @param maxDischargeAmps      rated discharge current (upper bound, positive number)
 * @param chargeZeroCelsius     no charging at or below this temperature (lithium plating / dendrites)
 * @param chargeFullCelsius     full charge current from this temperature up (linear in between)
 * @param hotFullCelsius        both limits start to fall above this temperature
 * @param hotZeroCelsius        both limits are zero at or above this temperature
 */
public record CurrentLimitSettings(
        double minCellVolts,
        double maxCellVolts,
        double horizonSeconds,
        double maxChargeAmps,
        double maxDischargeAmps,
        double chargeZeroCelsius,
        double chargeFullCelsius,
        double hotFullCelsius,
        double hotZeroCelsius) {

    public CurrentLimitSettings {
        if (!(minCellVolts < maxCellVolts)) {
            throw new IllegalArgumentException(
                    "minCellVolts " + minCellVolts + " V must be below maxCellVolts " + maxCellVolts + " V");
        }
        if (!(horizonSeconds > 0) || !(maxChargeAmps >= 0) || !(maxDischargeAmps >= 0)) {
            throw new IllegalArgumentException("horizon must be > 0 s and rated currents >= 0 A");
        }
        if (!(chargeZeroCelsius < chargeFullCelsius
                && chargeFullCelsius <= hotFullCelsius
                && hotFullCelsius < hotZeroCelsius)) {
            throw new IllegalArgumentException(
                    "temperatures must satisfy chargeZero < chargeFull <= hotFull < hotZero, got " + chargeZeroCelsius
                            + ", " + chargeFullCelsius + ", " + hotFullCelsius + ", " + hotZeroCelsius);
        }
    }
}
