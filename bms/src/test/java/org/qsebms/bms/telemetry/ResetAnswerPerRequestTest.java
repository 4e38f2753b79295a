package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.command.CommandHandler;
import org.qsebms.bms.command.CommandParser;
import org.qsebms.bms.command.CommandResult;
import org.qsebms.bms.control.OperatorSettings;
import org.qsebms.bms.supervisor.SupervisorRequests;

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
    private static final MqttTopics TOPICS = new MqttTopics("qse-bms", "pack-1");

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final SupervisorRequests requests = new SupervisorRequests();
    private final List<CommandResult> results = new ArrayList<>();
    private final CommandDispatcher dispatcher = new CommandDispatcher(
            TOPICS,
            new CommandParser(10, 10),
            new CommandHandler(requests, new OperatorSettings()),
            5,
            clock::get,
            results::add,
            () -> {});

    private void sendReset(String id) {
        CommandInbox inbox = new CommandInbox(CommandParser.MAX_PAYLOAD_BYTES, 1 << 16, 16, () -> {});
        inbox.offer(TOPICS.command("reset"), ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), false);
        dispatcher.process(inbox, 16);
    }

    @Test
    void aResetSentAfterTheLoopTookAnEarlierOneGetsItsOwnAnswer() {
        sendReset("r1");
        long r1 = requests.takeResetTicket(); // the loop takes r1 at its tick...
        assertThat(r1).isPositive();
        sendReset("r2"); // ...r2 arrives before r1's answer has reached the telemetry thread
        dispatcher.resetOutcome(false, "reset refused: condition still present [CELL_OVER_VOLTAGE.MSL]", r1);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("r1");
            assertThat(r.accepted()).isFalse();
        });
        assertThat(dispatcher.resetsPending())
                .as("r2 still waits for its own answer")
                .isTrue();

        long r2 = requests.takeResetTicket(); // the next tick takes r2: the cause has gone by now
        assertThat(r2).isGreaterThan(r1);
        dispatcher.resetOutcome(true, "reset accepted: no fault condition present", r2);
        assertThat(results).hasSize(2);
        assertThat(results.get(1).id()).isEqualTo("r2");
        assertThat(results.get(1).accepted()).isTrue();
        assertThat(dispatcher.resetsPending()).isFalse();
    }

    @Test
    void resetsSentBeforeTheLoopTookThemShareOneAnswer() {
        sendReset("r1");
        sendReset("r2");
        long taken = requests.takeResetTicket();
        assertThat(requests.takeResetTicket()).as("one take answers both").isZero();
        dispatcher.resetOutcome(true, "reset accepted: no fault condition present", taken);
        assertThat(results).extracting(CommandResult::id).containsExactly("r1", "r2");
        assertThat(results).allSatisfy(r -> assertThat(r.accepted()).isTrue());
    }

    @Test
    void aServiceResetAnswerIsNotGivenToAnOrdinaryResetTheLoopHasNotTaken() {
        long before = requests.takeResetTicket(); // nothing requested yet
        assertThat(before).isZero();
        sendReset("r1");
        // the loop answers a service reset alone: it took no ordinary reset, so it answers up to the last one taken
        dispatcher.resetOutcome(true, "service reset accepted: no fault condition present", requests.resetsTaken());
        assertThat(results).isEmpty();
        assertThat(dispatcher.resetsPending()).isTrue();
    }
}
