package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A reset answers the fault present when it is sent (issue 23, defect 1). When the control loop
 * does not answer within 3 s (a stalled loop), the sender is told so, and the request must not stay
 * set for the loop to take later, at a moment nobody chose. Real parser, handler and request flags;
 * only the clock is manual and the loop does not tick.
 */
class ResetTimeoutWithdrawalTest {
    private final ResetDispatchBench bench = new ResetDispatchBench();

    @Test
    void aResetTheLoopDidNotTakeIn3SecondsIsWithdrawn() {
        bench.sendReset("r1");
        bench.clock.addAndGet(3_100_000_000L);
        bench.dispatcher.expireResets();

        assertThat(bench.results).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("r1");
            assertThat(r.accepted()).isFalse();
            assertThat(r.reason()).contains("within 3 s").contains("withdrawn");
        });
        // nothing is left for a loop that wakes up later: the flag is down
        assertThat(bench.requests.withdrawReset()).isFalse();
        assertThat(bench.dispatcher.resetsPending()).isFalse();
    }

    @Test
    void aResetStillInsideItsThreeSecondsStaysForTheLoop() {
        bench.sendReset("r1");
        bench.clock.addAndGet(2_900_000_000L);
        bench.dispatcher.expireResets();

        assertThat(bench.results).isEmpty();
        assertThat(bench.dispatcher.resetsPending()).isTrue();
        assertThat(bench.requests.withdrawReset()).isTrue(); // still set: the loop would take it now
    }

    @Test
    void whileALaterResetWaitsTheRequestStays() {
        bench.sendReset("r1");
        bench.clock.addAndGet(1_000_000_000L);
        bench.sendReset("r2");
        bench.clock.addAndGet(2_500_000_000L); // r1 is 3.5 s old, r2 1.5 s
        bench.dispatcher.expireResets();

        assertThat(bench.results).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("r1");
            assertThat(r.reason()).contains("a later reset still waits");
        });
        assertThat(bench.dispatcher.resetsPending()).isTrue();

        bench.clock.addAndGet(2_000_000_000L); // r2 now 3.5 s old: the last one, withdrawn
        bench.dispatcher.expireResets();
        assertThat(bench.results).hasSize(2);
        assertThat(bench.results.get(1).id()).isEqualTo("r2");
        assertThat(bench.results.get(1).reason()).contains("withdrawn");
        assertThat(bench.requests.withdrawReset()).isFalse();
    }

    @Test
    void aResetTheLoopTookLateIsNotCalledWithdrawn() {
        bench.sendReset("r1");
        // the loop takes the request just before the deadline, but its answer has not come back yet
        assertThat(bench.requests.withdrawReset()).isTrue();
        bench.clock.addAndGet(3_100_000_000L);
        bench.dispatcher.expireResets();

        assertThat(bench.results)
                .singleElement()
                .satisfies(r -> assertThat(r.reason())
                        .contains("the loop took the request")
                        .doesNotContain("withdrawn"));
    }
}
