package org.qsebms.estimators.model;

/**
 * Outcome of a constant-current cycling run.
 *
 * @param cycles            completed charge/discharge cycles
 * @param hours             simulated time
 * @param steps             cell steps taken
 * @param endOfLife         true when the run stopped because the cell reached end of life
 * @param lithiumReserveAh  lithium reserve left
 * @param lastDischargeAh   charge delivered by the last full discharge
 */
public record CyclingResult(
        long cycles, double hours, long steps, boolean endOfLife, double lithiumReserveAh, double lastDischargeAh) {}
