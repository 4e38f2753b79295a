package org.qsebms.bms.persistence;

import java.util.List;

/**
 * What one generation of the state file holds that safety depends on: its latched faults and its repeated-trip
 * lockout history. The previous generation may stand in for the newest only when it holds all of these (fix23al: a
 * trip saved in the newest file alone was lost with it, and the lockout failed open).
 *
 * @param latches the latched fault ids
 * @param trips   the trips of the lockout's history
 */
record GenerationSafety(List<String> latches, List<TripRecord> trips) {
    /** Nothing known (no whole file). */
    static final GenerationSafety NONE = new GenerationSafety(List.of(), List.of());

    GenerationSafety {
        latches = List.copyOf(latches);
        trips = List.copyOf(trips);
    }

    static GenerationSafety of(PersistedState s) {
        return new GenerationSafety(s.latchedFaults(), s.tripHistory());
    }

    /** Whether this generation holds every latch and every trip of {@code newer}. */
    boolean covers(GenerationSafety newer) {
        return latches.containsAll(newer.latches) && trips.containsAll(newer.trips);
    }
}
