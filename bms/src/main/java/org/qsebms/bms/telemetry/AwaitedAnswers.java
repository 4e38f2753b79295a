package org.qsebms.bms.telemetry;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.qsebms.bms.command.CommandResult;

/**
 * The commands of one kind (reset, close) waiting for the control loop's answer, on the telemetry
 * thread. Each holds the ticket its request got; the loop's answer names the last ticket it answers, so
 * a command sent after the loop took an earlier one waits for its own answer. A command left unanswered
 * for 3 s gets a timeout result, and when none is left waiting the request is withdrawn from the loop,
 * so a stalled loop never takes it later, at a moment its sender did not choose. Nothing here waits on
 * the loop: the answer arrives as an event.
 */
final class AwaitedAnswers {
    static final long ANSWER_TIMEOUT_NANOS = 3_000_000_000L;
    static final int MAX_WAITING = 16;

    private record Waiting(String id, long deadlineNanos, long ticket) {}

    private final String name;
    private final String takenButUnanswered;
    private final LongSupplier nanoClock;
    private final Consumer<CommandResult> results;
    private final BooleanSupplier withdraw;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    /**
     * @param name               the command's name in its result
     * @param takenButUnanswered what a timeout says when the loop had taken the request
     * @param withdraw           takes back a request the loop has not taken; true if it was still waiting
     */
    AwaitedAnswers(
            String name,
            String takenButUnanswered,
            LongSupplier nanoClock,
            Consumer<CommandResult> results,
            BooleanSupplier withdraw) {
        this.name = name;
        this.takenButUnanswered = takenButUnanswered;
        this.nanoClock = nanoClock;
        this.results = results;
        this.withdraw = withdraw;
    }

    /** True when no more may wait: the command is refused at once (see {@link #refuseFull}). */
    boolean full() {
        return waiting.size() >= MAX_WAITING;
    }

    void refuseFull(String id) {
        results.accept(CommandResult.rejected(
                name, id, MAX_WAITING + " " + name + " commands already await the control loop's answer; retry later"));
    }

    /** The command with this id, whose request got {@code ticket}, now waits for the loop's answer. */
    void await(String id, long ticket) {
        waiting.addLast(new Waiting(id, nanoClock.getAsLong() + ANSWER_TIMEOUT_NANOS, ticket));
    }

    /** The loop's answer to the requests up to ticket {@code answersUpTo}: each one waiting with it gets it. */
    void answer(boolean accepted, String reason, long answersUpTo) {
        while (!waiting.isEmpty() && waiting.peekFirst().ticket() <= answersUpTo) {
            Waiting w = waiting.pollFirst();
            results.accept(new CommandResult(name, w.id(), accepted, reason, Double.NaN));
        }
    }

    /** Answers those left unanswered for 3 s; when the last one expires, the request is withdrawn. */
    void expire() {
        long now = nanoClock.getAsLong();
        while (!waiting.isEmpty() && now > waiting.peekFirst().deadlineNanos()) {
            Waiting w = waiting.pollFirst();
            String what;
            if (!waiting.isEmpty()) {
                what = "a later " + name + " still waits for it; check state.mode";
            } else if (withdraw.getAsBoolean()) {
                what = "the " + name + " is withdrawn and will not be taken later; check state.mode and retry";
            } else {
                what = takenButUnanswered;
            }
            results.accept(CommandResult.rejected(name, w.id(), "no answer from the control loop within 3 s; " + what));
        }
    }

    boolean pending() {
        return !waiting.isEmpty();
    }
}
