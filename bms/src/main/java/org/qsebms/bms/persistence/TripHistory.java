package org.qsebms.bms.persistence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qsebms.bms.protection.FaultCode;
import org.qsebms.bms.protection.FaultEvent;

/**
 * The repeated-trip lockout's trip history, as the fault edges tell it (the writer's side of the
 * lockout, kept like {@link LatchedFaults}): every new MSL raise of a fault other than the lockout
 * itself and the unknown-state latch is a trip (a latch restored at start is not); the reset edge of the lockout (only a service
 * reset clears it) forgets the history. The last {@link #PER_FAULT} trips of each fault are kept,
 * each dated on the controller's operating clock (and, for the record, the wall clock); the
 * protection drops those older than its window, in operating time, when it restores them.
 */
final class TripHistory {
    /** Trips kept per fault: at least any configured {@code lockoutTrips} in practice (the default is 3). */
    static final int PER_FAULT = 32;

    private static final String LOCKOUT_ID = FaultCode.REPEATED_TRIP_LOCKOUT.name() + ".MSL";
    /** Raised at start for a state that could not be read: not a trip of the pack. */
    private static final String STATE_UNKNOWN_ID = FaultCode.PERSISTED_STATE_UNKNOWN.name() + ".MSL";

    private final Map<String, ArrayDeque<TripRecord>> trips = new LinkedHashMap<>();

    TripHistory(List<TripRecord> initial) {
        for (TripRecord t : initial) {
            add(t);
        }
    }

    /** Applies one fault edge, {@code operatingMillis} the controller's operating time at it. */
    void apply(FaultLogEntry e, long operatingMillis) {
        if (!e.id().endsWith(".MSL")) {
            return;
        }
        if (e.id().equals(LOCKOUT_ID)) {
            if (!e.raised() && e.reason().endsWith(FaultEvent.RESET_SUFFIX)) {
                trips.clear();
            }
            return;
        }
        if (e.raised() && !e.reason().endsWith(FaultEvent.RESTORED_SUFFIX) && !e.id().equals(STATE_UNKNOWN_ID)) {
            add(new TripRecord(e.id(), e.epochMillis(), operatingMillis));
        }
    }

    private void add(TripRecord t) {
        ArrayDeque<TripRecord> q = trips.computeIfAbsent(t.id(), k -> new ArrayDeque<>());
        q.addLast(t);
        while (q.size() > PER_FAULT) {
            q.removeFirst();
        }
    }

    /** The latest operating time of a kept trip ({@link TripRecord#UNKNOWN} when none). */
    long latestOperatingMillis() {
        long latest = TripRecord.UNKNOWN;
        for (ArrayDeque<TripRecord> q : trips.values()) {
            for (TripRecord t : q) {
                latest = Math.max(latest, t.operatingMillis());
            }
        }
        return latest;
    }

    /** The kept trips, fault by fault, oldest first within each. */
    List<TripRecord> trips() {
        List<TripRecord> out = new ArrayList<>();
        for (ArrayDeque<TripRecord> q : trips.values()) {
            out.addAll(q);
        }
        return out;
    }
}
