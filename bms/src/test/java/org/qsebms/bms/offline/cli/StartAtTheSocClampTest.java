package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A start at or next to the SOC clamp, far from the truth (issue 20, found by the independent checker
 * {@code check20z}, 2026-12-06): the 25 °C US06 log from the row at 85 % of its rows (true SOC 0.193, the drive
 * going on), replayed with the documented NCA recipe's preset from an SOC of 0, 0.01 or 0.03. The EKF's 3-sigma
 * bound must hold on every row, the first 600 s included (where it lied: a 6-12 % bound at a 15-19 % error with the
 * estimate held at 0), and the error must fall under 2 % within them (the mid-drive target). The SPKF's bound must
 * hold the same way from 0 and 0.01.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartAtTheSocClampTest {
    @TempDir
    Path tmp;

    private Path preset;
    private Path log;

    @BeforeAll
    void cut(@TempDir Path dir) throws IOException {
        Path pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        preset = DocumentedRecipe.nca(pan, dir.resolve("nca.yaml"));
        List<String> lines = Files.readAllLines(pan.resolve("pan18650pf_25C_US06.csv"));
        int row = (lines.size() - 1) * 85 / 100;
        List<String> cut = new ArrayList<>();
        cut.add(lines.get(0));
        cut.addAll(lines.subList(row + 1, lines.size()));
        log = dir.resolve("us06-from-85.csv");
        Files.write(log, cut);
    }

    /** Replays the cut log from {@code start}; returns the summary and, under "all_rows_coverage_pct", the coverage of every row. */
    private Map<String, Double> replay(String filter, double start) throws IOException {
        Path out = tmp.resolve(filter + "-" + start);
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                log.toString(),
                "--preset",
                preset.toString(),
                "--filter",
                filter,
                "--initial-soc",
                String.format(Locale.ROOT, "%.4f", start),
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> s = new java.util.HashMap<>(SharedDataValidationTest.json(r.out()));
        List<String[]> rows = Files.readAllLines(out.resolve("replay.csv")).stream()
                .skip(1)
                .map(l -> l.split(","))
                .toList();
        long in = rows.stream()
                .filter(c -> Math.abs(Double.parseDouble(c[1]) - Double.parseDouble(c[6])) <= Double.parseDouble(c[2]))
                .count();
        s.put("all_rows_coverage_pct", 100.0 * in / rows.size());
        System.out.printf(
                Locale.ROOT,
                "%s from %.2f: every row's coverage %.1f %%, after 600 s RMSE %.2f %%, coverage %.1f %%, median bound"
                        + " %.2f %%%n",
                filter,
                start,
                s.get("all_rows_coverage_pct"),
                s.get("soc_rmse_pct"),
                s.get("bound_3sigma_coverage_pct"),
                s.get("bound_3sigma_median_pct"));
        return s;
    }

    /**
     * Before 2026-12-06 (fix20g), from 0: every row's coverage 77.6 %, RMSE 7.80 % and the error never under 2 % (the
     * estimate held near 0.03 with the truth at 0.11-0.19): the tangent of the OCV's bottom end segment closed the SOC
     * doubt in one correction, and the clamp held the estimate at 0. After: 100 %, RMSE 1.20 %. From 0.01 and 0.03
     * the bound held before too (RMSE 1.20 / 1.42 %), and is unchanged.
     */
    @ParameterizedTest(name = "EKF from {0}")
    @ValueSource(doubles = {0.0, 0.01, 0.03})
    void theEkfBoundHoldsFromTheClampAndTheErrorFallsUnderTwoPercent(double start) throws IOException {
        Map<String, Double> s = replay("ekf", start);
        assertThat(s.get("all_rows_coverage_pct")).as("coverage of every row").isGreaterThanOrEqualTo(95.0);
        assertThat(s.get("stayed_converged_after_s")).as("under 2 % after").isLessThanOrEqualTo(600.0);
    }

    /** The mid-drive RMSE target (1 %): EKF 1.20 / 1.20 / 1.42 % from 0, 0.01 and 0.03 (measured 2026-12-06, fix20g). */
    @Disabled("known miss: EKF RMSE 1.20 / 1.20 / 1.42 % after 600 s from 0, 0.01 and 0.03 (docs/estimation.md,"
            + " \"The EKF at the SOC clamp\")")
    @ParameterizedTest(name = "EKF from {0}")
    @ValueSource(doubles = {0.0, 0.01, 0.03})
    void theEkfMeetsTheRmseTargetFromTheClamp(double start) throws IOException {
        assertThat(replay("ekf", start).get("soc_rmse_pct"))
                .as("RMSE after 600 s")
                .isLessThanOrEqualTo(1.0);
    }

    /**
     * The SPKF's bound from the clamp. Measured 2026-12-06 (fix20f) and up to main's {@code f86b722b}: every row's
     * coverage 91.8 % from 0 and from 0.01 (the bound closed in the first 600 s while the error was still 5-8 %).
     * The SOC variance and the estimate were never the difference: the resistance error's consider column was
     * corrected with the end segment's tangent (4.58 V per unit SOC at 0) while the gain came from the SOC points'
     * secant (0.63-0.84), so {@code 1 - k h0} was -1.7 to +0.4 on the samples held at the clamp and the column (a share
     * of the bound as large as the SOC variance's own) was flipped and cut each sample. Since {@code fix20n} (merge
     * {@code 59c7d48a}: every consider column uses the gain's SOC slope) 99.4 % from 0 and 0.01, RMSE after 600 s
     * 1.15 % unchanged, the error under 2 % for good after 448 s (re-measured 2026-12-08, fix20u).
     */
    @ParameterizedTest(name = "SPKF from {0}")
    @ValueSource(doubles = {0.0, 0.01})
    void theSpkfBoundHoldsFromTheClampAndTheErrorFallsUnderTwoPercent(double start) throws IOException {
        Map<String, Double> s = replay("spkf", start);
        assertThat(s.get("all_rows_coverage_pct")).as("coverage of every row").isGreaterThanOrEqualTo(95.0);
        assertThat(s.get("stayed_converged_after_s")).as("under 2 % after").isLessThanOrEqualTo(600.0);
    }

    /**
     * The SPKF's own SOC variance at the clamp: before 2026-12-08 (fix20u) four rows were out from 0 and 0.01
     * (4118-4121 s, an error of 10.2-11.0 % against a bound of 10.0-10.8 %; 99.4 % of the rows). For the first 10 s
     * the clamp at 0 cut the corrections whole while the update closed the SOC variance as if they had been made
     * (sigma 0.20 -> 0.09), so the filter's own 3 sigma fell under the error and only the consider shares held the
     * bound. Now the part a clamp cuts off stays in the SOC variance: every row.
     */
    @ParameterizedTest(name = "SPKF from {0}")
    @ValueSource(doubles = {0.0, 0.01})
    void theSpkfBoundHoldsOnEveryRowFromTheClamp(double start) throws IOException {
        assertThat(replay("spkf", start).get("all_rows_coverage_pct"))
                .as("coverage of every row")
                .isEqualTo(100.0);
    }
}
