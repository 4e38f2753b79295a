package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A capacity 10 % off (check20z, 2026-12-06): the 25 °C HWFTa drive replayed with the documented recipe's preset
 * (LA92 and Cycle_1 as slow-polarisation logs, 2.9 Ah) and {@code --capacity-ah 2.61} or {@code 3.19}. Either is
 * inside the range a cell of the preset's kind can hold (an aged one), so it is not refused. Before, the filter
 * held the capacity given as exact: RMSE 3.74 % with the bound covering 47.8 % of the rows (3.19: 2.81 %, 65.9
 * %). The capacity given departs from the one the preset's own tests measured, and the bound now carries that
 * departure as the limit of a capacity error ({@code CapacityDoubt}, {@code CapacityConsider}): coverage holds.
 * The RMSE target (1 %) is still missed: the estimate does not learn the capacity (docs/estimation.md, "A
 * capacity the filter is not sure of").
 */
class CapacityTenPercentOffTest {
    @TempDir
    static Path tmp;

    private static Path preset;
    private static Path pan;

    @BeforeAll
    static void characterise() {
        pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        preset = DocumentedRecipe.nca(pan, tmp.resolve("slow.yaml"), "LA92", "Cycle_1");
    }

    private static SharedDataValidationTest.Result replay(String capacityAh, String... more) {
        List<String> args = new ArrayList<>(List.of(
                pan.resolve("pan18650pf_25C_HWFTa.csv").toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--capacity-ah",
                capacityAh,
                "--out",
                tmp.resolve("out-" + capacityAh + "-" + more.length).toString()));
        args.addAll(List.of(more));
        return SharedDataValidationTest.run(new ReplayCommand(), args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "--capacity-ah {0}")
    @ValueSource(strings = {"2.61", "3.19"})
    void theBoundCoversACapacityThatDepartsFromThePresets(String capacityAh) {
        SharedDataValidationTest.Result r = replay(capacityAh);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("note: --capacity-ah " + capacityAh + " is 10.0 % from the 2.9 Ah preset");
        Map<String, Double> m = SharedDataValidationTest.json(r.out());
        System.out.printf(
                "HWFTa --capacity-ah %s: RMSE %.2f %%, coverage %.1f %%, median bound %.2f %%%n",
                capacityAh,
                m.get("soc_rmse_pct"),
                m.get("bound_3sigma_coverage_pct"),
                m.get("bound_3sigma_median_pct"));
        assertThat(m.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    /** Stated as measured on this cell ({@code --capacity-error-limit 0}), the capacity is held exact, as before. */
    @Test
    void aCapacityStatedExactIsHeldExact() {
        SharedDataValidationTest.Result r = replay("2.61", "--capacity-error-limit", "0");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("note: --capacity-ah");
        Map<String, Double> m = SharedDataValidationTest.json(r.out());
        assertThat(m.get("bound_3sigma_coverage_pct")).isLessThan(95.0);
    }

    @Test
    void aLimitThatIsNoFractionIsRefused() {
        SharedDataValidationTest.Result r = replay("2.61", "--capacity-error-limit", "10");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("--capacity-error-limit: 10.0 is not a fraction of the capacity in 0..1")
                .contains("give 0.05 for a capacity known within 5 %");
    }

    @Test
    @Disabled("known miss, check20z 2026-12-06: RMSE 3.74 % (target 1 %); the filter does not learn the capacity")
    void aCapacityTenPercentLowStillMeetsTheRmseTarget() {
        SharedDataValidationTest.Result r = replay("2.61");
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> m = SharedDataValidationTest.json(r.out());
        assertThat(m.get("soc_rmse_pct")).isLessThanOrEqualTo(1.0);
    }
}
