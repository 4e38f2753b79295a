package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.model.EcmParameters;

/**
 * A SOC restored with its persisted doubt ({@link SocEstimator#restoreCellSoc}, {@link RestoredDoubt}),
 * for both filters: the doubt is taken where the first reading after the rest agrees with it (or the
 * rest was too short for the voltage to be an OCV), and refused where the reading says the cell
 * changed while the BMS was off (the cell then starts from the reading) or was taken under current
 * (the restored SOC then keeps the start doubt).
 */
class RestoredDoubtTest {
    private static final double[] T = {25};
    /** Rests long (an hour) and briefly (10 s) against the test cells' slow RC pair of 200 s. */
    private static final double HOUR = 3600;

    private static SocFilter filter(String kind, EcmParameters cell) {
        return SocFilterKind.parse(kind).create(cell, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.OFF, 1);
    }

    private static double ocv(EcmParameters cell, double soc) {
        return cell.ocv().voltsAt(soc, 25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void onAFlatPlateauARestoredDoubtKeepsTheBoundTight(String kind) {
        EcmParameters cell = TestCells.flatLfpCell();
        double[] v = {ocv(cell, 0.55)};
        SocFilter restored = filter(kind, cell);
        restored.restoreCellSoc(0, 0.55, 0.01, HOUR);
        SocFilter plain = filter(kind, cell);
        plain.setCellSoc(0, 0.55);
        for (int k = 0; k < 600; k++) {
            restored.update(0.0, v, T, 1.0);
            plain.update(0.0, v, T, 1.0);
        }
        assertThat(restored.cellRestoreRefused(0)).isFalse();
        // three of the restored sigmas, grown a little by 10 min of drift; the start doubt's bound is 0.6
        assertThat(restored.cellSocBound3Sigma(0)).isBetween(0.03, 0.05);
        assertThat(plain.cellSocBound3Sigma(0)).isGreaterThan(0.5);
        assertThat(restored.cellSoc(0)).isCloseTo(0.55, within(0.01));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aRestVoltageThatDisagreesDropsTheRestoredSocAndStartsFromTheReading(String kind) {
        EcmParameters cell = TestCells.ncmCell();
        // the cell was charged from 0.3 to 0.7 while the BMS was off: its rest voltage is 0.7's OCV
        double[] v = {ocv(cell, 0.7)};
        SocFilter restored = filter(kind, cell);
        restored.restoreCellSoc(0, 0.3, 0.01, HOUR);
        SocFilter fresh = filter(kind, cell);
        for (int k = 0; k < 5; k++) {
            restored.update(0.0, v, T, 1.0);
            fresh.update(0.0, v, T, 1.0);
        }
        assertThat(restored.cellRestoreRefused(0)).isTrue();
        // it is a first start from the reading: the same SOC and bound
        assertThat(restored.cellSoc(0)).isEqualTo(fresh.cellSoc(0));
        assertThat(restored.cellSocBound3Sigma(0)).isEqualTo(fresh.cellSocBound3Sigma(0));
        assertThat(Math.abs(restored.cellSoc(0) - 0.7)).isLessThan(restored.cellSocBound3Sigma(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aRestVoltageThatAgreesWithinTheHysteresisAndTheOcvDoubtKeepsIt(String kind) {
        EcmParameters cell = TestCells.ncmCell();
        // 15 mV off the OCV (the rest voltage sigma is 10 mV, three of them with the OCV doubt's 20 mV reach 67 mV)
        double[] v = {ocv(cell, 0.5) + 0.015};
        SocFilter restored = filter(kind, cell);
        restored.restoreCellSoc(0, 0.5, 0.01, HOUR);
        restored.update(0.0, v, T, 1.0);
        assertThat(restored.cellRestoreRefused(0)).isFalse();
        assertThat(restored.cellSocBound3Sigma(0)).isLessThan(0.1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void afterABriefRestTheVoltageIsNoOcvAndTheDoubtIsTakenUnweighed(String kind) {
        EcmParameters cell = TestCells.ncmCell();
        double[] v = {ocv(cell, 0.5) + 0.15}; // still relaxing from a charge: 150 mV above its OCV
        SocFilter brief = filter(kind, cell);
        brief.restoreCellSoc(0, 0.5, 0.01, 10);
        SocFilter rested = filter(kind, cell);
        rested.restoreCellSoc(0, 0.5, 0.01, HOUR);
        brief.update(0.0, v, T, 1.0);
        rested.update(0.0, v, T, 1.0);
        assertThat(brief.cellRestoreRefused(0)).isFalse();
        assertThat(brief.cellSocBound3Sigma(0)).isLessThan(0.1);
        assertThat(brief.cellSoc(0)).isCloseTo(0.5, within(0.01));
        // after an hour the same reading is an OCV that disagrees: a start from it
        assertThat(rested.cellRestoreRefused(0)).isTrue();
        assertThat(rested.cellSoc(0)).isGreaterThan(0.55);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aReadingUnderCurrentCannotVouchForTheDoubtAndTheRestoredSocKeepsTheStartDoubt(String kind) {
        EcmParameters cell = TestCells.ncmCell();
        SocFilter restored = filter(kind, cell);
        restored.restoreCellSoc(0, 0.5, 0.01, HOUR);
        SocFilter plain = filter(kind, cell);
        plain.setCellSoc(0, 0.5);
        // 1 A through 57 mOhm: 57 mV of drop, beyond the 10 mV rest sigma, even where the reading fits the model
        double[] v = {ocv(cell, 0.5) - 0.030};
        restored.update(-1.0, v, T, 1.0);
        plain.update(-1.0, v, T, 1.0);
        assertThat(restored.cellRestoreRefused(0)).isTrue();
        assertThat(restored.cellSoc(0)).isEqualTo(plain.cellSoc(0));
        assertThat(restored.cellSocBound3Sigma(0)).isEqualTo(plain.cellSocBound3Sigma(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aDoubtNoSmallerThanTheStartDoubtChangesNothing(String kind) {
        EcmParameters cell = TestCells.ncmCell();
        double[] v = {ocv(cell, 0.5)};
        SocFilter restored = filter(kind, cell);
        restored.restoreCellSoc(0, 0.5, 0.3, HOUR);
        SocFilter plain = filter(kind, cell);
        plain.setCellSoc(0, 0.5);
        restored.update(0.0, v, T, 1.0);
        plain.update(0.0, v, T, 1.0);
        assertThat(restored.cellSocBound3Sigma(0)).isEqualTo(plain.cellSocBound3Sigma(0));
        assertThat(restored.cellRestoreRefused(0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void theExportedSigmaIsTheBoundOverThreeAndARestartResumesAtIt(String kind) {
        EcmParameters cell = TestCells.flatLfpCell();
        SocFilter before = filter(kind, cell);
        before.restoreCellSoc(0, 0.6, 0.02, HOUR);
        double[] v = {ocv(cell, 0.6)};
        for (int k = 0; k < 1800; k++) {
            before.update(-0.2, new double[] {v[0] - 0.2 * 0.05}, T, 1.0);
        }
        SocState.Capture capture = new SocState.Capture(1);
        before.exportInto(capture);
        SocState saved = capture.toState();
        assertThat(saved.cellSocSigma()[0]).isEqualTo(before.cellSocBound3Sigma(0) / 3);

        SocFilter after = filter(kind, cell);
        assertThat(after.importState(saved, HOUR)).isEqualTo(1);
        after.update(0.0, new double[] {ocv(cell, before.cellSoc(0))}, T, 1.0);
        assertThat(after.cellRestoreRefused(0)).isFalse();
        assertThat(after.cellSocBound3Sigma(0))
                .isCloseTo(before.cellSocBound3Sigma(0), within(0.05 * before.cellSocBound3Sigma(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aStateWithoutSigmasRestoresWithTheStartDoubt(String kind) {
        EcmParameters cell = TestCells.flatLfpCell();
        SocFilter filter = filter(kind, cell);
        assertThat(filter.importState(new SocState(new double[] {0.55}), HOUR)).isEqualTo(1);
        filter.update(0.0, new double[] {ocv(cell, 0.55)}, T, 1.0);
        assertThat(filter.cellSocBound3Sigma(0)).isGreaterThan(0.5);
    }
}
