package org.qsebms.bms.snapshot;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded single-producer single-consumer ring of preallocated {@link PackSample}s between
 * the control loop and the telemetry thread. {@link #offer} never blocks and never allocates:
 * when the ring is full the sample is dropped and counted (congestion is a return value).
 */
public final class SampleRing {
    private final PackSample[] slots;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Thread consumer;

    public SampleRing(int capacity, int cells, int temperatureChannels) {
        slots = new PackSample[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new PackSample(cells, temperatureChannels);
        }
    }

    /** Producer: copies {@code sample} into the next free slot; false (and counted) when full. */
    public boolean offer(PackSample sample) {
        long h = head.get();
        if (h - tail.get() >= slots.length) {
            dropped.incrementAndGet();
            return false;
        }
        slots[(int) (h % slots.length)].copyFrom(sample);
        head.lazySet(h + 1);
        Thread c = consumer;
        if (c != null) {
            LockSupport.unpark(c); // never blocks, never allocates
        }
        return true;
    }

    /** Consumer: copies the oldest sample into {@code into}; false when empty. */
    public boolean poll(PackSample into) {
        long t = tail.get();
        if (t >= head.get()) {
            return false;
        }
        into.copyFrom(slots[(int) (t % slots.length)]);
        tail.lazySet(t + 1);
        return true;
    }

    /** The thread to wake when a sample is offered (the telemetry thread), or null. */
    public void wakeOnOffer(Thread consumerThread) {
        consumer = consumerThread;
    }

    public long dropped() {
        return dropped.get();
    }

    public int capacity() {
        return slots.length;
    }
}
