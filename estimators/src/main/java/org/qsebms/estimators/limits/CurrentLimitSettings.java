package org.qsebms.estimators.limits;

import java.util.ArrayList;
import java.util.List;

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

    /** A builder with every value unset (NaN, which {@link Builder#build()} refuses). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some by name. */
    public Builder toBuilder() {
        return builder()
                .minCellVolts(minCellVolts)
                .maxCellVolts(maxCellVolts)
                .horizonSeconds(horizonSeconds)
                .maxChargeAmps(maxChargeAmps)
                .maxDischargeAmps(maxDischargeAmps)
                .chargeZeroCelsius(chargeZeroCelsius)
                .chargeFullCelsius(chargeFullCelsius)
                .hotFullCelsius(hotFullCelsius)
                .hotZeroCelsius(hotZeroCelsius);
    }

    /** Named setters for the settings (see the record's parameters for each one's meaning and unit). */
    public static final class Builder {
        private double minCellVolts = Double.NaN;
        private double maxCellVolts = Double.NaN;
        private double horizonSeconds = Double.NaN;
        private double maxChargeAmps = Double.NaN;
        private double maxDischargeAmps = Double.NaN;
        private double chargeZeroCelsius = Double.NaN;
        private double chargeFullCelsius = Double.NaN;
        private double hotFullCelsius = Double.NaN;
        private double hotZeroCelsius = Double.NaN;

        private Builder() {}

        public Builder minCellVolts(double v) {
            minCellVolts = v;
            return this;
        }

        public Builder maxCellVolts(double v) {
            maxCellVolts = v;
            return this;
        }

        public Builder horizonSeconds(double v) {
            horizonSeconds = v;
            return this;
        }

        public Builder maxChargeAmps(double v) {
            maxChargeAmps = v;
            return this;
        }

        public Builder maxDischargeAmps(double v) {
            maxDischargeAmps = v;
            return this;
        }

        public Builder chargeZeroCelsius(double v) {
            chargeZeroCelsius = v;
            return this;
        }

        public Builder chargeFullCelsius(double v) {
            chargeFullCelsius = v;
            return this;
        }

        public Builder hotFullCelsius(double v) {
            hotFullCelsius = v;
            return this;
        }

        public Builder hotZeroCelsius(double v) {
            hotZeroCelsius = v;
            return this;
        }

        /** @throws IllegalArgumentException naming a value that cannot work or was never set */
        public CurrentLimitSettings build() {
            List<String> unset = unset();
            if (!unset.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", unset) + " not set");
            }
            return new CurrentLimitSettings(
                    minCellVolts,
                    maxCellVolts,
                    horizonSeconds,
                    maxChargeAmps,
                    maxDischargeAmps,
                    chargeZeroCelsius,
                    chargeFullCelsius,
                    hotFullCelsius,
                    hotZeroCelsius);
        }

        private List<String> unset() {
            List<String> out = new ArrayList<>();
            if (Double.isNaN(minCellVolts)) {
                out.add("minCellVolts");
            }
            if (Double.isNaN(maxCellVolts)) {
                out.add("maxCellVolts");
            }
            if (Double.isNaN(horizonSeconds)) {
                out.add("horizonSeconds");
            }
            if (Double.isNaN(maxChargeAmps)) {
                out.add("maxChargeAmps");
            }
            if (Double.isNaN(maxDischargeAmps)) {
                out.add("maxDischargeAmps");
            }
            if (Double.isNaN(chargeZeroCelsius)) {
                out.add("chargeZeroCelsius");
            }
            if (Double.isNaN(chargeFullCelsius)) {
                out.add("chargeFullCelsius");
            }
            if (Double.isNaN(hotFullCelsius)) {
                out.add("hotFullCelsius");
            }
            if (Double.isNaN(hotZeroCelsius)) {
                out.add("hotZeroCelsius");
            }
            return out;
        }
    }
}
