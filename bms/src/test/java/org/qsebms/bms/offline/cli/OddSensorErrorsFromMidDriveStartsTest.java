package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A current sensor with an offset and a gain error at once, at values no other test used (+35 mA with
 * -1.5 %, -35 mA with +1.5 %), from starts in the middle of a drive at true SOC 0.9 down to 0.3 with
 * the filter 15 % above or below (an independent check of issue 20, 2026-12-03, {@code check20b}). The
 * preset is the documented NCA recipe (25 and 0 °C tests), replayed on 10 °C US06 (a temperature it was
 * not characterised at) and 25 °C Cycle_2; each log is cut at its first row whose {@code soc_ref} is at
 * or below the start SOC (header kept) and scored after 600 s. The errors and starts were fixed before
 * any replay; nothing was tuned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OddSensorErrorsFromMidDriveStartsTest {
    @TempDir
    Path tmp;

    private Path pan;
    private Path nca;

    @BeforeAll
    void characterise(@TempDir Path dir) {
        pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        nca = DocumentedRecipe.nca(pan, dir.resolve("nca.yaml"));
    }

    /** Replays {@code log} from its first row at or below {@code startSoc}, the filter {@code error} off. */
    private Map<String, Double> replay(String log, double startSoc, double error, String offsetA, String gain)
            throws IOException {
        List<String> lines = Files.readAllLines(pan.resolve("pan18650pf_" + log + ".csv"));
        int socRefColumn = List.of(lines.get(0).split(",")).indexOf("soc_ref");
        int first = 1;
        while (Double.parseDouble(lines.get(first).split(",")[socRefColumn]) > startSoc) {
            first++;
        }
        double trueSoc = Double.parseDouble(lines.get(first).split(",")[socRefColumn]);
        Path cut = tmp.resolve(String.format(Locale.ROOT, "%s-from-%.2f.csv", log, startSoc));
        Files.write(
                cut,
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(lines.get(0)), lines.subList(first, lines.size()).stream())
                        .toList());
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                cut.toString(),
                "--preset",
                nca.toString(),
                "--initial-soc",
                String.format(Locale.ROOT, "%.4f", Math.min(1, Math.max(0, trueSoc + error))),
                "--current-offset-a",
                offsetA,
                "--current-gain",
                gain,
                "--out",
                tmp.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return SharedDataValidationTest.json(r.out());
    }

    /**
     * A user who starts the BMS at 0.9 on a 10 °C drive with a sensor 35 mA high and 1.5 % low sees an
     * estimate inside its bound: measured RMSE 0.40 %, coverage 100 % (median bound 3.82 %).
     */
    @ParameterizedTest(name = "{0} from SOC {1}, start {2}, offset {3} A, gain {4}")
    @CsvSource({"10C_US06, 0.9, 0.15, 0.035, 0.985"})
    void theBoundHoldsFromAHighStart(String log, double startSoc, double error, String offsetA, String gain)
            throws IOException {
        Map<String, Double> s = replay(log, startSoc, error, offsetA, gain);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    /**
     * What a user sees: from a start at true SOC 0.5 on the 10 °C US06 log with the filter 15 % high and
     * the sensor 35 mA high and 1.5 % low, the estimate stays about 6 % off while its 3-sigma bound says
     * 4.4 %: the true SOC is outside the published bound on most of the rows.
     */
    @Disabled("known miss, measured 2026-12-03 (check20b): 7 of 14 over 1 % RMSE, 3 under 95 % coverage."
            + " 10C_US06 (RMSE / coverage / median bound): from 0.9 +15 % 0.40 / 100 / 3.82 %, -15 % 1.39 / 100"
            + " / 3.33 %; from 0.7 +15 % 1.92 / 100 / 4.18 %, -15 % 2.40 / 77.2 / 3.48 %; from 0.5 +15 % 6.12 /"
            + " 12.8 / 4.37 %, -15 % 5.80 / 19.6 / 4.61 % (never under 2 %). 25C_Cycle_2 from 0.9 1.42 / 0.83 %,"
            + " 0.7 1.06 / 0.70 %, 0.5 0.44 / 0.84 %, 0.3 0.79 / 0.93 %, coverage 100 % on all eight. Coulomb"
            + " counting from the true start 0.73-2.76 %. The documented recipe has no slow branch: the mid-drive"
            + " class of docs/estimation.md, made worse at 10 °C")
    @ParameterizedTest(name = "{0} from SOC {1}, start {2}, offset {3} A, gain {4}")
    @CsvSource({
        "10C_US06, 0.9, 0.15, 0.035, 0.985",
        "10C_US06, 0.9, -0.15, -0.035, 1.015",
        "10C_US06, 0.7, 0.15, 0.035, 0.985",
        "10C_US06, 0.7, -0.15, -0.035, 1.015",
        "10C_US06, 0.5, 0.15, 0.035, 0.985",
        "10C_US06, 0.5, -0.15, -0.035, 1.015",
        "25C_Cycle_2, 0.9, 0.15, 0.035, 0.985",
        "25C_Cycle_2, 0.9, -0.15, -0.035, 1.015",
        "25C_Cycle_2, 0.7, 0.15, 0.035, 0.985",
        "25C_Cycle_2, 0.7, -0.15, -0.035, 1.015",
        "25C_Cycle_2, 0.5, 0.15, 0.035, 0.985",
        "25C_Cycle_2, 0.5, -0.15, -0.035, 1.015",
        "25C_Cycle_2, 0.3, 0.15, 0.035, 0.985",
        "25C_Cycle_2, 0.3, -0.15, -0.035, 1.015"
    })
    void theTargetsHoldFromEveryStart(String log, double startSoc, double error, String offsetA, String gain)
            throws IOException {
        Map<String, Double> s = replay(log, startSoc, error, offsetA, gain);
        assertThat(s.get("soc_rmse_pct")).isLessThanOrEqualTo(1.0);
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }
}
