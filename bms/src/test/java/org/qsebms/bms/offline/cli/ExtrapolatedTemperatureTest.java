package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.calibration.CalibratedPreset;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.QseCell;
import org.qsebms.estimators.model.QseCellParameters;

/**
 * A cell characterised at one temperature and used far from it (issue 20, item 1): the
 * characterizer takes the base preset's temperature law and says it is an assumption, and the SOC
 * filter reports the SOC as extrapolated there and keeps the truth inside its 3-sigma bound on at
 * least 95 % of the rows: on the simulated QSE cell at -20 °C (truth known), on the Panasonic NCA
 * cell characterised from its 25 °C files only and replayed at 0 °C, and on the A123 LFP cell
 * characterised at 25 °C and replayed at 5 °C.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtrapolatedTemperatureTest {
    @TempDir
    Path tmp;

    private QseCellParameters qse;

    @BeforeAll
    void qseCell() {
        ChemistryPreset preset = new PresetCatalog().load("psoa-ncm811");
        qse = QseCellParameters.of(
                PaperCalibration.calibrate(PaperData.bundled()).laws(Electrolyte.PSOA),
                Cathode.NCM811,
                CalibratedPreset.referencePouch(Cathode.NCM811),
                preset.cell().ocv());
    }

    /** Writes rows of the simulated QSE cell, driven by {@code amps(k)}, at {@code dt} s per row. */
    private Path simulate(
            String name,
            double startSoc,
            double ambientCelsius,
            int rows,
            double dt,
            java.util.function.IntToDoubleFunction amps)
            throws IOException {
        QseCell cell = new QseCell(qse, startSoc, ambientCelsius);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c,soc_ref\n");
        for (int k = 0; k < rows; k++) {
            double a = amps.applyAsDouble(k);
            cell.step(a, dt);
            b.append(String.format(
                    Locale.ROOT,
                    "%.1f,%.5f,%.5f,%.3f,%.6f%n",
                    k * dt,
                    a,
                    cell.terminalVolts(),
                    cell.celsius(),
                    cell.soc()));
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, b);
        return f;
    }

    /** 25 °C tests of the simulated cell: a C/20 discharge and charge, and HPPC pulses every 10 % SOC. */
    private Path characterisedAt25() throws IOException {
        return characterisedAt(25);
    }

    /**
     * Tests of the simulated cell at one ambient temperature: a C/20 discharge and charge, and HPPC
     * pulses every 10 % SOC.
     */
    private Path characterisedAt(double ambientCelsius) throws IOException {
        double oneC = qse.capacityAh();
        int half = 20 * 360;
        String at = String.valueOf((int) ambientCelsius);
        Path ocv = simulate(
                "qse-ocv" + at + ".csv", 1.0, ambientCelsius, 2 * half, 10, k -> k < half ? -oneC / 20 : oneC / 20);
        // per level: 30 min rest, 30 s 1 C discharge, 5 min rest, 30 s 0.75 C charge, 5 min rest, 6 min 1 C discharge
        int level = 1800 + 30 + 300 + 30 + 300 + 360;
        Path hppc = simulate("qse-hppc" + at + ".csv", 1.0, ambientCelsius, 9 * level, 1, k -> {
            int p = k % level;
            return p < 1800 ? 0 : p < 1830 ? -oneC : p < 2130 ? 0 : p < 2160 ? 0.75 * oneC : p < 2460 ? 0 : -oneC;
        });
        Path preset = tmp.resolve("qse" + at + ".yaml");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                ocv.toString(),
                "--pulse-test",
                hppc.toString(),
                "--capacity-ah",
                String.valueOf(oneC),
                "--base-preset",
                "psoa-ncm811",
                "--out",
                preset.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return preset;
    }

    @Test
    void oneTemperatureTakesTheBasePresetsLawAndSaysItIsAnAssumption() throws IOException {
        Path preset = characterisedAt25();
        String yaml = Files.readString(preset);
        double basePresetEa = new PresetCatalog().load("psoa-ncm811").cell().activationEnergyJPerMol();
        assertThat(basePresetEa).isPositive();
        assertThat(new PresetCatalog().load(preset.toString()).cell().activationEnergyJPerMol())
                .isCloseTo(basePresetEa, org.assertj.core.api.Assertions.within(0.5));
        assertThat(yaml)
                .contains(
                        "activationEnergySource: \"assumed: base preset 'psoa-ncm811'",
                        "characterisedTemperatureSpan:\n    minCelsius: 2",
                        "# ASSUMPTION one temperature only");
    }

    @Test
    void simulatedQseCellAtMinusTwentyIsExtrapolatedAndStaysInsideItsBound() throws IOException {
        Path preset = characterisedAt25();
        double oneC = qse.capacityAh();
        // a 2.5 h drive from 95 % to about 10 % SOC at -20 °C ambient: 40 s at C/2, 10 s at 1 C, 10 s of C/4
        // regeneration, 20 s rest
        Path drive = simulate("qse-cold-drive.csv", 0.95, -20, 9000, 1, k -> {
            int p = k % 80;
            return p < 40 ? -0.5 * oneC : p < 50 ? -oneC : p < 60 ? 0.25 * oneC : 0;
        });
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                drive.toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.65",
                "--out",
                tmp.resolve("cold").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        assertThat(s.get("extrapolated_pct")).as("socQuality extrapolated").isGreaterThan(99.0);
        assertThat(s.get("bound_3sigma_coverage_pct"))
                .as("coverage at -20 °C of a 25 °C model")
                .isGreaterThanOrEqualTo(95.0);
    }

    /**
     * The simulated QSE cell characterised at one temperature and driven at another, in the
     * directions the shared data cannot give (an adversarial check of issue 20 item 1, 2026-12-03,
     * {@code check20}): characterised at 25 °C and driven hot (+45 °C), and characterised cold
     * (-20 °C) and driven at 25 °C. The drive is the -20 °C test's, unchanged.
     */
    @ParameterizedTest(name = "characterised at {0} °C, driven at {1} °C")
    @org.junit.jupiter.params.provider.CsvSource({"25, 45", "-20, 25"})
    void simulatedQseCellElsewhereIsExtrapolatedAndStaysInsideItsBound(double characterisedAt, double drivenAt)
            throws IOException {
        Path preset = characterisedAt(characterisedAt);
        double oneC = qse.capacityAh();
        Path drive = simulate("qse-drive" + (int) drivenAt + ".csv", 0.95, drivenAt, 9000, 1, k -> {
            int p = k % 80;
            return p < 40 ? -0.5 * oneC : p < 50 ? -oneC : p < 60 ? 0.25 * oneC : 0;
        });
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                drive.toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.65",
                "--out",
                tmp.resolve("elsewhere" + (int) drivenAt).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        System.out.println(
                "QSE characterised at " + characterisedAt + " °C, driven at " + drivenAt + " °C: " + r.out());
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        assertThat(s.get("extrapolated_pct")).as("socQuality extrapolated").isGreaterThan(99.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).as("coverage").isGreaterThanOrEqualTo(95.0);
    }

    /**
     * The shared cells characterised at a temperature other than 25 °C and replayed elsewhere (an
     * adversarial check of issue 20 item 1, 2026-12-03, {@code check20}): the NCA cell from its 0 °C HPPC
     * alone, replayed at 25 °C; the A123 cell with its 5 °C or 45 °C dynamic log as the pulse test (its
     * OCV tests exist at 25 °C only), replayed at the far end. Measured: RMSE 0.82 / 4.71 / 2.77 %,
     * coverage 100 % in all three, extrapolated on 100 % of the rows.
     */
    @ParameterizedTest(name = "{0} pulse test at {1}, replayed on {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "nca, pan18650pf_0C_HPPC_native.csv, pan18650pf_25C_US06.csv",
        "lfp, a123_lfp_5C_script1_dyn.csv, a123_lfp_45C_script1_dyn.csv",
        "lfp, a123_lfp_45C_script1_dyn.csv, a123_lfp_5C_script1_dyn.csv"
    })
    void anotherSingleTemperatureKeepsCoverageFarFromIt(String cell, String pulseTest, String log) {
        Path data = SharedDataValidationTest.locateSharedData();
        Path dir = data.resolve(cell.equals("nca") ? "panasonic_18650pf_nca" : "a123_lfp_plett");
        Path preset = tmp.resolve(cell + "-" + pulseTest + ".yaml");
        java.util.List<String> args = new java.util.ArrayList<>();
        if (cell.equals("nca")) {
            args.addAll(java.util.List.of("--ocv-test", dir.resolve(pulseTest).toString(), "--capacity-ah", "2.9"));
        } else {
            for (int s = 1; s <= 4; s++) {
                args.addAll(java.util.List.of(
                        "--ocv-test",
                        dir.resolve("a123_lfp_25C_ocvtest_S" + s + ".csv").toString()));
            }
            args.addAll(java.util.List.of("--capacity-ah", "2.05", "--base-preset", "psoa-lfp"));
        }
        args.addAll(java.util.List.of("--pulse-test", dir.resolve(pulseTest).toString(), "--out", preset.toString()));
        SharedDataValidationTest.Result c =
                SharedDataValidationTest.run(new CharacterizeCommand(), args.toArray(String[]::new));
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("ASSUMPTION");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                dir.resolve(log).toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--out",
                tmp.resolve("other-" + pulseTest + "-" + log).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        System.out.println(pulseTest + " -> " + log + ": " + r.out());
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        assertThat(s.get("extrapolated_pct")).isGreaterThan(99.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pan18650pf_0C_US06.csv", "pan18650pf_0C_LA92.csv", "pan18650pf_0C_Cycle_1.csv"})
    void ncaCharacterisedAt25OnlyKeepsCoverageAtZero(String cycle) {
        Path data = SharedDataValidationTest.locateSharedData();
        Path pan = data.resolve("panasonic_18650pf_nca");
        Path preset = tmp.resolve("nca25.yaml");
        if (!Files.exists(preset)) {
            SharedDataValidationTest.Result c = SharedDataValidationTest.run(
                    new CharacterizeCommand(),
                    "--ocv-test",
                    pan.resolve("pan18650pf_25C_C20_OCV_native.csv").toString(),
                    "--ocv-test",
                    pan.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                    "--pulse-test",
                    pan.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                    "--capacity-ah",
                    "2.9",
                    "--out",
                    preset.toString());
            assertThat(c.exit()).as(c.err()).isZero();
            assertThat(c.out()).contains("ASSUMPTION");
        }
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                pan.resolve(cycle).toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--out",
                tmp.resolve("nca25-" + cycle).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        assertThat(s.get("extrapolated_pct")).isGreaterThan(99.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void ncaWithAForcedZeroActivationEnergyKeepsCoverageAtZero() {
        Path pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        Path preset = tmp.resolve("nca25ea0.yaml");
        SharedDataValidationTest.Result c = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                pan.resolve("pan18650pf_25C_C20_OCV_native.csv").toString(),
                "--ocv-test",
                pan.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                "--pulse-test",
                pan.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                "--capacity-ah",
                "2.9",
                "--activation-energy",
                "0",
                "--out",
                preset.toString());
        assertThat(c.exit()).as(c.err()).isZero();
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                pan.resolve("pan18650pf_0C_US06.csv").toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--out",
                tmp.resolve("nca25ea0").toString());
        assertThat(SharedDataValidationTest.json(r.out()).get("bound_3sigma_coverage_pct"))
                .isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void lfpCharacterisedAt25KeepsCoverageAtFive() {
        Path a123 = SharedDataValidationTest.locateSharedData().resolve("a123_lfp_plett");
        Path preset = tmp.resolve("lfp25.yaml");
        SharedDataValidationTest.Result c = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                DocumentedRecipe.lfpArguments(a123, preset).toArray(String[]::new));
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("ASSUMPTION");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                a123.resolve("a123_lfp_5C_script1_dyn.csv").toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--out",
                tmp.resolve("lfp5").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        assertThat(s.get("extrapolated_pct")).isGreaterThan(99.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }
}
