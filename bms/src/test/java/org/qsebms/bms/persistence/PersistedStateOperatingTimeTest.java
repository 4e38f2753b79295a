package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.protection.FaultCode;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.config.LimitLevel;

/**
 * An operating time no controller can have run (check23w defect 3: a state file's operatingMillis edited to 4e15 ms
 * or Long.MAX_VALUE, its crc32 recomputed): the saved trips' ages cannot be trusted, so they count as taken at this
 * start (failing safe) instead of aging out of the lockout window; and the operating clock never stands still on an
 * overflowed sum.
 */
class PersistedStateOperatingTimeTest {
    private static final long NOW = 1_764_000_600_000L;
    /** A century of operation, 36 525 days (PersistedStateCheck.MAX_OPERATING_MILLIS, written out). */
    private static final long CENTURY_MILLIS = 3_155_760_000_000L;

    private final PersistedState defaults = PersistedState.defaults(4, 2.0, 0.035);

    @ParameterizedTest(name = "operatingMillis {0}")
    @ValueSource(longs = {4_000_000_000_000_000L, Long.MAX_VALUE, CENTURY_MILLIS + 1})
    void anImplausibleOperatingTimeMakesTheSavedTripsCountAsTakenAtThisStart(long edited) {
        List<TripRecord> saved = List.of(
                new TripRecord("SHORT_CIRCUIT.MSL", 1_764_000_000_100L, 2_100),
                new TripRecord("SHORT_CIRCUIT.MSL", 1_764_000_003_300L, 5_300));
        PersistedState s = StateFileTest.sample(3).withOperatingMillis(edited).withTripHistory(saved);

        PersistedStateCheck.Checked c = PersistedStateCheck.check(s, defaults, NOW, "bms-state.txt");

        assertThat(c.state().operatingMillis()).as("counting on from 0").isZero();
        assertThat(c.state().tripHistory())
                .as("both trips kept, each aged 0 (the file's operating time less the trip's)")
                .extracting(TripRecord::operatingMillis)
                .containsExactly(0L, 0L);
        assertThat(c.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("operatingMillis = " + edited + " is impossible")
                        .contains("more than a century of operation (3155760000000 ms)")
                        .contains("the saved trips count as taken at this start"));
    }

    @Test
    void aCenturyOfOperationIsStillTrusted() {
        long century = CENTURY_MILLIS;
        TripRecord trip = new TripRecord("SHORT_CIRCUIT.MSL", 1_764_000_000_100L, century - 1_000);
        PersistedState s = StateFileTest.sample(3).withOperatingMillis(century).withTripHistory(List.of(trip));

        PersistedStateCheck.Checked c = PersistedStateCheck.check(s, defaults, NOW, "bms-state.txt");

        assertThat(c.state().operatingMillis()).isEqualTo(century);
        assertThat(c.state().tripHistory()).containsExactly(trip);
        assertThat(c.warnings()).noneMatch(w -> w.contains("operatingMillis"));
    }

    @Test
    void theOperatingClockDoesNotStandStillWhereTheSumWouldOverflow() {
        StateHandoff h = new StateHandoff(4);
        h.continueOperatingTime(Long.MAX_VALUE - 1_000, 0);
        h.offerFault(edge(0), NOW);
        h.offerFault(edge(2_000_000_000L), NOW + 2_000);

        long first = h.pollFault().operatingMillis();
        long second = h.pollFault().operatingMillis();

        assertThat(first).isEqualTo(Long.MAX_VALUE - 1_000);
        assertThat(second)
                .as("2 s later the sum overflows: it saturates at Long.MAX_VALUE rather than going negative")
                .isEqualTo(Long.MAX_VALUE);
    }

    private static FaultEvent edge(long nanos) {
        return new FaultEvent(FaultCode.SHORT_CIRCUIT, LimitLevel.MSL, true, true, "probe", nanos);
    }
}
