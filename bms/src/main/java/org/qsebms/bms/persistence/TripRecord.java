package org.qsebms.bms.persistence;

/**
 * One MSL trip in the repeated-trip lockout's history, as persisted.
 *
 * @param id              the fault's id, for example {@code CELL_OVER_CURRENT.MSL}
 * @param epochMillis     wall-clock time of the trip, for the record only (a Pi without RTC reads 1970 until NTP
 *                        answers, so this cannot age a trip); {@link #UNKNOWN} when unreadable
 * @param operatingMillis the controller's operating time at the trip ({@link PersistedState#operatingMillis()}: it
 *                        runs while the controller runs and stands still while it is off); the lockout ages a trip
 *                        by this alone. {@link #UNKNOWN} in a file from before the operating time (the trip then
 *                        counts as taken at the start that reads it)
 */
public record TripRecord(String id, long epochMillis, long operatingMillis) {
    /** A time the file does not give (or gives unreadably). */
    public static final long UNKNOWN = Long.MIN_VALUE;

    /** A trip dated by the wall clock only, as files before the operating time wrote it. */
    public TripRecord(String id, long epochMillis) {
        this(id, epochMillis, UNKNOWN);
    }

    /** This trip re-dated to {@code operating} on the operating clock (its wall-clock date kept). */
    TripRecord atOperating(long operating) {
        return new TripRecord(id, epochMillis, operating);
    }
}
