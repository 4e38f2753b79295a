package org.qsebms.estimators.health;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;

/**
 * What the health tracker needs to know about the cell and the sensors.
 *
 * @param bulkOhmsAt25               bulk electrolyte resistance of one cell at 25 °C, from the electrolyte's
 *                                   conductivity, thickness and electrode area (the preset's R0 for calibrated presets);
 *                                   the rest of the measured R0 is the interfacial/SEI part
 * @param npRatio                    lithium (negative) to cathode (positive) capacity ratio, >= 1; NaN when unknown
 *                                   (the lithium lost per cycle is still counted, the inventory left is not known)
 * @param endOfLifeResistanceMultiple end of life when R0 reaches this multiple of its fitted initial value, > 1
 * @param restAmps                   below this current magnitude the cell counts as resting
 * @param restSeconds                rest needed before the terminal voltage is taken as the OCV
 * @param minWindowSoc               smallest SOC change between two rests that counts as a capacity window
 * @param ocvSigmaVolts              error of a relaxed terminal voltage as an OCV (model and hysteresis)
 * @param currentOffsetSigmaAmps     one-sigma zero offset of the current sensor
 * @param currentGainSigma           one-sigma relative gain error of the current sensor
 * @param limitWindows               capacity windows between the voltage limits ({@link LimitWindowSettings#OFF}: none)
 * @param throughputDeadbandAmps     the charge throughput (and so the equivalent full cycles) counts only a current
 *                                   beyond this magnitude, so that sensor noise and a zero offset over a rest are no
 *                                   cycles; {@code >= 0} (the controller sets its {@code currentDeadbandAmps})
 * @param lithiumInterface           the cell's lithium interface law (the preset's, scaled to the cell), through which
 *                                   a rest read while the cell bleeds adds back its bleed's drop in place of the first
 *                                   pair's line R1 ({@link LithiumInterface#NONE}: R1)
 */
public record HealthSettings(
        double bulkOhmsAt25,
        double npRatio,
        double endOfLifeResistanceMultiple,
        double restAmps,
        double restSeconds,
        double minWindowSoc,
        double ocvSigmaVolts,
        double currentOffsetSigmaAmps,
        double currentGainSigma,
        LimitWindowSettings limitWindows,
        double throughputDeadbandAmps,
        LithiumInterface lithiumInterface) {

    public HealthSettings {
        if (limitWindows == null) {
            throw new IllegalArgumentException("limitWindows must not be null: use LimitWindowSettings.OFF");
        }
        if (lithiumInterface == null) {
            throw new IllegalArgumentException("lithiumInterface must not be null: use LithiumInterface.NONE");
        }
        requirePositive("bulkOhmsAt25", bulkOhmsAt25);
        if (!(npRatio >= 1) && !Double.isNaN(npRatio)) {
            throw new IllegalArgumentException("N/P ratio must be >= 1, got " + npRatio);
        }
        if (!(endOfLifeResistanceMultiple > 1)) {
            throw new IllegalArgumentException(
                    "end-of-life resistance multiple must be > 1, got " + endOfLifeResistanceMultiple);
        }
        requirePositive("restAmps", restAmps);
        requirePositive("restSeconds", restSeconds);
        if (!(minWindowSoc > 0 && minWindowSoc <= 1)) {
            throw new IllegalArgumentException("minWindowSoc must be in (0, 1], got " + minWindowSoc);
        }
        requirePositive("ocvSigmaVolts", ocvSigmaVolts);
        requirePositive("currentOffsetSigmaAmps", currentOffsetSigmaAmps);
        requirePositive("currentGainSigma", currentGainSigma);
        if (!(throughputDeadbandAmps >= 0) || !Double.isFinite(throughputDeadbandAmps)) {
            throw new IllegalArgumentException("throughputDeadbandAmps must be a finite number >= 0 A (0 counts every "
                    + "reading as throughput), got " + throughputDeadbandAmps);
        }
    }

    /**
     * Defaults for a cell: rest below C/50 for five slow time constants (at least 2 min), capacity
     * windows of at least 30 % SOC, 15 mV OCV error at rest, a current sensor good to C/200 offset
     * and 0.5 % gain; throughput counted beyond the same C/50 as a rest.
     */
    public static HealthSettings defaults(
            EcmParameters cell, double bulkOhmsAt25, double npRatio, double endOfLifeResistanceMultiple) {
        double c = cell.capacityAh();
        return new HealthSettings(
                bulkOhmsAt25,
                npRatio,
                endOfLifeResistanceMultiple,
                c / 50,
                Math.max(120, 5 * cell.longestTimeConstantSeconds()),
                0.3,
                0.015,
                c / 200,
                0.005,
                LimitWindowSettings.OFF,
                c / 50,
                LithiumInterface.NONE);
    }

    /** These settings with capacity windows between the given voltage limits (see {@link LimitWindowSettings}). */
    public HealthSettings withLimitWindows(LimitWindowSettings windows) {
        return new HealthSettings(
                bulkOhmsAt25,
                npRatio,
                endOfLifeResistanceMultiple,
                restAmps,
                restSeconds,
                minWindowSoc,
                ocvSigmaVolts,
                currentOffsetSigmaAmps,
                currentGainSigma,
                windows,
                throughputDeadbandAmps,
                lithiumInterface);
    }

    /** These settings with the throughput counted only beyond {@code amps} (see {@link #throughputDeadbandAmps}). */
    public HealthSettings withThroughputDeadband(double amps) {
        return new HealthSettings(
                bulkOhmsAt25,
                npRatio,
                endOfLifeResistanceMultiple,
                restAmps,
                restSeconds,
                minWindowSoc,
                ocvSigmaVolts,
                currentOffsetSigmaAmps,
                currentGainSigma,
                limitWindows,
                amps,
                lithiumInterface);
    }

    /** These settings with the cell's lithium interface law (see {@link #lithiumInterface}). */
    public HealthSettings withLithiumInterface(LithiumInterface law) {
        return new HealthSettings(
                bulkOhmsAt25,
                npRatio,
                endOfLifeResistanceMultiple,
                restAmps,
                restSeconds,
                minWindowSoc,
                ocvSigmaVolts,
                currentOffsetSigmaAmps,
                currentGainSigma,
                limitWindows,
                throughputDeadbandAmps,
                law);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + v);
        }
    }
}
