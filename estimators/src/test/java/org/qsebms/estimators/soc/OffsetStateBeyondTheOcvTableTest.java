package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qsebms.estimators.model.EcmParameters;

/**
 * A cell that rests below the bottom of its OCV table (the A123 LFP cell empty at 2.0 V against a table that ends at
 * 2.63 V, docs/estimation.md "The offset state on an empty LFP cell"): the model's SOC sits at the clamp and cannot
 * follow, and with the current-offset state on the filter read the misfit as a discharge current (+1.9 A with a
 * 6 mA sigma on the shared log). Here the truth is known: a sensor with no offset, the cell at rest for three hours
 * 0.3 V under the table's lowest voltage. The offset state must stay within its own 3 sigma of 0 in both filters.
 */
class OffsetStateBeyondTheOcvTableTest {

    private static SocFilter filter(SocFilterKind kind, EcmParameters cell) {
        EkfAdaptation adaptation = EkfAdaptation.resistance().withCurrentOffset(CurrentOffsetDoubt.piCurrentChannel());
        return kind.create(cell, HysteresisModel.NONE, EkfTuning.defaults(), adaptation, 1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SocFilterKind.class)
    void aRestBelowTheTableIsNotReadAsACurrent(SocFilterKind kind) {
        EcmParameters cell = TestCells.ncmCell();
        SocFilter f = filter(kind, cell);
        f.setCellSoc(0, 0.02);
        double below = cell.ocv().voltsAt(0.0, 25) - 0.3;
        SplittableRandom r = new SplittableRandom(7);
        double[] v = new double[1];
        double[] t = {25};
        for (int k = 0; k < 3 * 3600; k++) {
            v[0] = below + 0.002 * r.nextGaussian();
            f.update(0.01 * r.nextGaussian(), v, t, 1.0);
        }
        double learnt = f.cellCurrentOffsetAmps(0);
        double sigma = f.cellCurrentOffsetSigmaAmps(0);
        System.out.printf(
                Locale.ROOT, "%s: offset state %+.4f A, sigma %.4f A, SOC %.4f%n", kind, learnt, sigma, f.cellSoc(0));
        assertThat(Math.abs(learnt))
                .as("the offset state (A) against the sensor's true 0, at its own 3 sigma %.4f A", 3 * sigma)
                .isLessThanOrEqualTo(3 * sigma);
    }
}
