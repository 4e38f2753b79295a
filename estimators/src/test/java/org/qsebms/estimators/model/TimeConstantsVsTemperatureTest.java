package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimeConstantsVsTemperatureTest {
    private final TimeConstantsVsTemperature taus =
            new TimeConstantsVsTemperature(new double[] {0, 25}, new double[] {0.3, 0.2}, new double[] {60, 40});

    @Test
    void interpolatesInTemperatureAndHoldsTheEnds() {
        assertThat(taus.tau2At(10, 99)).isCloseTo(52, within(1e-12));
        assertThat(taus.tau1At(12.5, 99)).isCloseTo(0.25, within(1e-12));
        assertThat(taus.tau2At(-20, 99)).isEqualTo(60);
        assertThat(taus.tau2At(45, 99)).isEqualTo(40);
        assertThat(taus.longest(10)).isEqualTo(60);
    }

    @Test
    void interpolatesAnyQuantityGivenPerTemperature() {
        assertThat(taus.interpolate(new double[] {10, 20}, 12.5)).isCloseTo(15, within(1e-12));
        assertThat(taus.interpolate(new double[] {10, 20}, 50)).isEqualTo(20);
        assertThatThrownBy(() -> taus.interpolate(new double[] {1, 2, 3}, 10))
                .hasMessageContaining("need one value per temperature (2), got 3");
    }

    @Test
    void noneGivesTheNominalTimeConstants() {
        assertThat(TimeConstantsVsTemperature.NONE.isEmpty()).isTrue();
        assertThat(TimeConstantsVsTemperature.NONE.tau1At(0, 2.0)).isEqualTo(2.0);
        assertThat(TimeConstantsVsTemperature.NONE.tau2At(-10, 30.0)).isEqualTo(30.0);
        assertThat(TimeConstantsVsTemperature.NONE.longest(30.0)).isEqualTo(30.0);
    }

    @Test
    void cellModelRelaxesWithTheTimeConstantOfItsTemperature() {
        OcvCurve ocv = new OcvCurve(new double[] {0, 1}, new double[] {3.0, 4.2}, new double[2]);
        EcmParameters cell = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.02)
                .r1Ohms(0.0)
                .tau1Seconds(1)
                .r2Ohms(0.02)
                .tau2Seconds(40)
                .activationEnergyJPerMol(0)
                .ocv(ocv)
                .build()
                .withTimeConstants(taus);
        for (double celsius : new double[] {0, 10, 25}) {
            EquivalentCircuitCell c = new EquivalentCircuitCell(cell, 0.5, celsius);
            c.step(-4, 1000);
            c.step(0, cell.tau2SecondsAt(celsius));
            double ocvVolts = ocv.voltsAt(c.soc());
            // after one time constant at rest the diffusion overpotential (4 A x 20 mOhm) is down to 1/e
            assertThat(ocvVolts - c.terminalVolts())
                    .as("overpotential one tau2 into the rest at %.0f °C", celsius)
                    .isCloseTo(0.08 * Math.exp(-1), within(1e-6));
        }
    }

    @Test
    void rejectsMalformedTablesWithTheReason() {
        assertThatThrownBy(() ->
                        new TimeConstantsVsTemperature(new double[] {25, 0}, new double[] {1, 1}, new double[] {1, 1}))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() ->
                        new TimeConstantsVsTemperature(new double[] {0, 25}, new double[] {1}, new double[] {1, 1}))
                .hasMessageContaining("2 temperatures, 1 tau1 and 2 tau2");
        assertThatThrownBy(() -> new TimeConstantsVsTemperature(new double[] {0}, new double[] {0}, new double[] {1}))
                .hasMessageContaining("at 0.0 °C must be finite numbers > 0 s");
    }
}
