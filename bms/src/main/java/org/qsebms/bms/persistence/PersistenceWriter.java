package org.qsebms.bms.persistence;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.tinylog.Logger;

/**
 * The background thread that turns handed-off snapshots and fault edges into atomic writes of
 * the state file. Without a health tracker in the loop, the health fields (capacity,
 * resistance, SEI, lithium inventory, history) carry over from the restored state. Write
 * failures are logged on change and counted; they never reach the control loop.
 */
public final class PersistenceWriter implements AutoCloseable {
    /** Most recent fault edges kept in the file. */
    public static final int FAULT_LOG_CAPACITY = 200;

    private final StateFile file;
    private final StateHandoff handoff;
    private PersistedState last;
    private final ArrayDeque<FaultLogEntry> faultLog = new ArrayDeque<>();
    private final LatchedFaults latched;
    private final TripHistory trips;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private long sequence;
    private String lastError;
    private long lastErrorNanos;
    /** A save that keeps failing for the same reason is reported again this often (not once per run). */
    private static final long REPEAT_ERROR_NANOS = 60_000_000_000L;

    public PersistenceWriter(StateFile file, StateHandoff handoff, PersistedState restored) {
        this(file, handoff, restored, StateHandoff.NO_NANOS);
    }

    /**
     * A writer that saves on top of {@code restored}, whose operating time the controller continues from the loop
     * clock's reading {@code startNanos} ({@link StateHandoff#NO_NANOS}: from the first snapshot the loop offers).
     * Construct it before the loop's first tick.
     */
    public PersistenceWriter(StateFile file, StateHandoff handoff, PersistedState restored, long startNanos) {
        handoff.continueOperatingTime(restored.operatingMillis(), startNanos);
        this.file = file;
        this.handoff = handoff;
        this.last = restored;
        this.sequence = restored.sequence();
        faultLog.addAll(restored.faultLog());
        this.latched = new LatchedFaults(restored.latchedFaults());
        this.trips = new TripHistory(restored.tripHistory());
        trimFaultLog();
        this.thread = new Thread(this::run, "bms-persistence");
        thread.setDaemon(true);
        handoff.bindConsumer(thread);
    }

    public PersistenceWriter start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(500));
            try {
                drainAndWrite();
            } catch (RuntimeException e) { // keep the writer alive whatever happens
                report("unexpected error while saving state: " + e);
            }
        }
    }

    /** Writes whatever is waiting now, on the caller's thread (shutdown, tests). Returns true when a write happened. */
    public boolean flush() {
        return drainAndWrite();
    }

    /** Takes whatever is waiting and writes once if anything changed. Returns true when a write happened. */
    synchronized boolean drainAndWrite() {
        boolean changed = false;
        PendingFault p;
        while ((p = handoff.pollFault()) != null) {
            FaultLogEntry f = p.entry();
            faultLog.addLast(f);
            latched.apply(f);
            trips.apply(f, p.operatingMillis());
            changed = true;
        }
        trimFaultLog();
        if (handoff.ready()) {
            last = handoff.take(last);
            changed = true;
        }
        if (!changed) {
            return false;
        }
        PersistedState s = current();
        try {
            file.write(s);
            writes.incrementAndGet();
            if (lastError != null) {
                Logger.info("persisted state saved again to {}", file.path().toAbsolutePath());
                lastError = null;
            }
            return true;
        } catch (IOException e) {
            failures.incrementAndGet();
            report("cannot save state to " + file.path().toAbsolutePath() + ": " + FileProblem.describe(e)
                    + "; check that persistence.directory is writable and not full (" + failures.get()
                    + " saves failed so far)");
            return false;
        }
    }

    /** The state as it would be written now. */
    synchronized PersistedState current() {
        // the file's operating time is never behind a trip it holds (a trip after the last snapshot)
        sequence = SaveSequence.after(sequence); // never wraps (a wrapped sequence ordered a new latch as old)
        return last.withSequenceAndFaultLog(sequence, new ArrayList<>(faultLog))
                .withLatchedFaults(latched.ids())
                .withTripHistory(trips.trips())
                .withOperatingMillis(Math.max(last.operatingMillis(), trips.latestOperatingMillis()));
    }

    private void trimFaultLog() {
        while (faultLog.size() > FAULT_LOG_CAPACITY) {
            faultLog.removeFirst();
        }
    }

    private void report(String message) {
        long now = System.nanoTime();
        if (!message.equals(lastError) || now - lastErrorNanos >= REPEAT_ERROR_NANOS) { // on change, and every minute
            Logger.warn(message);
            lastError = message;
            lastErrorNanos = now;
        }
    }

    /** Stops the thread and writes whatever is still waiting (call after the loop has handed off its last snapshot). */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainAndWrite();
    }

    public long writes() {
        return writes.get();
    }

    public long failures() {
        return failures.get();
    }
}
