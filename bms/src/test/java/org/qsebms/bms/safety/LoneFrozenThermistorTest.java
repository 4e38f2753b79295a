package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Found by the random-scenario oracle over 1-cell packs ({@code -Doracle.cells=1-1}, seeds 4700001-4703000: 36 of 3000
 * violate, every one this class): a pack's only thermistor freezes, then its cell heats past the over-temperature
 * MSL. The own-rate liveness check ({@code FrozenByOwnRepeatRate}) judged a run of identical readings only while
 * another thermistor's reading changed, so a lone thermistor's freeze was found only by the windows (1 min while
 * current flows, 10 min whatever the current). Seed 4700763 (le-lfp, 1 cell, idle): frozen at 11.6 s, the cell beyond
 * the MSL from 38.8 s, not in FAULT by the 2.1 s deadline nor by the run's end (54 s). The heat comes with no current
 * (the pack never closes), so no heat model sees it; the freeze itself is what shows: a lone thermistor is now judged
 * by its own history (issue 23, fix23ao). docs/safety.md, "A nineteenth independent check" and "A lone thermistor
 * judged by its own history".
 */
class LoneFrozenThermistorTest {
    /** Met since fix23ao: TEMPERATURE_STUCK from the own-rate check before the heat crosses the MSL. */
    @Test
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
