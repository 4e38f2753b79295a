package org.qsebms.bms.record;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded handoff from the control loop to the record writer: a ring of preallocated
 * {@link ClosedCycle} slots, one producer (the loop) and one consumer (the writer). {@link #accept}
 * copies into a free slot and returns at once; when every slot is taken the cycle is dropped and
 * counted, never waited for. Allocates nothing after construction.
 */
final class CycleQueue implements CycleSink {
    private final ClosedCycle[] slots;
    private final AtomicLong head = new AtomicLong(); // next slot to read
    private final AtomicLong tail = new AtomicLong(); // next slot to write
    private final AtomicLong dropped = new AtomicLong();
    private volatile Thread consumer;

    CycleQueue(int capacity, int cells) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        slots = new ClosedCycle[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new ClosedCycle(cells);
        }
    }

    @Override
    public boolean accept(ClosedCycle closed) {
        long t = tail.get();
        if (t - head.get() >= slots.length) {
            dropped.incrementAndGet();
            return false;
        }
        slots[(int) (t % slots.length)].copyFrom(closed);
        tail.set(t + 1);
        Thread c = consumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
        return true;
    }

    /** Consumer side: copies the oldest entry into {@code into}; false when empty. */
    public boolean poll(ClosedCycle into) {
        long h = head.get();
        if (h >= tail.get()) {
            return false;
        }
        into.copyFrom(slots[(int) (h % slots.length)]);
        head.set(h + 1);
        return true;
    }

    /** The thread to wake on each accepted entry. */
    void bindConsumer(Thread t) {
        consumer = t;
    }

    public long dropped() {
        return dropped.get();
    }

    public int cellCount() {
        return slots[0].cellCount();
    }
}
