package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.config.PresetCatalog;
import picocli.CommandLine;

class ModelCommandTest {

    private static String run(String... args) {
        StringWriter sw = new StringWriter();
        CommandLine cmd = new CommandLine(new ModelCommand());
        cmd.setOut(new PrintWriter(sw));
        int code = cmd.execute(args);
        assertThat(code).as(sw.toString()).isZero();
        return sw.toString();
    }

    @Test
    void reportJsonPrintsOneArrayOfEveryPointWithTheAgreedKeys() throws Exception {
        JsonNode array = new ObjectMapper().readTree(run("report", "--json"));

        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isGreaterThan(40);
        for (JsonNode p : array) {
            assertThat(p.fieldNames())
                    .toIterable()
                    .containsExactly("table", "electrolyte", "condition", "x", "measured", "model", "unit");
        }
    }

    @Test
    void reportWritesAPlotAndAMarkdownPagePerTableAndPrintsOneLinePerTable(@TempDir Path dir) throws Exception {
        String out = run("report", "--out", dir.toString());

        assertThat(out.lines()).hasSize(7).allSatisfy(l -> assertThat(l).contains("max |error|"));
        assertThat(dir.resolve("li_li_polarization_mV_vs_current_density.png"))
                .exists()
                .isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("li_ncm811_rate_capacity_mAh_per_g.md")))
                .contains("| psoa |");
        assertThat(dir.resolve("index.md")).exists();
    }

    @Test
    void calibrateWritesAPresetThatTheConfigModuleLoads(@TempDir Path dir) {
        Path file = dir.resolve("ptpa-lfp.yaml");

        run("calibrate", "--electrolyte", "PTPA", "--cathode", "LFP", "--out", file.toString());

        ChemistryPreset preset = new PresetCatalog().load(file.toString());
        assertThat(preset.name()).isEqualTo("ptpa-lfp");
        assertThat(preset.limits().anodicLimitVolts()).isEqualTo(5.1);
        assertThat(preset.cell().capacityAh()).isBetween(1.0, 3.0);
    }

    @Test
    void shippedPresetsAreExactlyWhatCalibrationWritesToday() throws Exception {
        var model = org.qsebms.estimators.calibration.PaperCalibration.calibrate(
                org.qsebms.estimators.calibration.PaperData.bundled());
        for (var e : org.qsebms.estimators.model.Electrolyte.values()) {
            for (var c : org.qsebms.estimators.model.Cathode.values()) {
                String name = org.qsebms.estimators.calibration.CalibratedPreset.presetName(e, c);
                String expected =
                        ModelCalibrateCommand.presetText(org.qsebms.estimators.calibration.CalibratedPreset.of(
                                model, e, c, ModelCalibrateCommand.shippedOcv(c)));
                try (var in = PresetCatalog.class.getClassLoader().getResourceAsStream("presets/" + name + ".yaml")) {
                    assertThat(in).as(name).isNotNull();
                    assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                            .as(name)
                            .isEqualTo(expected);
                }
                assertThat(PresetCatalog.SHIPPED).contains(name);
            }
        }
    }

    /**
     * The preset the BMS estimates with and the cell the simulator runs are one cell: every shipped
     * preset carries its cathode's hysteresis, the one {@code QseCell} takes (LFP's; none on NCM811).
     */
    @Test
    void shippedPresetsCarryTheSimulatedCathodesHysteresis() {
        for (var e : org.qsebms.estimators.model.Electrolyte.values()) {
            for (var c : org.qsebms.estimators.model.Cathode.values()) {
                String name = org.qsebms.estimators.calibration.CalibratedPreset.presetName(e, c);
                var h = new PresetCatalog().load(name).hysteresis();
                assertThat(h.magnitudeVolts()).as(name).isEqualTo(c.hysteresisVolts());
                if (c.hasHysteresis()) {
                    assertThat(h.ratePerSoc()).as(name).isEqualTo(c.hysteresisRatePerSoc());
                }
            }
        }
        assertThat(org.qsebms.estimators.model.Cathode.LFP.hasHysteresis()).isTrue();
    }

    @Test
    void simulatePrintsCyclesAndCellStepsPerSecond() {
        String out = run("simulate", "--hours", "200");

        assertThat(out).contains("cycles").containsPattern("M cell-steps/s");
    }
}
