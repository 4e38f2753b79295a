package org.qsebms.bms.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.protection.FaultCode;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.LimitLevel;

class DashboardFeedTest {
    private static PackSample sample(long sequence, double packVolts) {
        PackSample s = new PackSample(2, 1);
        s.sequence = sequence;
        s.nanos = sequence * 1_000_000_000L;
        s.epochMillis = 1_700_000_000_000L + sequence * 1000;
        s.packVolts = packVolts;
        s.cellCelsius[0] = 20 + sequence;
        s.cellR0Ohm[0] = 0.002;
        s.cellR0Ohm[1] = Double.NaN;
        return s;
    }

    private static ControllerEvent.FaultEdge edge(boolean raised, boolean latched, String reason, long nanos) {
        return new ControllerEvent.FaultEdge(
                new FaultEvent(FaultCode.CELL_OVER_VOLTAGE, LimitLevel.MSL, raised, latched, reason, nanos));
    }

    @Test
    void aLatchedAlarmStaysListedAfterItsConditionGoesUntilTheResetClearsIt() {
        DashboardFeed feed = new DashboardFeed(2, 1, 10, () -> 42L);
        feed.sample(sample(1, 8.0));
        feed.event(edge(true, true, "cell 1: cellOverVoltage 4.35 V above limit 4.300 V", 1_500_000_000L));
        DashboardFeed.Alarm raised = feed.now().alarms().get(0);
        assertThat(raised.id()).isEqualTo("CELL_OVER_VOLTAGE.MSL");
        assertThat(raised.level()).isEqualTo("MSL");
        assertThat(raised.latched()).isTrue();
        assertThat(raised.conditionCleared()).isFalse();
        assertThat(raised.sinceMillis())
                .as("loop time placed on the wall clock by the sample")
                .isEqualTo(1_700_000_001_500L);

        feed.event(edge(false, true, "cell 1: cellOverVoltage 4.10 V back inside limit 4.300 V", 3_000_000_000L));
        DashboardFeed.Alarm held = feed.now().alarms().get(0);
        assertThat(held.conditionCleared()).isTrue();
        assertThat(held.reason()).as("the reason it was raised").contains("4.35 V above");
        assertThat(held.sinceMillis()).isEqualTo(raised.sinceMillis());

        feed.event(edge(false, false, "cell voltage above its limit: reset", 4_000_000_000L));
        assertThat(feed.now().alarms()).isEmpty();
        assertThat(feed.now().notes())
                .extracting(DashboardFeed.Note::text)
                .last()
                .asString()
                .contains("cleared")
                .contains("reset");
    }

    @Test
    void eventsBeforeTheFirstSampleAreDatedByTheClock() {
        DashboardFeed feed = new DashboardFeed(2, 1, 10, () -> 42L);
        feed.event(
                new ControllerEvent.StateChange(SupervisorState.INIT, SupervisorState.STANDBY, "contactors open", 5));
        assertThat(feed.now().notes())
                .containsExactly(new DashboardFeed.Note(42L, "INIT \u2192 STANDBY: contactors open"));
        assertThat(feed.now().haveSample()).isFalse();
    }

    @Test
    void keepsTheRecentEventsBounded() {
        DashboardFeed feed = new DashboardFeed(2, 1, 10, () -> 0L);
        for (int i = 0; i < 3 * DashboardFeed.RECENT_EVENTS; i++) {
            feed.event(new ControllerEvent.ResetOutcome(false, "refused " + i, i));
        }
        assertThat(feed.now().notes()).hasSize(DashboardFeed.RECENT_EVENTS);
        assertThat(feed.now().notes().get(DashboardFeed.RECENT_EVENTS - 1).text())
                .isEqualTo("reset refused: refused " + (3 * DashboardFeed.RECENT_EVENTS - 1));
    }

    @Test
    void historyKeepsTheNewestRowsInOrderAndHandsOutOnlyThoseAfterASequence() {
        DashboardFeed feed = new DashboardFeed(2, 1, 3, () -> 0L);
        for (int i = 1; i <= 5; i++) {
            feed.sample(sample(i, 8.0 + i));
        }
        History.Points all = feed.now().points();
        assertThat(all.packVolts()).containsExactly(11.0, 12.0, 13.0);
        assertThat(all.celsius()[0]).containsExactly(23.0, 24.0, 25.0);
        assertThat(all.maxCellR0Ohm()).containsOnly(0.002);
        assertThat(all.lastSequence()).isEqualTo(5);
        assertThat(all.epochSeconds()[0]).isEqualTo(1_700_000_003.0);
    }

    @Test
    void awaitReturnsRowsAfterTheGivenSequenceAndWaitsForNews() throws Exception {
        DashboardFeed feed = new DashboardFeed(2, 1, 3, () -> 0L);
        for (int i = 1; i <= 5; i++) {
            feed.sample(sample(i, 8.0 + i));
        }
        DashboardFeed.View v = feed.await(Long.MIN_VALUE, 4, 1000);
        assertThat(v.points().packVolts()).containsExactly(13.0);
        DashboardFeed.View unchanged = feed.await(v.version(), 5, 50);
        assertThat(unchanged.version()).isEqualTo(v.version());
        assertThat(unchanged.points().size()).isZero();
        assertThat(unchanged.points().lastSequence()).isEqualTo(5);
        Thread producer = new Thread(() -> feed.sample(sample(6, 14.0)));
        producer.start();
        DashboardFeed.View next = feed.await(v.version(), 5, 10_000);
        producer.join();
        assertThat(next.points().packVolts()).containsExactly(14.0);
        feed.close();
        assertThat(feed.await(next.version(), 6, 10_000))
                .as("closed: the stream ends")
                .isNull();
    }
}
