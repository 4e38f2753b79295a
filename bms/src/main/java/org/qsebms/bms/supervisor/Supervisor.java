package org.qsebms.bms.supervisor;

import java.util.Locale;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.bms.protection.Protection;
import org.qsebms.hal.Contactor;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.PackHardware;

/**
 * The pack supervisor: one handler per state returning the next state ("stay" by default),
 * every move checked against {@link SupervisorState}'s transition table, and the contactor
 * sequencing (economised order negative, precharge, positive; open positive before negative;
 * never break a high current except to protect; weld and feedback checks).
 */
public final class Supervisor {
    /** Delay after a coil command before its auxiliary feedback must agree. */
    static final long FEEDBACK_NANOS = 200_000_000L;
    /** Longest precharge before it counts as failed. */
    static final long PRECHARGE_TIMEOUT_NANOS = 3_000_000_000L;
    /** Precharge time used when the DC link voltage is not measured. */
    static final long PRECHARGE_BLIND_NANOS = 1_500_000_000L;
    /** DC link must be within this fraction of the pack voltage to close the positive contactor. */
    static final double PRECHARGE_MATCH_FRACTION = 0.03;
    /** Current below which contactors may be opened on request. */
    static final double OPEN_CURRENT_AMPS = 1.0;

    private enum PrechargeStep {
        NEGATIVE,
        PRECHARGE,
        POSITIVE,
        RELEASE_PRECHARGE
    }

    private final PackHardware hw;
    private final Protection protection;
    private final SupervisorRequests requests;
    private final StateListener listener;
    private SupervisorState state = SupervisorState.INIT;
    private long enteredNanos;
    private long stepNanos;
    private PrechargeStep step;
    private boolean wantClosed;
    /** The last close ticket taken and not yet answered (0: none waits for its answer). */
    private long closeTicket;
    /** Per contactor: when it was last commanded open (long ago at start), for the weld check on every path. */
    private final long[] openedNanos = new long[ContactorId.values().length];
    /** Per contactor: when it was last commanded closed, for the feedback check in every state. */
    private final long[] closedNanos = new long[ContactorId.values().length];
    /** Per contactor: since when its feedback cannot be read (a bus error), or {@link Long#MIN_VALUE}. */
    private final long[] unreadableNanos = new long[ContactorId.values().length];
    /** Per contactor: when it first read closed after its last close command, or {@link Long#MIN_VALUE}. */
    private final long[] seenClosedNanos = new long[ContactorId.values().length];
    /** Per contactor: the pack current on the last tick it read closed, commanded closed (the current it broke). */
    private final double[] lastClosedAmps = new double[ContactorId.values().length];
    /** The pack current of this tick. */
    private double packAmps;
    /** False until the first tick: the open command of start-up has no time before it. */
    private boolean stepped;
    /** False until a contactor is first commanded closed. */
    private boolean everCommandedClosed;
    /**
     * Run by the tick between taking the reset tickets and reading the service resets: a test puts requests there,
     * as a requester thread can send them at that moment. Nothing in production.
     */
    private Runnable afterResetTake = () -> {};
    /** The reason of the state move a handler decided with a reason of its own, or null: {@link #reasonFor}. */
    private String moveReason;

    /** The weld text's prefix when every contactor reads closed and none was ever commanded closed. */
    private static final String POLARITY = "every contactor reads closed although none was commanded closed since "
            + "start: their feedback polarity (feedbackClosedHigh) is more likely wrong than all of them welded; the ";

    private long now;
    /** Per contactor: its last command threw, and no command to it has gone through since. */
    private final boolean[] commandFailed = new boolean[ContactorId.values().length];

    /** Notified on state changes and reset outcomes. Implementations must not block. */
    public interface StateListener {
        void stateChanged(SupervisorState from, SupervisorState to, String reason, long nanos);

        default void resetOutcome(boolean accepted, String reason, long nanos) {}

        /**
         * The outcome, with the last reset ticket it answers ({@link SupervisorRequests#requestReset}):
         * requests with a later ticket were sent after this take and wait for their own answer.
         */
        default void resetOutcome(boolean accepted, String reason, long nanos, long answersUpTo) {
            resetOutcome(accepted, reason, nanos);
        }

        /**
         * The outcome of a reset ({@code service} false: it answers the reset tickets up to {@code answersUpTo}) or
         * of the service reset ({@code service} true: it answers no reset ticket; {@code answersUpTo} is the last one
         * answered before it). Each is answered on its own, also when both are taken at one tick.
         */
        default void resetOutcome(boolean service, boolean accepted, String reason, long nanos, long answersUpTo) {
            resetOutcome(accepted, reason, nanos, answersUpTo);
        }

