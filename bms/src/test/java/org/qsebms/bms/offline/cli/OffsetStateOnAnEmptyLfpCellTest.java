package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
                "--out",
                tmp.resolve("offset" + offsetA).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        System.out.println("script 2, offset " + offsetA + " A, offset state: "
                + r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElse(r.out()));
        return SharedDataValidationTest.json(r.out());
    }

    /**
     * Measured 2026-12-06 on main at 22dd3294: offset state +1.891 / +2.417 / +1.941 A (sigma 5-6 mA) with 0 / -50 /
     * +50 mA replayed; coverage 100 / 85.5 / 85.3 %, median bound 2.06-2.22 %.
     */
    @Disabled("known miss (check23u): the offset state learns +1.9..+2.4 A on the empty cell; coverage 85.3 / 85.5 %"
            + " with +50 / -50 mA")
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
