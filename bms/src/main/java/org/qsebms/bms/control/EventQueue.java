package org.qsebms.bms.control;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded queue of controller events from the loop to telemetry and logging. {@link #offer}
 * never blocks; on overflow the event is counted as dropped (the protection has already acted,
 * the event only reports it).
 */
public final class EventQueue {
    private final ArrayBlockingQueue<ControllerEvent> queue;
    private final AtomicLong dropped = new AtomicLong();

    public EventQueue(int capacity) {
        queue = new ArrayBlockingQueue<>(capacity);
    }

    public void offer(ControllerEvent event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    public ControllerEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    public ControllerEvent poll() {
        return queue.poll();
    }

    public long dropped() {
        return dropped.get();
    }
}
