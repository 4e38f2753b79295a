package org.qsebms.bms.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.qsebms.bms.protection.FaultEvent;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.telemetry.LocalSink;

/**
 * What the dashboard shows, kept up to date by the telemetry thread: the latest sample, a bounded history of the
 * charted figures, the active alarms and the recent events. The telemetry thread only copies under a short lock;
 * the page's connections format JSON on their own threads from a {@link #view copy}.
 */
public final class DashboardFeed implements LocalSink {
    static final int RECENT_EVENTS = 12;

    /** A raised alarm as the page lists it; {@code conditionCleared} when it stays only because it is latched. */
    record Alarm(
            String id,
            int code,
            String level,
            boolean latched,
            String reason,
            long sinceMillis,
            boolean conditionCleared) {}

    /** A state change, reset outcome or usable-capacity note, in words. */
    record Note(long epochMillis, String text) {}

    /** A consistent copy of the feed for one connection; {@code points} holds the history after a sequence. */
    record View(
            long version,
            boolean haveSample,
            PackSample sample,
            List<Alarm> alarms,
            List<Note> notes,
            History.Points points) {}

    private final int cells;
    private final int temperatureChannels;
    private final PackSample latest;
    private final History history;
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private final ArrayDeque<Note> notes = new ArrayDeque<>();
    private final LongSupplier epochMillis;
    private long lastEpochMillis;
    private long lastNanos;
    private long version;
    private boolean haveSample;
    private boolean closed;

    /** A feed keeping {@code historyPoints} samples of history. */
    public DashboardFeed(int cells, int temperatureChannels, int historyPoints) {
        this(cells, temperatureChannels, historyPoints, System::currentTimeMillis);
    }

    /** As above; {@code epochMillis} dates the events that come before the first sample. */
    DashboardFeed(int cells, int temperatureChannels, int historyPoints, LongSupplier epochMillis) {
        this.epochMillis = epochMillis;
        this.cells = cells;
        this.temperatureChannels = temperatureChannels;
        this.latest = new PackSample(cells, temperatureChannels);
        this.history = new History(historyPoints, temperatureChannels);
    }

    @Override
    public synchronized void sample(PackSample s) {
        latest.copyFrom(s);
        lastEpochMillis = s.epochMillis;
        lastNanos = s.nanos;
        haveSample = true;
        history.append(s);
        version++;
        notifyAll();
    }

    @Override
    public synchronized void event(ControllerEvent e) {
        // the event's loop-clock time, placed on the wall clock by the last sample (which carries both)
        long at = haveSample ? lastEpochMillis + (e.nanos() - lastNanos) / 1_000_000L : epochMillis.getAsLong();
        switch (e) {
            case ControllerEvent.FaultEdge fe -> fault(fe.fault(), at);
            case ControllerEvent.StateChange sc -> note(at, sc.from() + " \u2192 " + sc.to() + ": " + sc.reason());
            case ControllerEvent.CloseRefused r -> note(at, r.reason());
            case ControllerEvent.SocRestoreRefused r -> note(at, r.reason());
            case ControllerEvent.CurrentZeroRating r -> note(at, r.reason());
            case ControllerEvent.CloseOutcome r -> {} // the command's reply; a refusal is noted as CloseRefused
            case ControllerEvent.ResetOutcome r ->
                note(
                        at,
                        (r.service() ? "service " : "")
                                + (r.accepted() ? "reset accepted: " : "reset refused: ")
                                + r.reason());
            case ControllerEvent.UsableCapacityChange u ->
                note(
                        at,
                        u.measured() != null
                                ? String.format(
                                        java.util.Locale.ROOT,
                                        "usable capacity measured: %.3f Ah",
                                        u.measured().ampHours())
                                : "usable capacity not measured: " + u.voidedReason());
        }
        version++;
        notifyAll();
    }

    private void fault(FaultEvent f, long at) {
        if (f.raised()) {
            alarms.put(
                    f.id(), new Alarm(f.id(), f.code().number(), f.level().name(), f.latched(), f.reason(), at, false));
            note(at, "alarm " + f.id() + ": " + f.reason());
        } else if (f.latched()) {
            Alarm was = alarms.get(f.id());
            alarms.put(
                    f.id(),
                    new Alarm(
                            f.id(),
                            f.code().number(),
                            f.level().name(),
                            true,
                            was == null ? f.reason() : was.reason(),
                            was == null ? at : was.sinceMillis(),
                            true));
            note(at, "condition of " + f.id() + " cleared (" + f.reason() + "); latched until a reset");
        } else {
            alarms.remove(f.id());
            note(at, "alarm " + f.id() + " cleared: " + f.reason());
        }
    }

    private void note(long at, String text) {
        if (notes.size() == RECENT_EVENTS) {
            notes.removeFirst();
        }
        notes.addLast(new Note(at, text));
    }

    /**
     * Waits up to {@code waitMillis} for anything newer than {@code seenVersion}, then returns a copy with the
     * history after {@code afterSequence}; returns the unchanged state after the wait (the caller sends a
     * keep-alive), and null once the feed is closed.
     */
    View await(long seenVersion, long afterSequence, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        PackSample copy = new PackSample(cells, temperatureChannels);
        synchronized (this) {
            while (!closed && version == seenVersion) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                wait(left);
            }
            if (closed) {
                return null;
            }
            copy.copyFrom(latest);
            return new View(
                    version,
                    haveSample,
                    copy,
                    new ArrayList<>(alarms.values()),
                    new ArrayList<>(notes),
                    history.after(afterSequence));
        }
    }

    /** The current state without waiting. */
    View now() {
        PackSample copy = new PackSample(cells, temperatureChannels);
        synchronized (this) {
            copy.copyFrom(latest);
            return new View(
                    version,
                    haveSample,
                    copy,
                    new ArrayList<>(alarms.values()),
                    new ArrayList<>(notes),
                    history.after(Long.MIN_VALUE));
        }
    }

    /** Wakes every waiting connection so it ends. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    int cells() {
        return cells;
    }

    int temperatureChannels() {
        return temperatureChannels;
    }
}
