package org.qsebms.estimators.model;

/**
 * Lumped thermal model: {@code C dT/dt = P_heat - h (T - T_ambient)}.
 *
 * @param heatCapacityJPerK   cell heat capacity
 * @param coolingWattsPerK    heat transfer to ambient
 */
record ThermalParameters(double heatCapacityJPerK, double coolingWattsPerK) {

    /** Assumed heat capacity per cm² of one layer stack incl. share of packaging (J/(K cm²)). */
    static final double STACK_JOULES_PER_KELVIN_CM2 = 0.04;
    /** Assumed natural-convection coefficient on the two large faces (W/(m² K)). */
    static final double CONVECTION_WATTS_PER_M2_K = 10.0;

    public ThermalParameters {
        if (!(heatCapacityJPerK > 0) || !(coolingWattsPerK > 0)) {
            throw new IllegalArgumentException("thermal model needs positive heat capacity and cooling, got "
                    + heatCapacityJPerK + " J/K, " + coolingWattsPerK + " W/K");
        }
    }

    /** Estimates from geometry with the stated per-area assumptions. */
    public static ThermalParameters of(CellGeometry g) {
        return new ThermalParameters(
                STACK_JOULES_PER_KELVIN_CM2 * g.activeAreaCm2(),
                CONVECTION_WATTS_PER_M2_K * 2 * g.electrodeAreaCm2() * 1e-4);
    }

    /** Thermal time constant (s). */
    double timeConstantSeconds() {
        return heatCapacityJPerK / coolingWattsPerK;
    }
}
