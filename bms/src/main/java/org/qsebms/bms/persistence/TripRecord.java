package org.qsebms.bms.persistence;

/**
 * One MSL trip in the repeated-trip lockout's history, as persisted.
 *
 * @param id          the fault's id, for example {@code CELL_OVER_CURRENT.MSL}
 * @param epochMillis wall-clock time of the trip (a restart resets the monotonic clock, not this)
 */
public record TripRecord(String id, long epochMillis) {}
