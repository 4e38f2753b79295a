package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/**
 * The current-offset state (Plett's bias augmentation) against a simulated cell whose truth is
 * known: the filter is given the cell's own model, a current sensor that reads {@code true +
 * offset}, and a drive with pauses over SOC 0.95 to about 0.2.
 */
class CurrentOffsetStateTest {

    private record Run(double socRmse, double offsetAmps, double offsetSigmaAmps, double coverage) {}

    private static Run drive(double sensorOffsetAmps, EkfAdaptation adaptation, long seed) {
        EcmParameters cell = TestCells.ncmCell();
        EquivalentCircuitCell truth = new EquivalentCircuitCell(cell, 0.95, 25);
        EkfSocEstimator ekf = new EkfSocEstimator(cell, HysteresisModel.NONE, EkfTuning.defaults(), adaptation, 1);
        ekf.setCellSoc(0, 0.95);
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[1];
        double[] t = {25};
        double sumSq = 0;
        int scored = 0;
        int covered = 0;
        double amps = 0;
        // four hours at 1 s: 20 min of drive (mean about C/3 discharge), then 10 min of rest, repeated
        for (int k = 0; k < 4 * 3600; k++) {
            boolean resting = k % 1800 >= 1200;
            if (k % (5 + r.nextInt(30)) == 0) {
                amps = r.nextDouble(-1.6, 0.5);
            }
            double trueAmps = resting ? 0 : amps;
            truth.step(trueAmps, 1.0);
            v[0] = truth.terminalVolts() + 0.002 * r.nextGaussian();
            ekf.update(trueAmps + sensorOffsetAmps + 0.01 * r.nextGaussian(), v, t, 1.0);
            if (k >= 600) {
                double e = ekf.cellSoc(0) - truth.soc();
                sumSq += e * e;
                covered += Math.abs(e) <= ekf.cellSocBound3Sigma(0) ? 1 : 0;
                scored++;
            }
        }
        return new Run(
                Math.sqrt(sumSq / scored),
                ekf.currentOffsetAmps(),
                ekf.cellCurrentOffsetSigmaAmps(0),
                covered / (double) scored);
    }

    @ParameterizedTest(name = "sensor offset {0} A, seed {1}")
    @CsvSource({"0.05, 1", "-0.05, 2", "0.03, 3", "0, 4"})
    void learnsTheSensorsOffsetAndKeepsSocCloserThanWithoutIt(double offsetAmps, long seed) {
        EkfAdaptation with = EkfAdaptation.resistance().withCurrentOffset(CurrentOffsetDoubt.piCurrentChannel());
        Run learnt = drive(offsetAmps, with, seed);
        Run plain = drive(offsetAmps, EkfAdaptation.resistance(), seed);
        System.out.printf(
                java.util.Locale.ROOT,
                "offset %+.3f A: learnt %+.4f A (sigma %.4f), SOC RMSE %.3f %% with the state, %.3f %% without; "
                        + "coverage %.1f %%%n",
                offsetAmps,
                learnt.offsetAmps(),
                learnt.offsetSigmaAmps(),
                100 * learnt.socRmse(),
                100 * plain.socRmse(),
                100 * learnt.coverage());
        assertThat(learnt.offsetAmps()).as("learnt offset (A)").isCloseTo(offsetAmps, within(0.015));
        assertThat(Math.abs(learnt.offsetAmps() - offsetAmps))
                .as("the offset's error within its 3-sigma")
                .isLessThanOrEqualTo(3 * learnt.offsetSigmaAmps());
        assertThat(learnt.coverage()).as("true SOC inside the 3-sigma bound").isGreaterThanOrEqualTo(0.95);
        if (offsetAmps != 0) {
            assertThat(learnt.socRmse()).isLessThan(plain.socRmse());
        } else {
            // a sensor without offset: the state must not cost accuracy
            assertThat(learnt.socRmse()).isLessThan(plain.socRmse() + 0.002);
        }
    }
}
