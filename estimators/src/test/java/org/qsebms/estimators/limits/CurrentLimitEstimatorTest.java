package org.qsebms.estimators.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.ResistanceMap;
import org.qsebms.estimators.model.ResistanceVsSoc;
import org.qsebms.estimators.model.TimeConstantsVsTemperature;

class CurrentLimitEstimatorTest {
    static final OcvCurve OCV =
            new OcvCurve(new double[] {0, 0.1, 0.9, 1}, new double[] {3.0, 3.5, 4.0, 4.2}, new double[4]);
    static final EcmParameters CELL = EcmParameters.builder()
            .capacityAh(2.0)
            .r0Ohms(0.03)
            .r1Ohms(0.015)
            .tau1Seconds(5)
            .r2Ohms(0.02)
            .tau2Seconds(100)
            .activationEnergyJPerMol(25000)
            .ocv(OCV)
            .build();
    static final CurrentLimitSettings SETTINGS = CurrentLimitSettings.builder()
            .minCellVolts(2.8)
            .maxCellVolts(4.25)
            .horizonSeconds(10)
            .maxChargeAmps(4)
            .maxDischargeAmps(10)
            .chargeZeroCelsius(0)
            .chargeFullCelsius(10)
            .hotFullCelsius(45)
            .hotZeroCelsius(60)
            .build();

    static LongStream seeds() {
        SplittableRandom r = new SplittableRandom(41);
        return LongStream.generate(r::nextLong).limit(20);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void holdingTheLimitForTheHorizonKeepsTheTerminalVoltageInsideTheWindow(long seed) {
        holdsTheWindow(CELL, seed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void holdingTheLimitKeepsTheWindowWhenResistanceRisesTowardsEmpty(long seed) {
        // R0 and R1 four times, R2 three times their mid-SOC value at empty
        holdsTheWindow(
                CELL.withResistanceVsSoc(new ResistanceVsSoc(
                        new double[] {0, 0.1, 0.3, 1}, new double[] {4, 2, 1, 1.1}, new double[] {3, 1.6, 1, 1})),
                seed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void holdingTheLimitKeepsTheWindowWithResistanceTablesAndTimeConstantsPerTemperature(long seed) {
        // at 10 °C the rise towards empty is steeper and the cell relaxes more slowly than at 40 °C; the
        // seeds' temperatures (12-44 °C) fall between the two tables and above the warmer one
        holdsTheWindow(
                CELL.withResistance(new ResistanceMap(
                                new double[] {10, 40},
                                java.util.List.of(
                                        new ResistanceVsSoc(
                                                new double[] {0, 0.1, 0.3, 1},
                                                new double[] {8, 3, 1.2, 1.1},
                                                new double[] {6, 2.5, 1.1, 1}),
                                        new ResistanceVsSoc(
                                                new double[] {0, 0.1, 0.3, 1},
                                                new double[] {3, 1.6, 1, 1},
                                                new double[] {2, 1.3, 1, 1}))))
                        .withTimeConstants(new TimeConstantsVsTemperature(
                                new double[] {10, 40}, new double[] {4, 1}, new double[] {90, 30})),
                seed);
    }

    private static void holdsTheWindow(EcmParameters cell, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double soc = r.nextDouble(0.02, 0.98);
        double celsius = r.nextDouble(12, 44);
        CurrentLimitEstimator limits = new CurrentLimitEstimator(cell, SETTINGS);
        double dis = limits.dischargeLimitAmps(soc, 0, celsius, 1.0);
        double chg = limits.chargeLimitAmps(soc, 0, celsius, 1.0);
        EquivalentCircuitCell a = new EquivalentCircuitCell(cell, soc, celsius);
        EquivalentCircuitCell b = new EquivalentCircuitCell(cell, soc, celsius);
        for (int k = 0; k < 100; k++) {
            a.step(-dis, 0.1);
            b.step(chg, 0.1);
            assertThat(a.terminalVolts()).isGreaterThanOrEqualTo(SETTINGS.minCellVolts() - 0.01);
            assertThat(b.terminalVolts()).isLessThanOrEqualTo(SETTINGS.maxCellVolts() + 0.01);
        }
    }

    @Test
    void chargingIsForbiddenAtTheColdLimitAndDeratedAboveIt() {
        CurrentLimitEstimator limits = new CurrentLimitEstimator(CELL, SETTINGS);
        assertThat(limits.chargeLimitAmps(0.5, 0, 0.0, 1.0)).isZero();
        double at5 = limits.chargeLimitAmps(0.5, 0, 5.0, 1.0);
        double at25 = limits.chargeLimitAmps(0.5, 0, 25.0, 1.0);
        assertThat(at5).isPositive().isLessThan(0.5 * at25 + 1e-9);
        assertThat(limits.dischargeLimitAmps(0.5, 0, 60.0, 1.0)).isZero();
    }

    @Test
    void coldChargingIsHeldToTheRatedInterfacialOverpotential() {
        // a cell with plenty of voltage headroom: only the rated current and the temperature bound it
        CurrentLimitEstimator limits = new CurrentLimitEstimator(
                CELL,
                CurrentLimitSettings.builder()
                        .minCellVolts(2.8)
                        .maxCellVolts(4.25)
                        .horizonSeconds(10)
                        .maxChargeAmps(1.0)
                        .maxDischargeAmps(10)
                        .chargeZeroCelsius(-30)
                        .chargeFullCelsius(-20)
                        .hotFullCelsius(45)
                        .hotZeroCelsius(60)
                        .build());
        for (double celsius = -15; celsius <= 40; celsius += 5) {
            double limit = limits.chargeLimitAmps(0.3, 0, celsius, 1.0);
            double overpotentialScale = limit * CELL.resistanceFactor(celsius);
            // I f(T) never exceeds the rated 1 A at 25 °C, and equals it wherever nothing else limits
            assertThat(overpotentialScale).as("at %.0f °C", celsius).isLessThanOrEqualTo(1.0 + 1e-9);
            if (celsius < 25) {
                assertThat(limit).as("at %.0f °C", celsius).isLessThan(1.0);
            }
        }
        assertThat(limits.chargeLimitAmps(0.3, 0, 30, 1.0)).isEqualTo(1.0);
        assertThat(limits.interfacialDerate(0))
                .isCloseTo(1 / CELL.resistanceFactor(0), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void agedCellWithHigherR0GetsLowerLimits() {
        CurrentLimitEstimator limits = new CurrentLimitEstimator(CELL, SETTINGS);
        assertThat(limits.dischargeLimitAmps(0.05, 0, 25, 2.0)).isLessThan(limits.dischargeLimitAmps(0.05, 0, 25, 1.0));
    }

    @Test
    void settingsNeverSetAreRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CurrentLimitSettings.builder()
                        .minCellVolts(2.8)
                        .maxCellVolts(4.25)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("horizonSeconds, maxChargeAmps, maxDischargeAmps");
        assertThat(SETTINGS.toBuilder().build()).isEqualTo(SETTINGS);
    }
}
