package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pulse tests at 0 °C with the OCV from 25 °C only (issue 20, item 1, tester's reproduction
 * 2026-12-06): the span the cell counts as characterised over must hold the OCV tests' temperatures
 * too. Before, the preset's span came from the pulse tests alone, so 0 °C Cycle_1 replayed as
 * characterised (0 % or 9.9 % extrapolated rows) with coverage 53.7 % and 36.3 %: the OCV and its
 * doubt, learnt at 25 °C, were taken as measured at 0 °C. Now those rows are extrapolated and the
 * bound grows with the distance from the OCV tests.
 */
class OcvTemperatureSpanTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "pulse tests {0}")
    @CsvSource({"'pan18650pf_25C_HPPC_native.csv,pan18650pf_0C_HPPC_native.csv'", "pan18650pf_0C_HPPC_native.csv"})
    void coldRowsOfAWarmOcvAreExtrapolatedAndCovered(String pulseTests) {
        Path pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        Path preset = tmp.resolve("ocv25.yaml");
        List<String> args = new ArrayList<>(List.of(
                "--ocv-test",
                pan.resolve("pan18650pf_25C_C20_OCV_native.csv").toString(),
                "--ocv-test",
                pan.resolve("pan18650pf_25C_HPPC_native.csv").toString()));
        for (String p : pulseTests.split(",")) {
            args.addAll(List.of("--pulse-test", pan.resolve(p).toString()));
        }
        args.addAll(List.of("--capacity-ah", "2.9", "--out", preset.toString()));
        SharedDataValidationTest.Result c =
                SharedDataValidationTest.run(new CharacterizeCommand(), args.toArray(String[]::new));
        assertThat(c.exit()).as(c.err()).isZero();
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                pan.resolve("pan18650pf_0C_Cycle_1.csv").toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--out",
                tmp.resolve("replay").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        assertThat(s.get("extrapolated_pct")).as(r.out()).isGreaterThan(99.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).as(r.out()).isGreaterThanOrEqualTo(95.0);
        assertThat(c.out()).contains("OCV from the OCV tests at 25.5 °C");
    }
}
