package org.qsebms.estimators.health;

/**
 * Capacity windows between the voltage limits a full charge and a full discharge reach: the top
 * (a CC-CV charge tapered at {@code chargeVolts}, or a relaxed rest at it) and the bottom (a
 * discharge that takes the cell to {@code cutoffVolts}). The capacity is the preset's (model)
 * scale, SOC 0 to 1 of the model's OCV, so such a window's SOC change is not 1: it is the model
 * SOC at the top (the voltage held at the end of the taper, less the model's polarisation at the
 * taper current, through the OCV) minus the model SOC at the bottom (the cutoff voltage plus the
 * polarisation at the cutoff current, through the OCV), computed from the preset (see
 * {@code LimitSoc}). Both ends are read where the voltage is steep and the current small or known,
 * which rests between them are not.
 *
 * @param chargeVolts            the charge voltage the CC-CV charge holds; NaN turns limit windows off
 * @param cutoffVolts            the discharge cutoff of one cell; NaN turns limit windows off
 * @param fullToleranceVolts     a cell within this of {@code chargeVolts} is at the top
 * @param emptyToleranceVolts    a discharge that ends with a cell's last reading within this of {@code cutoffVolts}
 *                               took it to its bottom: a load or cycler stops on its own reading of the cutoff, which
 *                               the BMS's reading of the same moment sees only to its measurement error and lag, as
 *                               often above the cutoff as under it (docs/safety.md, fix23bh)
 * @param taperC                 the charge current (in C) below which a charge at the top has tapered
 * @param resistanceSigma        one-sigma relative doubt of the model's polarisation at a limit (the preset's
 *                               resistances against the cell's; with the OCV's doubt it sets each end's SOC doubt)
 * @param capacityDriftPerCycle  one-sigma relative change of the capacity per square root of an
 *                               equivalent full cycle (fade and regeneration): older windows count less
 */
public record LimitWindowSettings(
        double chargeVolts,
        double cutoffVolts,
        double fullToleranceVolts,
        double emptyToleranceVolts,
        double taperC,
        double resistanceSigma,
        double capacityDriftPerCycle) {

    /** Limit windows off: the capacity comes from relaxed rests read on the OCV only. */
    public static final LimitWindowSettings OFF =
            new LimitWindowSettings(Double.NaN, Double.NaN, 0.05, 0.05, 0.1, 0.25, 0);

    public LimitWindowSettings {
        boolean on = !Double.isNaN(chargeVolts) || !Double.isNaN(cutoffVolts);
        if (on && !(chargeVolts > cutoffVolts && cutoffVolts > 0 && Double.isFinite(chargeVolts))) {
            throw new IllegalArgumentException("limit windows need 0 < cutoffVolts < chargeVolts, got cutoff "
                    + cutoffVolts + " V, charge " + chargeVolts
                    + " V (give both cell voltages in volts, e.g. 2.7 and 4.2, or neither)");
        }
        requireNonNegative("fullToleranceVolts", fullToleranceVolts);
        requireNonNegative("emptyToleranceVolts", emptyToleranceVolts);
        requireNonNegative("taperC", taperC);
        requireNonNegative("resistanceSigma", resistanceSigma);
        requireNonNegative("capacityDriftPerCycle", capacityDriftPerCycle);
    }

    /**
     * Limit windows at these voltages: a cell within 50 mV of the charge voltage with the charge
     * current below C/10 is full, a discharge that ends with a cell within 50 mV of the cutoff took it
     * to its bottom (the top's tolerance, for the same reason: each end is read where the voltage is
     * steep, as the model SOC that voltage and current mean, not as the limit itself), the model's polarisation at a limit is doubted by 25 % (a stated
     * doubt, the one a restored R0 gets), and the capacity may drift by {@code 5 % / sqrt(cycle)}
     * (chosen on NASA B0005 only, see docs/estimation.md).
     */
    public static LimitWindowSettings at(double chargeVolts, double cutoffVolts) {
        return at(chargeVolts, cutoffVolts, 0.1);
    }

    /** As {@link #at(double, double)}, with the charge complete at {@code taperC} (C). */
    public static LimitWindowSettings at(double chargeVolts, double cutoffVolts, double taperC) {
        return new LimitWindowSettings(chargeVolts, cutoffVolts, 0.05, 0.05, taperC, 0.25, 0.05);
    }

    /** These settings with the top's and the bottom's tolerances replaced (volts, each at least 0). */
    public LimitWindowSettings withTolerances(double fullToleranceVolts, double emptyToleranceVolts) {
        return new LimitWindowSettings(
                chargeVolts,
                cutoffVolts,
                fullToleranceVolts,
                emptyToleranceVolts,
                taperC,
                resistanceSigma,
                capacityDriftPerCycle);
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
