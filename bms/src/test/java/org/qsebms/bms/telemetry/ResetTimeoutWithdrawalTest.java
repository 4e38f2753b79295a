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
 * A reset answers the fault present when it is sent (issue 23, defect 1). When the control loop
 * does not answer within 3 s (a stalled loop), the sender is told so, and the request must not stay
 * set for the loop to take later, at a moment nobody chose. Real parser, handler and request flags;
 * only the clock is manual and the loop does not tick.
 */
class ResetTimeoutWithdrawalTest {
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
    void aResetTheLoopDidNotTakeIn3SecondsIsWithdrawn() {
        sendReset("r1");
        clock.addAndGet(3_100_000_000L);
        dispatcher.expireResets();

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("r1");
            assertThat(r.accepted()).isFalse();
            assertThat(r.reason()).contains("within 3 s").contains("withdrawn");
        });
        // nothing is left for a loop that wakes up later: the flag is down
        assertThat(requests.withdrawReset()).isFalse();
        assertThat(dispatcher.resetsPending()).isFalse();
    }

    @Test
    void aResetStillInsideItsThreeSecondsStaysForTheLoop() {
        sendReset("r1");
        clock.addAndGet(2_900_000_000L);
        dispatcher.expireResets();

        assertThat(results).isEmpty();
        assertThat(dispatcher.resetsPending()).isTrue();
        assertThat(requests.withdrawReset()).isTrue(); // still set: the loop would take it now
    }

    @Test
    void whileALaterResetWaitsTheRequestStays() {
        sendReset("r1");
        clock.addAndGet(1_000_000_000L);
        sendReset("r2");
        clock.addAndGet(2_500_000_000L); // r1 is 3.5 s old, r2 1.5 s
        dispatcher.expireResets();

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("r1");
            assertThat(r.reason()).contains("a later reset still waits");
        });
        assertThat(dispatcher.resetsPending()).isTrue();

        clock.addAndGet(2_000_000_000L); // r2 now 3.5 s old: the last one, withdrawn
        dispatcher.expireResets();
        assertThat(results).hasSize(2);
        assertThat(results.get(1).id()).isEqualTo("r2");
        assertThat(results.get(1).reason()).contains("withdrawn");
        assertThat(requests.withdrawReset()).isFalse();
    }

    @Test
    void aResetTheLoopTookLateIsNotCalledWithdrawn() {
        sendReset("r1");
        // the loop takes the request just before the deadline, but its answer has not come back yet
        assertThat(requests.withdrawReset()).isTrue();
        clock.addAndGet(3_100_000_000L);
        dispatcher.expireResets();

        assertThat(results)
                .singleElement()
                .satisfies(r -> assertThat(r.reason())
                        .contains("the loop took the request")
                        .doesNotContain("withdrawn"));
    }
}
