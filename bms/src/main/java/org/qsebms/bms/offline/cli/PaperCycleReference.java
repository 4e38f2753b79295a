package org.qsebms.bms.offline.cli;

import org.qsebms.estimators.calibration.CalibratedModel;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.model.Electrolyte;

/**
 * The seed paper's figures a cycle report draws beside a record, for PSOA (the QSE) and the
 * liquid electrolyte, all read from the bundled paper data: cycle life of the Li||NCM811 cells
 * (8.6 mg/cm², 1.5 mA/cm², 1 C), the Li||LFP polarization after a few cycles (0.5 C), the SEI
 * (charge-transfer) resistance before and after 100 cycles, and the coulombic efficiency the
 * lithium-loss law fitted to those cycle lives implies for that cell (1.5 mAh/cm² cycled).
 */
record PaperCycleReference(ElectrolyteFigures psoa, ElectrolyteFigures le, CalibratedModel model) {
    /**
     * One electrolyte's figures from the paper.
     *
     * @param lifeCycles          cycle life of the Li||NCM811 cell
     * @param polarizationVolts   Li||LFP polarization after a few cycles
     * @param seiBeforeOhms       SEI (charge-transfer) resistance before the 100 cycles
     * @param seiAfterOhms        and after them
     * @param coulombicEfficiency the coulombic efficiency the fitted lithium-loss law implies
     */
    record ElectrolyteFigures(
            double lifeCycles,
            double polarizationVolts,
            double seiBeforeOhms,
            double seiAfterOhms,
            double coulombicEfficiency) {}

    /** Cycles between the paper's two SEI measurements. */
    static final double SEI_CYCLES = 100;

    private static final double PAPER_MILLIAMPS_PER_CM2 = 1.5;
    private static final double PAPER_CYCLED_MAH_PER_CM2 = 1.5;

    static PaperCycleReference bundled() {
        PaperData d = PaperData.bundled();
        CalibratedModel model = PaperCalibration.calibrate(d);
        return new PaperCycleReference(
                new ElectrolyteFigures(
                        d.number("cycle_life.li_ncm811_8p6mg_1p5mA_cm2_1c.psoa"),
                        d.number("li_lfp_polarization_mV_0p5c_10p6mg.psoa") / 1000,
                        d.number("interfacial_resistance_ohm.cycling_100_cycles.psoa_before"),
                        d.number("interfacial_resistance_ohm.cycling_100_cycles.psoa_after"),
                        impliedCe(model, Electrolyte.PSOA)),
                new ElectrolyteFigures(
                        d.number("cycle_life.li_ncm811_8p6mg_1p5mA_cm2_1c.le"),
                        d.number("li_lfp_polarization_mV_0p5c_10p6mg.le") / 1000,
                        d.number("interfacial_resistance_ohm.cycling_100_cycles.le_before"),
                        d.number("interfacial_resistance_ohm.cycling_100_cycles.le_after"),
                        impliedCe(model, Electrolyte.LE)),
                model);
    }

    private static double impliedCe(CalibratedModel model, Electrolyte e) {
        return model.laws(e).lithiumLoss().coulombicEfficiency(PAPER_MILLIAMPS_PER_CM2, PAPER_CYCLED_MAH_PER_CM2);
    }

    /**
     * The SEI resistance of electrolyte {@code e} relative to its start after {@code cycles}, by the law fitted to
     * the paper.
     */
    double seiFactor(Electrolyte e, double cycles) {
        return model.laws(e).sei().cycleFactor(cycles);
    }
}
