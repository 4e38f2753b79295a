package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Oracle seeds drawn with {@code -Doracle.cells=1-1} (a single-cell pack, as a researcher cycles one pouch cell) on
 * which the current check's unread-step branch (fault 211) trips a healthy cell discharged at a steady 1 C through
 * its last percent of charge, with no step in the current at all (found by the lead, 2026-12-07, sweep 5574001-5594000
 * on the head with fix23bl and fix23bk; every one trips the same on main before them, 3b3ad644). Each is a
 * ptpa-/psoa-ncm811 cell started at SOC 0.012-0.019 under a constant load of 1.0-1.04 C at a 100 or 150 ms loop: the
 * lone cell's voltage falls down the OCV's bottom knee 9.9-11.8 mV in a window beyond the model's prediction, against a
 * threshold of 8.8-11.1 mV, and with one cell the "every cell" of the branch is that cell. docs/safety.md, "A lone
 * cell discharged through empty".
 */
class DischargeThroughEmptyFalseAlarmTest {
    private static final int[] DEFAULT_PERIODS = {100, 150, 200, 250};
    private static final int[] ONE_CELL = {1, 1};
    private static final int[] DEFAULT_CELLS = {2, 12};

    @ParameterizedTest
    @ValueSource(longs = {5575184, 5577728, 5583904, 5585306, 5587524})
    @Disabled("known false alarm, measured 2026-12-07: 211 at 9.6-32.9 s on all five, the lone cell 9.9-11.8 mV beyond"
            + " the model against thresholds of 8.8-11.1 mV, the current steady")
    void aLoneCellDischargedThroughEmptyRaisesNoCurrentSensorFault(long seed) {
        String yaml = RandomScenarioOracleTest.scenario(seed, DEFAULT_PERIODS, ONE_CELL);
        List<String> violations =
                RandomScenarioOracleTest.verdict(yaml, "seed " + seed).violations();
        System.out.printf("seed %d (one cell): %d violations%n", seed, violations.size() / 2);
        assertThat(violations).isEmpty();
    }

    /**
     * The same class on a two-cell pack (default cell range): oracle seed 5626661, 2 le-ncm811 cells of 1.0 Ah at SOC
     * 0.016 under a steady 1.19 C discharge at a 150 ms loop (found by fix23bm's default sweep 5624001-5636000; trips
     * the same on main before the day's merges, 3b3ad644): the cells alike enough to cross the knee in one window.
     */
    @ParameterizedTest
    @ValueSource(longs = {5626661})
    @Disabled("known false alarm, measured 2026-12-07: 211 at 20.85 s, every cell at least 12.0 mV beyond the model"
            + " against 9.1 mV, the current steady")
    void aSmallPackDischargedThroughEmptyRaisesNoCurrentSensorFault(long seed) {
        String yaml = RandomScenarioOracleTest.scenario(seed, DEFAULT_PERIODS, DEFAULT_CELLS);
        List<String> violations =
                RandomScenarioOracleTest.verdict(yaml, "seed " + seed).violations();
        System.out.printf("seed %d: %d violations%n", seed, violations.size() / 2);
        assertThat(violations).isEmpty();
    }
}
