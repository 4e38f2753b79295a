package org.qsebms.bms.persistence;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.health.UsableCapacity;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.soc.SocEstimator;
import org.qsebms.estimators.soc.SocState;

/**
 * The bounded, non-blocking handoff from the control loop to the persistence writer: one
 * preallocated snapshot slot (the loop copies into it only while the writer is not reading it;
 * otherwise the offer is dropped and counted, and the next one carries newer data) and a bounded
 * queue of fault edges. {@link #offer} never blocks and never allocates.
 */
public final class StateHandoff {
    private final SocState.Capture soc;
    /** The health tracker's state, copied only when a tracker is offered (hasHealth). */
    private boolean hasHealth;

    private final HealthState.Capture health;
    private double ahThroughput;
    /** The meter's last measurement (an immutable value: handing over the reference copies nothing). */
    private UsableCapacity usableCapacity;

    private long epochMillis;
    /** The slot's operating time (the controller's, {@link PersistedState#operatingMillis()}). */
    private long slotOperatingMillis;
    /** The operating time carried over from the state restored, continued from {@link #operatingStartNanos}. */
    private long operatingRestoredMillis;
    /** The loop clock's reading the restored operating time continues from; {@link #NO_NANOS}: the first offer's. */
    private long operatingStartNanos = NO_NANOS;
    /** Loop side: the latest operating time handed over (the operating clock never runs back). */
    private long operatingMillis;
    /** No loop-clock reading. */
    public static final long NO_NANOS = Long.MIN_VALUE;

    private final AtomicBoolean full = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedFaults = new AtomicLong();
    private final ArrayBlockingQueue<PendingFault> faults = new ArrayBlockingQueue<>(256);
    private volatile Thread consumer;

    /** History points handed over at most (the tracker's history is bounded the same way). */
    static final int HISTORY_CAPACITY = 1024;

    public StateHandoff(int cells) {
        soc = new SocState.Capture(cells);
        health = new HealthState.Capture(cells, HISTORY_CAPACITY);
    }

    /**
     * Continues the operating time restored ({@code restoredMillis}) from the loop clock's reading {@code nowNanos}
     * ({@link #NO_NANOS}: from the first snapshot offered with a loop-clock reading). Call before the loop starts.
     */
    public void continueOperatingTime(long restoredMillis, long nowNanos) {
        operatingRestoredMillis = restoredMillis;
        operatingStartNanos = nowNanos;
        operatingMillis = restoredMillis;
    }

    /**
     * The operating time at the loop clock's {@code loopNanos} ({@link #NO_NANOS}: the latest known); a snapshot
     * ({@code anchors}) starts the clock when no start was given, a fault edge before that is dated at the start.
     */
    private long operatingAt(long loopNanos, boolean anchors) {
        if (loopNanos == NO_NANOS) {
            return operatingMillis;
        }
        if (operatingStartNanos == NO_NANOS) {
            if (!anchors) {
                return operatingMillis;
            }
            operatingStartNanos = loopNanos;
        }
        long run = Math.max(0, (loopNanos - operatingStartNanos) / 1_000_000L);
        operatingMillis = Math.max(operatingMillis, saturatedSum(operatingRestoredMillis, run));
        return operatingMillis;
    }

