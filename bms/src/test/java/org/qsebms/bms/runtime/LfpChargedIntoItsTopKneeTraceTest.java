package org.qsebms.bms.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
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
 *
 * <p>Since 2026-12-07 (fix20k, docs/estimation.md "The LFP top knee: the overpotential ratio measured") the open span
 * is cut under load with the overpotential ratio measured on the A123 LFP logs ({@code StartSpan.cutUnderLoad}): the
 * estimate finds the knee before the limit, and the mirror under discharge finds the bottom knee.
 */
class LfpChargedIntoItsTopKneeTraceTest {
    private static final double START_SOC = 0.96;
    private static final double MSL_VOLTS = 3.65;
    private static final double MOL_VOLTS = 2.7;

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
     * Fixed 2026-12-07 (fix20k): the span cut under charge with the measured overpotential ratio
     * ({@code StartSpan.cutUnderLoad}); EKF 0.9951, SPKF 0.9958 at 3.65 V (true 0.9945).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void theEstimateHasFoundTheKneeWhenTheCellReachesItsLimit(String kind) {
        assertThat(chargeToTheLimit(kind).estimate()).isGreaterThan(0.85);
    }

    /**
     * fix20j's broken cases for a cut of the span under load (docs/estimation.md, "The LFP top knee: the overpotential
     * ratio measured"): a cell at a true 0.50 charged at C/2 for 20 min, and one at a true 0.90 discharged at 1 C for
     * 10 min, both started on the plateau. The model's own polarisation error (the simulated interface's asinh law
     * against R0 and the RC pairs) must not be read as the knee: charging, the estimate must not rise above the charge
     * counted from its start (a cut can only raise it, towards the top knee the cell is far from); discharging, it must
     * not fall below it. 0.02 is the allowance for the filter's own corrections.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aCellMidPlateauIsNotCutTowardsAKnee(String kind) {
        Run charged = run(kind, 0.50, 0.5, 1200, Double.NaN);
        Run discharged = run(kind, 0.90, -1.0, 600, Double.NaN);
        assertThat(charged.largestRiseOverCount())
                .as("charged from 0.50 (%s)", kind)
                .isLessThanOrEqualTo(0.02);
        assertThat(discharged.largestFallUnderCount())
                .as("discharged from 0.90 (%s)", kind)
                .isLessThanOrEqualTo(0.02);
        assertThat(charged.worstExcess())
                .as("bound, charged from 0.50 (%s)", kind)
                .isLessThanOrEqualTo(0.0);
        assertThat(discharged.worstExcess())
                .as("bound, discharged from 0.90 (%s)", kind)
                .isLessThanOrEqualTo(0.0);
    }

    /**
     * The mirror at the bottom knee: a cell started at rest on the plateau at a true 0.30 and discharged at 0.5 C until
     * its voltage falls to the under-voltage MOL (2.7 V). The ceiling on the OCV under discharge cuts the span from
     * above; the estimate there must be near empty, and the truth inside the bound all the way down.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void theEstimateHasFoundTheBottomKneeWhenTheCellReachesItsLowLimit(String kind) {
        Run run = run(kind, 0.30, -0.5, 3600, MOL_VOLTS);
        assertThat(run.seconds()).as("the cell reached %.2f V", MOL_VOLTS).isPositive();
        assertThat(run.worstExcess()).as("largest |error| - bound (%s)", kind).isLessThanOrEqualTo(0.0);
        assertThat(run.estimate())
                .as("the estimate at %.2f V (%s)", MOL_VOLTS, kind)
                .isLessThan(0.15);
    }

    private static AtTheLimit chargeToTheLimit(String kind) {
        Run run = run(kind, START_SOC, 0.5, 1200, MSL_VOLTS);
        return new AtTheLimit(run.seconds(), run.trueSoc(), run.estimate(), run.bound(), run.worstExcess());
    }

    /**
     * One run's figures at its end (at the tick the voltage first crosses {@code stopVolts}, or after
     * {@code seconds}, with {@code seconds} -1 where a limit was given and not reached), with the largest rise of the
     * estimate over the charge counted from its start and the largest fall under it.
     */
    private record Run(
            double seconds,
            double trueSoc,
            double estimate,
            double bound,
            double worstExcess,
            double largestRiseOverCount,
            double largestFallUnderCount) {}

    /** Rest 2 s at {@code startSoc}, then {@code c} C (charge positive) until {@code stopVolts} (NaN: none). */
    private static Run run(String kind, double startSoc, double c, double seconds, double stopVolts) {
        ChemistryPreset preset = new PresetCatalog().load("psoa-lfp");
        double ah = 2.0;
        QseCell truth = new QseCell(SimulatedPackSetup.qseCell(preset, ah), startSoc, 25.0);
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
        double rise = Double.NEGATIVE_INFINITY;
        double fall = Double.NEGATIVE_INFINITY;
        double estimate0 = Double.NaN;
        double truth0 = Double.NaN;
        int last = (int) Math.round(seconds / dt);
        boolean charging = c > 0;
        for (int n = 0; n <= last; n++) {
            double amps = n < 4 ? 0.0 : c * ah;
            truth.step(amps, dt);
            double gauss = Math.max(-4, Math.min(4, noise.nextGaussian()));
            volts[0] = truth.terminalVolts() + 0.001 * gauss;
            filter.update(amps, volts, celsius, dt);
            double bound = filter.cellSocBound3Sigma(0);
            worstExcess = Math.max(worstExcess, Math.abs(filter.cellSoc(0) - truth.soc()) - bound);
            if (n == 0) {
                estimate0 = filter.cellSoc(0);
                truth0 = truth.soc();
            }
            double offCount = (filter.cellSoc(0) - estimate0) - (truth.soc() - truth0);
            rise = Math.max(rise, offCount);
            fall = Math.max(fall, -offCount);
            boolean atLimit = !Double.isNaN(stopVolts) && (charging ? volts[0] >= stopVolts : volts[0] <= stopVolts);
            if (n % 40 == 0 || atLimit) {
                System.out.printf(
                        Locale.ROOT,
                        "%s from %.2f at %+.1f C, t %6.1f s: true %.4f est %.4f bound %.4f V %.5f%n",
                        kind,
                        startSoc,
                        c,
                        n * dt,
                        truth.soc(),
                        filter.cellSoc(0),
                        bound,
                        volts[0]);
            }
            if (atLimit) {
                return new Run(n * dt, truth.soc(), filter.cellSoc(0), bound, worstExcess, rise, fall);
            }
        }
        return new Run(
                Double.isNaN(stopVolts) ? seconds : -1,
                truth.soc(),
                filter.cellSoc(0),
                filter.cellSocBound3Sigma(0),
                worstExcess,
                rise,
                fall);
    }
}
