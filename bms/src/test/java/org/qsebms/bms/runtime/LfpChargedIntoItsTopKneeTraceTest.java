package org.qsebms.bms.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.QseCell;
import org.qsebms.estimators.soc.EkfAdaptation;
import org.qsebms.estimators.soc.EkfSocEstimator;
import org.qsebms.estimators.soc.EkfTuning;
import org.qsebms.estimators.soc.SocFilter;
import org.qsebms.estimators.soc.SpkfSocEstimator;

/**
 * The filter-level trace behind {@code LfpChargedIntoItsTopKneeScenarioTest} (docs/estimation.md, "The LFP knees
 * traced", 2026-12-06, fix20j): one simulated {@code psoa-lfp} cell (the controller's
 * model and filter as {@link LfpStartBelowThePlateauTraceTest} builds them, 2 Ah, 500 ms, 1 mV voltage noise) rests
 * 2 s at a true SOC of 0.96, then charges at 0.5 C until its terminal voltage reaches the over-voltage MSL (3.65 V),
 * through the EKF and the SPKF. The start span holds the estimate at the plateau's mean (0.53) and, on the plateau,
 * the OCV slope at the estimate is under {@code minOcvSlopeVoltsPerSoc}: the measurement row's SOC entry is 0, so
 * the innovation that grows from +25 mV to +170 mV up the knee is taken by the R0 scale (1.00 to 1.34) and by
 * covariance matching (voltage sigma 80 to 115 mV at 240 s), never by the SOC. What holds, and is asserted: the truth stays
 * inside the reported bound at every tick (the open span is the SOC doubt; the bound is 0.91-1.0), so the estimate
 * is useless near full but not a lie. What misses is kept visible as a disabled test with its measured figure.
 */
class LfpChargedIntoItsTopKneeTraceTest {
    private static final double START_SOC = 0.96;
    private static final double MSL_VOLTS = 3.65;

    /** The run's figures at the tick the cell's voltage first reaches {@link #MSL_VOLTS}. */
    private record AtTheLimit(double seconds, double trueSoc, double estimate, double bound, double worstExcess) {}

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void theBoundCoversTheTruthAllTheWayUpTheKnee(String kind) {
        AtTheLimit run = chargeToTheLimit(kind);
        assertThat(run.seconds()).as("the cell reached %.2f V", MSL_VOLTS).isPositive();
        assertThat(run.worstExcess())
                .as("largest |error| - bound over the charge (%s)", kind)
                .isLessThanOrEqualTo(0.0);
    }

    /**
     * Measured 2026-12-06 (fix20j): the EKF and the SPKF both read 0.5676 when the cell reaches 3.65 V at 250.0 s
     * (true 0.9945): both are blind to the knee by the same slope test at the estimate (the SPKF's sigma points see
     * the estimate's OCV where the slope there is under the minimum), so they count the same charge from 0.5331.
     */
    @Disabled("known miss, measured 2026-12-06 (fix20j): EKF and SPKF read 0.568 at 3.65 V, 250 s (true 0.9945)")
    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void theEstimateHasFoundTheKneeWhenTheCellReachesItsLimit(String kind) {
        assertThat(chargeToTheLimit(kind).estimate()).isGreaterThan(0.85);
    }

    private static AtTheLimit chargeToTheLimit(String kind) {
        ChemistryPreset preset = new PresetCatalog().load("psoa-lfp");
        double ah = 2.0;
        QseCell truth = new QseCell(SimulatedPackSetup.qseCell(preset, ah), START_SOC, 25.0);
        EcmParameters nominal = preset.cell();
        double capFactor = ah / nominal.capacityAh();
        EcmParameters estimatorCell = nominal.scaled(capFactor, 1.0 / capFactor);
        SocFilter filter = kind.equals("ekf")
                ? new EkfSocEstimator(
                        estimatorCell, preset.hysteresis(), EkfTuning.defaults(), EkfAdaptation.resistance(), 1)
                : new SpkfSocEstimator(
                        estimatorCell, preset.hysteresis(), EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
        SplittableRandom noise = new SplittableRandom(3);
        double dt = 0.5;
        double[] volts = new double[1];
        double[] celsius = {25.0};
        double worstExcess = Double.NEGATIVE_INFINITY;
        for (int n = 0; n <= 2400; n++) {
            double amps = n < 4 ? 0.0 : 0.5 * ah;
            truth.step(amps, dt);
            double gauss = Math.max(-4, Math.min(4, noise.nextGaussian()));
            volts[0] = truth.terminalVolts() + 0.001 * gauss;
            filter.update(amps, volts, celsius, dt);
            double bound = filter.cellSocBound3Sigma(0);
            worstExcess = Math.max(worstExcess, Math.abs(filter.cellSoc(0) - truth.soc()) - bound);
            if (n % 40 == 0 || volts[0] >= MSL_VOLTS) {
                System.out.printf(
                        Locale.ROOT,
                        "%s t %6.1f s: true %.4f est %.4f bound %.4f V %.5f%n",
                        kind,
                        n * dt,
                        truth.soc(),
                        filter.cellSoc(0),
                        bound,
                        volts[0]);
            }
            if (volts[0] >= MSL_VOLTS) {
                return new AtTheLimit(n * dt, truth.soc(), filter.cellSoc(0), bound, worstExcess);
            }
        }
        return new AtTheLimit(-1, truth.soc(), filter.cellSoc(0), filter.cellSocBound3Sigma(0), worstExcess);
    }
}
