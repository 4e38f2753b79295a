package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvCurve;

/**
 * The bound's systematic-OCV term, on a simulated cell whose truth is known. The cell's true OCV is
 * the model's table shifted by a constant error of 35 or 50 mV either way (1.75 and 2.5 times the
 * filter's {@link EkfTuning#ocvSigmaVolts()} of 20 mV, so inside its 3-sigma doubt), and the table
 * has a knee near empty, as an incremental OCV test of a real cell gives (steep below SOC 0.1,
 * shallow above). Pulses and rests take it from SOC 0.45 to 0.03, scored after the first ten
 * minutes. The filter's reported bound carries the SOC error that OCV error has caused so far (the
 * consider analysis in {@link EkfSocEstimator}); the old form of the term, the OCV error over the
 * OCV slope at the estimate, is computed beside it from the filter's own variance. Measured
 * 2026-11-26: worst coverage over four runs 100 % for each error with the reported bound; 45.2 /
 * 63.7 / 91.1 / 87.7 % at -50 / -35 / +35 / +50 mV with the old form, which shrinks the term as soon
 * as the estimate reaches a steep stretch while the error made on the shallow stretch is still there.
 */
class OcvErrorBoundTest {

    /** An NCA-like table with a knee at SOC 0.1 (slopes 4.0 and 2.6 below it, 0.7 above). */
    private static final double[] SOC = {0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0};

    private static final double[] VOLTS = {3.00, 3.20, 3.33, 3.40, 3.48, 3.65, 3.90, 4.05, 4.18};

    private static EcmParameters cell(double ocvErrorVolts) {
        double[] v = VOLTS.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += ocvErrorVolts;
        }
        EcmParameters base = TestCells.ncmCell();
        return EcmParameters.builder()
                .capacityAh(base.capacityAh())
                .r0Ohms(base.r0Ohms())
                .r1Ohms(base.r1Ohms())
                .tau1Seconds(base.tau1Seconds())
                .r2Ohms(base.r2Ohms())
                .tau2Seconds(base.tau2Seconds())
                .activationEnergyJPerMol(base.activationEnergyJPerMol())
                .ocv(new OcvCurve(SOC, v, new double[SOC.length]))
                .build();
    }

    /** Discharge pulses of 0.5-2 A lasting 2-8 min with 5-20 min rests, until 0.84 Ah are out (SOC 0.45 to 0.03). */
    private static double[] pulsesAndRests(SplittableRandom r) {
        double[] amps = new double[12 * 3600];
        int k = 0;
        double ah = 0;
        while (ah < 0.84) {
            double level = -r.nextDouble(0.5, 2.0);
            int on = 120 + r.nextInt(360);
            for (int j = 0; j < on && ah < 0.84; j++, k++) {
                amps[k] = level;
                ah -= level / 3600;
            }
            k += 300 + r.nextInt(900);
        }
        return java.util.Arrays.copyOf(amps, k);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.050, -0.035, 0.035, 0.050})
    void theBoundHoldsTheTruthWhenTheOcvIsOffWithinItsDoubt(double ocvErrorVolts) {
        EcmParameters model = cell(0);
        EcmParameters truthParams = cell(ocvErrorVolts);
        double worstReported = 1;
        double worstTangent = 1;
        for (long seed = 1; seed <= 4; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] amps = pulsesAndRests(r);
            EquivalentCircuitCell truth = new EquivalentCircuitCell(truthParams, 0.45, 25);
            EkfSocEstimator filter = new EkfSocEstimator(
                    model, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
            filter.setCellSoc(0, 0.45);
            double[] v = new double[1];
            double[] t = {25};
            double[] p = new double[25];
            double sigma = EkfTuning.defaults().ocvSigmaVolts();
            int reported = 0;
            int tangent = 0;
            int scored = 0;
            for (int k = 0; k < amps.length; k++) {
                truth.step(amps[k], 1.0);
                v[0] = truth.terminalVolts() + 0.002 * r.nextGaussian();
                filter.update(amps[k], v, t, 1.0);
                if (k < 600) {
                    continue; // the first ten minutes: the start is right, scored from there on as the targets are
                }
                double error = Math.abs(filter.cellSoc(0) - truth.soc());
                filter.cellFullCovariance(0, p);
                double slopeTerm = sigma / model.ocv().slopeAt(filter.cellSoc(0), 25);
                reported += error <= filter.cellSocBound3Sigma(0) ? 1 : 0;
                tangent += error <= 3 * Math.sqrt(p[0] + slopeTerm * slopeTerm) ? 1 : 0;
                scored++;
            }
            worstReported = Math.min(worstReported, reported / (double) scored);
            worstTangent = Math.min(worstTangent, tangent / (double) scored);
        }
        System.out.printf(
                Locale.ROOT,
                "OCV error %+.0f mV: worst coverage %.1f %% with the reported bound, %.1f %% with the "
                        + "OCV error over the slope at the estimate%n",
                1000 * ocvErrorVolts,
                100 * worstReported,
                100 * worstTangent);
        assertThat(worstReported)
                .as("coverage of the reported bound, OCV %+.0f mV off", 1000 * ocvErrorVolts)
                .isGreaterThanOrEqualTo(0.95);
        // the old form of the term, the OCV error over the slope at the estimate, misses in every case
        assertThat(worstTangent).as("coverage with the slope at the estimate").isLessThan(0.95);
    }
}
