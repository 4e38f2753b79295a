package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PresetFitCheckTest {
    private static final double CAPACITY_AH = 2.0;

    /** A step from rest to {@code amps}: the model predicts {@code modelOhms} per ampere, the cell shows {@code cellOhms}. */
    private static void step(PresetFitCheck check, double amps, double modelOhms, double cellOhms) {
        check.observe(0, 0.0, 4.0, 4.0);
        check.observe(0, amps, 4.0 + cellOhms * amps, 4.0 + modelOhms * amps);
    }

    @Test
    void stepsOfTheModelsSizeFit() {
        PresetFitCheck check = new PresetFitCheck(EkfTuning.defaults(), CAPACITY_AH, 1);
        step(check, -2.0, 0.030, 0.036);
        assertThat(check.resistanceRatio(0)).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(check.mismatched(0)).isFalse();
    }

    @Test
    void stepsFarLargerOrSmallerThanTheModelsAreAnotherCells() {
        PresetFitCheck larger = new PresetFitCheck(EkfTuning.defaults(), CAPACITY_AH, 1);
        step(larger, -2.0, 0.003, 0.100);
        assertThat(larger.mismatched(0)).isTrue();
        PresetFitCheck smaller = new PresetFitCheck(EkfTuning.defaults(), CAPACITY_AH, 1);
        step(smaller, -2.0, 0.100, 0.020);
        assertThat(smaller.mismatched(0)).isTrue();
    }

    @Test
    void aCurrentChangeUnderTheStepSizeIsNoEvidence() {
        PresetFitCheck check = new PresetFitCheck(EkfTuning.defaults(), CAPACITY_AH, 1);
        // 0.5 C of a 2 Ah cell is 1 A: a 0.9 A change is left out
        step(check, -0.9, 0.003, 0.100);
        assertThat(check.resistanceRatio(0)).isEqualTo(1.0);
        assertThat(check.mismatched(0)).isFalse();
    }

    @Test
    void aRestartHasNoPreviousSampleToStepFrom() {
        PresetFitCheck check = new PresetFitCheck(EkfTuning.defaults(), CAPACITY_AH, 1);
        check.observe(0, 0.0, 4.0, 4.0);
        check.restart(0);
        check.observe(0, -2.0, 3.8, 3.99);
        assertThat(check.mismatched(0)).isFalse();
    }

    @Test
    void aRatioOfZeroTurnsTheCheckOff() {
        EkfTuning off =
                EkfTuning.defaults().toBuilder().mismatchResistanceRatio(0).build();
        PresetFitCheck check = new PresetFitCheck(off, CAPACITY_AH, 1);
        step(check, -2.0, 0.003, 0.100);
        assertThat(check.mismatched(0)).isFalse();
    }

    @Test
    void oneStepOfTwiceTheModelsIsAMisfitOfOneWithinTheLimit() {
        PresetFitCheck check = new PresetFitCheck(EkfTuning.defaults(), CAPACITY_AH, 1);
        step(check, -2.0, 0.050, 0.090);
        assertThat(check.mismatched(0)).isFalse();
        // one step: no scatter to discount, the whole distance from 1 counts
        assertThat(check.resistanceMisfit(0)).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aRatioWithinThreeStandardErrorsOfOneIsNoMisfit() {
        PresetFitCheck check = new PresetFitCheck(EkfTuning.defaults(), CAPACITY_AH, 1);
        // steps scattered 0.6-1.4 about a least-squares ratio near 1.04
        double[] cellOhms = {0.030, 0.070, 0.042, 0.063, 0.050, 0.057};
        for (double r : cellOhms) {
            step(check, -2.0, 0.050, r);
        }
        double q = check.resistanceRatio(0);
        assertThat(q).isGreaterThan(1.0);
        assertThat(check.resistanceMisfit(0)).isZero();
    }

    @Test
    void aSteadyMisfitBeyondItsScatterIsCarried() {
        PresetFitCheck check = new PresetFitCheck(EkfTuning.defaults(), CAPACITY_AH, 1);
        double[] cellOhms = {0.088, 0.092, 0.090, 0.091, 0.089};
        for (double r : cellOhms) {
            step(check, -2.0, 0.050, r);
        }
        double q = check.resistanceRatio(0);
        assertThat(check.resistanceMisfit(0)).isGreaterThan(0.7).isLessThan(q - 1);
    }

    @Test
    void aMismatchedCellOrACheckTurnedOffCarriesNoMisfit() {
        PresetFitCheck mismatched = new PresetFitCheck(EkfTuning.defaults(), CAPACITY_AH, 1);
        step(mismatched, -2.0, 0.003, 0.100);
        assertThat(mismatched.mismatched(0)).isTrue();
        assertThat(mismatched.resistanceMisfit(0)).isZero();
        EkfTuning off =
                EkfTuning.defaults().toBuilder().mismatchResistanceRatio(0).build();
        PresetFitCheck check = new PresetFitCheck(off, CAPACITY_AH, 1);
        step(check, -2.0, 0.050, 0.090);
        assertThat(check.resistanceMisfit(0)).isZero();
    }
}
