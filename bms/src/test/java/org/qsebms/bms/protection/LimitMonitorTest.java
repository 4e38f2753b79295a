package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.config.LimitDirection;
import org.qsebms.config.LimitLevel;
import org.qsebms.config.ThreeLevelLimit;

/**
 * Issue 23, check23r: one sample back inside restarted a pending raise, so a cell 0.2 V over its MSL two thirds of
 * the time (200 ms beyond, 100 ms back) for 12 s raised nothing, and 8 A pulses at 75 % duty against a 6 A / 500 ms
 * MSL ran 60 s without a trip. The debounce is now an up/down count: a sample back inside takes back the time it
 * lasted, so a condition beyond for more than half of the samples adds up and one beyond for half or less never does.
 */
class LimitMonitorTest {
    private static final long MS = 1_000_000L;
    private static final double BEYOND = 4.50;
    private static final double INSIDE = 4.00;
    /** A 1 s debounce, long against every loop period tried, so a flicker needs several periods to add up. */
    private static final ThreeLevelLimit LIMIT = new ThreeLevelLimit(
            "cellVoltage", LimitDirection.UPPER, 4.20, 4.25, 4.30, 0.03, Duration.ofSeconds(1), "V");

    private final List<FaultEvent> events = new ArrayList<>();
    private final LimitMonitor monitor = new LimitMonitor(FaultCode.CELL_OVER_VOLTAGE, LIMIT);

    /** Runs {@code pattern} (true: a sample beyond every level) over and over for {@code samples} samples. */
    private void play(long periodMs, boolean[] pattern, int samples) {
        for (int i = 0; i < samples; i++) {
            monitor.evaluate(
                    pattern[i % pattern.length] ? BEYOND : INSIDE, true, i * periodMs * MS, "cell 3", events::add);
        }
    }

    private FaultEvent mslRaise() {
        return events.stream()
                .filter(e -> e.raised() && e.level() == LimitLevel.MSL)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no MSL raised; events: " + events));
    }

    @ParameterizedTest(name = "loop {0} ms")
    @ValueSource(longs = {100, 150, 250})
    void aConditionBeyondTwoThirdsOfTheTimeAddsUpAndTripsWithinItsBound(long periodMs) {
        // two samples beyond, one back inside, for 60 s
        play(periodMs, new boolean[] {true, true, false}, (int) (60_000 / periodMs));
        FaultEvent raise = mslRaise();
        // net gain 1/3 of the time: debounce / (2 d - 1) + one period from the first sample beyond (at 0)
        long bound = LIMIT.debounce().toNanos() * 3 + periodMs * MS;
        assertThat(raise.nanos()).isLessThanOrEqualTo(bound);
        // each level is raised once and stays raised (clearing needs the debounce back inside unbroken)
        assertThat(events).hasSize(3).allMatch(FaultEvent::raised);
        // the reason says the time counted and over how long it was gathered
        assertThat(raise.reason()).contains("counted over").contains("a sample back inside takes back its time");
        assertThat(monitor.active(LimitLevel.MSL)).isTrue();
    }

    @ParameterizedTest(name = "loop {0} ms")
    @ValueSource(longs = {100, 150, 250})
    void aConditionBeyondHalfOfTheTimeNeverTrips(long periodMs) {
        play(periodMs, new boolean[] {true, false}, (int) (60_000 / periodMs));
        play(periodMs, new boolean[] {true, true, false, false}, (int) (60_000 / periodMs));
        assertThat(events).isEmpty();
    }

    @ParameterizedTest(name = "loop {0} ms")
    @ValueSource(longs = {100, 150, 250})
    void aLoneExcursionShorterThanTheDebounceStillRaisesNothing(long periodMs) {
        int shortOfDebounce = (int) ((LIMIT.debounce().toMillis() - periodMs) / periodMs);
        boolean[] pattern = new boolean[200];
        java.util.Arrays.fill(pattern, 0, shortOfDebounce, true);
        play(periodMs, pattern, pattern.length * 3);
        assertThat(events).isEmpty();
    }

    @ParameterizedTest(name = "loop {0} ms")
    @ValueSource(longs = {100, 150, 250})
    void aSteadyConditionIsRaisedOneDebounceAfterItsFirstSampleWithItsPlainReason(long periodMs) {
        play(periodMs, new boolean[] {true}, (int) (3_000 / periodMs));
        FaultEvent raise = mslRaise();
        assertThat(raise.nanos()).isLessThanOrEqualTo(LIMIT.debounce().toNanos());
        assertThat(raise.reason()).doesNotContain("counted over");
    }
}
