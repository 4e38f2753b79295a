package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The {@code contactors} close reply waits for the loop's answer as a reset's does, without the MQTT side
 * ever waiting on the loop: the request is a lock-free ticket, the answer an event matched by ticket, and
 * a close the loop did not take in 3 s is withdrawn so a stalled loop never closes the pack later, at a
 * moment its sender did not choose. Real parser, handler and request objects; the loop is played by hand.
 */
class CloseReplyDispatchTest {
    private final ResetDispatchBench bench = new ResetDispatchBench();

    @Test
    void aCloseIsNotAnsweredUntilTheLoopAnswersItAndThenWithItsReason() {
        bench.sendContactors("c1", "close");
        assertThat(bench.results).isEmpty(); // returned at once, with no answer yet
        assertThat(bench.dispatcher.closesPending()).isTrue();

        bench.dispatcher.closeOutcome(false, "close refused: a cause ... CELL_IMBALANCE.MSL", 1);
        assertThat(bench.results).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("contactors");
            assertThat(r.id()).isEqualTo("c1");
            assertThat(r.accepted()).isFalse();
            assertThat(r.reason()).contains("CELL_IMBALANCE.MSL");
        });
        assertThat(bench.dispatcher.closesPending()).isFalse();
    }

    @Test
    void aCloseSentAfterTheLoopTookAnEarlierOneWaitsForItsOwnAnswer() {
        bench.sendContactors("c1", "close");
        bench.sendContactors("c2", "close");
        bench.dispatcher.closeOutcome(true, "close accepted", 1); // the loop took only the first
        assertThat(bench.results)
                .singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo("c1"));
        bench.dispatcher.closeOutcome(false, "close refused: FAULT", 2);
        assertThat(bench.results).hasSize(2);
        assertThat(bench.results.get(1).id()).isEqualTo("c2");
        assertThat(bench.results.get(1).accepted()).isFalse();
    }

    @Test
    void anOpenIsAnsweredAtOnce() {
        bench.sendContactors("o1", "open");
        assertThat(bench.results).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("o1");
            assertThat(r.accepted()).isTrue();
        });
        assertThat(bench.dispatcher.closesPending()).isFalse();
    }

    @Test
    void aCloseTheLoopDidNotTakeIn3SecondsIsWithdrawn() {
        bench.sendContactors("c1", "close");
        bench.clock.addAndGet(3_100_000_000L);
        bench.dispatcher.expireCloses();
        assertThat(bench.results).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("c1");
            assertThat(r.accepted()).isFalse();
            assertThat(r.reason()).contains("within 3 s").contains("withdrawn");
        });
        assertThat(bench.requests.withdrawClose()).isFalse(); // nothing left for a loop that wakes up later
    }

    @Test
    void aCloseTheLoopTookButDidNotAnswerIsNotCalledWithdrawn() {
        bench.sendContactors("c1", "close");
        assertThat(bench.requests.withdrawClose()).isTrue(); // as the loop's take
        bench.clock.addAndGet(3_100_000_000L);
        bench.dispatcher.expireCloses();
        assertThat(bench.results)
                .singleElement()
                .satisfies(r -> assertThat(r.reason())
                        .contains("the loop took the close")
                        .doesNotContain("withdrawn"));
    }

    @Test
    void sixteenWaitingClosesRefuseTheSeventeenth() {
        for (int i = 0; i < 16; i++) {
            bench.sendContactors("c" + i, "close");
            bench.clock.addAndGet(250_000_000L); // inside the 5/s rate limit
        }
        assertThat(bench.results).isEmpty();
        bench.sendContactors("c16", "close");
        assertThat(bench.results).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("c16");
            assertThat(r.reason()).contains("already await");
        });
    }
}
