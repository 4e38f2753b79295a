package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NASA aging cells' discharge files (they carry a soc_ref: the discharged charge over that
 * cycle's measured capacity) replayed with a preset of another cell, as a user without a
 * characterisation of their own cell would: the shipped psoa-ncm811 or the Panasonic NCA preset of the
 * documented recipe, with the cycle's NASA capacity, from SOC 0.7 and scored from the first row (an
 * adversarial check of issue 20, 2026-12-03, {@code check20}). The filter's preset fit check
 * ({@code PresetFitCheck}) compares the cell's voltage steps at current steps with the preset's.
 */
class AnotherCellsPresetOnNasaTest {
    @TempDir
    Path tmp;

    /** The cycle's NASA capacity, from summary.csv. */
    private static String capacityAh(Path nasa, String file) throws IOException {
        List<String> rows = Files.readAllLines(nasa.resolve("summary.csv"));
        return rows.stream()
                .filter(r -> r.endsWith("," + file))
                .map(r -> r.split(",")[7])
                .findFirst()
                .orElseThrow();
    }

    /**
     * With psoa-ncm811 (a resistance 40 times under the NASA cell's) the voltage steps at the current
     * steps give the preset away: socQuality reads mismatched and the bound falls back to the charge
     * counted from the start. B0005 discharges 1 and 168 were the set the check's constants were chosen
     * on; B0006 discharge 54 was not (docs/estimation.md, "A preset of another cell").
     */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "B0005/discharge_001.csv, psoa-ncm811",
        "B0005/discharge_168.csv, psoa-ncm811",
        "B0006/discharge_054.csv, psoa-ncm811"
    })
    void theBoundHoldsWithAnotherCellsPreset(String file, String preset) throws IOException {
        Map<String, Double> s = replay(file, preset);
        assertThat(s.get("mismatched_pct")).as("socQuality mismatched").isGreaterThan(95.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    /**
     * With the NCA recipe's preset the voltage steps are 1.7-1.9 times the preset's: within the check's
     * limit of 4 (the LFP logs' own preset read 0.27-0.48 then; 0.80-1.33 since {@code lfpratio}), so
     * socQuality stays characterised, but the misfit
     * is carried into the bound as a resistance error ({@code PresetFitCheck.resistanceMisfit}), which a
     * constant-current discharge turns into SOC error. Measured 2026-12-03 ({@code ncapreset}): coverage
     * 100 % on both (median bound 31.2 % on B0006 discharge 54, 25.4 % on B0005 discharge 1); before,
     * 31.8 % and 38.6 %. Nothing was chosen on B0006 (docs/estimation.md, "A preset of another cell").
     */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"B0006/discharge_054.csv, nca", "B0005/discharge_001.csv, nca"})
    void theBoundHoldsWithTheNcaRecipesPreset(String file, String preset) throws IOException {
        assertThat(replay(file, preset).get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    /**
     * A preset of the cell itself does not read mismatched: the documented NCA recipe on the five
     * 25 °C drive logs and the 0 °C US06 log, from SOC 0.7 as {@code LearntOcvDoubtTest}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"25C_US06", "25C_HWFTa", "25C_LA92", "25C_Cycle_1", "25C_Cycle_2", "0C_US06"})
    void theCellsOwnPresetDoesNotReadMismatched(String log) {
        Path pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        Path yaml = DocumentedRecipe.nca(pan, tmp.resolve("nca.yaml"));
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                pan.resolve("pan18650pf_" + log + ".csv").toString(),
                "--preset",
                yaml.toString(),
                "--initial-soc",
                "0.7",
                "--out",
                tmp.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        assertThat(s.get("mismatched_pct"))
                .as("socQuality mismatched on " + log)
                .isZero();
        assertThat(r.out()).doesNotContain("socQuality mismatched");
    }

    private Map<String, Double> replay(String file, String preset) throws IOException {
        Path nasa = SharedDataValidationTest.locateSharedData().resolve("nasa_pcoe_aging_18650");
        String[] which;
        if (preset.equals("nca")) {
            Path pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
            Path yaml = tmp.resolve("nca.yaml");
            DocumentedRecipe.nca(pan, yaml);
            which = new String[] {"--preset", yaml.toString()};
        } else {
            which = new String[] {"--chemistry", preset};
        }
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                nasa.resolve(file).toString(),
                which[0],
                which[1],
                "--capacity-ah",
                capacityAh(nasa, file),
                "--initial-soc",
                "0.7",
                "--convergence-window",
                "0",
                "--out",
                tmp.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        System.out.println(file + " with " + preset + ": " + r.out());
        return SharedDataValidationTest.json(r.out());
    }
}