    /**
     * {@code a + b}, or Long.MAX_VALUE when that overflows: an overflowed sum went negative and the operating clock
     * stood still (check23w defect 3, fix23al). PersistedStateCheck bounds a restored time to a century, so this is
     * only the defined fallback.
     */
    static long saturatedSum(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    /** Loop side, without a health tracker. */
    public boolean offer(SocEstimator soc, double ahThroughputNow, long epochMillisNow) {
        return offer(soc, null, ahThroughputNow, epochMillisNow);
    }

    /** Loop side, without a usable-capacity meter. */
    public boolean offer(SocEstimator soc, CellHealthTracker health, double ahThroughputNow, long epochMillisNow) {
        return offer(soc, health, null, ahThroughputNow, epochMillisNow);
    }

    /** Loop side: copies the live state into the slot, or drops it when the writer still holds the last one. */
    public boolean offer(
            SocEstimator soc,
            CellHealthTracker health,
            UsableCapacityMeter usable,
            double ahThroughputNow,
            long epochMillisNow) {
        return offer(soc, health, usable, ahThroughputNow, epochMillisNow, false);
    }

    /**
     * As {@link #offer(SocEstimator, CellHealthTracker, UsableCapacityMeter, double, long)}, with
     * {@code atStop} whether the control loop has stopped (the contactors open): the SOC saved then is
     * the last, no charge moves after it ({@link SocState#atStop}).
     */
    public boolean offer(
            SocEstimator soc,
            CellHealthTracker health,
            UsableCapacityMeter usable,
            double ahThroughputNow,
            long epochMillisNow,
            boolean atStop) {
        return offer(soc, health, usable, ahThroughputNow, epochMillisNow, atStop, NO_NANOS);
    }

    /**
     * As {@link #offer(SocEstimator, CellHealthTracker, UsableCapacityMeter, double, long, boolean)}, with
     * {@code loopNanos} the loop clock's reading (the ticks' clock), which the saved operating time is taken at.
     */
    public boolean offer(
            SocEstimator soc,
            CellHealthTracker health,
            UsableCapacityMeter usable,
            double ahThroughputNow,
            long epochMillisNow,
            boolean atStop,
            long loopNanos) {
        if (full.get()) {
            dropped.incrementAndGet();
            return false;
        }
        soc.exportInto(this.soc);
        this.soc.atStop(atStop);
        hasHealth = health != null;
        if (health != null) {
            health.exportInto(this.health);
        }
        usableCapacity = usable == null ? null : usable.last();
        ahThroughput = ahThroughputNow;
        epochMillis = epochMillisNow;
        slotOperatingMillis = operatingAt(loopNanos, true);
        full.set(true);
        wake();
        return true;
    }

    /** Loop side, on fault edges only (allocates one entry per edge), dated by the edge's loop clock reading. */
    public void offerFault(FaultEvent f, long epochMillisNow) {
        FaultLogEntry e = new FaultLogEntry(epochMillisNow, f.code().number(), f.id(), f.raised(), f.reason());
        if (!faults.offer(new PendingFault(e, operatingAt(f.nanos(), false)))) {
            droppedFaults.incrementAndGet();
        }
        wake();
    }

    private void wake() {
        Thread t = consumer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    void bindConsumer(Thread t) {
        consumer = t;
    }

    /** Writer side: true when a snapshot is waiting. */
    boolean ready() {
        return full.get();
    }

    /**
     * Writer side: the waiting snapshot with its health on top of {@code base} (whose sequence and
     * fault log it keeps, and whose health it keeps when no tracker was attached), then frees the slot.
     */
    PersistedState take(PersistedState base) {
        SocState s = soc.toState();
        long t = epochMillis;
        long operating = Math.max(base.operatingMillis(), slotOperatingMillis);
        double ah = ahThroughput;
        UsableCapacity usable = usableCapacity != null ? usableCapacity : base.usableCapacity();
        // without a tracker the base's health stays (a file's figures are not lost by a run without one)
        HealthState h = hasHealth ? health.toState() : base.health();
        PersistedState out = new PersistedState(
                base.sequence(),
                t,
                operating,
                s,
                Math.max(equivalentCycles(ah, h.capacityAh()), base.cycleCount()),
                ah,
                base.faultLog(),
                h,
                usable,
                LatchedFaults.fromLog(base.faultLog()),
                base.tripHistory());
        full.set(false);
        return out;
    }

    /** Equivalent full cycles: throughput (both directions) over twice the mean capacity. */
    private static long equivalentCycles(double ahThroughput, double[] capacityAh) {
        double mean = 0;
        for (double c : capacityAh) {
            mean += c / capacityAh.length;
        }
        return mean > 0 ? (long) (ahThroughput / (2 * mean)) : 0;
    }

    PendingFault pollFault() {
        return faults.poll();
    }

    public int cellCount() {
        return soc.cellCount();
    }

    public long dropped() {
        return dropped.get();
    }

    public long droppedFaults() {
        return droppedFaults.get();
    }
}
