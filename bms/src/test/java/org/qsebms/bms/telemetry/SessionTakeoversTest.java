package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionTakeoversTest {
    private static final long S = 1_000_000_000L;

    @Test
    void threeShortSessionsRetakenAtOnceWithinAMinuteAreATakeover() {
        SessionTakeovers t = new SessionTakeovers("tcp://b:1883", "qse-bms-p1", 10 * S);
        assertThat(t.reconnected(10 * S, 9 * S, 2 * S)).isFalse(); // one: could be anything
        assertThat(t.reconnected(20 * S, 19 * S, 3 * S)).as("a fight: back off").isTrue();
        assertThat(t.count()).isZero();
        assertThat(t.reconnected(30 * S, 29 * S, 3 * S)).isTrue();
        assertThat(t.count()).isEqualTo(1);
    }

    @Test
    void longSessionsSlowReconnectsAndSpreadOutLossesAreNot() {
        SessionTakeovers t = new SessionTakeovers("tcp://b:1883", "qse-bms-p1", 10 * S);
        assertThat(t.reconnected(100 * S, 99 * S, 3600 * S))
                .as("an hour-long session")
                .isFalse();
        assertThat(t.reconnected(200 * S, 120 * S, 2 * S))
                .as("the broker was away 80 s")
                .isFalse();
        t.reconnected(300 * S, 299 * S, 2 * S);
        t.reconnected(400 * S, 399 * S, 2 * S);
        t.reconnected(500 * S, 499 * S, 2 * S);
        assertThat(t.count()).as("one a minute and a half apart").isZero();
    }
}
