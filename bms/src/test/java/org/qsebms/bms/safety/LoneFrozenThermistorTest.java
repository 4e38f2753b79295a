package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * A known miss found by the random-scenario oracle over 1-cell packs ({@code -Doracle.cells=1-1}, seeds
 * 4700001-4703000: 36 of 3000 violate, every one this class): a pack's only thermistor freezes, then its cell heats
 * past the over-temperature MSL. The own-rate liveness check ({@code FrozenByOwnRepeatRate}) judges a run of
 * identical readings only while another thermistor's reading changed, since a converter whose noise falls below a
 * code makes every channel repeat at once; a lone thermistor has no other, so its freeze is found only by the
 * windows (1 min while current flows, 10 min whatever the current). Seed 4700763 (le-lfp, 1 cell, idle): frozen
 * at 11.6 s, the cell beyond the MSL from 38.8 s, not in FAULT by the 2.1 s deadline nor by the run's end (54 s).
 * docs/safety.md, "A nineteenth independent check".
 */
class LoneFrozenThermistorTest {
    @Test
    @Disabled("known miss, measured 2026-12-06: seed 4700763 (1 cell), over-temperature from 38.8 s behind the lone"
            + " thermistor frozen at 11.6 s, not detected by its 2.1 s deadline; 36 of 3000 1-cell seeds")
    void aLoneFrozenThermistorHidingHeatIsFoundInTime() throws IOException {
        String yaml = Files.readString(
                Path.of("src/test/resources/scenarios/oracle/lone-frozen-thermistor-seed-4700763.yaml"));
        assertThat(RandomScenarioOracleTest.verdict(yaml, "seed 4700763").violations())
                .isEmpty();
    }

    /** The same scenario with the pack's second cell (and thermistor): the own-rate check finds the freeze. */
    @Test
    void withASecondThermistorTheFreezeIsFound() throws IOException {
        String yaml = Files.readString(
                        Path.of("src/test/resources/scenarios/oracle/lone-frozen-thermistor-seed-4700763.yaml"))
                .replace("seriesCells: 1", "seriesCells: 2");
        assertThat(RandomScenarioOracleTest.verdict(yaml, "seed 4700763 on 2 cells")
                        .violations())
                .isEmpty();
    }
}
