package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.command.CommandParser;
import org.qsebms.config.MqttConfig;

/**
 * Issue 23, found by check23z (finding 5): a reset the loop has not answered within 3 s (a stalled loop) is answered and withdrawn
 * "so the loop never takes it later, at a moment nobody chose" (docs/mqtt.md); a service reset, the deliberate reset
 * of a repeated-trip lockout, is never withdrawn: it stays queued and is judged whenever the loop ticks again (after a
 * stall of 30 s or 30 min), and can clear the lockout then. Real parser, handler, dispatcher and request queue; only
 * the clock is manual and the loop does not tick (as {@code ResetTimeoutWithdrawalTest}). Whether the expired service
 * reset still waits is read through the queue's bound: if it was withdrawn, the full bound of new ones fits.
 */
class ServiceResetWithdrawnAfterAStallTest {
    private final ResetDispatchBench bench = new ResetDispatchBench();

    private void send(String command, String id) {
        CommandInbox inbox = new CommandInbox(CommandParser.MAX_PAYLOAD_BYTES, 1 << 16, 16, () -> {});
        inbox.offer(
                ResetDispatchBench.TOPICS.command(command),
                ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
                false);
        bench.dispatcher.process(inbox, 16);
    }

    @Test
    void aServiceResetTheLoopDidNotTakeIn3SecondsIsNotLeftForItToTakeLater() {
        send("reset", "r1");
        send("service-reset", "s1");
        bench.clock.addAndGet(3_100_000_000L);
        bench.dispatcher.expireResets();
        assertThat(bench.results)
                .as("the reset is answered and withdrawn after 3 s")
                .anySatisfy(r -> assertThat(r.id()).isEqualTo("r1"));
        assertThat(bench.requests.withdrawReset())
                .as("no reset left for the loop")
                .isFalse();
        int fit = 0;
        while (fit < MqttConfig.DEFAULT_SERVICE_RESET_QUEUE && bench.requests.requestServiceReset()) {
            fit++;
        }
        assertThat(fit)
                .as(
                        "service resets that fit after s1 expired unanswered (results: %s); fewer than the bound means s1"
                                + " still waits for the loop to judge it whenever it ticks again",
                        bench.results)
                .isEqualTo(MqttConfig.DEFAULT_SERVICE_RESET_QUEUE);
    }
}
