package org.qsebms.bms.supervisor;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.qsebms.config.MqttConfig;

/**
 * Requests from outside the loop (operator, MQTT commands, shutdown hook), taken by the loop at
 * its next tick. Setting a request never blocks and never touches hardware.
 */
public final class SupervisorRequests {
    private final AtomicBoolean open = new AtomicBoolean();
    /** Close requests so far; each request's ticket is the count after it. */
    private final AtomicLong closesRequested = new AtomicLong();
    /** Close tickets up to this one were taken by the loop or withdrawn. */
    private final AtomicLong closesTaken = new AtomicLong();
    /** Close tickets up to this one were cancelled by an open request sent after them. */
    private final AtomicLong closesCancelled = new AtomicLong();
    /** Reset requests so far; each request's ticket is the count after it. */
    private final AtomicLong resetsRequested = new AtomicLong();
    /** Tickets up to this one were taken by the loop or withdrawn: each is answered once, by its own take. */
    private final AtomicLong resetsTaken = new AtomicLong();

    /**
     * MSL faults raised as of the loop's last tick ({@link org.qsebms.bms.protection.Protection#mslRaises()}),
     * published by the loop after each tick: what a reset request received now has seen.
     */
    private final AtomicLong raisesPublished = new AtomicLong();
    /** The most faults raised that a reset request waiting or taken had seen when it was received. */
    private final AtomicLong resetSawRaises = new AtomicLong();

    /**
     * Every service reset waiting, in the order they arrived, each with its place among the resets and the faults
     * it had seen (issue 23, check23w: one slot kept only the last of several sent before a tick, so the first got
     * no answer). Added to by the requester's thread; polled by the loop, which allocates nothing to poll.
     */
    private final Queue<ServiceReset> serviceResets = new ConcurrentLinkedQueue<>();
    /** The number of the last service reset queued (each gets the next): the loop takes none numbered above it. */
    private final AtomicLong serviceResetsNumbered = new AtomicLong();
    /**
     * The highest number of a service reset in the queue or taken, set after it is queued: the loop takes none numbered
     * above it at a tick.
     */
    private final AtomicLong serviceResetsRequested = new AtomicLong();
    /**
     * Service resets in the queue or being queued: a place is reserved before one is queued and given back when the
     * loop takes it or it is withdrawn, so no more than {@link #serviceResetQueue} wait, and no tick judges more than
     * that.
     */
    private final AtomicInteger serviceResetsWaiting = new AtomicInteger();
    /** The most service resets that may wait ({@code mqtt.serviceResetQueue}). */
    private final int serviceResetQueue;
    /** The answer to a service reset refused because the queue is full. */
    private final String serviceResetQueueFull;

    private final AtomicBoolean shutdown = new AtomicBoolean();
    private final AtomicBoolean diagnostic = new AtomicBoolean();
    private final AtomicLong operatorCommands = new AtomicLong();

    /** Requests with the default bound of the service-reset queue. */
    public SupervisorRequests() {
        this(MqttConfig.DEFAULT_SERVICE_RESET_QUEUE);
    }

    /**
     * @param serviceResetQueue the most service resets that may wait for the loop ({@code mqtt.serviceResetQueue}),
     *     at least 1: one more is refused at once (issue 23, check23x: the queue was unbounded, and 2000 commands in
     *     one tick took 117-131 ms against a 100 ms period)
     */
    public SupervisorRequests(int serviceResetQueue) {
        if (serviceResetQueue < 1) {
            throw new IllegalArgumentException("the service-reset queue must hold at least 1, got " + serviceResetQueue
                    + ": set mqtt.serviceResetQueue to 1 or more");
        }
        this.serviceResetQueue = serviceResetQueue;
        this.serviceResetQueueFull = "service reset refused: " + serviceResetQueue + " service resets already wait for "
                + "the control loop (mqtt.serviceResetQueue), each answered on the events topic at its next tick: this "
                + "one was not queued; wait for their answers, then send it again if still needed";
    }