        /**
         * A close was refused at the tick it was taken (or while it waited for every contactor to read
         * open): a cause that would trip the pack is present, or the pack is in FAULT. A close is never
         * kept for later; an accepted close shows as the move to PRECHARGE (or OPENING back to NORMAL).
         */
        default void closeRefused(String reason, long nanos) {}

        /**
         * The answer to the close requests up to ticket {@code answersUpTo} ({@link SupervisorRequests#requestClose}),
         * given at the tick the close is decided: accepted when the pack starts its precharge (or stays closed);
         * refused with the reason of {@link #closeRefused} (also given there), or because the pack tripped, shut
         * down or an open request came after it. A close that waits for a contactor to read open is answered when
         * that wait ends.
         */
        default void closeOutcome(boolean accepted, String reason, long nanos, long answersUpTo) {}
    }

    static final String CLOSE_ACCEPTED = "close accepted: precharge started, contactors closing (watch state.mode)";
    static final String CLOSE_ACCEPTED_CLOSED = "close accepted: the contactors are closed or closing";
    static final String CLOSE_CANCELLED_BY_OPEN = "close not taken: an open request sent after it cancelled it";
    static final String CLOSE_REFUSED_TRIPPED = "close refused: the pack tripped at the tick the close was taken "
            + "(FAULT, contactors open); reset once the cause is gone, then close again";
    static final String CLOSE_REFUSED_SHUTDOWN = "close refused: the BMS is shutting down";

    /** The reason of a close taken in FAULT: a close is not kept for after a reset. */
    static final String CLOSE_REFUSED_IN_FAULT = "close refused: the pack is in FAULT (a fault is latched); a close is "
            + "not kept for after a reset: reset once the cause is gone, then close again";

    /**
     * The reason of a close taken in FAULT at the tick a reset taken with it cleared the faults: a close is judged
     * against the state the tick found (FAULT), never against the one a reset at the same tick leaves, whatever
     * order they were sent in (issue 23, check23w: it was told to reset, which the operator had done).
     */
    static final String CLOSE_REFUSED_RESET_SAME_TICK = "close refused: the pack was in FAULT when this close was "
            + "taken; the reset taken at the same tick cleared the faults (state STANDBY now), and a close is not "
            + "kept for after a reset: send the close again";

    /** As {@link #CLOSE_REFUSED_RESET_SAME_TICK}, when a service reset cleared the faults. */
    static final String CLOSE_REFUSED_SERVICE_RESET_SAME_TICK = "close refused: the pack was in FAULT when this close "
            + "was taken; the service reset taken at the same tick cleared the faults (state STANDBY now), and a "
            + "close is not kept for after a reset: send the close again";

    public Supervisor(PackHardware hw, Protection protection, SupervisorRequests requests, StateListener listener) {
        this.hw = hw;
        this.protection = protection;
        this.requests = requests;
        this.listener = listener;
        java.util.Arrays.fill(openedNanos, Long.MIN_VALUE / 2);
        java.util.Arrays.fill(unreadableNanos, Long.MIN_VALUE);
        java.util.Arrays.fill(seenClosedNanos, Long.MIN_VALUE);
        openAll();
    }

    /** Decides and actuates for this tick. */
    public void step(PackMeasurement m, boolean measurementValid) {
        long now = m.nanos;
        this.now = now;
        moveReason = null;
        this.packAmps = m.packAmps;
        if (!stepped) {
            // start-up opened every contactor before the clock ran: their release time runs from the first tick, so
            // contacts a previous process left energised, still releasing, are not taken for a weld (issue 23,
            // check23l); one still closed after the release time is
            stepped = true;
            for (ContactorId id : IDS) {
                if (!hw.contactor(id).commandedClosed()) {
                    openedNanos[id.ordinal()] = now;
                }
            }
        }
        long closeTaken = requests.takeCloseTicket();
        boolean close = closeTaken > 0 && !requests.closeCancelled(closeTaken);
        if (closeTaken > 0) {
            closeTicket = closeTaken; // its answer answers any earlier close still waiting
        }
        if (close) {
            wantClosed = true;
        }
        if (requests.takeOpen()) {
            wantClosed = false;
        }
        // a reset answers the fault present when it is received, or is refused: it is never kept for a later trip
        long answeredBefore = requests.resetsTaken();
        long ticket = requests.takeResetTicket();
        afterResetTake.run();
        long serviceResets = requests.serviceResetsRequested();
        checkWeld(now);
        String clearedBy = answerResets(answeredBefore, ticket, serviceResets, now);
        SupervisorState next;
        if (state != SupervisorState.SHUTDOWN && requests.shutdownRequested()) {
            next = SupervisorState.SHUTDOWN;
        } else if (state != SupervisorState.FAULT && state != SupervisorState.SHUTDOWN && protection.tripped()) {
            next = SupervisorState.FAULT;
        } else {
            next = switch (state) {
                case INIT -> onInit(measurementValid);
                case STANDBY -> onStandby();
                case PRECHARGE -> onPrecharge(m, now);
                case NORMAL -> onNormal();
                case OPENING -> onOpening(m, now);
                case FAULT -> onFault(close, clearedBy);
                case SHUTDOWN -> SupervisorState.SHUTDOWN;
                case DIAGNOSTIC -> onDiagnostic();
            };
        }
        if (next == SupervisorState.FAULT && state == SupervisorState.STANDBY && wantClosed) {
            // a close waiting for a contactor to read open (within its release time) meets the trip (a weld)
            refuseClose(now);
        }
        moveTo(next, now);
        if (closeTicket > 0) {
            answerClose(closeTaken > 0 && !close, now);
        }
        // a reset received from now on has seen every fault raised up to the end of this tick
        publishRaises();
    }

