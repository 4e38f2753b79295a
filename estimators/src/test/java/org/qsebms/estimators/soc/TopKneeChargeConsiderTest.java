package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvDoubt;
import org.qsebms.estimators.model.TopKneeChargeExcess;

/**
 * The top knee's excess under a sustained charge ({@link TopKneeChargeConsider}) in both filters, against a simulated
 * cell whose truth is known: a drive with short charge pulses near full never arms it (the filters run bit for bit
 * as without it), and a sustained charge over the top knee whose voltage carries an excess the model lacks is not
 * read as SOC: the bound covers the error with the term, where without it the estimate runs ahead of the truth.
 */
class TopKneeChargeConsiderTest {
    private static final double EXCESS_VOLTS = 0.06;

    /**
     * The test cell with a 5 mV OCV doubt (its table is the truth's): the OCV leaves no slack for the excess to hide
     * in, as on the LFP cell's top knee, where the learnt OCV doubt is 20 mV over a steeper slope.
     */
    private static EcmParameters cell() {
        return TestCells.ncmCell().withOcvDoubt(OcvDoubt.of(new double[] {0, 1}, new double[] {0.005}));
    }

    private static EcmParameters withTerm() {
        return cell().withTopKneeChargeExcess(new TopKneeChargeExcess(EXCESS_VOLTS / Math.sqrt(3), 0.9));
    }

    private static SocFilter filter(String kind, EcmParameters cell) {
        return kind.equals("ekf")
                ? new EkfSocEstimator(cell, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1)
                : new SpkfSocEstimator(cell, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aDriveWithShortChargePulsesNearFullIsUntouched(String kind) {
        SocFilter with = filter(kind, withTerm());
        SocFilter without = filter(kind, cell());
        EquivalentCircuitCell truth = new EquivalentCircuitCell(TestCells.ncmCell(), 0.98, 25);
        with.setCellSoc(0, 0.98);
        without.setCellSoc(0, 0.98);
        SplittableRandom r = new SplittableRandom(7);
        double[] amps = EkfSocEstimatorTest.profile(r, 3000, 3);
        double[] v = new double[1];
        double[] t = {25};
        int charging = 0;
        for (double a : amps) {
            charging += a > 0 ? 1 : 0;
            truth.step(a, 1.0);
            v[0] = truth.terminalVolts() + 0.002 * r.nextGaussian();
            with.update(a, v, t, 1.0);
            without.update(a, v, t, 1.0);
            assertThat(with.cellSoc(0)).isEqualTo(without.cellSoc(0));
            assertThat(with.cellSocBound3Sigma(0)).isEqualTo(without.cellSocBound3Sigma(0));
        }
        assertThat(charging).as("charge pulses in the drive").isPositive();
    }

    private record Run(double coverage, double worstError) {}

    /**
     * From SOC 0.80, C/5 of charge for 1.2 h with the voltage carrying {@link #EXCESS_VOLTS} more than the model once
     * the charge has gone on for 1000 s (5 tau2) and the true SOC is over 0.9; scored over the samples with the true
     * SOC over 0.9.
     */
    private static Run chargeOverTheTopKnee(Function<EcmParameters, SocFilter> make, EcmParameters cell) {
        SocFilter f = make.apply(cell);
        EquivalentCircuitCell truth = new EquivalentCircuitCell(TestCells.ncmCell(), 0.80, 25);
        f.setCellSoc(0, 0.80);
        SplittableRandom r = new SplittableRandom(3);
        double amps = TestCells.ncmCell().capacityAh() / 5;
        double[] v = new double[1];
        double[] t = {25};
        int scored = 0;
        int covered = 0;
        double worst = 0;
        for (int k = 0; k < 4320 && truth.soc() < 0.995; k++) {
            truth.step(amps, 1.0);
            double excess = k >= 1000 && truth.soc() > 0.9 ? EXCESS_VOLTS : 0.0;
            v[0] = truth.terminalVolts() + excess + 0.002 * r.nextGaussian();
            f.update(amps, v, t, 1.0);
            if (truth.soc() > 0.9) {
                double error = Math.abs(f.cellSoc(0) - truth.soc());
                scored++;
                covered += error <= f.cellSocBound3Sigma(0) ? 1 : 0;
                worst = Math.max(worst, error);
            }
        }
        assertThat(scored).isPositive();
        return new Run(100.0 * covered / scored, worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aSustainedChargeOverTheTopKneeIsNotReadAsSoc(String kind) {
        Run with = chargeOverTheTopKnee(c -> filter(kind, c), withTerm());
        Run without = chargeOverTheTopKnee(c -> filter(kind, c), cell());
        System.out.printf("%s: with the term %s, without %s%n", kind, with, without);
        assertThat(with.coverage())
                .as("with the term: %s, without: %s", with, without)
                .isGreaterThanOrEqualTo(95.0);
        assertThat(without.coverage()).as("without the term: %s", without).isLessThan(with.coverage());
    }
}
