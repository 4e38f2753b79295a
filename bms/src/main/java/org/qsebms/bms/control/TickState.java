package org.qsebms.bms.control;

import org.qsebms.bms.measure.PackMeasurement;

/**
 * What one tick has found so far, shared by its steps: the measurement, each cell's SOC estimate, its
 * bound and balancing bleed current, the time step and whether the readings are trusted. Preallocated,
 * rewritten every tick on the loop thread.
 */
final class TickState {
    final PackMeasurement m;
    /** Each cell's SOC estimate of this tick, copied once for the steps that take an array. */
    final double[] cellSoc;
    /**
     * Each cell's SOC 3-sigma bound of this tick without the current sensor's share, which is common to
     * every cell (NaN from a filter without a bound): the soft-short drift cue compares cells.
     */
    final double[] cellSocBound3SigmaWithoutCurrentSensor;
    /** Each cell's balancing bleed current over the last interval (cell volts over the resistor while switched on). */
    final double[] bleedAmps;

    long nowNanos;
    /** Seconds since the previous tick (0 on the first). */
    double dtSeconds;
    /** Every cell, current and temperature reading is trusted this tick. */
    boolean valid;
    /** Protection has tripped (read after the estimators, before the limits). */
    boolean tripped;

    private long lastNanos = Long.MIN_VALUE;

    TickState(int cells, int temperatures) {
        this.m = new PackMeasurement(cells, temperatures);
        this.cellSoc = new double[cells];
        this.cellSocBound3SigmaWithoutCurrentSensor = new double[cells];
        this.bleedAmps = new double[cells];
    }

    /** Starts the tick at loop time {@code now}: the time step since the last one. */
    void advanceTo(long now) {
        dtSeconds = lastNanos == Long.MIN_VALUE ? 0.0 : (now - lastNanos) / 1e9;
        lastNanos = now;
        nowNanos = now;
    }
}
