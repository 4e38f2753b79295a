package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.TemperatureSpan;

/**
 * A cell used outside the temperatures its model was characterised over: the filter says so
 * (socQuality), widens its bound with the distance, and keeps the truth inside it where the
 * extrapolated temperature law is wrong.
 */
class ExtrapolatedModelTest {
    private static final TemperatureSpan AT_25 = new TemperatureSpan(25, 25);

    @Test
    void extrapolatedOnlyBeyondTheMarginOfAKnownSpan() {
        EkfSocEstimator known = new EkfSocEstimator(
                TestCells.ncmCell().withCharacterisedCelsius(AT_25), HysteresisModel.NONE, EkfTuning.defaults(), 4);
        EkfSocEstimator unknown =
                new EkfSocEstimator(TestCells.ncmCell(), HysteresisModel.NONE, EkfTuning.defaults(), 4);
        double[] celsius = {25, 29, 15, 40};
        double[] volts = {3.7, 3.7, 3.7, 3.7};
        known.update(-1, volts, celsius, 1);
        unknown.update(-1, volts, celsius, 1);
        assertThat(new boolean[] {
                    known.cellSocExtrapolated(0),
                    known.cellSocExtrapolated(1),
                    known.cellSocExtrapolated(2),
                    known.cellSocExtrapolated(3)
                })
                .containsExactly(false, false, true, true);
        for (int c = 0; c < 4; c++) {
            assertThat(unknown.cellSocExtrapolated(c))
                    .as("a preset without a span is never judged")
                    .isFalse();
        }
    }

    /** The truth's resistances follow 45 kJ/mol; the model, characterised at 25 °C, assumes 20 kJ/mol. */
    private static double[] runCold(EcmParameters model, double celsius, long seed, boolean reference) {
        return runCold(
                model, 45000, celsius, seed, reference ? Filter.REFERENCE : Filter.FAST, EkfAdaptation.resistance());
    }

    private enum Filter {
        FAST,
        REFERENCE
    }

    /**
     * The model (characterised at 25 °C) against a truth whose resistances follow {@code truthEa}
     * J/mol, driven from SOC 0.9 at {@code celsius} with the filter started at 0.7; coverage after
     * 600 s and the largest bound.
     */
    private static double[] runCold(
            EcmParameters model, double truthEa, double celsius, long seed, Filter kind, EkfAdaptation adaptation) {
        SplittableRandom r = new SplittableRandom(seed);
        EcmParameters truthParams = EcmParameters.builder()
                .capacityAh(model.capacityAh())
                .r0Ohms(model.r0Ohms())
                .r1Ohms(model.r1Ohms())
                .tau1Seconds(model.tau1Seconds())
                .r2Ohms(model.r2Ohms())
                .tau2Seconds(model.tau2Seconds())
                .activationEnergyJPerMol(truthEa)
                .ocv(model.ocv())
                .build();
        EquivalentCircuitCell truth = new EquivalentCircuitCell(truthParams, 0.9, celsius);
        SocEstimator filter = kind == Filter.REFERENCE
                ? new ReferenceEkfSocEstimator(model, HysteresisModel.NONE, EkfTuning.defaults(), adaptation, 1)
                : new EkfSocEstimator(model, HysteresisModel.NONE, EkfTuning.defaults(), adaptation, 1);
        filter.setCellSoc(0, 0.7);
        double[] v = new double[1];
        double[] t = {celsius};
        int covered = 0;
        int scored = 0;
        double maxBound = 0;
        double[] amps = EkfSocEstimatorTest.profile(r, 7000, 4);
        for (int k = 0; k < amps.length && truth.soc() > 0.08; k++) {
            truth.step(amps[k], 1.0);
            v[0] = truth.terminalVolts() + 0.002 * r.nextGaussian();
            filter.update(amps[k], v, t, 1.0);
            if (k >= 600) {
                covered += Math.abs(filter.cellSoc(0) - truth.soc()) <= filter.cellSocBound3Sigma(0) ? 1 : 0;
                scored++;
                maxBound = Math.max(maxBound, filter.cellSocBound3Sigma(0));
            }
        }
        return new double[] {covered / (double) scored, maxBound};
    }

