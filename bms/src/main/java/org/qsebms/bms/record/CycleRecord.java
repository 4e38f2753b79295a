package org.qsebms.bms.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * A record directory opened for writing: the loop's {@link CycleCounter}, the bounded
 * {@link CycleQueue} and the {@link CycleRecordWriter} thread, numbered on from the record's last
 * cycle. Close it after the control loop has stopped: the cycle in progress is closed as
 * {@code operator} (the BMS was stopped) and everything waiting is written.
 */
public final class CycleRecord implements AutoCloseable {
    /** Size at which {@code cycles.csv} is rotated (8 MiB: about 25,000 cycles of a 4-cell pack). */
    static final long DEFAULT_MAX_BYTES = 8L << 20;
    /** Rotated files kept. */
    static final int DEFAULT_KEEP_FILES = 16;

    static final int QUEUE_CYCLES = 256;

    private final CycleCounter counter;
    private final CycleRecordWriter writer;
    private final CycleQueue queue;
    private boolean closed;

    private CycleRecord(CycleCounter counter, CycleQueue queue, CycleRecordWriter writer) {
        this.counter = counter;
        this.queue = queue;
        this.writer = writer;
    }

    /**
     * Opens {@code dir} (created when missing) and starts the writer.
     *
     * @param tee      also told of every closed cycle on the loop thread, before it is queued (null: none)
     * @param listener told of each cycle's rows after they reached the disk, on the writer thread
     */
    public static CycleRecord open(Path dir, int cells, CycleRules rules, CycleSink tee, Consumer<CycleRow[]> listener)
            throws IOException {
        return open(dir, cells, rules, tee, listener, DEFAULT_MAX_BYTES, DEFAULT_KEEP_FILES);
    }

    public static CycleRecord open(
            Path dir,
            int cells,
            CycleRules rules,
            CycleSink tee,
            Consumer<CycleRow[]> listener,
            long maxBytes,
            int keepFiles)
            throws IOException {
        CycleRecordFile file = new CycleRecordFile(dir, maxBytes, keepFiles, Logger::warn);
        long last = CycleRecordReader.lastCycle(dir, w -> {});
        CycleQueue queue = new CycleQueue(QUEUE_CYCLES, cells);
        CycleSink sink = tee == null
                ? queue
                : c -> {
                    tee.accept(c);
                    return queue.accept(c);
                };
        CycleCounter counter = new CycleCounter(cells, rules, sink, last + 1);
        CycleRecordWriter writer = new CycleRecordWriter(queue, file, listener).start();
        Logger.info("cycle record in {} (cycle {} next)", dir.toAbsolutePath(), last + 1);
        return new CycleRecord(counter, queue, writer);
    }

    public CycleCounter counter() {
        return counter;
    }

    public CycleRecordWriter writer() {
        return writer;
    }

    /** Cycles the loop had to drop because the writer fell behind by {@value #QUEUE_CYCLES} cycles. */
    public long dropped() {
        return queue.dropped();
    }

    /** Closes the cycle in progress as {@code operator} and writes everything (call once the loop has stopped). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        counter.closeNow(CycleEnd.OPERATOR);
        writer.close();
    }
}
