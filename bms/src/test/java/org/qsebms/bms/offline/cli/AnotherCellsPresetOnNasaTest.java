package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The NASA aging cells' discharge files (they carry a soc_ref: the discharged charge over that
 * cycle's measured capacity) replayed with a preset of another cell, as a user without a
 * characterisation of their own cell would: the shipped psoa-ncm811 or the Panasonic NCA preset of the
 * documented recipe, with the cycle's NASA capacity, from SOC 0.7 and scored from the first row (an
 * adversarial check of issue 20, 2026-12-03, {@code check20}). The bound claims what it cannot know:
 * nothing tells the filter its OCV table is another cell's.
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

    @Disabled("known miss, measured 2026-12-03 (check20): coverage 14.0-22.0 % with psoa-ncm811 (RMSE 26.2-28.3 %,"
            + " median bound 8.1-8.4 %) and 31.8-38.6 % with the NCA recipe's preset (RMSE 6.5-9.9 %, median bound"
            + " 4.7-6.2 %) on B0005 discharge 1 / 80 / 168 and B0006 discharge 54; from a perfect start (SOC 1.0)"
            + " B0005 discharge 1 still 20.8 % / 39.6 %. The model-error terms do not grow for an OCV table that is"
            + " another cell's; the innovations (a voltage the table cannot explain) are the only evidence")
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "B0005/discharge_001.csv, psoa-ncm811",
        "B0005/discharge_168.csv, psoa-ncm811",
        "B0006/discharge_054.csv, nca"
    })
    void theBoundHoldsWithAnotherCellsPreset(String file, String preset) throws IOException {
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
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }
}
