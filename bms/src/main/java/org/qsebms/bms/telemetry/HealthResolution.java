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
    static final HealthResolution DEFAULT = new HealthResolution(1e-4, 1e-6, 3, 1e-4, 1e-5, 1, 0.01, 0.01, 0.1, 1e-4);

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
