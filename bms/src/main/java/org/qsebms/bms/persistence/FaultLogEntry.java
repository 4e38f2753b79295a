package org.qsebms.bms.persistence;

/**
 * One fault edge in the persisted fault log.
 *
 * @param epochMillis wall-clock time of the edge
 * @param code        stable numeric fault code
 * @param id          stable textual id, for example {@code CELL_OVER_VOLTAGE.MSL}
 * @param raised      true when raised, false when cleared or reset
 * @param reason      human-readable reason (single line)
 */
record FaultLogEntry(long epochMillis, int code, String id, boolean raised, String reason) {
    public FaultLogEntry {
        reason = reason.replace('\n', ' ').replace('\r', ' ');
    }
}
