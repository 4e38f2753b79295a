package org.qsebms.bms.snapshot;

import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.estimators.health.UsableCapacity;

/** Something that happened in the control loop, handed to telemetry and the log (edges only, never per tick). */
public sealed interface ControllerEvent {
    long nanos();

    /** A fault was raised or cleared. */
    record FaultEdge(FaultEvent fault) implements ControllerEvent {
        @Override
        public long nanos() {
            return fault.nanos();
        }
    }

    /** The supervisor changed state. */
    record StateChange(SupervisorState from, SupervisorState to, String reason, long nanos)
            implements ControllerEvent {}

    /**
     * A discharge from full to the cutoff was measured ({@code measured} non-null) or voided
     * ({@code voidedReason} says why).
     */
    record UsableCapacityChange(UsableCapacity measured, String voidedReason, long nanos) implements ControllerEvent {}

    /**
     * At the first estimate after a start, some cells refused the SOC doubt they were restored with: their first
     * reading disagreed with the saved SOC, or came under current ({@code reason} names them).
     */
    record SocRestoreRefused(String reason, long nanos) implements ControllerEvent {}

    /**
     * The current sensor's reading with the contactors open went beyond its rated zero offset ({@code beyond}: the
     * rest of it is counted as current), or came back within it; judged when the contactors close.
     */
    record CurrentZeroRating(boolean beyond, String reason, long nanos) implements ControllerEvent {}

    /**
     * A close request was refused at the tick it was taken: a cause that would trip the pack was present
     * (named with its value and limit) or the pack was in FAULT. An accepted close shows as a state change.
     */
    record CloseRefused(String reason, long nanos) implements ControllerEvent {}

    /**
     * The answer to the close requests up to ticket {@code answersUpTo} (SupervisorRequests.requestClose), for
     * the command's reply: accepted (precharge started, or the pack stays closed) or refused with the reason. Not
     * an {@code events} message itself: a refusal with a cause is also a {@link CloseRefused}, an acceptance a
     * state change.
     */
    record CloseOutcome(boolean accepted, String reason, long nanos, long answersUpTo) implements ControllerEvent {}

    /**
     * A reset request was accepted or refused; it answers the reset requests up to ticket
     * {@code answersUpTo} (SupervisorRequests.requestReset), not those sent after the loop took them.
     * {@code service}: the outcome is the service reset's, which answers no reset request (its command was
     * answered "requested" at once; this is its outcome on {@code events}).
     */
    record ResetOutcome(boolean accepted, String reason, long nanos, long answersUpTo, boolean service)
            implements ControllerEvent {
        /** A reset's outcome (not a service reset's). */
        public ResetOutcome(boolean accepted, String reason, long nanos, long answersUpTo) {
            this(accepted, reason, nanos, answersUpTo, false);
        }

        /** An outcome that answers every reset requested so far (tests, replays). */
        public ResetOutcome(boolean accepted, String reason, long nanos) {
            this(accepted, reason, nanos, Long.MAX_VALUE);
        }
    }
}
