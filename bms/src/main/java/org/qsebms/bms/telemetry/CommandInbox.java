package org.qsebms.bms.telemetry;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commands between Paho's receive thread and the telemetry thread, bounded by bytes (and by count).
 * A payload larger than a command can be is not queued at all: only a marker (topic, size, retain
 * flag) is, so its sender still gets an answer while the memory it takes is a few dozen bytes.
 * When the queue is full a command is dropped and counted, without a result. {@link #offer} never
 * blocks and never throws (it runs on the client library's receive thread).
 */
final class CommandInbox {
    /** Fixed cost of one queued entry in the byte budget, besides its payload and topic. */
    static final int ENTRY_OVERHEAD_BYTES = 96;

    /**
     * One received command.
     *
     * @param payload null when the payload was larger than a command may be (then {@code bytes} is its size)
     */
    record Inbound(String topic, byte[] payload, int bytes, boolean retained) {
        boolean oversize() {
            return payload == null;
        }
    }

    private final int maxPayloadBytes;
    private final long maxQueuedBytes;
    private final int maxQueued;
    private final ArrayDeque<Inbound> queue = new ArrayDeque<>();
    private final AtomicLong overflow = new AtomicLong();
    private final AtomicLong oversize = new AtomicLong();
    private final Runnable wake;
    private long queuedBytes;

    /**
     * @param maxPayloadBytes the largest payload queued as it is (a command's limit)
     * @param maxQueuedBytes  the byte budget of the whole queue (payloads, topics and {@link #ENTRY_OVERHEAD_BYTES})
     * @param maxQueued       the most entries queued at once
     * @param wake            called after every offer (unparks the telemetry thread)
     */
    CommandInbox(int maxPayloadBytes, long maxQueuedBytes, int maxQueued, Runnable wake) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxQueuedBytes = maxQueuedBytes;
        this.maxQueued = maxQueued;
        this.wake = wake;
    }

    /** Queues a command, or a marker for an oversized one; drops it (counted) when the queue is full. */
    void offer(String topic, byte[] payload, boolean retained) {
        boolean tooLarge = payload.length > maxPayloadBytes;
        Inbound in = new Inbound(topic, tooLarge ? null : payload, payload.length, retained);
        if (tooLarge) {
            oversize.incrementAndGet();
        }
        long cost = cost(in);
        boolean queued;
        synchronized (queue) {
            queued = queue.size() < maxQueued && queuedBytes + cost <= maxQueuedBytes;
            if (queued) {
                queue.addLast(in);
                queuedBytes += cost;
            }
        }
        if (!queued) {
            overflow.incrementAndGet();
        }
        wake.run();
    }

    private static long cost(Inbound in) {
        return ENTRY_OVERHEAD_BYTES + 2L * in.topic().length() + (in.oversize() ? 0 : in.payload().length);
    }

    /** The oldest command, or null. */
    Inbound poll() {
        synchronized (queue) {
            Inbound in = queue.pollFirst();
            if (in != null) {
                queuedBytes -= cost(in);
            }
            return in;
        }
    }

    boolean isEmpty() {
        synchronized (queue) {
            return queue.isEmpty();
        }
    }

    /** Bytes the queue holds now (its budget's measure). */
    long queuedBytes() {
        synchronized (queue) {
            return queuedBytes;
        }
    }

    /** Commands dropped because the queue was full (they got no result). */
    long overflow() {
        return overflow.get();
    }

    /** Payloads larger than a command can be, not queued (their senders get a result from the marker). */
    long oversize() {
        return oversize.get();
    }
}
