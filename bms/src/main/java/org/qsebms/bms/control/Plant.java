package org.qsebms.bms.control;

/**
 * The physical pack the controller acts on, advanced by the loop before each sense step. A real
 * pack advances by itself, so its plant is {@link #REAL}; the simulated pack integrates its model.
 */
public interface Plant {
    Plant REAL = nowNanos -> {};

    /** Brings the plant's state to time {@code nowNanos}. Must not allocate. */
    void advanceTo(long nowNanos);

    /**
     * Called once at start, before the first tick, with the SOC per cell the BMS restored from its state file
     * (NaN: none for that cell). A real pack kept its charge while its BMS was off, so a real plant has nothing to
     * do; a simulated pack, built fresh at every start, takes it, or every restart would find the pack back at its
     * starting SOC, a pack changed while the BMS was off.
     */
    default void continueFrom(double[] restoredCellSoc) {}
}
