package org.qsebms.estimators.health;

/**
 * Capacity windows between the voltage limits a full charge and a full discharge reach: the
 * cell's own 100 % (a CC-CV charge tapered at {@code chargeVolts}, or a relaxed rest at it) and
 * its own 0 % (a discharge that takes the cell to {@code cutoffVolts}). Such a window spans
 * exactly one capacity whatever the cell's age, so it does not depend on the fresh cell's OCV,
 * which an aged cell no longer follows (it reaches its limits at other SOCs of that curve).
 *
 * @param chargeVolts            the charge voltage the CC-CV charge holds; NaN turns limit windows off
 * @param cutoffVolts            the discharge cutoff of one cell; NaN turns limit windows off
 * @param fullToleranceVolts     a cell within this of {@code chargeVolts} is at the top
 * @param taperC                 the charge current (in C) below which a charge at the top has tapered
 * @param limitSocSigma          one-sigma doubt of each end's SOC (the cutoff's SOC moves with rate and temperature)
 * @param capacityDriftPerCycle  one-sigma relative change of the capacity per square root of an
 *                               equivalent full cycle (fade and regeneration): older windows count less
 */
public record LimitWindowSettings(
        double chargeVolts,
        double cutoffVolts,
        double fullToleranceVolts,
        double taperC,
        double limitSocSigma,
        double capacityDriftPerCycle) {

    /** Limit windows off: the capacity comes from relaxed rests read on the OCV only. */
    public static final LimitWindowSettings OFF = new LimitWindowSettings(Double.NaN, Double.NaN, 0.05, 0.1, 0.01, 0);

    public LimitWindowSettings {
        boolean on = !Double.isNaN(chargeVolts) || !Double.isNaN(cutoffVolts);
        if (on && !(chargeVolts > cutoffVolts && cutoffVolts > 0 && Double.isFinite(chargeVolts))) {
            throw new IllegalArgumentException("limit windows need 0 < cutoffVolts < chargeVolts, got cutoff "
                    + cutoffVolts + " V, charge " + chargeVolts
                    + " V (give both cell voltages in volts, e.g. 2.7 and 4.2, or neither)");
        }
        requireNonNegative("fullToleranceVolts", fullToleranceVolts);
        requireNonNegative("taperC", taperC);
        requireNonNegative("limitSocSigma", limitSocSigma);
        requireNonNegative("capacityDriftPerCycle", capacityDriftPerCycle);
    }

    /**
     * Limit windows at these voltages: a cell within 50 mV of the charge voltage with the charge
     * current below C/10 is full, each end's SOC is known to 1 %, and the capacity may drift by
     * {@code 5 % / sqrt(cycle)} (chosen on NASA B0005 only, see docs/estimation.md).
     */
    public static LimitWindowSettings at(double chargeVolts, double cutoffVolts) {
        return new LimitWindowSettings(chargeVolts, cutoffVolts, 0.05, 0.1, 0.01, 0.05);
    }

    public boolean enabled() {
        return !Double.isNaN(chargeVolts);
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }
}