    /**
     * A fault latched between ticks (the loop's overrun judgement, after a tick ended) moves to {@code FAULT} at once,
     * opening every contactor, as one judged inside a tick does (issue 23, check23n: at a 1 s loop the pack stayed
     * connected for a second with LOOP_OVERRUN latched). Loop thread only.
     */
    public void tripNow(long nowNanos) {
        if (state == SupervisorState.FAULT || state == SupervisorState.SHUTDOWN || !protection.tripped()) {
            return;
        }
        this.now = nowNanos;
        if (state == SupervisorState.STANDBY && wantClosed) {
            refuseClose(nowNanos);
        }
        moveTo(SupervisorState.FAULT, nowNanos);
        publishRaises();
    }

    /**
     * Tells the requests how many MSL faults were raised so far: a reset received after this has seen them,
     * and is refused if any is raised before it is taken. Every tick does it at its end; call it also after
     * restoring the saved state, before requests are served (the latches raised then precede every reset).
     */
    public void publishRaises() {
        requests.publishRaises(protection.mslRaises());
    }

    /**
     * Answers the close waiting for its answer once it is decided: accepted when the pack is closing or
     * closed, refused when it is no longer wanted (a trip, a shutdown, an open after it); a close in
     * STANDBY or INIT that still waits for every contactor to read open (or for a valid measurement) is
     * answered at a later tick. Refusals with a cause were answered by {@link #refuseClose}.
     */
    private void answerClose(boolean cancelledNow, long now) {
        if (state == SupervisorState.SHUTDOWN) {
            closeAnswer(false, CLOSE_REFUSED_SHUTDOWN, now);
        } else if (wantClosed) {
            switch (state) {
                case PRECHARGE -> closeAnswer(true, CLOSE_ACCEPTED, now);
                case NORMAL, DIAGNOSTIC -> closeAnswer(true, CLOSE_ACCEPTED_CLOSED, now);
                default -> {} // STANDBY or INIT: still waiting
            }
        } else {
            closeAnswer(
                    false,
                    state == SupervisorState.FAULT && !cancelledNow ? CLOSE_REFUSED_TRIPPED : CLOSE_CANCELLED_BY_OPEN,
                    now);
        }
    }

    private void closeAnswer(boolean accepted, String reason, long now) {
        long ticket = closeTicket;
        closeTicket = 0;
        if (accepted) {
            requests.noteOperatorCommand(); // a running diagnostic gives way to an accepted close, not a refused one
        }
        listener.closeOutcome(accepted, reason, now, ticket);
    }

    /**
     * In FAULT a close is refused, never kept: the reset that leaves FAULT cancels any close (answerReset), also one
     * taken at the same tick (its refusal then says a reset cleared the faults and to send the close again).
     *
     * @param clearedBy the name of the reset accepted at this tick, or null
     */
    private SupervisorState onFault(boolean close, String clearedBy) {
        if (close) {
            wantClosed = false;
            String reason = clearedBy == null
                    ? CLOSE_REFUSED_IN_FAULT
                    : clearedBy.equals("service reset")
                            ? CLOSE_REFUSED_SERVICE_RESET_SAME_TICK
                            : CLOSE_REFUSED_RESET_SAME_TICK;
            listener.closeRefused(reason, now);
            if (closeTicket > 0) {
                closeAnswer(false, reason, now);
            }
        }
        return clearedBy != null ? SupervisorState.STANDBY : SupervisorState.FAULT;
    }

