package org.qsebms.bms.telemetry;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.qsebms.bms.command.Command;
import org.qsebms.bms.command.CommandHandler;
import org.qsebms.bms.command.CommandParser;
import org.qsebms.bms.command.CommandRateLimiter;
import org.qsebms.bms.command.CommandResult;

/**
 * Answers the commands waiting in the {@link CommandInbox}, on the telemetry thread: rate limit first
 * (the refusal carries the command's id when the payload has one), then an oversized payload, then a
 * retained command (never executed: it would be replayed at every reconnect), then the strict parser,
 * then the {@link CommandHandler}. It makes no control decision itself: a reset goes to the supervisor,
 * whose answer (accepted, refused, nothing to reset) comes back as an event and is matched here to the
 * resets waiting for it; a close is answered the same way (accepted, or refused with the reason). A reset
 * or close the loop does not answer within 3 s gets a timeout result, and when none is left waiting the
 * request is withdrawn from the loop, so a stalled loop never takes it later, at a moment its sender did
 * not choose ({@link AwaitedAnswers}); a service reset the loop has not taken within 3 s is withdrawn the
 * same way ({@link ServiceResetDeadlines}).
 */
final class CommandDispatcher {
    private final String prefix;
    private final CommandParser parser;
    private final CommandHandler handler;
    private final CommandRateLimiter rate;
    private final double commandsPerSecond;
    private final Consumer<CommandResult> results;
    private final Runnable snapshot;
    private final AwaitedAnswers resets;
    private final AwaitedAnswers closes;
    private final ServiceResetDeadlines serviceResets;

    /**
     * @param results  publishes a result
     * @param snapshot publishes state, cells and health now (the snapshot command)
     */
    CommandDispatcher(
            MqttTopics topics,
            CommandParser parser,
            CommandHandler handler,
            double commandsPerSecond,
            LongSupplier nanoClock,
            Consumer<CommandResult> results,
            Runnable snapshot) {
        this.prefix = topics.base() + "/cmd/";
        this.parser = parser;
        this.handler = handler;
        this.rate = new CommandRateLimiter(commandsPerSecond, Math.max(1, 2 * commandsPerSecond), nanoClock);
        this.commandsPerSecond = commandsPerSecond;
        this.results = results;
        this.snapshot = snapshot;
        this.resets = new AwaitedAnswers(
                "reset",
                "the loop took the request, its outcome follows on the events topic; check state.mode",
                nanoClock,
                results,
                handler::withdrawReset);
        this.closes = new AwaitedAnswers(
                "contactors",
                "the loop took the close: a refusal follows on the events topic, an acceptance shows as "
                        + "state.mode PRECHARGE; check state.mode",
                nanoClock,
                results,
                handler::withdrawClose);
        this.serviceResets = new ServiceResetDeadlines(
                new Command.ServiceReset().name(), nanoClock, results, handler::withdrawServiceReset);
    }

    /** Answers up to {@code max} queued commands. */
    void process(CommandInbox inbox, int max) {
        for (int n = 0; n < max; n++) {
            CommandInbox.Inbound in = inbox.poll();
            if (in == null) {
                return;
            }
            answer(in);
        }
    }

    private void answer(CommandInbox.Inbound in) {
        String level = in.topic().startsWith(prefix) ? in.topic().substring(prefix.length()) : in.topic();
        String name = CommandParser.safeName(level);
        if (!rate.tryAcquire()) {
            String id = in.oversize() ? null : parser.parse(level, in.payload()).id();
            results.accept(CommandResult.rejected(
                    name,
                    id,
                    "rate limit: more than " + commandsPerSecond
                            + " commands/s (mqtt.commandsPerSecond); command ignored, slow down"));
            return;
        }
        if (in.oversize()) {
            results.accept(CommandResult.rejected(
                    name,
                    null,
                    "payload of " + in.bytes() + " bytes exceeds the " + CommandParser.MAX_PAYLOAD_BYTES
                            + "-byte limit for commands; dropped unread when it arrived"));
            return;
        }
        CommandParser.Parsed parsed = parser.parse(level, in.payload());
        if (in.retained()) {
            results.accept(CommandResult.rejected(
                    parsed.name(),
                    parsed.id(),
                    "not executed: the command was "
                            + "published retained, so the broker would replay it at every reconnect; clear it (publish an "
                            + "empty retained message to " + in.topic()
                            + ", e.g. mosquitto_pub -r -n -t TOPIC) and send "
                            + "commands without the retain flag"));
            return;
        }
        switch (parsed) {
            case CommandParser.Invalid bad ->
                results.accept(CommandResult.rejected(bad.name(), bad.id(), bad.reason()));
            case CommandParser.Valid ok -> execute(ok.command(), ok.id());
        }
    }

    private void execute(Command c, String id) {
        AwaitedAnswers awaited = awaitedFor(c);
        if (awaited != null && awaited.full()) {
            awaited.refuseFull(id);
            return;
        }
        CommandResult r = handler.apply(c, id);
        if (awaited != null) {
            // the ticket this request got: the loop's answer to an earlier take is not its answer
            awaited.await(id, c instanceof Command.Reset ? handler.lastResetTicket() : handler.lastCloseTicket());
        }
        if (c instanceof Command.Snapshot) {
            snapshot.run();
        }
        if (r != null) {
            results.accept(r);
            if (c instanceof Command.ServiceReset && r.accepted()) {
                // queued: the loop has 3 s to judge it, as a reset's (its withdrawal follows its first result)
                serviceResets.queued(id, handler.lastServiceReset());
            }
        }
    }

    /** The commands whose answer is the loop's: a reset, and a close (an open is answered at once). */
    private AwaitedAnswers awaitedFor(Command c) {
        return switch (c) {
            case Command.Reset r -> resets;
            case Command.Contactors k when k.close() -> closes;
            default -> null;
        };
    }

    /**
     * The supervisor's answer to the reset requests up to ticket {@code answersUpTo}: every waiting
     * reset the loop took with it gets it; one sent after that take waits for its own answer.
     */
    void resetOutcome(boolean accepted, String reason, long answersUpTo) {
        resets.answer(accepted, reason, answersUpTo);
    }

    /** The supervisor's answer to the close requests up to ticket {@code answersUpTo}, as for a reset. */
    void closeOutcome(boolean accepted, String reason, long answersUpTo) {
        closes.answer(accepted, reason, answersUpTo);
    }

    /**
     * Answers the resets the loop left unanswered for 3 s. When the last waiting one expires, the
     * request is withdrawn; if the loop had already taken it, its outcome follows on the events topic.
     * A service reset the loop has not taken within 3 s is withdrawn and answered so ({@link
     * ServiceResetDeadlines}).
     */
    void expireResets() {
        resets.expire();
        serviceResets.expire();
    }

    /** Answers the closes the loop left unanswered for 3 s, as for a reset. */
    void expireCloses() {
        closes.expire();
    }

    boolean resetsPending() {
        return resets.pending();
    }

    boolean closesPending() {
        return closes.pending();
    }
}
