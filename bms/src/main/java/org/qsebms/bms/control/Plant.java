package org.qsebms.bms.control;

/**
 * The physical pack the controller acts on, advanced by the loop before each sense step. A real
 * pack advances by itself, so its plant is {@link #REAL}; the simulated pack integrates its model.
 */
public interface Plant {
    Plant REAL = nowNanos -> {};

    /** Brings the plant's state to time {@code nowNanos}. Must not allocate. */
    void advanceTo(long nowNanos);
}