    /**
     * Refuses the close wanted now: a close is judged by the same cause-present judgement as a reset
     * ({@link Protection#causePresent()}), so it never starts PRECHARGE into a trip (a limit beyond its
     * MSL inside its debounce, a sensor condition pending). Allocates only for the refusal's text.
     */
    private void refuseClose(long now) {
        wantClosed = false;
        String reason = protection.closeRefusal();
        listener.closeRefused(reason, now);
        if (closeTicket > 0) {
            closeAnswer(false, reason, now);
        }
    }

    /**
     * A tick that threw (the loop's last resort, after {@code LOOP_EXCEPTION} was latched) moves to {@code FAULT} at
     * once, as {@link #tripNow} does, and refuses every reset waiting: a reset is judged by a tick, and no tick ran
     * (issue 23, check23r: while ticks kept throwing the pack stayed NORMAL, and a reset sent then was answered only
     * once they stopped). Loop thread only.
     */
    public void tickFailed(String reason, long nowNanos) {
        tripNow(nowNanos);
        long ticket = requests.takeResetTicket();
        long serviceResets = requests.serviceResetsRequested();
        String why = " refused: the control tick failed (" + reason + "); a reset is judged by a tick that "
                + "runs: send it again once the loop has run for 1 s without an exception (the cause of "
                + "LOOP_EXCEPTION)";
        if (ticket > 0) {
            listener.resetOutcome(false, false, "reset" + why, nowNanos, ticket);
        }
        SupervisorRequests.ServiceReset service;
        while (requests.serviceResetsWait() && (service = requests.nextServiceReset(serviceResets)) != null) {
            if (requests.take(service)) { // else withdrawn between the two calls: not this loop's to answer
                listener.resetOutcome(true, false, "service reset" + why, nowNanos, requests.resetsTaken());
            }
        }
    }

    /**
     * Judges the resets and the service resets taken at this tick in the order they arrived (issue 23, check23u: a
     * reset and a service reset taken at one tick got one answer between them, worded as a reset's; check23w: of
     * several service resets only the last was judged, the others got no answer): before each service reset, the
     * resets sent before it and not yet answered, then it; then the resets sent after the last of them. Each is
     * answered on its own with the tickets it answers; the resets of one group share one answer, as they always
     * have. A service reset is taken only when every reset sent before it was taken at this tick or before: one
     * sent after the reset tickets were taken waits, with those after it, for the next tick. Once one of them is
     * accepted, nothing is latched for those after it, and their refusal says which one
     * cleared the faults. Allocates nothing but refusal texts.
     *
     * @param answeredBefore the last reset ticket answered before this tick
     * @param ticket         the last reset ticket taken at this tick, 0 when none
     * @param serviceResets  the highest number of a service reset queued before this tick: those numbered up to it
     *                       and still waiting (not withdrawn) are judged now
     * @return the name of the one accepted ("reset" or "service reset"), or null when none was
     */
    private String answerResets(long answeredBefore, long ticket, long serviceResets, long now) {
        long last = Math.max(ticket, answeredBefore);
        long answered = answeredBefore;
        String clearedBy = null;
        SupervisorRequests.ServiceReset service;
        while (requests.serviceResetsWait() && (service = requests.nextServiceReset(serviceResets)) != null) {
            if (service.after() - 1 > last) {
                // a reset sent before this service reset was not taken at this tick (it came after the take): the
                // service reset waits for the next tick, to be judged after that reset (issue 23, check23x)
                break;
            }
            if (!requests.take(service)) {
                // withdrawn between the two calls (not judged within 3 s of its receipt: fix23ax): never judged
                continue;
            }
            long before = Math.clamp(service.after() - 1, answered, last);
            if (before > answered) {
                clearedBy = answerReset(false, before, requests.resetSawRaises(), clearedBy, now);
                answered = before;
            }
            clearedBy = answerReset(true, answered, service.sawRaises(), clearedBy, now);
        }
        if (last > answered) {
            clearedBy = answerReset(false, last, requests.resetSawRaises(), clearedBy, now);
        }
        return clearedBy;
    }

