package org.qsebms.bms.record;

/**
 * How the counter cuts the charge flow into cycles.
 *
 * @param minPhaseAh           a discharge (and the charge that follows it) must move at least this much to
 *                             count: smaller excursions (regenerative pulses, a top-up) stay inside the cycle
 * @param restAmps             |current| at or below this is rest
 * @param cutoffVolts          the discharge cutoff: a discharge that stops with the lowest cell within
 *                             {@code cutoffToleranceVolts} above it ended at the cutoff
 * @param cutoffToleranceVolts see {@code cutoffVolts}
 */
public record CycleRules(double minPhaseAh, double restAmps, double cutoffVolts, double cutoffToleranceVolts) {
    public CycleRules {
        if (!(minPhaseAh > 0) || !(restAmps >= 0) || !Double.isFinite(cutoffVolts) || !(cutoffToleranceVolts >= 0)) {
            throw new IllegalArgumentException("cycle rules need minPhaseAh > 0, restAmps >= 0, a finite cutoff and a "
                    + "tolerance >= 0, got " + minPhaseAh + ", " + restAmps + ", " + cutoffVolts + ", "
                    + cutoffToleranceVolts);
        }
    }

    /**
     * For cells of {@code capacityAh}: 5 % of a capacity per phase, rest below C/50 (as the health
     * tracker's rest), cutoff tolerance 50 mV.
     */
    public static CycleRules forCapacity(double capacityAh, double cutoffVolts) {
        return new CycleRules(0.05 * capacityAh, capacityAh / 50, cutoffVolts, 0.05);
    }
}
