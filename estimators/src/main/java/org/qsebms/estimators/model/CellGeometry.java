package org.qsebms.estimators.model;

/**
 * Geometry that scales the model's area-specific quantities to one cell.
 *
 * @param electrodeAreaCm2            area of one electrode face (one layer)
 * @param layers                      number of cathode/anode layer pairs in parallel
 * @param cathodeLoadingMgPerCm2      active cathode mass per area
 * @param lithiumFoilUm               lithium foil thickness per layer
 * @param electrolyteThicknessUm      electrolyte (QSE film / separator) thickness
 */
public record CellGeometry(
        double electrodeAreaCm2,
        int layers,
        double cathodeLoadingMgPerCm2,
        double lithiumFoilUm,
        double electrolyteThicknessUm) {

    /**
     * Assumed electrode area of the paper's lab cells: the paper does not state it; a 2.0 cm²
     * coin-cell electrode is assumed wherever whole-cell ohms are turned into ohm cm².
     */
    public static final double LAB_CELL_AREA_CM2 = 2.0;
    /** Assumed electrolyte film thickness of the lab cells (not given in the paper). */
    public static final double LAB_ELECTROLYTE_UM = 100.0;
    /** Lithium metal density (g/cm³), a physical constant. */
    static final double LITHIUM_G_PER_CM3 = 0.534;
    /** Lithium theoretical specific capacity (mAh/g), a physical constant. */
    static final double LITHIUM_MAH_PER_G = 3860.0;

    public CellGeometry {
        if (!(electrodeAreaCm2 > 0)
                || layers < 1
                || !(cathodeLoadingMgPerCm2 > 0)
                || !(lithiumFoilUm > 0)
                || !(electrolyteThicknessUm > 0)) {
            throw new IllegalArgumentException("cell geometry needs positive area, layers, loading, foil and"
                    + " electrolyte thickness, got " + electrodeAreaCm2 + " cm², " + layers + " layers, "
                    + cathodeLoadingMgPerCm2 + " mg/cm², " + lithiumFoilUm + " um Li, " + electrolyteThicknessUm
                    + " um electrolyte");
        }
    }

    /** A lab cell of the paper: one layer of the assumed 2.0 cm² electrode. */
    public static CellGeometry labCell(double cathodeLoadingMgPerCm2, double lithiumFoilUm) {
        return new CellGeometry(LAB_CELL_AREA_CM2, 1, cathodeLoadingMgPerCm2, lithiumFoilUm, LAB_ELECTROLYTE_UM);
    }

    /** Total active area of all layers (cm²). */
    public double activeAreaCm2() {
        return electrodeAreaCm2 * layers;
    }

    /** Areal capacity of the lithium foil (mAh/cm²). */
    public double lithiumMilliAmpHoursPerCm2() {
        return lithiumFoilUm * 1e-4 * LITHIUM_G_PER_CM3 * LITHIUM_MAH_PER_G;
    }

    /** Areal cathode capacity at {@code milliAmpHoursPerGram} (mAh/cm²). */
    double cathodeMilliAmpHoursPerCm2(double milliAmpHoursPerGram) {
        return cathodeLoadingMgPerCm2 * 1e-3 * milliAmpHoursPerGram;
    }

    /** Negative-to-positive capacity ratio N/P. */
    public double negativeToPositiveRatio(double cathodeMilliAmpHoursPerGram) {
        return lithiumMilliAmpHoursPerCm2() / cathodeMilliAmpHoursPerCm2(cathodeMilliAmpHoursPerGram);
    }
}
