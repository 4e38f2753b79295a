package org.qsebms.bms.telemetry;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.qsebms.bms.command.CommandResult;

/**
 * The service resets queued for the control loop, each until the loop has had 3 s ({@link
 * AwaitedAnswers#ANSWER_TIMEOUT_NANOS}, a reset's time) to judge it, on the telemetry thread. A service reset answers
 * the faults present when it is received, as a reset does (issue 23, defect 1): one the loop has not taken by then (a
 * stalled loop) is withdrawn and answered so, a second result on its id, and never judged later at a moment nobody
 * chose (check23z finding 5: it stayed queued and cleared a repeated-trip lockout whenever the loop ticked again;
 * fix23ax). One the loop took was judged, and its outcome went to the events topic: nothing more is said. Nothing here
 * waits on the loop.
 */
final class ServiceResetDeadlines {
    private record Queued(String id, long number, long deadlineNanos) {}

    private final String name;
    private final LongSupplier nanoClock;
    private final Consumer<CommandResult> results;
    private final LongPredicate withdraw;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();

    /**
     * @param name     the command's name in its result
     * @param withdraw takes back the service reset queued under a number if the loop has not taken it; true if it was
     *                 still waiting
     */
    ServiceResetDeadlines(
            String name, LongSupplier nanoClock, Consumer<CommandResult> results, LongPredicate withdraw) {
        this.name = name;
        this.nanoClock = nanoClock;
        this.results = results;
        this.withdraw = withdraw;
    }

    /** The service reset with this id was queued under {@code number} now. */
    void queued(String id, long number) {
        queued.addLast(new Queued(id, number, nanoClock.getAsLong() + AwaitedAnswers.ANSWER_TIMEOUT_NANOS));
    }

    /** Withdraws those the loop has not judged within 3 s of their receipt, answering each. */
    void expire() {
        long now = nanoClock.getAsLong();
        while (!queued.isEmpty() && now > queued.peekFirst().deadlineNanos()) {
            Queued q = queued.pollFirst();
            if (withdraw.test(q.number())) {
                results.accept(CommandResult.rejected(
                        name,
                        q.id(),
                        "not judged by the control loop within 3 s; the service reset is withdrawn and will not be "
                                + "judged later (it answers the faults present when it is received); check state.mode "
                                + "and send it again"));
            }
        }
    }

    boolean pending() {
        return !queued.isEmpty();
    }
}
