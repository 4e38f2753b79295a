package org.qsebms.config;

/**
 * What a full charge and a full discharge are for this pack (the {@code health.usableCapacity:}
 * section): the usable capacity is measured from a charge held at {@code chargeVolts} until its
 * current tapers to {@code taperC}, to the discharge that takes the lowest cell to
 * {@code cutoffVolts}. Set them to your charger's and your cycler's (or load's) values; the three
 * tolerances say how far the BMS's reading of a cell may sit from those voltages at the moment the
 * charger or the load acts on its own reading (their measurement errors and the lag between them).
 *
 * @param chargeVolts          the constant-voltage charge voltage per cell (default: the over-voltage MOL)
 * @param cutoffVolts          the cell voltage where discharges end (default: the under-voltage MOL)
 * @param taperC               the charge current, in C, at or below which the constant-voltage charge is complete
 *                             (default 0.1; above the C/50 that counts as rest)
 * @param fullToleranceVolts   a cell within this of {@code chargeVolts} with the charge tapered is at the top (default
 *                             0.05 V): the usable-capacity meter's full mark and the capacity limit windows' top
 * @param cutoffToleranceVolts a discharge that stops with its lowest cell within this of {@code cutoffVolts} ended at
 *                             the cutoff for the usable-capacity meter (default 0.02 V: the meter counts the charge
 *                             between its marks, so a stop above the cutoff reads its capacity low by the charge left)
 * @param emptyToleranceVolts  a discharge that ends with a cell's last reading within this of {@code cutoffVolts} took
 *                             it to its bottom for the capacity limit windows (default 0.05 V: a window reads the model
 *                             SOC at the voltage reached, so a stop above the cutoff costs it no bias, only the knee's
 *                             steepness)
 */
public record UsableCapacityConfig(
        double chargeVolts,
        double cutoffVolts,
        double taperC,
        double fullToleranceVolts,
        double cutoffToleranceVolts,
        double emptyToleranceVolts) {
    static final double DEFAULT_TAPER_C = 0.1;
    static final double DEFAULT_FULL_TOLERANCE_VOLTS = 0.05;
    static final double DEFAULT_CUTOFF_TOLERANCE_VOLTS = 0.02;
    static final double DEFAULT_EMPTY_TOLERANCE_VOLTS = 0.05;

    /** Full discharges between the limits' operating limits (MOLs), the charge complete at C/10. */
    public static UsableCapacityConfig of(ProtectionLimits limits) {
        return new UsableCapacityConfig(
                limits.cellOverVoltage().mol(),
                limits.cellUnderVoltage().mol(),
                DEFAULT_TAPER_C,
                DEFAULT_FULL_TOLERANCE_VOLTS,
                DEFAULT_CUTOFF_TOLERANCE_VOLTS,
                DEFAULT_EMPTY_TOLERANCE_VOLTS);
    }

    /** These voltages and taper with the default tolerances. */
    public static UsableCapacityConfig of(double chargeVolts, double cutoffVolts, double taperC) {
        return new UsableCapacityConfig(
                chargeVolts,
                cutoffVolts,
                taperC,
                DEFAULT_FULL_TOLERANCE_VOLTS,
                DEFAULT_CUTOFF_TOLERANCE_VOLTS,
                DEFAULT_EMPTY_TOLERANCE_VOLTS);
    }
}