    /**
     * Answers a reset (or the service reset) at the tick it is taken: accepted only with a latched fault, none
     * raised since the reset was received, and no cause left.
     *
     * @param seen      the MSL faults raised that it had seen when it was received
     * @param clearedBy the name of the reset accepted before it at this tick, or null
     * @return the name of the reset that cleared the faults at this tick (this one's, when accepted), or null
     */
    private String answerReset(boolean service, long ticket, long seen, String clearedBy, long now) {
        String name = service ? "service reset" : "reset";
        if (!protection.tripped()) {
            listener.resetOutcome(
                    service,
                    false,
                    name + " refused: no fault is latched "
                            + (clearedBy == null
                                    ? "(state " + state + ")"
                                    : "(the " + clearedBy + " sent before it, taken at the same tick, cleared them)")
                            + "; a " + name + " is not kept for a later fault",
                    now,
                    ticket);
            return clearedBy;
        }
        if (protection.mslRaises() != seen) {
            // raised after the reset was sent (also in this very tick, before it was taken): not the reset's to answer
            listener.resetOutcome(
                    service,
                    false,
                    name + " refused: a fault was raised after this " + name + " was sent (latched now: "
                            + protection.latchedFaults()
                            + "); a " + name + " answers only the faults latched when it is received: send it again "
                            + "once the cause is gone",
                    now,
                    ticket);
            return clearedBy;
        }
        if (service ? protection.serviceReset(now) : protection.reset(now)) {
            listener.resetOutcome(service, true, name + " accepted: no fault condition present", now, ticket);
            wantClosed = false;
            return name;
        }
        listener.resetOutcome(
                service, false, service ? protection.serviceRefusal() : protection.refusal(), now, ticket);
        return clearedBy;
    }

    private SupervisorState onInit(boolean measurementValid) {
        return measurementValid ? SupervisorState.STANDBY : SupervisorState.INIT;
    }

    /**
     * A close starts only when every contactor reads open: one still reading closed within its
     * release time is waited for, after it the weld check raises CONTACTOR_WELDED. It is refused
     * while a cause that would trip the pack is present (the reset's judgement), and not kept.
     */
    private SupervisorState onStandby() {
        if (!wantClosed || !allFeedbackOpen()) {
            return SupervisorState.STANDBY;
        }
        if (protection.causePresent()) {
            refuseClose(now);
            return SupervisorState.STANDBY;
        }
        return SupervisorState.PRECHARGE;
    }

    /**
     * The contactors commanded open that read closed (before the main positive is closed, none may), by the bits of
     * their ordinals; 0 when none does.
     */
    private int strayClosed() {
        int mask = 0;
        for (ContactorId id : IDS) {
            Contactor c = hw.contactor(id);
            if (!c.commandedClosed() && c.feedbackClosed()) {
                mask |= 1 << id.ordinal();
            }
        }
        return mask;
    }

    private boolean allFeedbackOpen() {
        for (ContactorId id : IDS) {
            if (hw.contactor(id).feedbackClosed()) {
                return false;
            }
        }
        return true;
    }

    private SupervisorState onPrecharge(PackMeasurement m, long now) {
        if (!wantClosed) {
            openAll();
            return SupervisorState.STANDBY;
        }
        int stray = step == PrechargeStep.NEGATIVE || step == PrechargeStep.PRECHARGE ? strayClosed() : 0;
        if (stray != 0) {
            // a contactor the sequence has not closed reads closed (a main welded after the sequence began with
            // every contactor open): closing on would bypass the precharge and command a contact nobody can open.
            // Open everything; STANDBY waits for every contactor to read open, and the weld check raises
            // CONTACTOR_WELDED after the release time (oracle seed 4775685, a weld 54 ms into the start). The close
            // is dropped, not kept for a retry: a precharge that restarted by itself would cycle while the contact
            // bounces, and the move's reason names the contactor (issue 23, check23x: it read "open requested")
            openAll();
            wantClosed = false;
            moveReason = STRAY_CLOSED_REASONS[stray];
            if (closeTicket > 0) {
                closeAnswer(false, moveReason, now); // a close taken at this very tick gets the stop's reason
            }
            return SupervisorState.STANDBY;
        }
        // the timeout is the DC link's (faults.md 303: not within 3 % of the pack in 3 s): it runs until the
        // link is seen matched, not through the close and release steps after it, which take a tick each
        // (at a long loop period those ticks alone would eat the time the link was given)
        boolean linkPending = step == PrechargeStep.NEGATIVE || step == PrechargeStep.PRECHARGE && !linkMatched(m, now);
        if (linkPending && now - enteredNanos > PRECHARGE_TIMEOUT_NANOS) {
            protection.prechargeFailed(
                    String.format(
                            Locale.ROOT,
                            "DC link at %.2f V did not reach pack %.2f V within %d ms",
                            m.linkVolts,
                            m.packVolts,
                            PRECHARGE_TIMEOUT_NANOS / 1_000_000),
                    now);
            return SupervisorState.FAULT;
        }
        long inStep = now - stepNanos;
        switch (step) {
            case NEGATIVE -> {
                if (feedbackAgrees(ContactorId.MAIN_NEGATIVE, inStep, now)) {
                    command(ContactorId.PRECHARGE, true);
                    nextStep(PrechargeStep.PRECHARGE, now);
                }
            }
            case PRECHARGE -> {
                if (linkMatched(m, now) && feedbackAgrees(ContactorId.PRECHARGE, inStep, now)) {
                    command(ContactorId.MAIN_POSITIVE, true);
                    nextStep(PrechargeStep.POSITIVE, now);
                }
            }
            case POSITIVE -> {
                if (feedbackAgrees(ContactorId.MAIN_POSITIVE, inStep, now)) {
                    command(ContactorId.PRECHARGE, false);
                    nextStep(PrechargeStep.RELEASE_PRECHARGE, now);
                }
            }
            case RELEASE_PRECHARGE -> {
                return SupervisorState.NORMAL;
            }
            default -> throw new IllegalStateException("unknown precharge step " + step);
        }
        return protection.tripped() ? SupervisorState.FAULT : SupervisorState.PRECHARGE;
    }

