package org.qsebms.estimators.health;

import org.qsebms.estimators.model.EcmParameters;

/**
 * When a cell bled at rest has a relaxed reading: the balancer pauses a cell's bleed within a rest once it has gone
 * {@code intervalSeconds} of the rest without a relaxed moment, for {@code timeConstants} times the preset's longest
 * time constant at the cell's temperature; the health tracker reads that cell's rest at its latest moment with the
 * bleed off that long (monitor chips pause balancing to measure; a gauge takes an OCV only after a relaxation with no
 * current). A QSE cell's drop under an 87 mA bleed grows past the linear preset's R0 + R1 + R2 (16.6 mV after 15 min
 * at 35 % SOC against the 3.6 mV the preset adds back) and is gone within minutes of the bleed stopping
 * (docs/estimation.md, "A rest read while its cell bleeds").
 *
 * @param intervalSeconds rest seconds a bled cell goes without a relaxed moment before its bleed is paused (> 0)
 * @param timeConstants   the pause, in the preset's longest time constant at the cell's temperature (> 0)
 */
public record RestReadPause(double intervalSeconds, double timeConstants) {
    /** Every 15 min of a rest, three time constants (3 min at 25 °C on psoa-ncm811; the bleed's drop is 1.2 mV 60 s after it stops, 0.02 mV after 5 min). */
    public static final RestReadPause DEFAULT = new RestReadPause(900, 3);

    public RestReadPause {
        if (!(intervalSeconds > 0) || !Double.isFinite(intervalSeconds)) {
            throw new IllegalArgumentException(
                    "rest read pause interval must be a positive number of seconds, got " + intervalSeconds);
        }
        if (!(timeConstants > 0) || !Double.isFinite(timeConstants)) {
            throw new IllegalArgumentException(
                    "rest read pause must be a positive number of time constants, got " + timeConstants);
        }
    }

    /** Seconds a cell's bleed must have been off for its reading to be relaxed, at {@code celsius}. */
    public double relaxSeconds(EcmParameters cell, double celsius) {
        return timeConstants * Math.max(cell.tau1SecondsAt(celsius), cell.tau2SecondsAt(celsius));
    }
}
