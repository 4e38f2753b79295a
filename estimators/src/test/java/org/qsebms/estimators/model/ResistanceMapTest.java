package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResistanceMapTest {
    private final ResistanceVsSoc cold =
            new ResistanceVsSoc(new double[] {0.1, 0.5}, new double[] {6.0, 1.0}, new double[] {4.0, 0.8});
    private final ResistanceVsSoc warm =
            new ResistanceVsSoc(new double[] {0.1, 0.5}, new double[] {2.0, 1.0}, new double[] {1.5, 1.0});
    private final ResistanceMap map = new ResistanceMap(new double[] {0, 25}, List.of(cold, warm));

    @Test
    void interpolatesLinearlyInTemperatureBetweenTheTables() {
        assertThat(map.factorAt(0.1, 10)).isCloseTo(0.6 * 6.0 + 0.4 * 2.0, within(1e-12));
        assertThat(map.slowFactorAt(0.1, 10)).isCloseTo(0.6 * 4.0 + 0.4 * 1.5, within(1e-12));
        assertThat(map.factorAt(0.3, 12.5))
                .isCloseTo(0.5 * cold.factorAt(0.3) + 0.5 * warm.factorAt(0.3), within(1e-12));
        assertThat(map.factorAt(0.1, 0)).isEqualTo(6.0);
        assertThat(map.factorAt(0.1, 25)).isEqualTo(2.0);
    }

    @Test
    void holdsTheNearestTableOutsideTheTestedTemperatures() {
        assertThat(map.factorAt(0.1, -20)).isEqualTo(6.0);
        assertThat(map.slowFactorAt(0.5, -20)).isEqualTo(0.8);
        assertThat(map.factorAt(0.1, 45)).isEqualTo(2.0);
        assertThat(map.slowFactorAt(0.1, 45)).isEqualTo(1.5);
    }

    @Test
    void oneTableHoldsAtEveryTemperature() {
        ResistanceMap single = ResistanceMap.of(warm);
        for (double c = -30; c <= 60; c += 15) {
            assertThat(single.factorAt(0.1, c)).isEqualTo(2.0);
        }
        assertThat(single.dependsOnTemperature()).isFalse();
        assertThat(map.dependsOnTemperature()).isTrue();
        assertThat(ResistanceMap.FLAT.isFlat()).isTrue();
        assertThat(map.isFlat()).isFalse();
    }

    @Test
    void cellModelUsesTheTableOfItsTemperature() {
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
        EcmParameters mapped = flat.withResistance(map);
        for (double celsius : new double[] {0, 10, 25}) {
            EquivalentCircuitCell a = new EquivalentCircuitCell(flat, 0.1, celsius);
            EquivalentCircuitCell b = new EquivalentCircuitCell(mapped, 0.1, celsius);
            a.step(-4, 0.001);
            b.step(-4, 0.001);
            double ocvVolts = ocv.voltsAt(b.soc());
            assertThat((ocvVolts - b.terminalVolts()) / (ocvVolts - a.terminalVolts()))
                    .as("R0 factor at %.0f °C", celsius)
                    .isCloseTo(map.factorAt(b.soc(), celsius), within(0.01));
        }
    }

    @Test
    void rejectsMalformedMapsWithTheReason() {
        assertThatThrownBy(() -> new ResistanceMap(new double[] {25, 0}, List.of(warm, cold)))
                .hasMessageContaining("strictly increasing at table 1 (25.0 then 0.0 °C)");
        assertThatThrownBy(() -> new ResistanceMap(new double[] {0}, List.of(warm, cold)))
                .hasMessageContaining("1 temperatures and 2 tables");
        assertThatThrownBy(() -> new ResistanceMap(new double[] {Double.NaN}, List.of(warm)))
                .hasMessageContaining("temperature 0 is NaN");
        assertThatThrownBy(() -> new ResistanceMap(new double[0], List.of())).hasMessageContaining("at least one");
    }
}
