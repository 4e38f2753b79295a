package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.ResistanceMap;

/**
 * The filters' covariance matching, on simulated cells whose truth is known: where the model's
 * slow dynamics are wrong, the innovations grow beyond what the filter expects, the measurement
 * variance follows them, and the SOC follows the coulomb count more than the biased voltage; where
 * the model is right, nothing changes.
 */
class CovarianceMatchingTest {

    static LongStream seeds() {
        SplittableRandom r = new SplittableRandom(20261126L);
        return LongStream.generate(r::nextLong).limit(8);
    }

    /** Discharge pulses of random amplitude and length with rests between, from full to about 15 %. */
    private static double[] pulsesAndRests(SplittableRandom r) {
        double[] amps = new double[6 * 3600];
        int k = 0;
        double ah = 0;
        while (k < amps.length && ah < 1.6) {
            double level = -r.nextDouble(1.0, 4.0);
            int on = 120 + r.nextInt(480);
            for (int j = 0; j < on && k < amps.length; j++, k++) {
                amps[k] = level;
                ah -= level / 3600;
            }
            k += 300 + r.nextInt(900);
        }
        return amps;
    }

    private record Run(double rmse, double coverage, double maxVoltageSigma) {}

    private static Run run(
            SocEstimator filter,
            EcmParameters truthParams,
            double[] amps,
            long seed,
            java.util.function.IntToDoubleFunction voltageSigma) {
        SplittableRandom noise = new SplittableRandom(seed);
        EquivalentCircuitCell truth = new EquivalentCircuitCell(truthParams, 0.95, 25);
        filter.setCellSoc(0, 0.95);
        double[] v = new double[1];
        double[] t = {25};
        double sum = 0;
        int inside = 0;
        double maxSigma = 0;
        for (int k = 0; k < amps.length; k++) {
            truth.step(amps[k], 1.0);
            v[0] = truth.terminalVolts() + 0.002 * noise.nextGaussian();
            filter.update(amps[k], v, t, 1.0);
            double error = filter.cellSoc(0) - truth.soc();
            sum += error * error;
            inside += Math.abs(error) <= filter.cellSocBound3Sigma(0) ? 1 : 0;
            maxSigma = Math.max(maxSigma, voltageSigma.applyAsDouble(0));
        }
        return new Run(Math.sqrt(sum / amps.length), (double) inside / amps.length, maxSigma);
    }

    /** The model's cell; the truth has a slow diffusion pair (150 mOhm over 20 min) the model lacks. */
    private static final EcmParameters MODEL = TestCells.ncmCell();

    private static final EcmParameters SLOW_TRUTH = EcmParameters.builder()
            .capacityAh(MODEL.capacityAh())
            .r0Ohms(MODEL.r0Ohms())
            .r1Ohms(MODEL.r1Ohms())
            .tau1Seconds(MODEL.tau1Seconds())
            .r2Ohms(0.150)
            .tau2Seconds(1200)
            .activationEnergyJPerMol(MODEL.activationEnergyJPerMol())
            .ocv(MODEL.ocv())
            .resistance(ResistanceMap.FLAT)
            .build();

