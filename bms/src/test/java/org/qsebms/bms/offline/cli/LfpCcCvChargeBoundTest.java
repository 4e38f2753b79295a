package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A123 LFP cell's 25 °C CC-CV charge from empty (script 3: 0.77 A to 3.6 V, then a 3.4 h hold), replayed with
 * the documented LFP recipe's preset from the SOC its first voltage gives (issue 20's independent check,
 * 2026-12-06). The bound misses in two places, both known and not fixed (docs/estimation.md, "The LFP CC-CV charge
 * from empty: two places the bound closes on a model error"): right after empty the voltage, far below anything the
 * model has, holds the estimate at 0 while 2 % of charge goes in and then closes the bound on the steep bottom knee
 * with the estimate 3 % low; across the CV hold the model reads the held 3.6 V as the top of the OCV (estimate
 * 0.998-1.000) while 1.6 % of charge is still to go in. The hold is met since 2026-12-07 (fix20m, both filters): the
 * recipe learns the top knee's excess under charge from the OCV tests S3 and S4 and the filters consider it in their
 * gain; near empty is still a known miss.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LfpCcCvChargeBoundTest {
    private Path a123;
    private Path preset;
    private Path out;
    private Map<String, Double> summary;
    private List<String[]> rows;

    @BeforeAll
    void replay(@TempDir Path dir) throws IOException {
        a123 = SharedDataValidationTest.locateSharedData().resolve("a123_lfp_plett");
        preset = DocumentedRecipe.lfp(a123, dir.resolve("lfp.yaml"));
        out = dir.resolve("script3");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                a123.resolve("a123_lfp_25C_script3_cccv_charge.csv").toString(),
                "--preset",
                preset.toString(),
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        summary = SharedDataValidationTest.json(r.out());
        rows = Files.readAllLines(out.resolve("replay.csv")).stream()
                .skip(1)
                .map(l -> l.split(","))
                .toList();
    }

    /** Coverage (%) over the rows after the 600 s window whose soc_ref lies in [lo, hi]. */
    private double coverage(double lo, double hi) {
        return coverage(rows, lo, hi);
    }

    private static double coverage(List<String[]> rows, double lo, double hi) {
        double t0 = Double.parseDouble(rows.get(0)[0]);
        int n = 0;
        int in = 0;
        for (String[] c : rows) {
            double t = Double.parseDouble(c[0]);
            double ref = Double.parseDouble(c[6]);
            if (t - t0 < 600 || ref < lo || ref > hi) {
                continue;
            }
            n++;
            in += Math.abs(Double.parseDouble(c[1]) - ref) <= Double.parseDouble(c[2]) ? 1 : 0;
        }
        assertThat(n).isPositive();
        return 100.0 * in / n;
    }

    /**
     * Measured 2026-12-06 (fix20b): 87.1 % of the rows, RMSE 1.59 %, median bound 0.68 %; re-measured on fix20g (the
     * EKF's secant at the clamp): 87.8 %, RMSE 1.31 %, median bound 0.68 %. Re-measured 2026-12-07 (fix20l, main at
     * c8902fe8): 87.8 %. A slow branch learnt for the recipe from script 1 meets it with the EKF only (100 %, RMSE
     * 2.17 %; the SPKF 70.6 %, RMSE 52 %): not kept (docs/estimation.md, fix20l). Met 2026-12-07 (fix20m) by the top
     * knee's excess under charge, learnt by the recipe from the OCV tests S3 and S4 and considered in the gain
     * ({@code TopKneeChargeConsider}): 99.1 %, RMSE 1.30 %, median bound 1.46 %.
     */
    @Test
    void theBoundCoversTheWholeCharge() {
        assertThat(summary.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    /**
     * Measured 2026-12-06 (fix20b): of the 367 rows with soc_ref 0-0.10 after the window none is covered (error
     * 2.9-3.1 % low, bound 0.95-2.8 %). Re-measured on fix20g: 167 of them, 45.5 % (error 2.3-2.5 % low, bound
     * 1.5-3.7 %): the bound reopens out of the clamp and closes again on the knee before the estimate catches up.
     * Traced on fix20j (the EKF's correction, every sample): the first correction is at the clamp (the secant, 1.15 V
     * per unit SOC); from the second on the prediction has counted the estimate to 1e-4, off the clamp, so the end
     * segment's tangent (19.7 V per unit SOC) closes the SOC variance from 0.04 to 2e-5 within three samples while the
     * voltage stays 0.12-0.16 V under the model for 200 s (taken by the RC states, the R0 scale at its floor 0.333
     * and covariance matching; no sample gated). Extending the secant to the end segment: 13.1 % (not kept).
     * Re-measured 2026-12-07 (fix20l, main at c8902fe8): 45.5 % of 367 rows.
     */
    @Disabled("known miss, measured 2026-12-07: 45.5 % (docs/estimation.md, \"The LFP CC-CV charge from empty\")")
    @Test
    void theBoundCoversTheChargeOutOfEmpty() {
        assertThat(coverage(0.0, 0.10)).isGreaterThanOrEqualTo(95.0);
    }

    /**
     * Measured 2026-12-06 (fix20b): of the 12299 rows with soc_ref 0.98-1 (the CV hold) 81.1 % are covered (error
     * up to 1.4 % high, bound 0.68-1.0 %); on fix20g 80.5 % (error up to 1.4 % high). Re-measured 2026-12-07
     * (fix20l, main at c8902fe8): 80.5 % of 12299. The error's voltage (80-140 mV over the OCV and the model's drop
     * at C/28) is measurable without this log: 88 mV at the end of the OCV test's C/30 charge (S3, SOC from S4's
     * top-off); an OCV doubt of 54.5 mV in 0.9-1.0 set by hand from it covers the hold in both filters (100 %) but
     * is not kept (docs/estimation.md, fix20l). Met 2026-12-07 (fix20m) by that excess learnt by the recipe from S3
     * and S4 and considered in the gain while the cell charges at the top knee: 100 % of 12299.
     */
    @Test
    void theBoundCoversTheConstantVoltageHold() {
        assertThat(coverage(0.98, 1.0)).isGreaterThanOrEqualTo(95.0);
    }

    /**
     * The same log through the SPKF, which takes the top knee's excess into its gain as the EKF does (fix20m: every
     * row 87.1 to 98.0 %, the hold 81.0 to 100 %; near empty stays at 0 %, the miss above).
     */
    @Test
    void theSpkfBoundCoversTheWholeChargeAndTheHold(@TempDir Path dir) throws IOException {
        Path spkf = dir.resolve("spkf");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                a123.resolve("a123_lfp_25C_script3_cccv_charge.csv").toString(),
                "--preset",
                preset.toString(),
                "--filter",
                "spkf",
                "--out",
                spkf.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String[]> spkfRows = Files.readAllLines(spkf.resolve("replay.csv")).stream()
                .skip(1)
                .map(l -> l.split(","))
                .toList();
        assertThat(SharedDataValidationTest.json(r.out()).get("bound_3sigma_coverage_pct"))
                .isGreaterThanOrEqualTo(95.0);
        assertThat(coverage(spkfRows, 0.98, 1.0)).isGreaterThanOrEqualTo(95.0);
    }

    /** What holds: the plateau between, where the bound is the coulomb count's (soc_ref 0.15-0.95). */
    @Test
    void theBoundCoversThePlateau() {
        assertThat(coverage(0.15, 0.95)).isGreaterThanOrEqualTo(95.0);
    }
}
