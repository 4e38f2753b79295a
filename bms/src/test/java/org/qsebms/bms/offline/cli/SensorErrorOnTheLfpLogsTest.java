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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The current-sensor errors of issue 20 item 3 (+-50 mA, gain +-3 %, +20 mA with -2 %) on the A123 LFP
 * dynamic logs at 5, 25 and 45 °C, which no sensor-error test had replayed, through both SOC filters
 * (an adversarial check, 2026-12-03, {@code check20}). The preset is the documented recipe's (25 °C OCV
 * tests and dynamic log, base preset psoa-lfp); replays from SOC 0.7, scored after 600 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SensorErrorOnTheLfpLogsTest {
    private Path a123;
    private Path preset;

    @BeforeAll
    void characterise(@TempDir Path dir) {
        a123 = SharedDataValidationTest.locateSharedData().resolve("a123_lfp_plett");
        preset = DocumentedRecipe.lfp(a123, dir.resolve("lfp.yaml"));
    }

    private Map<String, Double> replay(int celsius, String offsetA, String gain, String filter, Path out) {
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                a123.resolve("a123_lfp_" + celsius + "C_script1_dyn.csv").toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--current-offset-a",
                offsetA,
                "--current-gain",
                gain,
                "--filter",
                filter,
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        System.out.println("LFP " + celsius + " °C, offset " + offsetA + " A, gain " + gain + ", " + filter + ": "
                + r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElse(r.out()));
        return SharedDataValidationTest.json(r.out());
    }

    static Stream<Arguments> everyCase() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int celsius : new int[] {5, 25, 45}) {
            for (String[] e :
                    new String[][] {{"0.05", "1"}, {"-0.05", "1"}, {"0", "1.03"}, {"0", "0.97"}, {"0.02", "0.98"}}) {
                for (String filter : new String[] {"ekf", "spkf"}) {
                    b.add(Arguments.of(celsius, e[0], e[1], filter));
                }
            }
        }
        return b.build();
    }

    /**
     * The bound holds: coverage at least 95 % where the error drifts the count furthest (+-50 mA over a
     * 10 h log is 0.5 Ah, a quarter of the cell). Measured on all 30 cases: 99.3-100 %.
     */
    @ParameterizedTest(name = "{0} °C, offset {1} A, gain {2}")
    @CsvSource({"5, 0.05, 1", "45, -0.05, 1"})
    void theBoundHoldsWithTheRatedSensorErrors(int celsius, String offsetA, String gain, @TempDir Path out) {
        Map<String, Double> s = replay(celsius, offsetA, gain, "ekf", out);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    @Disabled("known miss, measured 2026-12-03 (check20): 26 of 30 over 1 % RMSE. EKF / SPKF RMSE (coulomb"
            + " counting from the true start): +50 mA 14.24/14.28 (15.74), 12.29/12.31 (15.81), 12.20/12.23"
            + " (15.08) % at 5/25/45 °C; -50 mA 8.21/7.34 (15.22), 6.35/6.31 (13.28), 8.75/8.71 (13.96) %;"
            + " gain +3 % 0.79/0.80, 0.59/0.60, 1.35/1.32 %; gain -3 % 2.94/3.11, 2.82/2.82, 1.35/1.38 %;"
            + " +20 mA / -2 % 7.17/7.25, 6.27/6.28, 5.27/5.31 %. Coverage 99.3-100 % in all 30 (median bound"
            + " 14.6-41.6 %). On the flat LFP plateau the voltage cannot see a counting drift; the offset state"
            + " is not the default because it learns the knee's model error (docs/estimation.md). Re-measured"
            + " 2026-12-03 (lfpratio, the pulse fit's time constants held at least at the sample interval; main at"
            + " 66bdebd before it): 28 of 30 over 1 % (26 before): gain +3 % at 5 °C 0.79/0.80 -> 1.12/1.14 %, at"
            + " 25 °C 0.59/0.60 -> 0.70/0.71 %; the others within 0.33 % of before; coverage 99.4-100 %, median"
            + " bound 14.5-41.9 %")
    @ParameterizedTest(name = "{0} °C, offset {1} A, gain {2}, {3}")
    @MethodSource("everyCase")
    void socRmseStaysWithinOnePercent(int celsius, String offsetA, String gain, String filter, @TempDir Path out) {
        Map<String, Double> s = replay(celsius, offsetA, gain, filter, out);
        assertThat(s.get("soc_rmse_pct")).isLessThanOrEqualTo(1.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }
}
