package org.qsebms.bms.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.calibration.CalibratedModel;
import org.qsebms.estimators.calibration.CalibratedPreset;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.CellGeometry;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.QseCell;
import org.qsebms.estimators.model.QseCellParameters;
import org.qsebms.estimators.soc.EkfAdaptation;
import org.qsebms.estimators.soc.EkfSocEstimator;
import org.qsebms.estimators.soc.EkfTuning;

/**
 * The measurement behind the known miss of {@code SocFloorOnAHealthyLfpPackScenarioTest}
 * (docs/estimation.md, "A start below the LFP plateau"): one simulated {@code psoa-lfp} cell (the
 * controller's model and filter, as {@code ControllerAssembly} builds them, 2 Ah, 500 ms, 1 mV
 * voltage noise) rests 2 s at a true SOC of 0.90, then discharges at 1 C. The first sample is read
 * {@code firstSampleOffsetVolts} off the truth (the sensor's noise). The trace prints, every 60 s,
 * the true SOC, the estimate, its 3-sigma bound, the filter's own SOC sigma and voltage sigma and
 * the R0 scale. It asserts the bound's honesty (the truth inside the reported bound at every tick)
 * and, since the start keeps the span the table allows on a flat OCV ({@code StartSpan}, 2026-12-03
 * {@code lfpstart}), that the estimate never falls to {@code SOC_LOW}'s MOL level (0.05 in the
 * supplementary defaults) while the truth is above 0.5: before it, the first sample 2.5 mV low seeded
 * the cell on the bottom knee and the estimate read 0.0035 at 1080 s for a true 0.60.
 */
class LfpStartBelowThePlateauTraceTest {

    @ParameterizedTest
    @CsvSource({"0.0", "-0.0025"})
    void theTruthStaysInsideTheBoundWhereverTheStartPutsTheEstimate(double firstSampleOffsetVolts) {
        ChemistryPreset preset = new PresetCatalog().load("psoa-lfp");
        CalibratedModel model = PaperCalibration.calibrate(PaperData.bundled());
        Electrolyte electrolyte = Electrolyte.valueOf(preset.electrolyte().toUpperCase(Locale.ROOT));
        Cathode cathode = Cathode.valueOf(preset.cathode().toUpperCase(Locale.ROOT));
        CellGeometry ref = CalibratedPreset.referencePouch(cathode);
        double ah = 2.0;
        double areaScale = ah
                / QseCellParameters.of(
                                model.laws(electrolyte),
                                cathode,
                                ref,
                                preset.cell().ocv())
                        .capacityAh();
        CellGeometry geometry = new CellGeometry(
                ref.electrodeAreaCm2() * areaScale,
                ref.layers(),
                ref.cathodeLoadingMgPerCm2(),
                ref.lithiumFoilUm(),
                ref.electrolyteThicknessUm());
        QseCell truth = new QseCell(
                QseCellParameters.of(
                        model.laws(electrolyte),
                        cathode,
                        geometry,
                        preset.cell().ocv()),
                0.9,
                25.0);
        EcmParameters nominal = preset.cell();
        double capFactor = ah / nominal.capacityAh();
        EcmParameters estimatorCell = nominal.scaled(capFactor, 1.0 / capFactor);
        EkfSocEstimator filter = new EkfSocEstimator(
                estimatorCell, preset.hysteresis(), EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
        SplittableRandom noise = new SplittableRandom(3);
        double dt = 0.5;
        double[] volts = new double[1];
        double[] celsius = {25.0};
        double[] covariance = new double[9];
        double worstExcess = Double.NEGATIVE_INFINITY;
        double lowest = 1;
        for (int n = 0; n <= 2400; n++) {
            double amps = n < 4 ? 0.0 : -ah;
            truth.step(amps, dt);
            double gauss = Math.max(-4, Math.min(4, noise.nextGaussian()));
            volts[0] = truth.terminalVolts() + 0.001 * gauss + (n == 0 ? firstSampleOffsetVolts : 0.0);
            filter.update(amps, volts, celsius, dt);
            double error = Math.abs(filter.cellSoc(0) - truth.soc());
            worstExcess = Math.max(worstExcess, error - filter.cellSocBound3Sigma(0));
            lowest = Math.min(lowest, filter.cellSoc(0));
            if (n % 120 == 0) {
                filter.cellCovariance(0, covariance);
                System.out.printf(
                        Locale.ROOT,
                        "first sample %+.4f V t %6.1f s: true %.4f est %.4f bound %.4f socSigma %.4f"
                                + " voltageSigma %.4f r0Scale %.3f V %.5f%n",
                        firstSampleOffsetVolts,
                        n * dt,
                        truth.soc(),
                        filter.cellSoc(0),
                        filter.cellSocBound3Sigma(0),
                        Math.sqrt(covariance[0]),
                        filter.cellVoltageSigmaVolts(0),
                        filter.cellR0Scale(0),
                        volts[0]);
            }
        }
        assertThat(worstExcess).as("largest |error| - bound over the run").isLessThanOrEqualTo(0.0);
        assertThat(truth.soc()).isGreaterThan(0.5);
        assertThat(lowest).as("lowest estimate over the run").isGreaterThan(0.05);
    }
}
