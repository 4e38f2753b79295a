package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.bms.command.CommandResult;

/**
 * A reset answers the fault present when it is received (issue 23, defect 1), over MQTT too: the
 * loop's answer to one reset must not be given to a reset sent after the loop took the first. Found
 * by the fourth independent check (check23d): reset r1 is taken by the loop and refused (the cause
 * still held); r2, sent while that answer was on its way to the telemetry thread, was told r1's
 * "refused" although its own request was still set and the loop then took and accepted it, leaving
 * FAULT without its sender knowing. Real parser, handler and request flags; the loop's take and its
 * answer are played by hand in the order of that race.
 */
class ResetAnswerPerRequestTest {
    private final ResetDispatchBench bench = new ResetDispatchBench();

    @Test
    void aResetSentAfterTheLoopTookAnEarlierOneGetsItsOwnAnswer() {
        bench.sendReset("r1");
        long r1 = bench.requests.takeResetTicket(); // the loop takes r1 at its tick...
        assertThat(r1).isPositive();
        bench.sendReset("r2"); // ...r2 arrives before r1's answer has reached the telemetry thread
        bench.dispatcher.resetOutcome(false, "reset refused: condition still present [CELL_OVER_VOLTAGE.MSL]", r1);

        assertThat(bench.results).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("r1");
            assertThat(r.accepted()).isFalse();
        });
        assertThat(bench.dispatcher.resetsPending())
                .as("r2 still waits for its own answer")
                .isTrue();

        long r2 = bench.requests.takeResetTicket(); // the next tick takes r2: the cause has gone by now
        assertThat(r2).isGreaterThan(r1);
        bench.dispatcher.resetOutcome(true, "reset accepted: no fault condition present", r2);
        assertThat(bench.results).hasSize(2);
        assertThat(bench.results.get(1).id()).isEqualTo("r2");
        assertThat(bench.results.get(1).accepted()).isTrue();
        assertThat(bench.dispatcher.resetsPending()).isFalse();
    }

    @Test
    void resetsSentBeforeTheLoopTookThemShareOneAnswer() {
        bench.sendReset("r1");
        bench.sendReset("r2");
        long taken = bench.requests.takeResetTicket();
        assertThat(bench.requests.takeResetTicket()).as("one take answers both").isZero();
        bench.dispatcher.resetOutcome(true, "reset accepted: no fault condition present", taken);
        assertThat(bench.results).extracting(CommandResult::id).containsExactly("r1", "r2");
        assertThat(bench.results).allSatisfy(r -> assertThat(r.accepted()).isTrue());
    }

    @Test
    void aServiceResetAnswerIsNotGivenToAnOrdinaryResetTheLoopHasNotTaken() {
        long before = bench.requests.takeResetTicket(); // nothing requested yet
        assertThat(before).isZero();
        bench.sendReset("r1");
        // the loop answers a service reset alone: it took no ordinary reset, so it answers up to the last one taken
        bench.dispatcher.resetOutcome(
                true, "service reset accepted: no fault condition present", bench.requests.resetsTaken());
        assertThat(bench.results).isEmpty();
        assertThat(bench.dispatcher.resetsPending()).isTrue();
    }
}
