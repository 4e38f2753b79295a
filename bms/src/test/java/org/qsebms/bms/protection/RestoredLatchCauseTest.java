package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A latch restored from the state file after a restart or power loss: its cause must be proven
 * gone after the restart, as it had to be before it. A fresh process has seen nothing yet, so
 * "nothing seen" must not count as "cause gone" (issue 23, a latched fault through restart).
 */
class RestoredLatchCauseTest {
    private final Frames f = new Frames(4);
    private final Protection p = new Protection(Frames.LIMITS, f);

    /**
     * A channel that froze before the restart (the latch says so) and is still frozen after it:
     * before the restart its reset was refused until the reading changed; after the restart the
     * reset must be refused too, until the channel's reading is seen changing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CELL_VOLTAGE_STUCK", "TEMPERATURE_STUCK", "CURRENT_STUCK"})
    void aRestoredStuckChannelLatchIsNotResetUntilTheChannelIsSeenAlive(String code) {
        p.restoreLatched(List.of(code + ".MSL"), 0);
        f.jitter = false; // every channel still frozen after the restart, pack at rest
        f.steps(p, 20);
        assertThat(p.reset(f.now))
                .as("reset 2 s after the restart, channels still frozen")
                .isFalse();
        assertThat(p.refusal()).contains(code);
        f.jitter = true; // the readings move again: the channels are alive
        f.steps(p, 3);
        assertThat(p.reset(f.now))
                .as("reset once every channel's reading changed")
                .isTrue();
        assertOnlyTheRestoreLine(code);
    }

    /**
     * A sensor fault judged over a debounce (status, sum of cells, spread): restored, its
     * cause holds until the monitor has seen it gone for that debounce, as for a live latch.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CELL_VOLTAGE_SENSOR", "PACK_VOLTAGE_MISMATCH", "TEMPERATURE_SPREAD"})
    void aRestoredSensorLatchNeedsItsDebounceOfGoodReadingsBeforeAReset(String code) {
        p.restoreLatched(List.of(code + ".MSL"), 0);
        f.step(p);
        assertThat(p.reset(f.now))
                .as("reset on the first tick after the restart")
                .isFalse();
        f.steps(p, 60);
        assertThat(p.reset(f.now)).as("reset after 6 s of good readings").isTrue();
        assertOnlyTheRestoreLine(code);
    }

    /** A restored latch is not a new trip: its one raise line is the restore's, nothing counts towards the lockout. */
    private void assertOnlyTheRestoreLine(String code) {
        assertThat(f.events.stream().filter(e -> e.raised() && e.id().equals(code + ".MSL")))
                .singleElement()
                .satisfies(e -> assertThat(e.reason()).endsWith(Protection.RESTORED_SUFFIX));
    }

    /** Event-type latches (a precharge that failed, a missing feedback) are over once found: restored, a reset takes them. */
    @ParameterizedTest
    @ValueSource(strings = {"PRECHARGE_FAILED", "CONTACTOR_FEEDBACK"})
    void aRestoredEventLatchIsResetOnceTheReadingsAreIn(String code) {
        p.restoreLatched(List.of(code + ".MSL"), 0);
        f.steps(p, 2);
        assertThat(p.reset(f.now)).isTrue();
    }
}
