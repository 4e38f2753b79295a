package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Starts in the middle of a drive on every shared drive log (an adversarial check of issue 20 item 4,
 * 2026-12-03): the log from the rows at 20, 40, 60 and 80 % of its length (header kept), the filter
 * 30 % above and 30 % below the first {@code soc_ref} (clipped to 0..1), each with the targets of
 * {@code MidCycleConvergenceTest}: RMSE at most 1 % and the 3-sigma bound covering the truth on at
 * least 95 % of the rows after 600 s, and the error under 2 % within 600 s. The NCA presets are the
 * documented recipe's and the slow-branch preset learnt on 25 °C LA92 and Cycle_1 (scored only on the
 * other logs); the LFP preset is the documented recipe's ({@code --base-preset psoa-lfp}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MidDriveStartsOnEveryCycleTest {
    @TempDir
    Path tmp;

    private Path pan;
    private Path a123;
    private Path nca;
    private Path ncaSlow;
    private Path lfp;

    @BeforeAll
    void characterise(@TempDir Path dir) {
        Path data = SharedDataValidationTest.locateSharedData();
        pan = data.resolve("panasonic_18650pf_nca");
        a123 = data.resolve("a123_lfp_plett");
        nca = DocumentedRecipe.nca(pan, dir.resolve("nca.yaml"));
        ncaSlow = DocumentedRecipe.nca(pan, dir.resolve("nca-slow-a.yaml"), "LA92", "Cycle_1");
        lfp = DocumentedRecipe.lfp(a123, dir.resolve("lfp.yaml"));
    }

    private static Stream<Arguments> starts(String... logs) {
        return starts(new int[] {20, 40, 60, 80}, logs);
    }

    private static Stream<Arguments> starts(int[] percents, String... logs) {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String log : logs) {
            for (int percent : percents) {
                for (double error : new double[] {0.3, -0.3}) {
                    b.add(Arguments.of(log, percent, error));
                }
            }
        }
        return b.build();
    }

    static Stream<Arguments> ncaStarts() {
        return starts(
                "pan18650pf_25C_US06",
                "pan18650pf_25C_HWFTa",
                "pan18650pf_25C_LA92",
                "pan18650pf_25C_Cycle_1",
                "pan18650pf_25C_Cycle_2",
                "pan18650pf_10C_US06",
                "pan18650pf_10C_Cycle_1",
                "pan18650pf_0C_US06",
                "pan18650pf_0C_LA92",
                "pan18650pf_0C_Cycle_1");
    }

    static Stream<Arguments> ncaStartsNotLearntByTheSlowBranch() {
        return ncaStarts().filter(a -> !((String) a.get()[0]).matches(".*25C_(LA92|Cycle_1)"));
    }

    /**
     * The starts in between (issue 20, an independent tester's check of 2026-12-06): from 30, 50, 70 and 90 % of
     * the rows of the eight logs the slow branch did not learn from, 30 % off either way.
     */
    static Stream<Arguments> ncaStartsInBetweenNotLearntByTheSlowBranch() {
        return starts(
                new int[] {30, 50, 70, 90},
                "pan18650pf_25C_US06",
                "pan18650pf_25C_HWFTa",
                "pan18650pf_25C_Cycle_2",
                "pan18650pf_10C_US06",
                "pan18650pf_10C_Cycle_1",
                "pan18650pf_0C_US06",
                "pan18650pf_0C_LA92",
                "pan18650pf_0C_Cycle_1");
    }

    /** The tester's own starts (issue 20, 2026-12-06) at the fractions it cut: log, percent, error. */
    static Stream<Arguments> theTestersStarts() {
        return Stream.of(
                Arguments.of("pan18650pf_25C_HWFTa", 70, -0.3),
                Arguments.of("pan18650pf_25C_HWFTa", 70, 0.3),
                Arguments.of("pan18650pf_25C_Cycle_2", 72, -0.3),
                Arguments.of("pan18650pf_25C_US06", 65, -0.3),
                Arguments.of("pan18650pf_0C_Cycle_1", 90, 0.3),
                Arguments.of("pan18650pf_0C_Cycle_1", 90, -0.3));
    }

    static Stream<Arguments> lfpStarts() {
        return starts("a123_lfp_25C_script1_dyn", "a123_lfp_5C_script1_dyn", "a123_lfp_45C_script1_dyn");
    }

    /** Replays {@code log} from the row at {@code percent} of its length, the filter {@code error} off. */
    private Map<String, Double> startMidDrive(Path preset, Path log, int percent, double error) throws IOException {
        List<String> lines = Files.readAllLines(log);
        int row = (lines.size() - 1) * percent / 100;
        List<String> cut = new ArrayList<>();
        cut.add(lines.get(0));
        cut.addAll(lines.subList(row + 1, lines.size()));
        String[] header = lines.get(0).split(",");
        int socRef = List.of(header).indexOf("soc_ref");
        double truth = Double.parseDouble(cut.get(1).split(",")[socRef]);
        double start = Math.max(0, Math.min(1, truth + error));
        Path file = tmp.resolve(log.getFileName().toString().replace(".csv", "-" + percent + "-" + error + ".csv"));
        Files.write(file, cut);
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                file.toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                String.format(Locale.ROOT, "%.4f", start),
                // the JSON summary is printed only with --out
                "--out",
                tmp.resolve(preset.getFileName() + "-" + file.getFileName()).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        System.out.printf(
                Locale.ROOT,
                "%s %s row %d (soc_ref %.3f) from %.3f: RMSE %.2f %%, max %.2f %%, coverage %.1f %%, median bound "
                        + "%.2f %%, under 2 %% after %.0f s%n",
                preset.getFileName(),
                log.getFileName(),
                row,
                truth,
                start,
                s.get("soc_rmse_pct"),
                s.get("soc_max_error_pct"),
                s.get("bound_3sigma_coverage_pct"),
                s.get("bound_3sigma_median_pct"),
                s.get("converged_after_s"));
        return s;
    }

    private static void meetsTheTargets(Map<String, Double> s) {
        assertThat(s.get("bound_3sigma_coverage_pct")).as("coverage").isGreaterThanOrEqualTo(95.0);
        assertThat(s.get("soc_rmse_pct")).as("RMSE").isLessThanOrEqualTo(1.0);
        assertThat(s.get("stayed_converged_after_s")).as("under 2 % after").isLessThanOrEqualTo(600.0);
    }

    @Disabled("known miss, measured 2026-12-03: documented recipe, 80 starts (EKF): coverage under 95 % on 19 "
            + "(under 50 % on 13; 0.0 % on 10 °C US06 rows 2526 and 3368, 0 °C US06 row 2203 and 0 °C Cycle_1 row "
            + "7052, RMSE 3.8-10.5 % against a median bound of 2.3-4.5 %; at 25 °C 4 of 40, US06 row 2891 26 %), "
            + "RMSE over 1 % on 44 (up to 10.5 %), under 2 % only after 600 s or never on 12. Re-measured "
            + "2026-12-03 (ocvambig, the innovation bias in the bound): coverage under 95 % on 16 (under 50 % on 8; "
            + "10 °C US06 row 3368 0.0 %, row 2526 16.6 %, 0 °C Cycle_1 row 7052 26.1 / 56.2 %, 0 °C US06 row 2203 "
            + "65.3 %; 25 °C US06 row 2891 34.9 %); RMSE unchanged (the estimate is not changed). Re-measured "
            + "2026-12-03 (nisbound, main at 20cc77d): coverage under 95 % on 17 (under 50 % on 8; 10 °C US06 row "
            + "3368 0.0 %, row 2526 15.4 %, 0 °C Cycle_1 row 7052 25.9 / 56.0 %, 25 °C US06 row 2891 34.1 / 34.3 %, "
            + "25 °C HWFTa row 6090 -30 % 30.6 %); an innovation-consistency check in the bound (windowed NIS, "
            + "whiteness) did not keep the 25 °C median bound under 3 % (docs/estimation.md, nisbound); "
            + "re-measured 2026-12-03 (middriveest): RMSE over 1 % on 44 (up to 10.5 %), under 2 % only after 600 s or never on "
            + "12, coverage under 95 % on 17; the start doubt in the gain changes nothing without a branch, and the "
            + "+30 % and -30 % starts give the same RMSE within 0.1 points on 29 of 40 pairs: the model's miss. "
            + "Re-measured 2026-12-05 (acffe53): coverage under 95 % on 14 (under 50 % on 6; 25 °C 3 of 40, US06 "
            + "row 2891 36.4 / 36.6 %; 10 °C US06 row 3368 0.0 %), RMSE over 1 % on 44 (up to 10.6 %), under 2 % "
            + "only after 600 s or never on 11; bms characterize now says a preset without a branch is not covered")
    @ParameterizedTest(name = "{0} from {1} % of its rows, {2} off")
    @MethodSource("ncaStarts")
    void documentedRecipeMeetsTheTargetsFromEveryStart(String log, int percent, double error) throws IOException {
        meetsTheTargets(startMidDrive(nca, pan.resolve(log + ".csv"), percent, error));
    }

    @Disabled("known miss, measured 2026-12-03: slow branch learnt on 25 °C LA92 + Cycle_1, 64 starts (EKF): "
            + "coverage 100 % on 61, 98.0 % on one and 0.0 % on 0 °C Cycle_1 row 7052 (both errors; RMSE 9.4 / "
            + "10.3 %, soc_ref 0.165); RMSE over 1 % on 32 (25 °C: 5 of 24, up to 1.60 %; 10 °C US06 up to "
            + "3.14 %; 0 °C up to 10.3 %); under 2 % only after 600 s or never on 7. Re-measured 2026-12-03 "
            + "(ocvambig): 0 °C Cycle_1 row 7052 26.7 % (+30 %) and 56.9 % (from 0.0), the 62 others at least 95 %. "
            + "Re-measured 2026-12-03 (middriveest, the branch's start doubt in the gain): RMSE over 1 % on 30 "
            + "(25 °C 5 of 24, up to 1.56 %; 10 °C 4 of 16, up to 2.14 %; 0 °C 21 of 24, up to 10.33 %), median "
            + "0.99 -> 0.83 %; under 2 % only after 600 s or never on 6; coverage under 95 % on the same 2. "
            + "Re-measured 2026-12-05 (acffe53): coverage at least 95 % on all 64 (0 °C Cycle_1 row 7052 100 %, "
            + "RMSE 10.4 %); RMSE over 1 % on 31 (25 °C 5 of 24, up to 1.59 %; 10 °C 5 of 16, up to 2.15 %; 0 °C "
            + "21 of 24, up to 10.4 %); under 2 % only after 600 s or never on 7")
    @ParameterizedTest(name = "{0} from {1} % of its rows, {2} off")
    @MethodSource("ncaStartsNotLearntByTheSlowBranch")
    void withTheSlowBranchEveryStartMeetsTheTargets(String log, int percent, double error) throws IOException {
        meetsTheTargets(startMidDrive(ncaSlow, pan.resolve(log + ".csv"), percent, error));
    }

    /**
     * docs/estimation.md claimed the slow-branch preset's bound covers the truth on at least 95 % of the rows
     * from every mid-drive start it did not learn from; that held on the 20/40/60/80 % starts only. Only the
     * coverage is asserted here (the RMSE misses are {@link #withTheSlowBranchEveryStartMeetsTheTargets}'s
     * class). A cut that leaves nothing after the 600 s window (US06 from 90 % at 25, 10 and 0 °C) is skipped.
     */
    @Disabled("known miss, measured 2026-12-06 (fix20c, main at b3e46cda): slow branch learnt on 25 °C LA92 + "
            + "Cycle_1, 64 starts from 30/50/70/90 %, 58 scored (EKF): coverage under 95 % on 6: 25 °C HWFTa row "
            + "5329 (soc_ref 0.336) +30 % 72.1 %, -30 % 60.9 % (RMSE 1.61 %, median bound 1.76 / 1.69 %); 25 °C "
            + "Cycle_2 row 7803 +30 % 93.7 % (RMSE 1.01 %); 0 °C Cycle_1 row 6171 -30 % 92.0 % (RMSE 8.71 %); 0 °C "
            + "Cycle_1 row 7934 (soc_ref 0.113) +30 % 7.1 %, -30 % 6.4 % (RMSE 9.99 %, median bound 3.77 / 3.69 %: "
            + "the estimate pinned at 0.000 through the rest after the 0 °C cutoff against a truth of 0.100); RMSE "
            + "over 1 % on 31 of 58. Tried, not kept: the innovations' bias as a consider term without the "
            + "offset state (VoltageBiasConsider on by default): HWFTa +30 % 100 %, -30 % 82.1 %, Cycle_2 100 %, 0 °C "
            + "Cycle_1 row 6171 94.4 %, row 7934 unchanged, and the 25 °C median bound of the preset without a "
            + "branch over 3 % (LA92 3.07 %); with only the bias beyond its noise: HWFTa -30 % 88.7 %, 0 °C Cycle_1 "
            + "row 6171 93.0 %, the rest unchanged (docs/estimation.md, \"Starts in between\"). Re-measured 2026-12-06 "
            + "(fix20h, main at 39fb392d before): under 95 % on 5 before (row 7934 10.3 / 10.6 %, row 6171 now 100 %) "
            + "and on 3 with the rest relaxation's doubt (HWFTa row 5329 60.9 / 72.1 %, Cycle_2 row 7803 93.7 %; row "
            + "7934 100 / 100 %, enabled in theColdRestAfterTheCutoffKeepsTheTruthInsideTheBound)")
    @ParameterizedTest(name = "{0} from {1} % of its rows, {2} off")
    @MethodSource("ncaStartsInBetweenNotLearntByTheSlowBranch")
    void withTheSlowBranchEveryInBetweenStartKeepsTheTruthInsideTheBound(String log, int percent, double error)
            throws IOException {
        keepsTheTruthInsideTheBound(startMidDrive(ncaSlow, pan.resolve(log + ".csv"), percent, error));
    }

    /**
     * The tester's starts of issue 20 (2026-12-06), coverage only, as
     * {@link #withTheSlowBranchEveryInBetweenStartKeepsTheTruthInsideTheBound}.
     */
    @Disabled("known miss, measured 2026-12-06 (fix20c, main at b3e46cda), EKF, slow branch learnt on 25 °C LA92 + "
            + "Cycle_1: HWFTa 70 % (row 5329) -30 % 60.9 %, +30 % 72.1 % (SPKF -30 %: 61.8 %; --estimate-slow-branch: "
            + "24.0 %); Cycle_2 72 % (row 8026, from 0.0) 85.3 %; US06 65 % (row 3132, from 0.1144) 79.2 % (the "
            + "tester measured 78.2 %); 0 °C Cycle_1 90 % (row 7934) +30 % 7.1 %, -30 % 6.4 % (SPKF -30 %: 17.4 %). "
            + "Re-measured 2026-12-06 (fix20h, main at 39fb392d before): HWFTa 60.9 / 72.1 %, Cycle_2 100 %, US06 "
            + "79.2 %, 0 °C Cycle_1 90 % 10.3 / 10.6 % before and 100 / 100 % with the rest relaxation's doubt "
            + "(enabled in theColdRestAfterTheCutoffKeepsTheTruthInsideTheBound); the others unchanged")
    @ParameterizedTest(name = "{0} from {1} % of its rows, {2} off")
    @MethodSource("theTestersStarts")
    void withTheSlowBranchTheTestersStartsKeepTheTruthInsideTheBound(String log, int percent, double error)
            throws IOException {
        keepsTheTruthInsideTheBound(startMidDrive(ncaSlow, pan.resolve(log + ".csv"), percent, error));
    }

    /** The 0 °C Cycle_1 cut from 90 %, a cold rest after the 2.5 V cutoff, both starts (the tester's). */
    static Stream<Arguments> theColdRestAfterTheCutoff() {
        return Stream.of(
                Arguments.of("pan18650pf_0C_Cycle_1", 90, 0.3), Arguments.of("pan18650pf_0C_Cycle_1", 90, -0.3));
    }

    /**
     * The cut from 90 % of the 0 °C Cycle_1 log ends in 280 s of rest after the cutoff whose voltage is still rising
     * 0.35 mV/s at its end (about 200 mV short of the OCV at the true SOC 0.10) while the estimate sits at the clamp
     * at 0: the bound must stay open while the voltage relaxes (docs/estimation.md, "A rest voltage still relaxing").
     * Measured 2026-12-06 (fix20h): 10.3 / 10.6 % before, 100 / 100 % with {@code RestRelaxation}.
     */
    @ParameterizedTest(name = "{0} from {1} % of its rows, {2} off")
    @MethodSource("theColdRestAfterTheCutoff")
    void theColdRestAfterTheCutoffKeepsTheTruthInsideTheBound(String log, int percent, double error)
            throws IOException {
        keepsTheTruthInsideTheBound(startMidDrive(ncaSlow, pan.resolve(log + ".csv"), percent, error));
    }

    private static void keepsTheTruthInsideTheBound(Map<String, Double> s) {
        assumeFalse(Double.isNaN(s.get("bound_3sigma_coverage_pct")), "no row after the 600 s window");
        assertThat(s.get("bound_3sigma_coverage_pct")).as("coverage").isGreaterThanOrEqualTo(95.0);
    }

    @Disabled("re-measured 2026-12-08 on main (c8cf9da8): under 95 % on 4: 25 °C 40 % +30 % 49.3 (RMSE 39.67 %, "
            + "median bound 38.49 %), 5 °C 40 % +30 % 51.4 (RMSE 36.85 %, bound 39.93 %), 5 °C 40 % -30 % 85.7, "
            + "45 °C 80 % -30 % (from 0.000) 9.8 (RMSE 7.50 %, bound 4.69 %; was at least 95); 25 °C 20 % +30 %, "
            + "80 % -30 % and 45 °C 20 % +30 % now 100; RMSE 2.54-39.67 % on all 24; earlier: "
            + "known miss, measured 2026-12-03: LFP documented recipe, 24 starts (EKF): coverage under 95 % "
            + "on 9 (0.0 % on 25 °C row 14752 +30 %: RMSE 39.4 % against a median bound of 12.8 %), RMSE over 1 % "
            + "on all 24 (2.5-46.7 %); the SPKF: coverage under 95 % on 5, 0.0 % on 25 °C row 29504 +30 % with "
            + "RMSE 72.7 %. Re-measured 2026-12-03 (ocvambig): EKF coverage under 95 % on 6 (25 °C row 14752 "
            + "+30 %: 50.1 %, median bound 39.3 %; 5 °C row 23562 +30 %: 87.2 %; the others 79.5-92.9 %); "
            + "RMSE unchanged. Re-measured 2026-12-03 (nisbound, main at 20cc77d): the same 6 (row 14752 +30 % "
            + "50.1 %, 5 °C row 23562 +30 % 87.2 %, the others 79.5-92.9 %). Re-measured 2026-12-03 (lfpstart, "
            + "the plateau start span): unchanged, the same 6 under 95 % and RMSE 2.47-46.73 % on all 24; "
            + "--initial-soc sets the SOC, which closes the start span. Re-measured 2026-12-03 (lfpratio, the pulse "
            + "fit's time constants held at least at the sample interval; main at 66bdebd before it): under 95 % on "
            + "6 before (93.1, 51.7, 94.1, 82.4, 89.3, 91.7 %) and 6 now: 25 °C 20 % +30 % 90.2, 40 % +30 % 49.3 "
            + "(RMSE 39.7 %, median bound 38.4 %), 80 % -30 % 80.7; 5 °C 40 % +30 % 50.7 (was 100 with a bound of "
            + "100 %; RMSE 36.9 %, bound 38.7 %), 40 % -30 % 85.7 (was 100); 45 °C 20 % +30 % 91.2; 25 °C 80 % +30 % "
            + "94.1 -> 100 (RMSE 24.9 -> 6.8 %), 5 °C 60 % +30 % 89.3 -> 100 (46.7 -> 23.4 %); RMSE 2.54-39.7 % on "
            + "all 24")
    @ParameterizedTest(name = "{0} from {1} % of its rows, {2} off")
    @MethodSource("lfpStarts")
    void lfpMeetsTheTargetsFromEveryStart(String log, int percent, double error) throws IOException {
        meetsTheTargets(startMidDrive(lfp, a123.resolve(log + ".csv"), percent, error));
    }
}
