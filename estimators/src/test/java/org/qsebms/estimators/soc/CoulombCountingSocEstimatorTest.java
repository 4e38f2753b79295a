package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.OcvCurve;

class CoulombCountingSocEstimatorTest {
    private final OcvCurve ocv = new OcvCurve(new double[] {0, 1}, new double[] {3.5, 4.2}, new double[2]);

    @Test
    void initialisesFromOcvThenCountsCharge() {
        CoulombCountingSocEstimator est = new CoulombCountingSocEstimator(ocv, new double[] {2.0, 2.0}, 0.05, 1800);
        double[] v = {3.85, 3.5 + 0.7 * 0.8};
        est.update(0, v, new double[] {25, 25}, 0);
        assertThat(est.cellSoc(0)).isCloseTo(0.5, offset(1e-9));
        assertThat(est.cellSoc(1)).isCloseTo(0.8, offset(1e-9));
        for (int i = 0; i < 360; i++) {
            est.update(-2.0, v, new double[] {25, 25}, 1.0); // 0.2 Ah out
        }
        assertThat(est.cellSoc(0)).isCloseTo(0.4, offset(1e-9));
        assertThat(est.cellSoc(1)).isCloseTo(0.7, offset(1e-9));
    }

    @Test
    void packSocIsZeroWhenTheWeakestCellIsEmptyAndOneWhenTheFullestIsFull() {
        CoulombCountingSocEstimator est = new CoulombCountingSocEstimator(ocv, new double[] {2.0, 2.0}, 0.05, 1800);
        est.setCellSoc(0, 0.0);
        est.setCellSoc(1, 0.3);
        assertThat(est.packSoc()).isZero();
        est.setCellSoc(0, 0.9);
        est.setCellSoc(1, 1.0);
        assertThat(est.packSoc()).isEqualTo(1.0);
        est.setCellSoc(0, 0.5);
        est.setCellSoc(1, 0.5);
        assertThat(est.packSoc()).isCloseTo(0.5, offset(1e-12));
    }

    @Test
    void reinitialisesFromOcvAfterTheRestTime() {
        CoulombCountingSocEstimator est = new CoulombCountingSocEstimator(ocv, new double[] {2.0}, 0.05, 60);
        est.update(0, new double[] {3.85}, new double[] {25}, 0);
        est.setCellSoc(0, 0.9); // wrong, as after a long power-off
        for (int i = 0; i < 61; i++) {
            est.update(0.0, new double[] {3.85}, new double[] {25}, 1.0);
        }
        assertThat(est.cellSoc(0)).isCloseTo(0.5, offset(1e-9));
    }
}
