package org.qsebms.bms.runtime;

import java.util.Locale;
import org.qsebms.bms.sim.CyclingProfile;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.estimators.calibration.CalibratedModel;
import org.qsebms.estimators.calibration.CalibratedPreset;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.CellGeometry;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.QseCellParameters;

/**
 * Builds the simulated pack and its hardware ports for a configuration. For the shipped QSE chemistries
 * the "true" cells run on the full QSE cell model calibrated from the seed paper (reference pouch
 * geometry, electrode area scaled to the configured capacity, cell-to-cell spread); the
 * controller's estimators see only the preset's equivalent circuit, so estimation is never circular.
 * A preset characterised from a measured cell's tests (it records the pulse tests' temperatures) is
 * simulated on its own circuit, as is any other chemistry: it describes that cell, not the paper's.
 */
public final class SimulatedPackSetup {
    private SimulatedPackSetup() {}

    public static SimulatedHardware create(
            BmsConfig cfg, double initialSoc, double ambientCelsius, PackLoad load, long seed) {
        return new SimulatedHardware(createPack(cfg, initialSoc, ambientCelsius, load, seed), seed + 1);
    }

    /** The pack alone (for plants that put their own ports in front of it). */
    public static SimulatedPack createPack(
            BmsConfig cfg, double initialSoc, double ambientCelsius, PackLoad load, long seed) {
        QseCellParameters qse = qseCell(cfg);
        if (qse != null) {
            return SimulatedPack.ofQseCells(qse, cfg.pack().seriesCells(), initialSoc, ambientCelsius, load, seed);
        }
        EcmParameters nominal = cfg.chemistry().cell();
        double capFactor = cfg.pack().capacityAh() / nominal.capacityAh();
        return new SimulatedPack(
                nominal.scaled(capFactor, 1.0 / capFactor),
                cfg.pack().seriesCells(),
                initialSoc,
                ambientCelsius,
                load,
                seed);
    }

    /** The default: 50 % SOC, 25 °C, the repeating cycling profile. */
    public static SimulatedHardware createDefault(BmsConfig cfg) {
        return create(cfg, 0.5, 25.0, CyclingProfile.defaultFor(cfg.pack().capacityAh()), 42);
    }

    /** The QSE model of the configured chemistry at the configured capacity, or null for a chemistry it does not know. */
    static QseCellParameters qseCell(BmsConfig cfg) {
        return qseCell(cfg.chemistry(), cfg.pack().capacityAh());
    }

    /** The QSE model of a chemistry preset at a capacity, or null for a chemistry it does not know. */
    static QseCellParameters qseCell(ChemistryPreset preset, double capacityAh) {
        if (preset.cell().characterisedCelsius().isKnown()) {
            // fitted by bms characterize to a measured cell: that circuit is the cell, whatever QSE chemistry its
            // base preset named (an A123 cell's preset kept psoa-lfp's name and was simulated as a QSE pouch of a
            // fifth its resistance: docs/safety.md, "A 211 on a characterised LFP preset")
            return null;
        }
        Electrolyte electrolyte;
        Cathode cathode;
        try {
            electrolyte = Electrolyte.valueOf(preset.electrolyte().toUpperCase(Locale.ROOT));
            cathode = Cathode.valueOf(preset.cathode().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notQse) {
            return null;
        }
        CalibratedModel model = PaperCalibration.calibrate(PaperData.bundled());
        CellGeometry ref = CalibratedPreset.referencePouch(cathode);
        QseCellParameters atReference = QseCellParameters.of(
                model.laws(electrolyte), cathode, ref, preset.cell().ocv());
        double areaScale = capacityAh / atReference.capacityAh();
        CellGeometry scaled = new CellGeometry(
                ref.electrodeAreaCm2() * areaScale,
                ref.layers(),
                ref.cathodeLoadingMgPerCm2(),
                ref.lithiumFoilUm(),
                ref.electrolyteThicknessUm());
        return QseCellParameters.of(
                model.laws(electrolyte), cathode, scaled, preset.cell().ocv());
    }
}
