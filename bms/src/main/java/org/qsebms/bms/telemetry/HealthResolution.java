package org.qsebms.bms.telemetry;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How finely the {@code health} topic publishes each figure: to what the measurements behind it
 * resolve, not the 16 digits of a double (docs/mqtt.md). Capacities come from coulomb counting
 * at milliamp resolution over hours (0.1 mAh); the SEI resistance from millivolt steps over amp
 * steps (1 uOhm); efficiencies and fractions are ratios of such charges (1e-5 and 1e-4);
 * temperatures from NTCs (0.1 °C); relaxed OCVs are averaged millivolt readings (0.1 mV); cycle counts are counts. A trend is a fitted slope: three
 * significant digits.
 */
record HealthResolution(
        double ampHours,
        double ohms,
        int trendSignificantDigits,
        double fraction,
        double efficiency,
        double cycles,
        double equivalentCycles,
        double cRate,
        double celsius,
        double volts) {
    /** A resolution by name; the caller sets every step. */
    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link HealthResolution} by name; each setter is the component of the same name. */
    static final class Builder {
        private double ampHours;
        private double ohms;
        private int trendSignificantDigits;
        private double fraction;
        private double efficiency;
        private double cycles;
        private double equivalentCycles;
        private double cRate;
        private double celsius;
        private double volts;

        private Builder() {}

        Builder ampHours(double ampHours) {
            this.ampHours = ampHours;
            return this;
        }

        Builder ohms(double ohms) {
            this.ohms = ohms;
            return this;
        }

        Builder trendSignificantDigits(int trendSignificantDigits) {
            this.trendSignificantDigits = trendSignificantDigits;
            return this;
        }

        Builder fraction(double fraction) {
            this.fraction = fraction;
            return this;
        }

        Builder efficiency(double efficiency) {
            this.efficiency = efficiency;
            return this;
        }

        Builder cycles(double cycles) {
            this.cycles = cycles;
            return this;
        }

        Builder equivalentCycles(double equivalentCycles) {
            this.equivalentCycles = equivalentCycles;
            return this;
        }

        Builder cRate(double cRate) {
            this.cRate = cRate;
            return this;
        }

        Builder celsius(double celsius) {
            this.celsius = celsius;
            return this;
        }

        Builder volts(double volts) {
            this.volts = volts;
            return this;
        }

        HealthResolution build() {
            return new HealthResolution(
                    ampHours,
                    ohms,
                    trendSignificantDigits,
                    fraction,
                    efficiency,
                    cycles,
                    equivalentCycles,
                    cRate,
                    celsius,
                    volts);
        }
    }

    static final HealthResolution DEFAULT = HealthResolution.builder()
            .ampHours(1e-4)
            .ohms(1e-6)
            .trendSignificantDigits(3)
            .fraction(1e-4)
            .efficiency(1e-5)
            .cycles(1)
            .equivalentCycles(0.01)
            .cRate(0.01)
            .celsius(0.1)
            .volts(1e-4)
            .build();

    /** {@code v} rounded to a multiple of {@code step} (a power of ten), as a plain decimal; null stays null. */
    static BigDecimal toStep(Double v, double step) {
        if (v == null || !Double.isFinite(v)) {
            return null;
        }
        int scale = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
        BigDecimal rounded =
                BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded;
    }

    /** {@code v} to {@code digits} significant digits; null stays null. */
    static BigDecimal significant(Double v, int digits) {
        if (v == null || !Double.isFinite(v)) {
            return null;
        }
        BigDecimal rounded = BigDecimal.valueOf(v)
                .round(new MathContext(digits, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded;
    }
}
