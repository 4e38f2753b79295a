package org.qsebms.config;

/**
 * Settings of the health estimators (the {@code health:} section).
 *
 * @param endOfLifeResistanceMultiple end of life when the cell's R0 (at 25 °C) reaches this multiple of its
 *                                    fitted initial value; remaining useful life counts down to it
 * @param npRatio                     lithium to cathode capacity ratio of the cells (from the preset unless set;
 *                                    NaN: unknown, lithium inventory is not estimated)
 * @param bulkOhms                    bulk electrolyte share of R0 (from the preset unless set)
 * @param usableCapacity              when a discharge counts as a full one, for the usable-capacity measurement
 * @param diagnostics                 scheduled diagnostics ({@link DiagnosticsConfig#OFF} unless configured)
 * @param capacityLimitWindows        whether the health tracker also learns each cell's capacity from windows between
 *                                    the {@code usableCapacity} charge and cutoff voltages (default false: on an
 *                                    aged pack they led to a false soft-short trip, docs/estimation.md)
 */
public record HealthConfig(
        double endOfLifeResistanceMultiple,
        double npRatio,
        double bulkOhms,
        UsableCapacityConfig usableCapacity,
        DiagnosticsConfig diagnostics,
        boolean capacityLimitWindows) {
    static final double DEFAULT_END_OF_LIFE_RESISTANCE_MULTIPLE = 2.0;

    /** With capacity limit windows off (the default). */
    HealthConfig(
            double endOfLifeResistanceMultiple,
            double npRatio,
            double bulkOhms,
            UsableCapacityConfig usableCapacity,
            DiagnosticsConfig diagnostics) {
        this(endOfLifeResistanceMultiple, npRatio, bulkOhms, usableCapacity, diagnostics, false);
    }

    /** Without scheduled diagnostics, with capacity limit windows off. */
    HealthConfig(
            double endOfLifeResistanceMultiple, double npRatio, double bulkOhms, UsableCapacityConfig usableCapacity) {
        this(endOfLifeResistanceMultiple, npRatio, bulkOhms, usableCapacity, DiagnosticsConfig.OFF);
    }

    /** The preset's values, the default end-of-life multiple and full discharges between the limits' MOLs. */
    public static HealthConfig of(ChemistryPreset preset, ProtectionLimits limits) {
        return new HealthConfig(
                DEFAULT_END_OF_LIFE_RESISTANCE_MULTIPLE,
                preset.life().npRatio(),
                preset.life().bulkOhms(),
                UsableCapacityConfig.of(limits));
    }
}