    /** The DC link within the match fraction of the pack (or, without a link measurement, the blind wait over). */
    private boolean linkMatched(PackMeasurement m, long now) {
        return Double.isNaN(m.linkVolts)
                ? now - stepNanos >= PRECHARGE_BLIND_NANOS
                : Math.abs(m.packVolts - m.linkVolts) <= PRECHARGE_MATCH_FRACTION * m.packVolts;
    }

    private boolean feedbackAgrees(ContactorId id, long inStep, long now) {
        Contactor c = hw.contactor(id);
        boolean closed = c.feedbackClosed();
        boolean held = feedbackHeld(c, now);
        if (closed == c.commandedClosed()) {
            return true;
        }
        if (inStep > FEEDBACK_NANOS && !held) {
            missing(c, now);
        }
        return false;
    }

    /**
     * Feedback that cannot be read (a bus error; it reads open) is not judged for {@value #FEEDBACK_NANOS} ns
     * from the first failed read: a bus glitch shorter than that is no contactor that dropped out or did not
     * close (the sensors on the same bus have their own debounce). Call after {@link Contactor#feedbackClosed()}.
     */
    private boolean feedbackHeld(Contactor c, long now) {
        int i = c.id().ordinal();
        if (c.feedbackReadable()) {
            unreadableNanos[i] = Long.MIN_VALUE;
            return false;
        }
        if (unreadableNanos[i] == Long.MIN_VALUE) {
            unreadableNanos[i] = now;
        }
        return now - unreadableNanos[i] < FEEDBACK_NANOS;
    }

    private void missing(Contactor c, long now) {
        long seen = seenClosedNanos[c.id().ordinal()];
        if (c.feedbackReadable() && seen != Long.MIN_VALUE) {
            protection.contactorOpenedByItself(name(c.id()), (now - seen) / 1e9, lastClosedAmps[c.id().ordinal()], now);
        } else if (c.feedbackReadable()) {
            protection.contactorFeedbackMissing(name(c.id()), now);
        } else {
            protection.contactorFeedbackUnreadable(
                    name(c.id()), (now - unreadableNanos[c.id().ordinal()]) / 1_000_000L, now);
        }
    }

    private SupervisorState onNormal() {
        if (!wantClosed) {
            return SupervisorState.OPENING;
        }
        return requests.diagnosticWanted() ? SupervisorState.DIAGNOSTIC : SupervisorState.NORMAL;
    }

    /** A scheduled diagnostic: an open request ends it at once (OPENING); otherwise until the diagnostic lets go. */
    private SupervisorState onDiagnostic() {
        if (!wantClosed) {
            return SupervisorState.OPENING;
        }
        return requests.diagnosticWanted() ? SupervisorState.DIAGNOSTIC : SupervisorState.NORMAL;
    }

    private SupervisorState onOpening(PackMeasurement m, long now) {
        if (wantClosed) {
            if (!protection.causePresent()) {
                // The operator changed their mind before we opened: stay connected.
                return SupervisorState.NORMAL;
            }
            refuseClose(now); // a cause present: the open goes on
        }
        // Never break a current on request: the published limits are 0 A while OPENING, so the
        // charger or load ramps down; the contactors open once the current is below 1 A. A load
        // that ignores the limits keeps the pack in OPENING (visible in telemetry); protection
        // still opens at once on any fault at MSL (over-current included). Only a current reading the sensor
        // vouches for says the current is down: a sample with a bus error, out of range or not a number reads
        // nothing (the simulated sensor hands back 0 A, a driver its last good value), and one such sample must not
        // break a load that still flows; a sensor that stays faulty trips CURRENT_SENSOR, which opens at once.
        if (m.currentStatus.isOk() && Math.abs(m.packAmps) <= OPEN_CURRENT_AMPS) {
            openAll();
            return SupervisorState.STANDBY;
        }
        return SupervisorState.OPENING;
    }

