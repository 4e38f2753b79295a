package org.qsebms.bms.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.qsebms.estimators.health.CellHealthTracker;
import org.tinylog.Logger;

/**
 * A record directory opened for writing: the bounded {@link CycleQueue} and the
 * {@link CycleRecordWriter} thread, numbered on from the record's last cycle, and the loop's
 * {@link CycleCounter}, made complete (with the health tracker its columns come from) by
 * {@link #startCounting} once that tracker exists. Close it after the control loop has stopped: the
 * cycle in progress is closed as {@code operator} (the BMS was stopped) and everything waiting is
 * written.
 */
public final class CycleRecord implements AutoCloseable {
    /** Size at which {@code cycles.csv} is rotated (8 MiB: about 25,000 cycles of a 4-cell pack). */
    static final long DEFAULT_MAX_BYTES = 8L << 20;
    /** Rotated files kept. */
    static final int DEFAULT_KEEP_FILES = 16;

    static final int QUEUE_CYCLES = 256;

    private final int cells;
    private final CycleRules rules;
    private final CycleSink sink;
    private final long firstCycle;
    private final CycleRecordWriter writer;
    private final CycleQueue queue;
    private CycleCounter counter;
    private boolean closed;

    private CycleRecord(
            int cells, CycleRules rules, CycleSink sink, long firstCycle, CycleQueue queue, CycleRecordWriter writer) {
        this.cells = cells;
        this.rules = rules;
        this.sink = sink;
        this.firstCycle = firstCycle;
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
        CycleRecordWriter writer = new CycleRecordWriter(queue, file, listener).start();
        Logger.info("cycle record in {} (cycle {} next)", dir.toAbsolutePath(), last + 1);
        return new CycleRecord(cells, rules, sink, last + 1, queue, writer);
    }

    /** Makes the loop's counter, its health columns from {@code health}; once per record. */
    public synchronized CycleCounter startCounting(CellHealthTracker health) {
        return start(new CycleCounter(cells, rules, sink, firstCycle, health));
    }

    /** Makes the loop's counter without health columns (they stay empty); once per record. */
    public synchronized CycleCounter startCounting() {
        return start(new CycleCounter(cells, rules, sink, firstCycle));
    }

    private CycleCounter start(CycleCounter c) {
        if (counter != null) {
            throw new IllegalStateException("the record's counter is already made");
        }
        counter = c;
        return c;
    }

    /** The loop's counter ({@link #startCounting} made it). */
    public synchronized CycleCounter counter() {
        if (counter == null) {
            throw new IllegalStateException("the record's counter is not made yet (startCounting)");
        }
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
        if (counter != null) {
            counter.closeNow(CycleEnd.OPERATOR);
        }
        writer.close();
    }
}
