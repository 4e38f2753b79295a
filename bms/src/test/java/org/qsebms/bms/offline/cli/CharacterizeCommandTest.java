package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.config.PresetCatalog;
import org.qsebms.config.PresetCodec;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.ResistanceMap;
import org.qsebms.estimators.model.ResistanceVsSoc;
import org.qsebms.estimators.model.TimeConstantsVsTemperature;

class CharacterizeCommandTest {
    @TempDir
    Path tmp;

    static final OcvCurve OCV = new OcvCurve(new double[] {0, 0.5, 1}, new double[] {3.3, 3.7, 4.2}, new double[3]);

    /** Simulated test: slow discharge then slow charge (OCV test), or rested pulses (pulse test). */
    private Path simulated(String name, boolean pulses, double celsius) throws IOException {
        return simulated(name, pulses, celsius, ResistanceVsSoc.FLAT);
    }

    private Path simulated(String name, boolean pulses, double celsius, ResistanceVsSoc bySoc) throws IOException {
        return simulated(name, pulses, celsius, ResistanceMap.of(bySoc));
    }

    private Path simulated(String name, boolean pulses, double celsius, ResistanceMap map) throws IOException {
        return simulated(name, pulses, celsius, map, TimeConstantsVsTemperature.NONE);
    }

    private Path simulated(
            String name, boolean pulses, double celsius, ResistanceMap map, TimeConstantsVsTemperature taus)
            throws IOException {
        return simulated(name, pulses, celsius, map, taus, OCV);
    }