    private void moveTo(SupervisorState next, long now) {
        if (next == state) {
            return;
        }
        if (!state.mayMoveTo(next)) {
            throw new IllegalStateException("transition " + state + " -> " + next + " is not in the table");
        }
        SupervisorState from = state;
        state = next;
        enteredNanos = now;
        onEnter(next, now);
        String reason = moveReason != null ? moveReason : reasonFor(from, next);
        moveReason = null;
        listener.stateChanged(from, next, reason, now);
    }

    private void onEnter(SupervisorState s, long now) {
        switch (s) {
            case PRECHARGE -> {
                command(ContactorId.MAIN_NEGATIVE, true);
                nextStep(PrechargeStep.NEGATIVE, now);
            }
            case FAULT, SHUTDOWN -> {
                wantClosed = false;
                openAll();
            }
            case STANDBY, INIT -> openAll();
            case NORMAL, OPENING, DIAGNOSTIC -> {}
            default -> throw new IllegalStateException("unknown state " + s);
        }
    }

    /** Why the state moved, by where it came from too (check23r: a return from OPENING read "precharge complete"). */
    private static String reasonFor(SupervisorState from, SupervisorState s) {
        return switch (s) {
            case FAULT -> "fault at MSL: contactors opened";
            case SHUTDOWN -> "shutdown requested";
            case PRECHARGE -> "close requested";
            case NORMAL ->
                switch (from) {
                    case OPENING -> "close requested again before the contactors opened: they stay closed";
                    case DIAGNOSTIC -> "scheduled diagnostic ended: contactors closed";
                    default -> "precharge complete, contactors closed";
                };
            case OPENING -> "open requested, waiting for current to fall";
            case STANDBY ->
                switch (from) {
                    case FAULT -> "reset accepted: contactors open";
                    case PRECHARGE -> "open requested during precharge: contactors open";
                    case OPENING -> "current fell below the open threshold: contactors opened";
                    default -> "contactors open";
                };
            case INIT -> "start";
            case DIAGNOSTIC -> "scheduled diagnostic: rest, relaxed OCV, pulse";
        };
    }

    /**
     * Every tick, whatever the path: a contactor commanded open for at least its release time
     * ({@value #FEEDBACK_NANOS} ns) whose feedback still reads closed is welded. One that reads closed inside
     * its release time is not judged yet, and is passed on as such: a reset taken then is refused (issue 23,
     * oracle seed 413194: a service reset 100 ms after a trip's open command was accepted over a weld). While a
     * contactor commanded open reads closed, the open command is sent again every tick: an open lost on the way
     * (a bus error on the chip's ALL_FETS_OFF) is made once the way is back, and the weld it looked like goes
     * with it (issue 23, check23i: the chip's FETs stayed on for good after a 100 ms I2C outage, and every reset
     * was refused over the weld).
     */
    private void checkWeld(long now) {
        ContactorId weldedId = null;
        int weldedMask = 0;
        ContactorId releasingId = null;
        boolean allReadClosed = true;
        for (ContactorId id : IDS) {
            Contactor c = hw.contactor(id);
            boolean closed = c.feedbackClosed();
            allReadClosed &= closed;
            boolean held = feedbackHeld(c, now);
            if (!c.commandedClosed() && !closed && commandFailed[id.ordinal()]) {
                // an open whose write failed on a contactor that reads open anyway: sent again, so that a line that
                // works again clears the failure, not only a later close (issue 23, check23p: a one-off failure
                // refused every reset for good)
                send(c, false);
            }
            if (!c.commandedClosed() && closed) {
                send(c, false);
                if (now - openedNanos[id.ordinal()] >= FEEDBACK_NANOS) {
                    weldedId = weldedId == null ? id : weldedId;
                    weldedMask |= 1 << id.ordinal();
                    continue;
                }
                releasingId = releasingId == null ? id : releasingId;
            }
            int i = id.ordinal();
            if (c.commandedClosed() && closed) {
                seenClosedNanos[i] = seenClosedNanos[i] == Long.MIN_VALUE ? now : seenClosedNanos[i];
                lastClosedAmps[i] = packAmps;
            }
            // judged on the first sample that reads it open, a bounce of its auxiliary contact included: a contact
            // that opened under load and still has its coil energised can make again onto a DC link that has sagged
            // (at a 1 s period 18 % below the pack, check23m), and one that chatters breaks the load again and again
            if (c.commandedClosed() && !closed && !held && now - closedNanos[i] > FEEDBACK_NANOS) {
                missing(c, now);
            }
        }
        protection.contactorWeldCheck(
                weldedId != null,
                weldedId == null
                        ? ""
                        : allReadClosed && !everCommandedClosed
                                ? POLARITY + WELDED_NAMES[weldedMask]
                                : WELDED_NAMES[weldedMask],
                releasingId == null ? null : name(releasingId),
                releasingId == null ? 0 : (now - openedNanos[releasingId.ordinal()]) / 1_000_000L,
                now);
    }

