package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EquivalentCircuitModelTest {
    private static final OcvCurve OCV =
            new OcvCurve(new double[] {0, 0.5, 1}, new double[] {3.3, 3.7, 4.2}, new double[3]);
    /** R0 and R1 double towards empty, R2 rises by half. */
    private static final ResistanceVsSoc RISING =
            new ResistanceVsSoc(new double[] {0, 0.3, 1}, new double[] {2, 1, 1}, new double[] {1.5, 1, 1});

    private static final EcmParameters CELL = EcmParameters.builder()
            .capacityAh(2.0)
            .r0Ohms(0.02)
            .r1Ohms(0.01)
            .tau1Seconds(2)
            .r2Ohms(0.015)
            .tau2Seconds(40)
            .activationEnergyJPerMol(25000)
            .ocv(OCV)
            .resistance(ResistanceMap.of(RISING))
            .timeConstants(TimeConstantsVsTemperature.NONE)
            .build();

    /**
     * The slow branch's input column (the filters' transition for the state v3) steps the branch as
     * the simulated cell's recursion does, region by region, and is 0 without a branch.
     */
    @Test
    void theSlowBranchsInputColumnStepsTheBranchAsTheRecursion() {
        EquivalentCircuitModel model = new EquivalentCircuitModel(CELL.withSlowPolarisation(
                new SlowPolarisation(300, new double[] {0, 0.5, 1}, new double[] {0.03, 0.01})));
        double f = model.temperatureFactor(10);
        double a3 = model.polarisationDecay(2.0);
        for (double soc : new double[] {0.2, 0.8}) {
            double input = model.polarisationInputOhms(a3, soc, f);
            assertThat(a3 * 0.05 + input * -3.0)
                    .as("v3 after a step at SOC " + soc)
                    .isCloseTo(model.nextPolarisationVolts(0.05, a3, soc, f, -3.0), within(1e-15));
        }
        assertThat(model.polarisationInputOhms(a3, 0.2, f)).isCloseTo((1 - a3) * 0.03 * f, within(1e-15));
        assertThat(new EquivalentCircuitModel(CELL).polarisationInputOhms(1.0, 0.2, f))
                .isZero();
    }

    @Test
    void stepsOfTheRcRecursionAddUpToTheAnalyticStepResponse() {
        EquivalentCircuitModel model = new EquivalentCircuitModel(CELL);
        double celsius = 5;
        double f = model.temperatureFactor(celsius);
        double fast = model.fastFactor(0.6, celsius, f);
        double slow = model.slowFactor(0.6, celsius, f);
        double v1 = 0;
        double v2 = 0;
        for (int k = 0; k < 300; k++) {
            v1 = model.nextFastVolts(v1, model.fastDecay(0.1, celsius), fast, -3.0);
            v2 = model.nextSlowVolts(v2, model.slowDecay(0.1, celsius), slow, -3.0);
        }
        // 30 s of -3 A: R (1 - exp(-t / tau)) I, each resistance at f(T) and its SOC factor
        assertThat(v1).isCloseTo(-3.0 * 0.01 * f * (1 - Math.exp(-30 / 2.0)), within(1e-12));
        assertThat(v2).isCloseTo(-3.0 * 0.015 * f * (1 - Math.exp(-30 / 40.0)), within(1e-12));
        assertThat(f).as("colder: more resistance").isGreaterThan(1.5);
    }

    @Test
    void theCurrentLimitsResistanceIsWhatTheSimulatedCellShowsAfterTheHorizon() {
        EquivalentCircuitModel model = new EquivalentCircuitModel(CELL);
        double celsius = 10;
        double soc = 0.6;
        double amps = -4.0;
        double horizon = 10;
        EquivalentCircuitCell cell = new EquivalentCircuitCell(CELL, soc, celsius);
        for (int k = 0; k < 1000; k++) {
            cell.step(amps, horizon / 1000);
        }
        // the SOC factors are flat above 0.3, so the resistance after the horizon is one number
        double f = model.temperatureFactor(celsius);
        double ohms = model.ohmsAfterHorizon(
                1.0,
                model.fastOhmsCharged(model.fastDecay(horizon, celsius)),
                model.slowOhmsCharged(model.slowDecay(horizon, celsius)),
                1.0,
                1.0,
                f);
        double seen = (cell.terminalVolts() - model.ocvVolts(cell.soc(), celsius)) / amps;
        assertThat(seen).isCloseTo(ohms, within(1e-9));
    }

    @Test
    void theStartFromAVoltageInvertsTheTerminalVoltageAtRestingRcPairs() {
        EquivalentCircuitModel model = new EquivalentCircuitModel(CELL);
        double celsius = 0;
        double f = model.temperatureFactor(celsius);
        double amps = -2.0;
        for (double soc : new double[] {0.05, 0.2, 0.5, 0.9}) {
            double volts = model.terminalVolts(soc, celsius, 0, model.r0Volts(soc, celsius, f, amps), 0, 0);
            double found = model.socFromVolts(volts, amps, celsius, f, 1.0);
            if (soc >= 0.3) {
                // R0's SOC factor is flat here: exact
                assertThat(found).as("SOC %.2f", soc).isCloseTo(soc, within(1e-9));
            } else {
                // R0 taken once more at the first guess's SOC: nearer the truth than the nominal R0's guess
                double nominal = OCV.socAt(volts - 0.02 * f * amps, celsius);
                assertThat(Math.abs(found - soc)).as("SOC %.2f", soc).isLessThan(0.5 * Math.abs(nominal - soc));
            }
        }
    }
}
