package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class EquivalentCircuitCellTest {
    private final OcvCurve ocv = new OcvCurve(new double[] {0, 1}, new double[] {3.5, 4.2}, new double[2]);
    private final EcmParameters p = EcmParameters.builder()
            .capacityAh(2.0)
            .r0Ohms(0.03)
            .r1Ohms(0.02)
            .tau1Seconds(10)
            .r2Ohms(0.01)
            .tau2Seconds(100)
            .activationEnergyJPerMol(0)
            .ocv(ocv)
            .build();

    @Test
    void chargingOneAmpHourRaisesSocByOneOverCapacity() {
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.2, 25);
        for (int i = 0; i < 3600; i++) {
            cell.step(1.0, 1.0);
        }
        assertThat(cell.soc()).isCloseTo(0.7, offset(1e-9));
    }

    @Test
    void terminalVoltageShowsOhmicDropAtOnceAndRcDropAfterTheirTimeConstants() {
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.5, 25);
        cell.step(-2.0, 1e-6);
        double ocvNow = ocv.voltsAt(cell.soc());
        assertThat(cell.terminalVolts()).isCloseTo(ocvNow - 2.0 * 0.03, offset(1e-4));
        for (int i = 0; i < 1000; i++) {
            cell.step(-2.0, 1.0);
        }
        double settledDrop = ocv.voltsAt(cell.soc()) - cell.terminalVolts();
        assertThat(settledDrop).isCloseTo(2.0 * (0.03 + 0.02 + 0.01), offset(1e-4));
    }

    @Test
    void resistanceRisesInTheColdWithArrhenius() {
        EcmParameters cold = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.03)
                .r1Ohms(0.02)
                .tau1Seconds(10)
                .r2Ohms(0.01)
                .tau2Seconds(100)
                .activationEnergyJPerMol(30000)
                .ocv(ocv)
                .build();
        assertThat(cold.resistanceFactor(25)).isCloseTo(1.0, offset(1e-12));
        assertThat(cold.resistanceFactor(0)).isGreaterThan(2.5).isLessThan(4.0);
        assertThat(cold.resistanceFactor(45)).isLessThan(1.0);
    }
}
