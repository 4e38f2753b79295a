package org.qsebms.bms.protection;

import org.qsebms.config.LimitLevel;

/**
 * A fault edge: raised or cleared. Allocated only on edges, never per tick.
 *
 * @param code      what
 * @param level     severity (MOL inform, RSL warn and derate, MSL open contactors)
 * @param raised    true when raised, false when cleared
 * @param latched   true when the fault stays latched until an explicit reset
 * @param reason    human-readable reason with the value, unit, limit and channel
 * @param nanos     loop clock time of the edge
 */
public record FaultEvent(FaultCode code, LimitLevel level, boolean raised, boolean latched, String reason, long nanos) {
    /** The end of the reason of the edge an accepted reset writes (the persisted fault log relies on it). */
    public static final String RESET_SUFFIX = ": reset";

    /** The end of the reason of a latch restored from the state file (not a new trip). */
    public static final String RESTORED_SUFFIX =
            ": latched before the restart (restored from the state file); contactors stay open until an accepted reset";

    /** Stable textual id, for example {@code CELL_OVER_VOLTAGE.MSL}. */
    public String id() {
        return code.name() + "." + level.name();
    }
}
