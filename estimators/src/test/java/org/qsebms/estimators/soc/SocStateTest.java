package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.model.EcmParameters;

/** A SOC filter's exported state, imported by a new filter (a restart), for both filters. */
class SocStateTest {

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aRestartedFilterStartsFromTheExportedSoc(String kind) {
        EcmParameters cell = TestCells.ncmCell();
        SocFilter before = SocFilterKind.parse(kind)
                .create(cell, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.OFF, 3);
        double[] v = {3.62, 3.71, 3.93};
        double[] t = {25, 25, 25};
        for (int k = 0; k < 50; k++) {
            before.update(-1.0, v, t, 1.0);
        }
        SocState.Capture capture = new SocState.Capture(3);
        before.exportInto(capture);
        SocState saved = capture.toState();
        for (int c = 0; c < 3; c++) {
            assertThat(saved.cellSoc()[c]).isEqualTo(before.cellSoc(c));
        }

        SocFilter after = SocFilterKind.parse(kind)
                .create(cell, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.OFF, 3);
        assertThat(after.importState(saved)).isEqualTo(3);
        for (int c = 0; c < 3; c++) {
            assertThat(after.cellSoc(c)).isEqualTo(before.cellSoc(c));
        }
        // the state is a value: the capture going on does not change what was saved
        before.update(-5.0, v, t, 60.0);
        before.exportInto(capture);
        assertThat(saved.cellSoc()[0]).isEqualTo(after.cellSoc(0)).isNotEqualTo(before.cellSoc(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void anUnknownSocIsNotImportedAndTheCellStartsFromItsVoltage(String kind) {
        EcmParameters cell = TestCells.ncmCell();
        SocFilter filter = SocFilterKind.parse(kind)
                .create(cell, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.OFF, 2);
        assertThat(filter.importState(new SocState(new double[] {0.3, Double.NaN})))
                .isEqualTo(1);
        SocFilter fresh = SocFilterKind.parse(kind)
                .create(cell, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.OFF, 2);
        double[] v = {3.9, 3.9};
        double[] t = {25, 25};
        filter.update(0.0, v, t, 1.0);
        fresh.update(0.0, v, t, 1.0);
        assertThat(filter.cellSoc(1)).isEqualTo(fresh.cellSoc(1));
        assertThat(filter.cellSoc(0)).isNotEqualTo(fresh.cellSoc(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ekf", "spkf"})
    void aStateOfMoreCellsRestoresOnlyTheFiltersCells(String kind) {
        SocFilter filter = SocFilterKind.parse(kind)
                .create(TestCells.ncmCell(), HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.OFF, 2);
        assertThat(filter.importState(new SocState(new double[] {0.3, 0.4, 0.5})))
                .isEqualTo(2);
        assertThat(filter.cellSoc(1)).isEqualTo(0.4);
    }
}
