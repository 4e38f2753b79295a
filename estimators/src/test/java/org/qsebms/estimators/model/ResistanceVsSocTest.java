package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResistanceVsSocTest {
    private final ResistanceVsSoc table = new ResistanceVsSoc(
            new double[] {0.05, 0.2, 0.9}, new double[] {3.0, 1.0, 1.2}, new double[] {2.0, 1.0, 0.8});

    @Test
    void interpolatesLinearlyAndHoldsTheEndsOutsideTheTable() {
        assertThat(table.factorAt(0.125)).isCloseTo(2.0, within(1e-12));
        assertThat(table.slowFactorAt(0.125)).isCloseTo(1.5, within(1e-12));
        assertThat(table.factorAt(0.55)).isCloseTo(1.1, within(1e-12));
        assertThat(table.factorAt(0.0)).isEqualTo(3.0);
        assertThat(table.factorAt(1.0)).isEqualTo(1.2);
        assertThat(table.slowFactorAt(-0.1)).isEqualTo(2.0);
        assertThat(table.factorAt(0.2)).isEqualTo(1.0);
        assertThat(table.isFlat()).isFalse();
    }

    @Test
    void flatTableChangesNothing() {
        for (double soc = -0.1; soc <= 1.1; soc += 0.05) {
            assertThat(ResistanceVsSoc.FLAT.factorAt(soc)).isEqualTo(1.0);
            assertThat(ResistanceVsSoc.FLAT.slowFactorAt(soc)).isEqualTo(1.0);
        }
        assertThat(ResistanceVsSoc.FLAT.isFlat()).isTrue();
    }

    @Test
    void cellModelUsesTheTable() {
        OcvCurve ocv = new OcvCurve(new double[] {0, 1}, new double[] {3.0, 4.2}, new double[2]);
        EcmParameters flat = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.02)
                .r1Ohms(0.01)
                .tau1Seconds(1)
                .r2Ohms(0.01)
                .tau2Seconds(30)
                .activationEnergyJPerMol(0)
                .ocv(ocv)
                .build();
        EcmParameters shaped = flat.withResistanceVsSoc(table);
        EquivalentCircuitCell a = new EquivalentCircuitCell(flat, 0.1, 25);
        EquivalentCircuitCell b = new EquivalentCircuitCell(shaped, 0.1, 25);
        a.step(-4, 0.001);
        b.step(-4, 0.001);
        // the instantaneous drop is the R0 term: about 2.33 times larger at 10 % SOC
        double ocvVolts = ocv.voltsAt(b.soc());
        assertThat((ocvVolts - b.terminalVolts()) / (ocvVolts - a.terminalVolts()))
                .isCloseTo(table.factorAt(b.soc()), within(0.01));
    }

    @Test
    void rejectsMalformedTablesWithTheReason() {
        assertThatThrownBy(() -> new ResistanceVsSoc(new double[] {0.5}, new double[] {1}, new double[] {1}))
                .hasMessageContaining("at least 2 points");
        assertThatThrownBy(() -> new ResistanceVsSoc(new double[] {0.5, 0.4}, new double[] {1, 1}, new double[] {1, 1}))
                .hasMessageContaining("strictly increasing at point 1 (0.5 then 0.4)");
        assertThatThrownBy(() -> new ResistanceVsSoc(new double[] {0.1, 0.4}, new double[] {1, 0}, new double[] {1, 1}))
                .hasMessageContaining("point 1: factors 0.0 and 1.0 must be finite numbers > 0");
        assertThatThrownBy(() -> new ResistanceVsSoc(new double[] {0.1, 1.4}, new double[] {1, 1}, new double[] {1, 1}))
                .hasMessageContaining("SOC 1.4 is outside 0..1");
        assertThatThrownBy(() -> new ResistanceVsSoc(new double[] {0.1, 0.4}, new double[] {1, 1}, new double[] {1}))
                .hasMessageContaining("2 SOC points, 2 R0/R1 factors and 1 R2 factors");
    }
}