    /**
     * Requests a close; returns its ticket. The loop answers it ({@link Supervisor.StateListener#closeOutcome})
     * naming the last close ticket it answers, as it does a reset's.
     */
    public long requestClose() {
        open.set(false);
        return closesRequested.incrementAndGet();
    }

    /** Requests an open; it cancels every close requested before it that the loop has not taken. */
    public void requestOpen() {
        operatorCommands.incrementAndGet(); // an open is always acted on (answered "open requested" at once)
        closesCancelled.set(closesRequested.get());
        open.set(true);
    }

    /**
     * Takes back a close the loop has not taken yet (its asker was told it timed out): a close is judged
     * at the moment it is taken, so one left waiting must not be taken later. True if it was still waiting.
     */
    public boolean withdrawClose() {
        return takeCloseTicket() > 0;
    }

    /**
     * Takes every close requested and not yet taken or withdrawn; returns the last ticket taken, or 0 when
     * none waits. Lock-free, no allocation.
     */
    long takeCloseTicket() {
        return take(closesRequested, closesTaken);
    }

    /** True when the close with this ticket was cancelled by an open requested after it. */
    boolean closeCancelled(long ticket) {
        return ticket <= closesCancelled.get();
    }

    /**
     * Requests a reset; returns its ticket. The loop's answer names the last ticket it took
     * ({@link #takeResetTicket}), so a reset sent after the loop took an earlier one waits for its own
     * answer instead of being given the earlier one's.
     */
    public long requestReset() {
        resetSawRaises.accumulateAndGet(raisesPublished.get(), Math::max);
        return resetsRequested.incrementAndGet();
    }

    /**
     * The faults raised that the reset requests taken had seen when they were received (the latest of
     * them, which answers them all): a fault raised after it is not one the reset answers.
     */
    long resetSawRaises() {
        return resetSawRaises.get();
    }

    /** After each tick: the MSL faults raised so far, what a reset received from now on has seen. */
    void publishRaises(long mslRaises) {
        raisesPublished.set(mslRaises);
    }

    /**
     * Takes back a reset the loop has not taken yet (its asker was told it timed out): a reset
     * answers the fault present when it was sent, so one left waiting must not be taken later, at
     * another moment. True if it was still waiting; false if the loop had taken it (or none was set).
     */
    public boolean withdrawReset() {
        return takeResetTicket() > 0;
    }

    /**
     * Takes every reset requested and not yet taken or withdrawn; returns the last ticket taken, or 0
     * when none waits. Called by the loop at its tick (and by {@link #withdrawReset}); lock-free, no
     * allocation.
     */
    public long takeResetTicket() {
        return take(resetsRequested, resetsTaken);
    }

    private static long take(AtomicLong requestedCount, AtomicLong takenCount) {
        while (true) {
            long requested = requestedCount.get();
            long taken = takenCount.get();
            if (requested <= taken) {
                return 0;
            }
            if (takenCount.compareAndSet(taken, requested)) {
                return requested;
            }
        }
    }

    /** The last reset ticket taken or withdrawn (0 before any). */
    public long resetsTaken() {
        return resetsTaken.get();
    }

    /**
     * The deliberate reset after a repeated-trip lockout (an ordinary reset cannot clear a lockout). It is judged
     * at the loop's next tick in its place among the resets requested: those sent before it first, then it, then
     * those sent after it, each answered on its own. Several service resets sent before one tick are each judged
     * in their own place and each answered on its own. No more than {@code mqtt.serviceResetQueue} wait: one more is
     * refused at once, not queued, and then this returns false ({@link #serviceResetQueueFull} says why).
     *
     * @return true when it was queued, false when refused because the queue is full
     */
    public boolean requestServiceReset() {
        return queueServiceReset() > 0;
    }

    /**
     * As {@link #requestServiceReset}, returning the number the service reset was queued under (to withdraw it: {@link
     * #withdrawServiceReset}), or 0 when it was refused because the queue is full.
     */
    public long queueServiceReset() {
        if (serviceResetsWaiting.incrementAndGet() > serviceResetQueue) {
            serviceResetsWaiting.decrementAndGet();
            return 0;
        }
        long number = serviceResetsNumbered.incrementAndGet();
        serviceResets.add(new ServiceReset(number, resetsRequested.get() + 1, raisesPublished.get()));
        serviceResetsRequested.accumulateAndGet(number, Math::max);
        return number;
    }