    @Test
    void aWrongColdTemperatureLawStaysInsideTheBoundOnceTheFilterKnowsItExtrapolates() {
        EcmParameters assumed = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.030)
                .r1Ohms(0.015)
                .tau1Seconds(10)
                .r2Ohms(0.012)
                .tau2Seconds(200)
                .activationEnergyJPerMol(20000)
                .ocv(TestCells.ncm811())
                .build();
        for (long seed = 1; seed <= 4; seed++) {
            double[] knowing = runCold(assumed.withCharacterisedCelsius(AT_25), -15, seed, false);
            double[] blind = runCold(assumed, -15, seed, false);
            System.out.printf(
                    "seed %d at -15 °C: coverage %.1f %% knowing the span (largest bound %.1f %%), "
                            + "%.1f %% without it%n",
                    seed, 100 * knowing[0], 100 * knowing[1], 100 * blind[0]);
            assertThat(knowing[0]).as("coverage, seed %d", seed).isGreaterThanOrEqualTo(0.95);
            assertThat(blind[0])
                    .as("the same filter blind to the span misses, seed %d", seed)
                    .isLessThan(knowing[0]);
        }
    }

    /**
     * A law forced far from the truth (issue 20: {@code --activation-energy 0} on a cell whose
     * resistances follow 45 kJ/mol, 5.2 times its 25 °C resistances at 0 °C), characterised at
     * 25 °C and driven at 0 °C: the prior growth of the resistance doubt (20 K / 25 K = 0.8) is far
     * smaller than the truth's relative error (4.2), and what keeps the truth inside the bound is the
     * filter's own evidence, the R0 scale it has learnt ({@link EkfTuning#resistanceErrorSigma}).
     * The same filter without R0 adaptation has no evidence and only the prior growth (printed).
     */
    @Test
    void aForcedZeroActivationEnergyIsCaughtByTheLearntResistanceScale() {
        EcmParameters forced = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.020)
                .r1Ohms(0.015)
                .tau1Seconds(10)
                .r2Ohms(0.020)
                .tau2Seconds(60)
                .activationEnergyJPerMol(0)
                .ocv(TestCells.ncm811())
                .build()
                .withCharacterisedCelsius(AT_25);
        for (long seed = 1; seed <= 4; seed++) {
            double[] learning = runCold(forced, 45000, 0, seed, Filter.FAST, EkfAdaptation.resistance());
            double[] priorOnly = runCold(forced, 45000, 0, seed, Filter.FAST, EkfAdaptation.OFF);
            System.out.printf(
                    "seed %d, Ea forced 0 (truth 45 kJ/mol) at 0 °C: coverage %.1f %% with the learnt R0 scale "
                            + "(largest bound %.1f %%), %.1f %% with the prior growth only (largest bound %.1f %%)%n",
                    seed, 100 * learning[0], 100 * learning[1], 100 * priorOnly[0], 100 * priorOnly[1]);
            assertThat(learning[0]).as("coverage, seed %d", seed).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void resistanceDoubtGrowsWithTheLearntScaleOnlyOutsideTheSpan() {
        EkfTuning t = EkfTuning.defaults();
        assertThat(t.resistanceErrorSigma(0, 2.5)).as("inside the span").isZero();
        assertThat(t.resistanceErrorSigma(20, 1.1))
                .as("prior growth 20 K / 25 K")
                .isCloseTo(0.8, within(1e-12));
        assertThat(t.resistanceErrorSigma(20, 2.5))
                .as("evidence larger than the prior")
                .isCloseTo(1.5, within(1e-12));
        assertThat(t.resistanceErrorSigma(20, 0.1))
                .as("a scale below 1 counts too")
                .isCloseTo(0.9, within(1e-12));
    }

    @Test
    void fastFilterMatchesReferenceWhileExtrapolating() {
        EcmParameters model = TestCells.ncmCellWithResistanceVsSoc().withCharacterisedCelsius(AT_25);
        EkfSocEstimator fast =
                new EkfSocEstimator(model, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
        ReferenceEkfSocEstimator ref = new ReferenceEkfSocEstimator(
                model, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
        SplittableRandom r = new SplittableRandom(7);
        EquivalentCircuitCell truth = new EquivalentCircuitCell(model.scaled(1, 1.5), 0.9, -10);
        fast.setCellSoc(0, 0.6);
        ref.setCellSoc(0, 0.6);
        double[] v = new double[1];
        double[] t = {-10};
        double[] amps = EkfSocEstimatorTest.profile(r, 3000, 4);
        for (int k = 0; k < amps.length; k++) {
            truth.step(amps[k], 1.0);
            v[0] = truth.terminalVolts() + 0.002 * r.nextGaussian();
            fast.update(amps[k], v, t, 1.0);
            ref.update(amps[k], v, t, 1.0);
            assertThat(fast.cellSoc(0)).isCloseTo(ref.cellSoc(0), within(1e-9));
            assertThat(fast.cellSocBound3Sigma(0))
                    .as("bound at step %d", k)
                    .isCloseTo(ref.cellSocBound3Sigma(0), within(1e-9));
        }
        assertThat(fast.cellSocExtrapolated(0)).isTrue();
    }

    @Test
    void updateAllocatesNothingWhileExtrapolating() {
        // cells at 5..29 °C against a span of 10..15 °C: inside, at the margin and beyond it on both sides
        EkfSocEstimator ekf = new EkfSocEstimator(
                TestCells.ncmCellWithTablesAtTwoTemperatures().withCharacterisedCelsius(new TemperatureSpan(10, 15)),
                new HysteresisModel(0.01, 30),
                EkfTuning.defaults(),
                EkfAdaptation.resistanceAndCapacity(),
                192);
        double[] v = new double[192];
        double[] t = new double[192];
        java.util.Arrays.fill(v, 3.9);
        for (int i = 0; i < t.length; i++) {
            t[i] = 5 + i % 25;
        }
        for (int k = 0; k < 20000; k++) {
            ekf.update(-3 + (k % 7), v, t, 0.1);
        }
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int k = 0; k < 1000; k++) {
            ekf.update(-3 + (k % 7), v, t, 0.1);
        }
        long after = mx.getThreadAllocatedBytes(tid);
        assertThat(after - before).isLessThan(1024);
        assertThat(ekf.cellSocExtrapolated(24)).as("29 °C, 14 K above the span").isTrue();
        assertThat(ekf.cellSocExtrapolated(0)).as("5 °C, at the margin").isFalse();
        assertThat(ekf.cellSocExtrapolated(7)).as("12 °C, inside").isFalse();
    }
}
