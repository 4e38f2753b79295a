package org.qsebms.bms.record;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * The background thread that takes closed cycles off the {@link CycleQueue}, appends their rows to
 * the {@link CycleRecordFile} (forced to disk per cycle) and then tells the listener (the MQTT
 * {@code cycle} message). A failed write is logged once per distinct error, counted and retried on
 * the next pass with the rows kept in memory (up to {@value #MAX_PENDING} cycles); it never reaches
 * the control loop.
 */
final class CycleRecordWriter implements AutoCloseable {
    static final int MAX_PENDING = 1000;

    private final CycleQueue queue;
    private final CycleRecordFile file;
    private final Consumer<CycleRow[]> listener;
    private final ClosedCycle taken;
    private final ArrayDeque<CycleRow[]> pending = new ArrayDeque<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private String lastError;

    CycleRecordWriter(CycleQueue queue, CycleRecordFile file, Consumer<CycleRow[]> listener) {
        this.queue = queue;
        this.file = file;
        this.listener = listener;
        this.taken = new ClosedCycle(queue.cellCount());
        this.thread = new Thread(this::run, "bms-record");
        thread.setDaemon(true);
        queue.bindConsumer(thread);
    }

    public CycleRecordWriter start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(500));
            try {
                flush();
            } catch (RuntimeException e) { // keep the writer alive whatever happens
                report("unexpected error while writing the cycle record: " + e);
            }
        }
    }

    /** Writes whatever is waiting, on the caller's thread. Returns the cycles written. */
    public synchronized int flush() {
        while (queue.poll(taken)) {
            if (pending.size() >= MAX_PENDING) {
                pending.pollFirst();
                failures.incrementAndGet();
            }
            pending.addLast(taken.rows());
        }
        int n = 0;
        while (!pending.isEmpty()) {
            CycleRow[] rows = pending.peekFirst();
            List<String> lines = new ArrayList<>(rows.length);
            for (CycleRow r : rows) {
                lines.add(CycleCsv.format(r));
            }
            try {
                file.append(lines);
            } catch (IOException e) {
                failures.incrementAndGet();
                report("cannot append to the cycle record in "
                        + file.directory().toAbsolutePath() + ": "
                        + e.getMessage()
                        + "; kept in memory and retried (check that the directory is writable and not full)");
                return n;
            }
            pending.pollFirst();
            written.incrementAndGet();
            n++;
            if (lastError != null) {
                Logger.info("cycle record written again to {}", file.directory().toAbsolutePath());
                lastError = null;
            }
            try {
                listener.accept(rows);
            } catch (RuntimeException e) {
                report("cycle listener failed: " + e);
            }
        }
        return n;
    }

    private void report(String message) {
        if (!message.equals(lastError)) {
            Logger.warn(message);
            lastError = message;
        }
    }

    /** Stops the thread and writes whatever is still waiting. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        try {
            file.close();
        } catch (IOException e) {
            Logger.warn("closing the cycle record: {}", e.getMessage());
        }
    }

    /** Cycles appended so far. */
    long written() {
        return written.get();
    }

    public long failures() {
        return failures.get();
    }
}
