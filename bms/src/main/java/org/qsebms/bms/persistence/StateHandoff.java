package org.qsebms.bms.persistence;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.estimators.soc.SocEstimator;

/**
 * The bounded, non-blocking handoff from the control loop to the persistence writer: one
 * preallocated snapshot slot (the loop copies into it only while the writer is not reading it;
 * otherwise the offer is dropped and counted, and the next one carries newer data) and a bounded
 * queue of fault edges. {@link #offer} never blocks and never allocates.
 */
public final class StateHandoff {
    private final double[] cellSoc;
    private double ahThroughput;
    private long epochMillis;
    private final AtomicBoolean full = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedFaults = new AtomicLong();
    private final ArrayBlockingQueue<FaultLogEntry> faults = new ArrayBlockingQueue<>(256);
    private volatile Thread consumer;

    public StateHandoff(int cells) {
        cellSoc = new double[cells];
    }

    /** Loop side: copies the live state into the slot, or drops it when the writer still holds the last one. */
    public boolean offer(SocEstimator soc, double ahThroughputNow, long epochMillisNow) {
        if (full.get()) {
            dropped.incrementAndGet();
            return false;
        }
        for (int i = 0; i < cellSoc.length; i++) {
            cellSoc[i] = soc.cellSoc(i);
        }
        ahThroughput = ahThroughputNow;
        epochMillis = epochMillisNow;
        full.set(true);
        wake();
        return true;
    }

    /** Loop side, on fault edges only (allocates one entry per edge). */
    public void offerFault(FaultEvent f, long epochMillisNow) {
        if (!faults.offer(new FaultLogEntry(epochMillisNow, f.code().number(), f.id(), f.raised(), f.reason()))) {
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

    /** Writer side: copies the waiting snapshot out and frees the slot. */
    long take(double[] socOut, double[] ahOut) {
        System.arraycopy(cellSoc, 0, socOut, 0, socOut.length);
        ahOut[0] = ahThroughput;
        long t = epochMillis;
        full.set(false);
        return t;
    }

    FaultLogEntry pollFault() {
        return faults.poll();
    }

    public int cellCount() {
        return cellSoc.length;
    }

    public long dropped() {
        return dropped.get();
    }

    public long droppedFaults() {
        return droppedFaults.get();
    }
}
