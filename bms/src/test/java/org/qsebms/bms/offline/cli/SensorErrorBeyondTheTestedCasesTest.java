package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Current-sensor errors beyond the cases {@link CurrentSensorErrorTest} runs (an adversarial check of
 * issue 20 item 3, 2026-12-03): the 10 °C and 0 °C NCA drive logs, which no test replayed with a sensor
 * error, and an offset and a gain error at their rated limits in the direction where they add (on a
 * drive that mostly discharges, -50 mA with +3 % and +50 mA with -3 %). The presets are the
 * documented recipe's, with and without the slow polarisation branch learnt on 25 °C logs only
 * (never on the scored log).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SensorErrorBeyondTheTestedCasesTest {
    @TempDir
    Path tmp;

    private Path pan;
    private Path preset;
    /** Slow branch learnt on 25 °C LA92 and Cycle_1: scored on the other 25 °C logs and every cold log. */
    private Path slowFromLa92AndCycle1;
    /** Slow branch learnt on 25 °C US06, HWFTa and Cycle_2: scored on LA92 and Cycle_1. */
    private Path slowFromTheOthers;

    @BeforeAll
    void characterise(@TempDir Path dir) {
        pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        preset = DocumentedRecipe.nca(pan, dir.resolve("nca.yaml"));
        slowFromLa92AndCycle1 = DocumentedRecipe.nca(pan, dir.resolve("nca-slow-a.yaml"), "LA92", "Cycle_1");
        slowFromTheOthers = DocumentedRecipe.nca(pan, dir.resolve("nca-slow-b.yaml"), "US06", "HWFTa", "Cycle_2");
    }

    private Path slowPresetNotLearntOn(String log) {
        return log.equals("25C_LA92") || log.equals("25C_Cycle_1") ? slowFromTheOthers : slowFromLa92AndCycle1;
    }

    static Stream<Arguments> coldLogsWithSensorErrors() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String log : new String[] {"0C_US06", "0C_LA92", "0C_Cycle_1", "10C_US06", "10C_Cycle_1"}) {
            for (String[] e : new String[][] {
                {"0.05", "1"},
                {"-0.05", "1"},
                {"0", "1.03"},
                {"0", "0.97"},
                {"0.02", "0.98"},
                {"-0.05", "1.03"},
                {"0.05", "0.97"}
            }) {
                b.add(Arguments.of(log, e[0], e[1]));
            }
        }
        return b.build();
    }

    static Stream<Arguments> reinforcingCornersAt25C() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String log : new String[] {"25C_US06", "25C_HWFTa", "25C_LA92", "25C_Cycle_1", "25C_Cycle_2"}) {
            b.add(Arguments.of(log, "-0.05", "1.03"));
            b.add(Arguments.of(log, "0.05", "0.97"));
        }
        return b.build();
    }

    private Map<String, Double> replay(Path preset, String log, String offset, String gain, boolean estimateOffset) {
        List<String> args = new ArrayList<>(List.of(
                pan.resolve("pan18650pf_" + log + ".csv").toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--current-offset-a",
                offset,
                "--current-gain",
                gain,
                "--out",
                tmp.resolve(preset.getFileName() + log + offset + gain + estimateOffset)
                        .toString()));
        if (estimateOffset) {
            args.add("--estimate-current-offset");
        }
        SharedDataValidationTest.Result r =
                SharedDataValidationTest.run(new ReplayCommand(), args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        System.out.printf(
                java.util.Locale.ROOT,
                "%s %s offset %s A gain %s%s: RMSE %.2f %%, max %.2f %%, coverage %.1f %%, median bound %.2f %%%n",
                preset.getFileName(),
                log,
                offset,
                gain,
                estimateOffset ? " (offset state)" : "",
                s.get("soc_rmse_pct"),
                s.get("soc_max_error_pct"),
                s.get("bound_3sigma_coverage_pct"),
                s.get("bound_3sigma_median_pct"));
        return s;
    }

    // enabled 2026-12-03 (ocvambig): with the innovation bias in the bound all 35 cases reach 95 % (before:
    // -50 mA with +3 % 87.9 % on 0 °C US06 and 90.4 % on 0 °C Cycle_1)
    @ParameterizedTest(name = "{0} offset {1} A gain {2}")
    @MethodSource("coldLogsWithSensorErrors")
    void theBoundHoldsWithSensorErrorsOnTheColdLogs(String log, String offset, String gain) {
        assertThat(replay(preset, log, offset, gain, false).get("bound_3sigma_coverage_pct"))
                .isGreaterThanOrEqualTo(95.0);
    }

    // enabled 2026-12-03 (coldoffset): with the innovations' bias considered through the offset state
    // (VoltageBiasConsider) all 35 reach 98.6-100 %, median bound 3.48-5.81 % (before: 8 of 35 under 95 %,
    // 90.2-94.6 %, on 0 °C and 10 °C US06; median bound 3.06-5.13 %). No constant was chosen.
    @ParameterizedTest(name = "{0} offset {1} A gain {2}")
    @MethodSource("coldLogsWithSensorErrors")
    void theOffsetStateKeepsTheBoundOnTheColdLogs(String log, String offset, String gain) {
        assertThat(replay(preset, log, offset, gain, true).get("bound_3sigma_coverage_pct"))
                .isGreaterThanOrEqualTo(95.0);
    }

    @Disabled("known miss, measured 2026-12-03: slow-branch preset A, 18 of 35 over 1 % RMSE (0 °C US06 "
            + "0.85-1.99 %, LA92 0.07-2.44 %, Cycle_1 1.50-3.35 % with coverage 91.5 % at -50 mA/+3 %; 10 °C US06 "
            + "0.37-1.17 %, Cycle_1 0.55-1.62 %); without a sensor error 0 °C Cycle_1 is already 1.99 %")
    @ParameterizedTest(name = "{0} offset {1} A gain {2}")
    @MethodSource("coldLogsWithSensorErrors")
    void socRmseStaysWithinOnePercentOnTheColdLogs(String log, String offset, String gain) {
        Map<String, Double> s = replay(slowPresetNotLearntOn(log), log, offset, gain, false);
        assertThat(s.get("soc_rmse_pct")).isLessThanOrEqualTo(1.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    @ParameterizedTest(name = "{0} offset {1} A gain {2}")
    @MethodSource("reinforcingCornersAt25C")
    void withTheSlowBranchAndTheOffsetStateTheReinforcingCornersMeetOnePercent(String log, String offset, String gain) {
        // measured 2026-12-03: RMSE 0.24-0.84 %, coverage 100 %, median bound 1.9-2.1 %
        Map<String, Double> s = replay(slowPresetNotLearntOn(log), log, offset, gain, true);
        assertThat(s.get("soc_rmse_pct")).isLessThanOrEqualTo(1.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    @Disabled("known miss, measured 2026-12-03: slow-branch presets, all 10 over 1 % RMSE: -50 mA/+3 % US06 "
            + "1.47, HWFTa 1.95, Cycle_2 1.83, LA92 2.26, Cycle_1 2.13 %; +50 mA/-3 % 1.12, 1.66, 1.79, 1.88, "
            + "1.67 %; coverage 100 %")
    @ParameterizedTest(name = "{0} offset {1} A gain {2}")
    @MethodSource("reinforcingCornersAt25C")
    void socRmseStaysWithinOnePercentAtTheReinforcingCorners(String log, String offset, String gain) {
        Map<String, Double> s = replay(slowPresetNotLearntOn(log), log, offset, gain, false);
        assertThat(s.get("soc_rmse_pct")).isLessThanOrEqualTo(1.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }
}
