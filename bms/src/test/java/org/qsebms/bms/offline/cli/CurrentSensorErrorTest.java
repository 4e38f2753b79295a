package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 25 °C NCA drive cycles replayed through a current sensor with a zero offset and a gain error
 * ({@code bms replay --current-offset-a --current-gain}, issue 20 item 3), beside plain coulomb
 * counting from a perfect start with the same sensor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CurrentSensorErrorTest {
    @TempDir
    Path tmp;

    private Path preset;
    /** With the slow polarisation branch learnt on LA92 and Cycle_1 only: for US06, HWFTa and Cycle_2. */
    private Path slowFromLa92AndCycle1;
    /** With the slow polarisation branch learnt on US06, HWFTa and Cycle_2 only: for LA92 and Cycle_1. */
    private Path slowFromTheOthers;

    private Path pan;

    @BeforeAll
    void characterise(@TempDir Path dir) {
        pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        preset = DocumentedRecipe.nca(pan, dir.resolve("nca.yaml"));
        slowFromLa92AndCycle1 = DocumentedRecipe.nca(pan, dir.resolve("nca-slow-a.yaml"), "LA92", "Cycle_1");
        slowFromTheOthers = DocumentedRecipe.nca(pan, dir.resolve("nca-slow-b.yaml"), "US06", "HWFTa", "Cycle_2");
    }

    /** The preset whose slow branch was learnt without {@code cycle}'s log (a fixed two-way split). */
    private Path slowPresetNotLearntOn(String cycle) {
        return cycle.equals("LA92") || cycle.equals("Cycle_1") ? slowFromTheOthers : slowFromLa92AndCycle1;
    }

    static Stream<Arguments> sensorErrors() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String cycle : new String[] {"US06", "HWFTa", "LA92", "Cycle_1", "Cycle_2"}) {
            for (String[] e :
                    new String[][] {{"0.05", "1"}, {"-0.05", "1"}, {"0", "1.03"}, {"0", "0.97"}, {"0.02", "0.98"}}) {
                b.add(Arguments.of(cycle, e[0], e[1]));
            }
        }
        return b.build();
    }

    private Map<String, Double> replay(String cycle, String offset, String gain) {
        return replay(cycle, offset, gain, false);
    }

    private Map<String, Double> replay(String cycle, String offset, String gain, boolean estimateOffset) {
        return replay(cycle, offset, gain, estimateOffset, "ekf");
    }

    private Map<String, Double> replay(
            String cycle, String offset, String gain, boolean estimateOffset, String filter) {
        return replay(preset, cycle, offset, gain, estimateOffset, filter);
    }

    private Map<String, Double> replay(
            Path preset, String cycle, String offset, String gain, boolean estimateOffset, String filter) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                pan.resolve("pan18650pf_25C_" + cycle + ".csv").toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--current-offset-a",
                offset,
                "--current-gain",
                gain,
                "--filter",
                filter,
                "--out",
                tmp.resolve(preset.getFileName() + cycle + offset + gain + estimateOffset + filter)
                        .toString()));
        if (estimateOffset) {
            args.add("--estimate-current-offset");
        }
        SharedDataValidationTest.Result r =
                SharedDataValidationTest.run(new ReplayCommand(), args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return SharedDataValidationTest.json(r.out());
    }

    static Stream<Arguments> pureOffsetsOnTheLongerCycles() {
        return sensorErrorsOnTheLongerCycles()
                .filter(a ->
                        Double.parseDouble((String) a.get()[2]) == 1 && Double.parseDouble((String) a.get()[1]) != 0);
    }

    static Stream<Arguments> sensorErrorsOnTheLongerCycles() {
        return sensorErrors().filter(a -> !a.get()[0].equals("US06") && !a.get()[0].equals("HWFTa"));
    }

    @ParameterizedTest(name = "{0} offset {1} A gain {2}")
    @MethodSource("sensorErrors")
    void theBoundHoldsAndTheFilterBeatsCoulombCountingsWorstError(String cycle, String offset, String gain) {
        Map<String, Double> s = replay(cycle, offset, gain);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
        assertThat(s.get("soc_max_error_pct"))
                .as("filter from a 30 % wrong start against coulomb counting " + "from a perfect start")
                .isLessThan(s.get("coulomb_max_error_pct"));
    }

    /**
     * The target, with the current-offset state ({@code --estimate-current-offset}) and the
     * slow polarisation branch ({@code characterize --slow-polarisation-log}), each log replayed with
     * a preset whose branch was learnt WITHOUT it (a fixed split: learnt on LA92 and Cycle_1 for US06,
     * HWFTa and Cycle_2; learnt on US06, HWFTa and Cycle_2 for LA92 and Cycle_1). Measured 2026-12-03:
     * all 25 cases 0.24-0.81 % (US06 0.46-0.81, HWFTa 0.38-0.64, LA92 0.24-0.34, Cycle_1 0.40-0.44,
     * Cycle_2 0.33-0.43 %), coverage 100 %. Before the branch (the preset without it) 9 of 25 missed, up
     * to 1.44 %, all on US06 and HWFTa: the offset state read the slow drop under sustained discharge
     * as an offset (docs/estimation.md, "The slow polarisation branch"). Without the state 14 of the
     * 25 cases missed, up to 1.80 % (2026-12-02, first session, no branch).
     */
    @ParameterizedTest(name = "{0} offset {1} A gain {2}")
    @MethodSource("sensorErrors")
    void socRmseStaysWithinOnePercent(String cycle, String offset, String gain) {
        Map<String, Double> s = replay(slowPresetNotLearntOn(cycle), cycle, offset, gain, true, "ekf");
        System.out.println("slow branch, " + cycle + " offset " + offset + " gain " + gain + ": " + s);
        assertThat(s.get("soc_rmse_pct")).isLessThanOrEqualTo(1.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    /**
     * With the offset state, the three longer cycles (3-4 h each, SOC 1 to about 0.1) meet the
     * target in all fifteen cases (0.55-0.76 % RMSE), where without it ten of them missed; the bound
     * still holds.
     */
    @ParameterizedTest(name = "{0} offset {1} A gain {2}")
    @MethodSource("sensorErrorsOnTheLongerCycles")
    void withTheOffsetStateTheLongerCyclesMeetOnePercent(String cycle, String offset, String gain) {
        Map<String, Double> s = replay(cycle, offset, gain, true);
        assertThat(s.get("soc_rmse_pct")).isLessThanOrEqualTo(1.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
        double injected = Double.parseDouble(offset);
        if (Double.parseDouble(gain) == 1) {
            // a pure offset: the filter's estimate moves towards it from zero
            assertThat(s.get("current_offset_a_est") * Math.signum(injected))
                    .as("estimated offset (A) against the injected " + injected + " A")
                    .isGreaterThan(0.5 * Math.abs(injected));
        }
    }

    /**
     * The sigma-point filter carries the same offset state ({@code --filter spkf
     * --estimate-current-offset}): on the longer cycles with a pure offset its estimate moves towards
     * the injected one and the bound still holds.
     */
    @ParameterizedTest(name = "{0} offset {1} A")
    @MethodSource("pureOffsetsOnTheLongerCycles")
    void theSigmaPointFilterEstimatesTheOffsetToo(String cycle, String offset, String gain) {
        Map<String, Double> s = replay(cycle, offset, gain, true, "spkf");
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
        double injected = Double.parseDouble(offset);
        assertThat(s.get("current_offset_a_est") * Math.signum(injected))
                .as("estimated offset (A) against the injected " + injected + " A")
                .isGreaterThan(0.5 * Math.abs(injected));
    }
}
