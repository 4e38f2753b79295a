package org.qsebms.bms.telemetry;

import java.util.ArrayDeque;
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
 * resets waiting for it; a reset the loop does not answer within 3 s gets a timeout result, and
 * when none is left waiting the request is withdrawn from the loop, so a stalled loop never takes it
 * later, at a moment its sender did not choose.
 */
final class CommandDispatcher {
    private static final long RESET_ANSWER_TIMEOUT_NANOS = 3_000_000_000L;
    private static final int MAX_PENDING_RESETS = 16;

    private record PendingReset(String id, long deadlineNanos, long ticket) {}

    private final String prefix;
    private final CommandParser parser;
    private final CommandHandler handler;
    private final CommandRateLimiter rate;
    private final double commandsPerSecond;
    private final LongSupplier nanoClock;
    private final Consumer<CommandResult> results;
    private final Runnable snapshot;
    private final ArrayDeque<PendingReset> pendingResets = new ArrayDeque<>();

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
        this.nanoClock = nanoClock;
        this.results = results;
        this.snapshot = snapshot;
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
        if (c instanceof Command.Reset) {
            if (pendingResets.size() >= MAX_PENDING_RESETS) {
                results.accept(CommandResult.rejected(
                        "reset",
                        id,
                        MAX_PENDING_RESETS + " resets already await the control loop's answer; retry later"));
                return;
            }
        }
        CommandResult r = handler.apply(c, id);
        if (c instanceof Command.Reset) {
            // the ticket this request got: the loop's answer to an earlier take is not its answer
            pendingResets.addLast(new PendingReset(
                    id, nanoClock.getAsLong() + RESET_ANSWER_TIMEOUT_NANOS, handler.lastResetTicket()));
        }
        if (c instanceof Command.Snapshot) {
            snapshot.run();
        }
        if (r != null) {
            results.accept(r);
        }
    }

    /**
     * The supervisor's answer to the reset requests up to ticket {@code answersUpTo}: every waiting
     * reset the loop took with it gets it; one sent after that take waits for its own answer.
     */
    void resetOutcome(boolean accepted, String reason, long answersUpTo) {
        while (!pendingResets.isEmpty() && pendingResets.peekFirst().ticket() <= answersUpTo) {
            PendingReset p = pendingResets.pollFirst();
            results.accept(new CommandResult("reset", p.id(), accepted, reason, Double.NaN));
        }
    }

    /**
     * Answers the resets the loop left unanswered for 3 s. When the last waiting one expires, the
     * request is withdrawn; if the loop had already taken it, its outcome follows on the events topic.
     */
    void expireResets() {
        long now = nanoClock.getAsLong();
        while (!pendingResets.isEmpty() && now > pendingResets.peekFirst().deadlineNanos()) {
            PendingReset p = pendingResets.pollFirst();
            String what;
            if (!pendingResets.isEmpty()) {
                what = "a later reset still waits for it; check state.mode";
            } else if (handler.withdrawReset()) {
                what = "the reset is withdrawn and will not be taken later; check state.mode and retry";
            } else {
                what = "the loop took the request, its outcome follows on the events topic; check state.mode";
            }
            results.accept(
                    CommandResult.rejected("reset", p.id(), "no answer from the control loop within 3 s; " + what));
        }
    }

    boolean resetsPending() {
        return !pendingResets.isEmpty();
    }
}
