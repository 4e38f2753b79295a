package org.qsebms.config;

/**
 * What a full charge and a full discharge are for this pack (the {@code health.usableCapacity:}
 * section): the usable capacity is measured from a charge held at {@code chargeVolts} until its
 * current tapers to {@code taperC}, to the discharge that takes the lowest cell to
 * {@code cutoffVolts}. Set them to your charger's and your cycler's (or load's) values.
 *
 * @param chargeVolts  the constant-voltage charge voltage per cell (default: the over-voltage MOL)
 * @param cutoffVolts  the cell voltage where discharges end (default: the under-voltage MOL)
 * @param taperC       the charge current, in C, at or below which the constant-voltage charge is complete (default 0.1;
 *                     above the C/50 that counts as rest)
 */
public record UsableCapacityConfig(double chargeVolts, double cutoffVolts, double taperC) {
    static final double DEFAULT_TAPER_C = 0.1;

    /** Full discharges between the limits' operating limits (MOLs), the charge complete at C/10. */
    public static UsableCapacityConfig of(ProtectionLimits limits) {
        return new UsableCapacityConfig(
                limits.cellOverVoltage().mol(), limits.cellUnderVoltage().mol(), DEFAULT_TAPER_C);
    }
}
