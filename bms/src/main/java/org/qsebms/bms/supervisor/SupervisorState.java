package org.qsebms.bms.supervisor;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * The states of the pack supervisor and the checked table of allowed transitions
 * (see docs/state-machine.md for the diagram).
 */
public enum SupervisorState {
    /** Start-up: waiting for the first complete, valid measurement. Contactors open. */
    INIT,
    /** Contactors open, ready to connect. */
    STANDBY,
    /** Closing: negative, then precharge until the DC link matches, then positive. */
    PRECHARGE,
    /** Contactors closed, current may flow within the published limits. */
    NORMAL,
    /** Opening on request: waiting for the current to fall before breaking it. */
    OPENING,
    /** A fault at MSL: contactors opened at once; latched until an accepted reset. */
    FAULT,
    /** Stopping for good: contactors open. */
    SHUTDOWN;

    private static final Map<SupervisorState, EnumSet<SupervisorState>> ALLOWED = new EnumMap<>(SupervisorState.class);

    static {
        ALLOWED.put(INIT, EnumSet.of(STANDBY, FAULT, SHUTDOWN));
        ALLOWED.put(STANDBY, EnumSet.of(PRECHARGE, FAULT, SHUTDOWN));
        ALLOWED.put(PRECHARGE, EnumSet.of(NORMAL, STANDBY, FAULT, SHUTDOWN));
        ALLOWED.put(NORMAL, EnumSet.of(OPENING, FAULT, SHUTDOWN));
        ALLOWED.put(OPENING, EnumSet.of(NORMAL, STANDBY, FAULT, SHUTDOWN));
        ALLOWED.put(FAULT, EnumSet.of(STANDBY, SHUTDOWN));
        ALLOWED.put(SHUTDOWN, EnumSet.noneOf(SupervisorState.class));
    }

    /** True when the table allows moving from this state to {@code next} (staying is always allowed). */
    public boolean mayMoveTo(SupervisorState next) {
        return next == this || ALLOWED.get(this).contains(next);
    }

    /** The allowed successors, for documentation and tests. */
    public EnumSet<SupervisorState> successors() {
        return EnumSet.copyOf(ALLOWED.get(this).isEmpty() ? EnumSet.noneOf(SupervisorState.class) : ALLOWED.get(this));
    }
}