    /**
     * Takes back the service reset queued under {@code number} if the loop has not taken it (its asker was told it was
     * not judged in time): a service reset answers the faults present when it was received, as a reset does, so one
     * left waiting must not be judged later, at a moment nobody chose (issue 23, check23z finding 5: it cleared a
     * lockout whenever a stalled loop ticked again). True if it was still waiting: its place is given back. Exactly
     * one of this and the loop's take gets it. Not for the loop's thread (it walks the queue).
     */
    public boolean withdrawServiceReset(long number) {
        for (ServiceReset s : serviceResets) {
            if (s.number() == number) {
                return take(s);
            }
        }
        return false;
    }

    /**
     * The answer to a service reset {@link #requestServiceReset} refused: what (not queued), where (the control
     * loop's queue, {@code mqtt.serviceResetQueue}), why (full) and what to do (wait for the answers, send again).
     */
    public String serviceResetQueueFull() {
        return serviceResetQueueFull;
    }

    public void requestShutdown() {
        shutdown.set(true);
    }

    /**
     * An operator command acted on (an open, a close the loop accepted, a current cap, balancing on or off): counted,
     * so a running diagnostic gives way. A refused command is not counted: it changes nothing, a running diagnostic
     * included (issue 23, check23u). Neither is a read (snapshot), nor a reset: one is accepted only in FAULT, where
     * no diagnostic runs.
     */
    public void noteOperatorCommand() {
        operatorCommands.incrementAndGet();
    }

    /** Operator commands acted on so far (open, accepted close and those noted). */
    public long operatorCommands() {
        return operatorCommands.get();
    }

    /** A scheduled diagnostic wants the pack (true) or is done with it (false); set on the loop thread. */
    public void wantDiagnostic(boolean wanted) {
        diagnostic.set(wanted);
    }

    boolean diagnosticWanted() {
        return diagnostic.get();
    }

    boolean takeOpen() {
        return open.getAndSet(false);
    }

    /** The highest number of a service reset queued so far: the loop takes none numbered above it at its tick. */
    long serviceResetsRequested() {
        return serviceResetsRequested.get();
    }

    /** Takes the oldest service reset waiting, or null when none waits. No allocation. */
    ServiceReset takeServiceReset() {
        ServiceReset taken = serviceResets.poll();
        if (taken != null) {
            serviceResetsWaiting.decrementAndGet();
        }
        return taken;
    }

    /**
     * Takes {@code s} if it still waits: false when it was withdrawn ({@link #withdrawServiceReset}) or taken already.
     * No allocation.
     */
    boolean take(ServiceReset s) {
        if (serviceResets.remove(s)) {
            serviceResetsWaiting.decrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * Whether a service reset may wait (a place is reserved before one is queued): false means none does. The loop
     * asks this before {@link #nextServiceReset}, so a tick calls nothing that names {@link ServiceReset} before one
     * was ever sent (its compiled call would load the class, and a class load allocates: RecordTickAllocationTest).
     */
    boolean serviceResetsWait() {
        return serviceResetsWaiting.get() > 0;
    }

    /**
     * The oldest service reset waiting and numbered {@code upTo} or below, left in the queue, or null when none waits.
     * No allocation.
     */
    ServiceReset nextServiceReset(long upTo) {
        ServiceReset s = serviceResets.peek();
        return s == null || s.number() > upTo ? null : s;
    }

    /**
     * A service reset waiting for the loop.
     *
     * @param number    its number among the service resets (1, 2, ...), by which it is withdrawn
     * @param after     one more than the reset tickets requested before it: those up to {@code after - 1} arrived
     *                  before it, the later ones after it
     * @param sawRaises the MSL faults raised that it had seen when it was received
     */
    record ServiceReset(long number, long after, long sawRaises) {}

    boolean shutdownRequested() {
        return shutdown.get();
    }
}
