package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.model.BottomKneeChargeDeficit;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvDoubt;

/**
 * The bottom knee's shortfall under a sustained charge out of empty ({@link BottomKneeChargeConsider}) in both
 * filters, against a simulated cell whose truth is known: a drive near empty, with its regeneration pulses, never
 * arms it (the filters run bit for bit as without it), and a charge out of empty whose voltage falls short of the
 * model is not read as SOC: the bound covers the error with the term, where without it it closes on the steep knee
 * with the estimate behind the truth.
 */
class BottomKneeChargeConsiderTest {
    private static final double SHORTFALL_VOLTS = 0.08;

    /** The test cell with a 5 mV OCV doubt (its table is the truth's): no slack for the shortfall to hide in. */
    private static EcmParameters cell() {
        return TestCells.ncmCell().withOcvDoubt(OcvDoubt.of(new double[] {0, 1}, new double[] {0.005}));
    }

    private static EcmParameters withTerm() {
        return cell().withBottomKneeChargeDeficit(new BottomKneeChargeDeficit(SHORTFALL_VOLTS / Math.sqrt(3), 0.1));
    }

    private static SocFilter filter(String kind, EcmParameters cell) {
        return kind.equals("ekf")
                ? new EkfSocEstimator(cell, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1)
                : new SpkfSocEstimator(cell, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.resistance(), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aDriveNearEmptyWithRegenerationIsUntouched(String kind) {
        SocFilter with = filter(kind, withTerm());
        SocFilter without = filter(kind, cell());
        EquivalentCircuitCell truth = new EquivalentCircuitCell(TestCells.ncmCell(), 0.09, 25);
        with.setCellSoc(0, 0.09);
        without.setCellSoc(0, 0.09);
        SplittableRandom r = new SplittableRandom(11);
        double[] amps = EkfSocEstimatorTest.profile(r, 1500, 1.0);
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
        assertThat(charging).as("regeneration pulses in the drive").isPositive();
        assertThat(truth.soc()).as("the drive stays near empty").isLessThan(0.1);
    }

    private record Run(double coverage, double worstError) {}

    /**
     * From SOC 0.005 after a rest, C/3 of charge with the voltage {@link #SHORTFALL_VOLTS} under the model while the
     * true SOC is under 0.1; scored over the samples with the true SOC between 0.02 and 0.1.
     */
    private static Run chargeOutOfEmpty(Function<EcmParameters, SocFilter> make, EcmParameters cell) {
        SocFilter f = make.apply(cell);
        EquivalentCircuitCell truth = new EquivalentCircuitCell(TestCells.ncmCell(), 0.005, 25);
        f.setCellSoc(0, 0.005);
        SplittableRandom r = new SplittableRandom(5);
        double amps = TestCells.ncmCell().capacityAh() / 3;
        double[] v = new double[1];
        double[] t = {25};
        int scored = 0;
        int covered = 0;
        double worst = 0;
        for (int k = 0; k < 3600 && truth.soc() < 0.15; k++) {
            truth.step(amps, 1.0);
            double shortfall = truth.soc() < 0.1 ? SHORTFALL_VOLTS : 0.0;
            v[0] = truth.terminalVolts() - shortfall + 0.002 * r.nextGaussian();
            f.update(amps, v, t, 1.0);
            if (truth.soc() > 0.02 && truth.soc() < 0.1) {
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
    void aChargeOutOfEmptyIsNotReadAsSoc(String kind) {
        Run with = chargeOutOfEmpty(c -> filter(kind, c), withTerm());
        Run without = chargeOutOfEmpty(c -> filter(kind, c), cell());
        System.out.printf("%s: with the term %s, without %s%n", kind, with, without);
        assertThat(with.coverage())
                .as("with the term: %s, without: %s", with, without)
                .isGreaterThanOrEqualTo(95.0);
        assertThat(without.coverage()).as("without the term: %s", without).isLessThan(with.coverage());
    }
}
