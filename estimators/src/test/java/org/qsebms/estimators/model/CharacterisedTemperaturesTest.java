package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The model counts as characterised only where its pulse tests and its OCV tests were both run. */
class CharacterisedTemperaturesTest {
    private static EcmParameters cell(TemperatureSpan pulses, OcvCurve ocv) {
        return EcmParameters.builder()
                .capacityAh(2.9)
                .r0Ohms(0.02)
                .r1Ohms(0.01)
                .tau1Seconds(1)
                .r2Ohms(0.01)
                .tau2Seconds(30)
                .activationEnergyJPerMol(20000)
                .ocv(ocv)
                .characterisedCelsius(pulses)
                .build();
    }

    private static OcvCurve ocvMeasuredAt(double min, double max) {
        return new OcvCurve(new double[] {0, 1}, new double[] {3.0, 4.2}, new double[2], min, max);
    }

    @Test
    void coldPulseTestsDoNotMakeAWarmOcvCharacterisedWhenCold() {
        EcmParameters p = cell(new TemperatureSpan(0.6, 25.8), ocvMeasuredAt(25.5, 25.5));
        assertThat(p.kelvinOutsideCharacterised(0.6)).isEqualTo(24.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.kelvinOutsideCharacterised(25.5)).isZero();
    }

    @Test
    void disjointSpansLeaveNoTemperatureCharacterised() {
        EcmParameters p = cell(new TemperatureSpan(0.6, 0.6), ocvMeasuredAt(25.5, 25.5));
        assertThat(p.kelvinOutsideCharacterised(0.6)).isEqualTo(24.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.kelvinOutsideCharacterised(25.5)).isEqualTo(24.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.kelvinOutsideCharacterised(13)).isGreaterThan(0);
    }

    @Test
    void unrecordedSpansCountAsCharacterised() {
        EcmParameters p = cell(
                TemperatureSpan.UNKNOWN, new OcvCurve(new double[] {0, 1}, new double[] {3.0, 4.2}, new double[2]));
        assertThat(p.kelvinOutsideCharacterised(-20)).isZero();
    }
}
