package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A shipped chemistry preset on a cell it does not describe (found 2026-12-06 while checking the capacity doubt):
 * the Panasonic NCA logs replayed with {@code --chemistry psoa-ncm811} or {@code le-ncm811} (their OCV table is
 * a literature NMC811 cell's) are estimated 16-20 % off, and the bound covers 7-83 % of the rows. The preset's
 * resistances are close enough that the voltage steps do not call the cell mismatched ({@code PresetFitCheck}), and
 * nothing else in the filter sees an OCV table that is another cell's. The replay now says what the bound rests
 * on; the bound itself is a known miss (docs/estimation.md, "A shipped preset on another cell").
 */
class ShippedPresetOnAnotherCellTest {
    @TempDir
    Path tmp;

    private SharedDataValidationTest.Result replay(String log, String chemistry) {
        Path pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        return SharedDataValidationTest.run(
                new ReplayCommand(),
                pan.resolve(log + ".csv").toString(),
                "--chemistry",
                chemistry,
                "--capacity-ah",
                "2.9",
                "--initial-soc",
                "0.7",
                "--out",
                tmp.resolve(log + "-" + chemistry).toString());
    }

    @Test
    void theReplaySaysWhatAShippedPresetsBoundRestsOn() {
        SharedDataValidationTest.Result r = replay("pan18650pf_25C_US06", "le-ncm811");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("note: --chemistry le-ncm811 is a shipped preset, not a characterisation of this cell")
                .contains("characterise the cell (bms characterize");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "pan18650pf_25C_US06, psoa-ncm811",
        "pan18650pf_25C_US06, le-ncm811",
        "pan18650pf_0C_LA92, psoa-ncm811",
        "pan18650pf_0C_LA92, le-ncm811",
        "pan18650pf_10C_Cycle_1, psoa-ncm811",
        "pan18650pf_10C_Cycle_1, le-ncm811"
    })
    @Disabled("known miss, measured 2026-12-06 (EKF, from 0.7; RMSE / coverage / median bound): 25 °C US06 psoa"
            + " 17.58 / 81.1 / 52.4 %, le 19.57 / 79.1 / 37.4 %; 0 °C LA92 psoa 15.90 / 39.4 / 14.8 %, le 15.67 /"
            + " 12.6 / 9.0 %; 10 °C Cycle_1 psoa 17.81 / 83.6 / 22.8 %, le 18.33 / 7.0 / 15.1 %")
    void theBoundHoldsWithAShippedPresetOfAnotherCell(String log, String chemistry) {
        SharedDataValidationTest.Result r = replay(log, chemistry);
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> m = SharedDataValidationTest.json(r.out());
        assertThat(m.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }
}