    /**
     * Eight pulse-and-rest runs: covariance matching is not worse on any, in RMSE or in coverage,
     * and better on average. (Measured 2026-11-26: RMSE better on 6 of 8 runs by 0.08-0.83 points, the
     * same on the other two (one never adapted),
     * coverage up to 79.7 against 70.0 %; the filter still explains most of the slow polarisation as
     * SOC, so the improvement is modest.)
     */
    @Test
    void wrongSlowDynamicsAreReadLessAsSoc() {
        double sumWith = 0;
        double sumWithout = 0;
        double largestSigma = 0;
        for (long seed : seeds().toArray()) {
            double[] amps = pulsesAndRests(new SplittableRandom(seed));
            EkfTuning matching = EkfTuning.defaults();
            EkfSocEstimator with = new EkfSocEstimator(MODEL, HysteresisModel.NONE, matching, EkfAdaptation.OFF, 1);
            EkfSocEstimator without = new EkfSocEstimator(
                    MODEL, HysteresisModel.NONE, matching.withInnovationWindowSeconds(0), EkfAdaptation.OFF, 1);
            Run a = run(with, SLOW_TRUTH, amps, seed, with::cellVoltageSigmaVolts);
            Run b = run(without, SLOW_TRUTH, amps, seed, without::cellVoltageSigmaVolts);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "seed %d: RMSE %.2f %% with covariance matching, %.2f %% without; "
                            + "coverage %.1f / %.1f %%; largest voltage sigma %.0f mV%n",
                    seed,
                    100 * a.rmse(),
                    100 * b.rmse(),
                    100 * a.coverage(),
                    100 * b.coverage(),
                    1000 * a.maxVoltageSigma());
            assertThat(b.maxVoltageSigma()).isEqualTo(0.08, within(1e-12));
            // not worse: by no more than 0.01 points of SOC RMSE and 0.1 points of coverage
            assertThat(a.rmse())
                    .as("seed %d: SOC RMSE with covariance matching", seed)
                    .isLessThanOrEqualTo(b.rmse() + 1e-4);
            assertThat(a.coverage())
                    .as("seed %d: coverage with covariance matching", seed)
                    .isGreaterThanOrEqualTo(b.coverage() - 1e-3);
            sumWith += a.rmse();
            sumWithout += b.rmse();
            largestSigma = Math.max(largestSigma, a.maxVoltageSigma());
        }
        assertThat(largestSigma)
                .as("voltage sigma rose above the tuning's 80 mV")
                .isGreaterThan(0.1);
        assertThat(sumWith).as("mean RMSE with covariance matching").isLessThan(sumWithout);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aRightModelLeavesTheFilterUnchanged(long seed) {
        double[] amps = pulsesAndRests(new SplittableRandom(seed));
        EkfSocEstimator with =
                new EkfSocEstimator(MODEL, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
        EkfSocEstimator without = new EkfSocEstimator(
                MODEL,
                HysteresisModel.NONE,
                EkfTuning.defaults().withInnovationWindowSeconds(0),
                EkfAdaptation.resistance(),
                1);
        Run a = run(with, MODEL, amps, seed, with::cellVoltageSigmaVolts);
        Run b = run(without, MODEL, amps, seed, without::cellVoltageSigmaVolts);
        assertThat(a.maxVoltageSigma()).isEqualTo(0.08, within(1e-12));
        assertThat(a.rmse()).isEqualTo(b.rmse());
        assertThat(a.coverage()).isEqualTo(b.coverage());
    }

    @Test
    void fastFilterMatchesTheReferenceWhileTheVarianceAdapts() {
        double maxSigma = 0;
        for (long seed : seeds().limit(3).toArray()) {
            double[] amps = pulsesAndRests(new SplittableRandom(seed));
            EkfSocEstimator fast = new EkfSocEstimator(
                    MODEL, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
            ReferenceEkfSocEstimator ref = new ReferenceEkfSocEstimator(
                    MODEL, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
            EquivalentCircuitCell truth = new EquivalentCircuitCell(SLOW_TRUTH, 0.95, 25);
            fast.setCellSoc(0, 0.95);
            ref.setCellSoc(0, 0.95);
            double[] v = new double[1];
            double[] t = {25};
            for (double a : amps) {
                truth.step(a, 1.0);
                v[0] = truth.terminalVolts();
                fast.update(a, v, t, 1.0);
                ref.update(a, v, t, 1.0);
                assertThat(fast.cellSoc(0)).isCloseTo(ref.cellSoc(0), within(1e-9));
                assertThat(fast.cellSocBound3Sigma(0)).isCloseTo(ref.cellSocBound3Sigma(0), within(1e-9));
                assertThat(fast.cellVoltageSigmaVolts(0)).isCloseTo(ref.cellVoltageSigmaVolts(0), within(1e-9));
                maxSigma = Math.max(maxSigma, fast.cellVoltageSigmaVolts(0));
            }
        }
        assertThat(maxSigma).as("the variance adapted during the runs").isGreaterThan(0.1);
    }
}