    private Path simulated(
            String name,
            boolean pulses,
            double celsius,
            ResistanceMap map,
            TimeConstantsVsTemperature taus,
            OcvCurve ocv)
            throws IOException {
        EcmParameters truth = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.02)
                .r1Ohms(0.01)
                .tau1Seconds(2)
                .r2Ohms(0.015)
                .tau2Seconds(40)
                .activationEnergyJPerMol(25000)
                .ocv(ocv)
                .resistance(map)
                .timeConstants(taus)
                .build();
        EquivalentCircuitCell cell = new EquivalentCircuitCell(truth, 1.0, celsius);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c,capacity_ah\n");
        double ah = 0;
        // the OCV test: 19 h of C/20 down and 19 h up, in 10 s rows (it was 2 * 3600 * 19 rows of 10 s: 190 h
        // each way, 9.5 capacities through the 2 Ah cell, which the plausibility check now refuses)
        double dt = pulses ? 1.0 : 10.0;
        int steps = pulses ? 20 * 700 : (int) (2 * 3600 * 19 / dt);
        for (int k = 0; k < steps; k++) {
            double amps;
            if (pulses) {
                int phase = k % 700;
                amps = phase >= 300 && phase < 310 ? -4.0 : phase >= 600 && phase < 690 ? -4.0 : 0.0;
            } else {
                amps = k < steps / 2 ? -0.1 : 0.1;
            }
            cell.step(amps, dt);
            ah += amps * dt / 3600;
            b.append(String.format(
                    Locale.ROOT, "%.1f,%.4f,%.5f,%.1f,%.6f%n", k * dt, amps, cell.terminalVolts(), celsius, ah));
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, b);
        return f;
    }

    @Test
    void writesAPresetThatThePresetCatalogLoads() throws IOException {
        Path out = tmp.resolve("cell.yaml");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                simulated("ocv.csv", false, 25).toString(),
                "--pulse-test",
                simulated("p25.csv", true, 25).toString(),
                "--pulse-test",
                simulated("p0.csv", true, 0).toString(),
                "--capacity-ah",
                "2.0",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(tmp.resolve("cell.ocv.csv")).isRegularFile();
        ChemistryPreset preset = new PresetCatalog().load(out.toString());
        assertThat(preset.name()).isEqualTo("cell");
        assertThat(preset.cell().r0Ohms()).isBetween(0.015, 0.025);
        assertThat(preset.cell().activationEnergyJPerMol()).isBetween(15000.0, 35000.0);
        assertThat(preset.cell().ocv().voltsAt(0.5)).isBetween(3.68, 3.72);
        for (double soc = 0.15; soc <= 0.9; soc += 0.05) {
            assertThat(preset.cell().socFactor(soc, 25))
                    .as("R0/R1 factor at SOC %.2f of a cell without one", soc)
                    .isCloseTo(1.0, within(0.1));
            assertThat(preset.cell().slowSocFactor(soc, 25))
                    .as("R2 factor at SOC %.2f of a cell without one", soc)
                    .isCloseTo(1.0, within(0.1));
        }
    }

    @Test
    void learnsHowResistanceRisesTowardsEmpty() throws IOException {
        // the simulated cell's R0 and R1 triple towards empty, its R2 doubles
        ResistanceVsSoc truth = new ResistanceVsSoc(
                new double[] {0.0, 0.15, 0.3, 1.0}, new double[] {3, 1.5, 1, 1}, new double[] {2, 1.3, 1, 1});
        Path out = tmp.resolve("rising.yaml");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                simulated("ocv.csv", false, 25, truth).toString(),
                "--pulse-test",
                simulated("p25.csv", true, 25, truth).toString(),
                "--capacity-ah",
                "2.0",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out)).contains("resistanceVsSoc:");
        EcmParameters learnt = new PresetCatalog().load(out.toString()).cell();
        for (double soc : new double[] {0.5, 0.8}) {
            double fastOhms = (learnt.r0Ohms() + learnt.r1Ohms()) * learnt.socFactor(soc, 25);
            double slowOhms = learnt.r2Ohms() * learnt.slowSocFactor(soc, 25);
            assertThat(fastOhms)
                    .as("R0 + R1 at SOC %.1f", soc)
                    .isCloseTo(0.03 * truth.factorAt(soc), withinPercentage(12));
            assertThat(slowOhms)
                    .as("R2 at SOC %.1f", soc)
                    .isCloseTo(0.015 * truth.slowFactorAt(soc), withinPercentage(12));
        }
        // towards empty the simulated 90 s pulse drains 5 % SOC down the steep end of the table, so each fit
        // averages over that span (a real HPPC pulse is 10 s): there the rise is asserted, not its size
        assertThat(learnt.socFactor(0.1, 25))
                .as("R0/R1 factor at SOC 0.1 over that at 0.5")
                .isGreaterThan(1.6 * learnt.socFactor(0.5, 25));
        assertThat(learnt.socFactor(0.2, 25))
                .as("R0/R1 factor at SOC 0.2 over that at 0.5")
                .isGreaterThan(1.2 * learnt.socFactor(0.5, 25));
        assertThat(learnt.slowSocFactor(0.1, 25))
                .as("R2 factor at SOC 0.1 over that at 0.5")
                .isGreaterThan(1.4 * learnt.slowSocFactor(0.5, 25));
    }

    /**
     * A cell whose resistance rises towards empty three times as steeply at 0 °C as at 25 °C, and
     * whose diffusion time constant is 60 s at 0 °C against 40 s at 25 °C: one activation energy
     * cannot hold that, the per-temperature tables do, and the preset written holds both tables and
     * the time constants and loads back.
     */
    @Test
    void learnsAColdCellsSteeperRiseTowardsEmptyFromItsColdPulseTest() throws IOException {
        ResistanceMap truth = new ResistanceMap(
                new double[] {0, 25},
                java.util.List.of(
                        new ResistanceVsSoc(
                                new double[] {0.0, 0.15, 0.3, 1.0},
                                new double[] {8, 4, 1, 1},
                                new double[] {4, 2.5, 1, 1}),
                        new ResistanceVsSoc(
                                new double[] {0.0, 0.15, 0.3, 1.0},
                                new double[] {3, 1.5, 1, 1},
                                new double[] {2, 1.3, 1, 1})));
        TimeConstantsVsTemperature taus =
                new TimeConstantsVsTemperature(new double[] {0, 25}, new double[] {3, 2}, new double[] {60, 40});
        Path out = tmp.resolve("cold.yaml");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                simulated("ocv.csv", false, 25).toString(),
                "--pulse-test",
                simulated("p25.csv", true, 25, truth, taus).toString(),
                "--pulse-test",
                simulated("p0.csv", true, 0, truth, taus).toString(),
                "--capacity-ah",
                "2.0",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out))
                .contains("    - celsius: 0.0", "    - celsius: 25.0", "timeConstantsVsTemperature:");
        EcmParameters learnt = new PresetCatalog().load(out.toString()).cell();
        assertThat(learnt.resistance().dependsOnTemperature()).isTrue();
        // the preset codec reads what characterize wrote and writes it back to the same loaded values
        PresetCodec codec = new PresetCodec();
        Path again = tmp.resolve("cold-again.yaml");
        codec.write(again, codec.read(out.toString()), java.util.List.of(), java.util.List.of());
        assertThat(new PresetCatalog().load(again.toString()))
                .usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(new PresetCatalog().load(out.toString()));
        EcmParameters truthCell = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.02)
                .r1Ohms(0.01)
                .tau1Seconds(2)
                .r2Ohms(0.015)
                .tau2Seconds(40)
                .activationEnergyJPerMol(25000)
                .ocv(OCV)
                .resistance(truth)
                .timeConstants(taus)
                .build();
        assertThat(learnt.tau2SecondsAt(0)).as("tau2 at 0 °C").isCloseTo(60, withinPercentage(15));
        assertThat(learnt.tau2SecondsAt(25)).as("tau2 at 25 °C").isCloseTo(40, withinPercentage(15));
        for (double celsius : new double[] {0, 25}) {
            for (double soc : new double[] {0.5, 0.8}) {
                double fast = (learnt.r0Ohms() + learnt.r1Ohms())
                        * learnt.resistanceFactor(celsius)
                        * learnt.socFactor(soc, celsius);
                double trueFast = 0.03 * truthCell.resistanceFactor(celsius) * truthCell.socFactor(soc, celsius);
                assertThat(fast)
                        .as("R0 + R1 at SOC %.1f and %.0f °C", soc, celsius)
                        .isCloseTo(trueFast, withinPercentage(12));
            }
        }
        // the rise towards empty, relative to mid-SOC: about 3 at 0 °C, 1.33 at 25 °C at SOC 0.2
        double coldRise = learnt.socFactor(0.2, 0) / learnt.socFactor(0.5, 0);
        double warmRise = learnt.socFactor(0.2, 25) / learnt.socFactor(0.5, 25);
        assertThat(coldRise).as("R0/R1 rise from SOC 0.5 to 0.2 at 0 °C").isGreaterThan(2.2);
        assertThat(warmRise).as("R0/R1 rise from SOC 0.5 to 0.2 at 25 °C").isLessThan(1.8);
        // between the tested temperatures the rise lies between theirs
        double midRise = learnt.socFactor(0.2, 12.5) / learnt.socFactor(0.5, 12.5);
        assertThat(midRise).isBetween(warmRise, coldRise);
    }

    /**
     * OCV tests at 0 and 25 °C of a cell whose OCV moves with temperature (dU/dT +0.4, -0.2 and
     * +0.3 mV/K at SOC 0, 0.5 and 1): the two are not pooled into one curve; the preset holds the
     * 25 °C curve, the fitted dU/dT and the span it was fitted over, and so gives the cell's OCV
     * between 0 and 25 °C, and the nearer test temperature's outside.
     */
    @Test
    void learnsHowTheOcvMovesWithTemperatureFromOcvTestsAtTwoTemperatures() throws IOException {
        OcvCurve truth = new OcvCurve(
                new double[] {0, 0.5, 1}, new double[] {3.3, 3.7, 4.2}, new double[] {0.0004, -0.0002, 0.0003});
        Path out = tmp.resolve("entropic.yaml");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                simulated("ocv25.csv", false, 25, ResistanceMap.FLAT, TimeConstantsVsTemperature.NONE, truth)
                        .toString(),
                "--ocv-test",
                simulated("ocv0.csv", false, 0, ResistanceMap.FLAT, TimeConstantsVsTemperature.NONE, truth)
                        .toString(),
                "--pulse-test",
                simulated("p25.csv", true, 25).toString(),
                "--pulse-test",
                simulated("p0.csv", true, 0).toString(),
                "--capacity-ah",
                "2.0",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("OCV against temperature: dU/dT fitted over SOC");
        OcvCurve learnt = new PresetCatalog().load(out.toString()).cell().ocv();
        for (double soc = 0.1; soc <= 0.91; soc += 0.1) {
            for (double celsius : new double[] {0, 10, 25}) {
                assertThat(learnt.voltsAt(soc, celsius))
                        .as("OCV at SOC %.1f and %.0f °C", soc, celsius)
                        .isCloseTo(truth.voltsAt(soc, celsius), within(0.003));
            }
            // beyond the tests' temperatures the coefficient is not extrapolated
            assertThat(learnt.voltsAt(soc, 45))
                    .as("OCV at SOC %.1f and 45 °C", soc)
                    .isEqualTo(learnt.voltsAt(soc, 25));
            assertThat(learnt.voltsAt(soc, -20))
                    .as("OCV at SOC %.1f and -20 °C", soc)
                    .isEqualTo(learnt.voltsAt(soc, 0));
        }
        assertThat(Files.readString(out))
                .contains("  ocvTemperatureSpan:\n    minCelsius: 0.0\n    maxCelsius: 25.0\n");
        assertThat(1000 * learnt.entropicVoltsPerKAt(0.5))
                .as("dU/dT at SOC 0.5, mV/K")
                .isCloseTo(-0.2, within(0.05));

        // one temperature: no coefficient, as before
        Path single = tmp.resolve("single.yaml");
        assertThat(SharedDataValidationTest.run(
                                new CharacterizeCommand(),
                                "--ocv-test",
                                tmp.resolve("ocv25.csv").toString(),
                                "--pulse-test",
                                tmp.resolve("p25.csv").toString(),
                                "--capacity-ah",
                                "2.0",
                                "--out",
                                single.toString())
                        .exit())
                .isZero();
        OcvCurve one = new PresetCatalog().load(single.toString()).cell().ocv();
        assertThat(one.voltsAt(0.5, 0)).isEqualTo(one.voltsAt(0.5, 25));
    }

    @Test
    void warnsWhenAPulseTestHoldsOnlyOnePulse() throws IOException {
        EcmParameters truth = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.02)
                .r1Ohms(0.01)
                .tau1Seconds(2)
                .r2Ohms(0.015)
                .tau2Seconds(40)
                .activationEnergyJPerMol(25000)
                .ocv(OCV)
                .build();
        EquivalentCircuitCell cell = new EquivalentCircuitCell(truth, 0.8, 25);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c,capacity_ah\n");
        double ah = 0;
        for (int k = 0; k < 1000; k++) {
            double amps = k >= 300 && k < 360 ? -4.0 : 0.0;
            cell.step(amps, 1.0);
            ah += amps / 3600;
            b.append(String.format(Locale.ROOT, "%d,%.4f,%.5f,25.0,%.6f%n", k, amps, cell.terminalVolts(), ah));
        }
        Path onePulse = Files.writeString(tmp.resolve("one-pulse.csv"), b);
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                simulated("ocv.csv", false, 25).toString(),
                "--pulse-test",
                onePulse.toString(),
                "--capacity-ah",
                "2.0",
                "--out",
                tmp.resolve("one.yaml").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("WARNING one-pulse.csv: only 1 pulse(s) after a rest")
                .contains("Give an HPPC test");
        assertThat(Files.readString(tmp.resolve("one.yaml"))).contains("# WARNING one-pulse.csv: only 1 pulse(s)");
    }

    /**
     * With pulse tests at one temperature nothing fits the activation energy: the preset gets the
     * base preset's temperature law, never a silent zero, and says it is an assumption (issue 20),
     * or the one the user gives.
     */
    @Test
    void oneTemperatureTakesTheGivenActivationEnergyOrTheBasePresetsAsAnAssumption() throws IOException {
        Path ocv = simulated("ocv.csv", false, 25);
        Path pulses = simulated("p25.csv", true, 25);
        SharedDataValidationTest.Result without = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                ocv.toString(),
                "--pulse-test",
                pulses.toString(),
                "--capacity-ah",
                "2.0",
                "--out",
                tmp.resolve("no-ea.yaml").toString());
        assertThat(without.exit()).as(without.err()).isZero();
        double baseEa = new PresetCatalog().load("psoa-ncm811").cell().activationEnergyJPerMol();
        assertThat(without.out())
                .contains("ASSUMPTION one temperature only (25.0 °C): activation energy " + Math.round(baseEa)
                        + " J/mol taken from the base preset 'psoa-ncm811'")
                .contains("ASSUMPTION: Ea");
        EcmParameters assumed =
                new PresetCatalog().load(tmp.resolve("no-ea.yaml").toString()).cell();
        assertThat(assumed.activationEnergyJPerMol()).isCloseTo(baseEa, within(0.5));
        assertThat(assumed.resistanceFactor(0)).isGreaterThan(1.5);
        assertThat(Files.readString(tmp.resolve("no-ea.yaml")))
                .contains(
                        "activationEnergySource: \"assumed: base preset 'psoa-ncm811' (pulse tests at 25.0 °C only)\"");

        SharedDataValidationTest.Result given = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                ocv.toString(),
                "--pulse-test",
                pulses.toString(),
                "--capacity-ah",
                "2.0",
                "--activation-energy",
                "25000",
                "--out",
                tmp.resolve("ea.yaml").toString());
        assertThat(given.exit()).as(given.err()).isZero();
        assertThat(given.out())
                .contains("activation energy 25000 J/mol taken from the --activation-energy option")
                .doesNotContain("WARNING one temperature");
        EcmParameters learnt =
                new PresetCatalog().load(tmp.resolve("ea.yaml").toString()).cell();
        assertThat(learnt.activationEnergyJPerMol()).isEqualTo(25000);
        // the simulated truth has 25000 J/mol too: its resistances at 25 °C are learnt as before
        assertThat(learnt.r0Ohms() + learnt.r1Ohms()).isCloseTo(0.03, withinPercentage(12));

        SharedDataValidationTest.Result bad = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                ocv.toString(),
                "--pulse-test",
                pulses.toString(),
                "--capacity-ah",
                "2.0",
                "--activation-energy",
                "-5",
                "--out",
                tmp.resolve("bad.yaml").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--activation-energy: -5.0 J/mol is outside 0..200000");
    }

    @Test
    void namesLineAndColumnOfABadPulseFile() throws IOException {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "time_s,current_a,voltage_v,temperature_c\n0,0,3.7,25\n1,abc,3.7,25\n");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                bad.toString(),
                "--pulse-test",
                bad.toString(),
                "--capacity-ah",
                "2",
                "--out",
                tmp.resolve("x.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv line 3, column 2 (current_a): 'abc' is not a finite number");
    }

    @Test
    void explainsWhenAPulseFileHasNoPulse() throws IOException {
        Path flat = tmp.resolve("flat.csv");
        Files.writeString(flat, "time_s,current_a,voltage_v,temperature_c,capacity_ah\n0,0,3.7,25,0\n1,0,3.7,25,0\n");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                flat.toString(),
                "--pulse-test",
                flat.toString(),
                "--capacity-ah",
                "2",
                "--out",
                tmp.resolve("x.yaml").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("flat.csv: no current pulse after a rest was found");
    }
}
