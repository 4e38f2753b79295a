package org.qsebms.bms.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.qsebms.bms.command.CommandHandler;
import org.qsebms.bms.command.CommandParser;
import org.qsebms.bms.command.CommandResult;
import org.qsebms.bms.control.OperatorSettings;
import org.qsebms.bms.supervisor.SupervisorRequests;

/**
 * The MQTT reset path without a broker or a ticking loop: the real parser, handler, dispatcher and
 * request flags, a manual clock, and the answers collected in order. A test plays the loop's side by
 * hand on {@link #requests}.
 */
final class ResetDispatchBench {
    static final MqttTopics TOPICS = new MqttTopics("qse-bms", "pack-1");

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final SupervisorRequests requests = new SupervisorRequests();
    final List<CommandResult> results = new ArrayList<>();
    final CommandDispatcher dispatcher = new CommandDispatcher(
            TOPICS,
            new CommandParser(10, 10),
            new CommandHandler(requests, new OperatorSettings()),
            5,
            clock::get,
            results::add,
            () -> {});

    /** Sends a reset with this id through an inbox, as the MQTT callback does, and dispatches it. */
    void sendReset(String id) {
        CommandInbox inbox = new CommandInbox(CommandParser.MAX_PAYLOAD_BYTES, 1 << 16, 16, () -> {});
        inbox.offer(TOPICS.command("reset"), ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), false);
        dispatcher.process(inbox, 16);
    }

    /** Sends a contactors command ({@code close} or {@code open}) with this id, as {@link #sendReset} does. */
    void sendContactors(String id, String action) {
        CommandInbox inbox = new CommandInbox(CommandParser.MAX_PAYLOAD_BYTES, 1 << 16, 16, () -> {});
        inbox.offer(
                TOPICS.command("contactors"),
                ("{\"id\":\"" + id + "\",\"action\":\"" + action + "\"}").getBytes(StandardCharsets.UTF_8),
                false);
        dispatcher.process(inbox, 16);
    }
}
