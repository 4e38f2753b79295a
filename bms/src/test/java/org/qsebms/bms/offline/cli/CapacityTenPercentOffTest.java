package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A known miss (check20z, 2026-12-06): a capacity 10 % below the cell's is inside the range a cell of the
 * preset's kind can hold (an aged one), so it is not refused, and the filter then holds it fixed with no
 * doubt about it in the bound: the 25 °C HWFTa drive replayed with the documented recipe's preset (LA92
 * and Cycle_1 as slow-polarisation logs) and {@code --capacity-ah 2.61} gave RMSE 3.74 % with the bound
 * covering 47.8 % of the rows (issue 20's targets: RMSE at most 1 %, coverage at least 95 %).
 * {@code EkfAdaptation.resistanceAndCapacity()} learns the capacity but soaks up OCV bias on real data
 * (its javadoc); docs/estimation.md, "Known misses".
 */
class CapacityTenPercentOffTest {
    @TempDir
    Path tmp;

    @Test
    @Disabled("known miss, check20z 2026-12-06: RMSE 3.74 %, coverage 47.8 % (targets 1 %, 95 %)")
    void aCapacityTenPercentLowStillMeetsTheTargets() {
        Path pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        Path preset = DocumentedRecipe.nca(pan, tmp.resolve("slow.yaml"), "LA92", "Cycle_1");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                pan.resolve("pan18650pf_25C_HWFTa.csv").toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--capacity-ah",
                "2.61",
                "--out",
                tmp.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> m = SharedDataValidationTest.json(r.out());
        assertThat(m.get("soc_rmse_pct")).isLessThanOrEqualTo(1.0);
        assertThat(m.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }
}
