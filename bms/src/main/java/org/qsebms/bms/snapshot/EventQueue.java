package org.qsebms.bms.snapshot;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounded queue of controller events from the loop to telemetry and logging. {@link #offer}
 * never blocks; on overflow the event is counted as dropped (the protection has already acted,
 * the event only reports it).
 */
public final class EventQueue {
    private final ArrayBlockingQueue<ControllerEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private volatile Thread consumer;

    public EventQueue(int capacity) {
        queue = new ArrayBlockingQueue<>(capacity);
    }

    public void offer(ControllerEvent event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
        Thread c = consumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
    }

    public ControllerEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    public ControllerEvent poll() {
        return queue.poll();
    }

    /** The thread to wake when an event is offered (the telemetry thread), or null. */
    public void wakeOnOffer(Thread consumerThread) {
        consumer = consumerThread;
    }

    public long dropped() {
        return dropped.get();
    }
}