    private static final ContactorId[] IDS = ContactorId.values();
    private static final ContactorId[] OPEN_ORDER = {
        ContactorId.MAIN_POSITIVE, ContactorId.PRECHARGE, ContactorId.MAIN_NEGATIVE
    };

    /**
     * Opens every contactor, positive first, each whatever became of the one before, at {@code nowNanos}: the time
     * the opens are sent, from which the weld check's release time runs. Used by the loop's last-resort handler.
     */
    public void openAll(long nowNanos) {
        this.now = Math.max(now, nowNanos);
        openAll();
    }

    /** {@link #openAll(long)} at the time of the last step: on faults and at shutdown. */
    public void openAll() {
        for (ContactorId id : OPEN_ORDER) {
            command(id, false);
        }
    }

    private void command(ContactorId id, boolean closed) {
        Contactor c = hw.contactor(id);
        if (!closed && c.commandedClosed()) {
            openedNanos[id.ordinal()] = now; // its release time runs from here: the weld check waits for it
        } else if (closed && !c.commandedClosed()) {
            everCommandedClosed = true;
            closedNanos[id.ordinal()] = now;
            seenClosedNanos[id.ordinal()] = Long.MIN_VALUE;
        }
        send(c, closed);
    }

    /**
     * Sends a command to one contactor. A driver that throws (a coil GPIO whose write fails) must not keep the
     * other contactors from opening, nor abort the tick that protects the pack: the failure is latched as a
     * contactor fault naming the contactor and the driver's words, and counts as present until a command to that
     * contactor goes through again (issue 23, check23o: one failing coil line left main negative closed on a
     * fault, because {@link #openAll()} stopped at the first exception).
     */
    private void send(Contactor c, boolean closed) {
        int i = c.id().ordinal();
        try {
            c.command(closed);
        } catch (RuntimeException e) {
            if (!commandFailed[i]) {
                commandFailed[i] = true;
                protection.contactorCommandFailed(
                        name(c.id()), closed, e.getClass().getSimpleName() + ": " + e.getMessage(), now);
            }
            return;
        }
        if (commandFailed[i]) {
            commandFailed[i] = false;
            boolean anyFailed = false;
            for (boolean f : commandFailed) {
                anyFailed |= f;
            }
            if (!anyFailed) {
                protection.contactorCommandsGoThrough();
            }
        }
    }

    private void nextStep(PrechargeStep s, long now) {
        step = s;
        stepNanos = now;
    }

    /**
     * Every set of welded contactors by the bits of their ordinals, named whole (check23r: with both mains welded only
     * the main negative was named), built once so a weld check allocates nothing.
     */
    private static final String[] WELDED_NAMES = weldedNames();

    /**
     * The reason of a precharge stopped at contactors it has not closed that read closed, by the bits of their
     * ordinals, built once so the stop allocates nothing: what was seen, why it stops, and what to do.
     */
    private static final String[] STRAY_CLOSED_REASONS = strayClosedReasons();

    private static String[] strayClosedReasons() {
        String[] reasons = new String[WELDED_NAMES.length];
        for (int mask = 1; mask < reasons.length; mask++) {
            boolean one = Integer.bitCount(mask) == 1;
            reasons[mask] = "precharge stopped: " + WELDED_NAMES[mask] + (one ? " reads" : " read")
                    + " closed though the sequence has not closed " + (one ? "it" : "them")
                    + " (welded, or a feedback contact that bounced): every contactor opened and the close dropped, "
                    + "not retried by itself; CONTACTOR_WELDED is latched if " + (one ? "it" : "one")
                    + " still reads closed after its release time: check the contactor and its feedback wiring, "
                    + "then close again";
        }
        return reasons;
    }

    private static String[] weldedNames() {
        String[] names = new String[1 << IDS.length];
        for (int mask = 1; mask < names.length; mask++) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (ContactorId id : IDS) {
                if ((mask & 1 << id.ordinal()) != 0) {
                    parts.add(name(id));
                }
            }
            names[mask] = parts.size() == 1
                    ? parts.get(0)
                    : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        }
        return names;
    }

    private static String name(ContactorId id) {
        return switch (id) {
            case MAIN_NEGATIVE -> "main negative";
            case MAIN_POSITIVE -> "main positive";
            case PRECHARGE -> "precharge";
        };
    }

    /** Test hook: {@code r} runs at each tick between taking the reset tickets and reading the service resets. */
    void afterResetTake(Runnable r) {
        afterResetTake = r;
    }

    public SupervisorState state() {
        return state;
    }

    boolean wantClosed() {
        return wantClosed;
    }
}
