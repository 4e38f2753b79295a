package org.qsebms.estimators.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The resistance history's SEI trend against time (issue 23, check23v defect 2). */
class ResistanceHistoryTest {
    /** 2026-12-06 in days since the epoch. */
    static final double DAY = 20_428;

    @Test
    void theSeiTrendIsTheSlopeOfTheDatedPoints() {
        ResistanceHistory h = new ResistanceHistory(16);
        for (int i = 0; i < 4; i++) {
            h.add(10 * i, DAY + 10 * i, 0.036, 0.001 + 1e-5 * 10 * i);
        }
        assertThat(h.seiTrendOhmPerDay(8)).isCloseTo(1e-5, within(1e-12));
    }

    /**
     * A point recorded while the wall clock read 1970 (a Pi without RTC before NTP) is kept in the history, but its
     * date is left out of the trend: fitted, it spreads the time axis over 56 years and the slope to nothing.
     */
    @Test
    void aPointDatedBefore2020IsLeftOutOfTheTrendAndKept() {
        ResistanceHistory h = new ResistanceHistory(16);
        for (int i = 0; i < 3; i++) {
            h.add(10 * i, DAY + 10 * i, 0.036, 0.001 + 1e-5 * 10 * i);
        }
        h.add(35, 1.0 / 24, 0.036, 0.0014); // recorded at 1970-01-01T01:00Z
        h.add(40, DAY + 30, 0.036, 0.001 + 1e-5 * 30);
        assertThat(h.size()).isEqualTo(5);
        assertThat(h.seiTrendOhmPerDay(8)).isCloseTo(1e-5, within(1e-12));
    }
}
