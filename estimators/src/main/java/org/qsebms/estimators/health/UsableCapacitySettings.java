package org.qsebms.estimators.health;

/**
 * When a discharge counts as a full one for {@link UsableCapacityMeter}.
 *
 * @param nominalCapacityAh   the pack's rated capacity (for the C-rate, the state of health and the checks below)
 * @param fullVolts           the highest cell at or above this while the charge current has tapered marks the pack full
 * @param taperAmps           a charge current at or below this (and above {@code restAmps}) at {@code fullVolts} is the
 *                            end of a constant-voltage charge
 * @param cutoffVolts         the lowest cell at or below this while discharging ends the discharge
 * @param cutoffToleranceVolts a discharge that stops (the current returns to rest or to charging) after its lowest cell
 *                            came within this of the cutoff also ended at the cutoff: a load that stops at the cutoff
 *                            by its own reading may stop a few millivolts above it by this one
 * @param restAmps            below this current magnitude the pack is resting (neither charging nor discharging)
 * @param minFraction         a discharge that reaches the cutoff having given less than this fraction of the nominal
 *                            capacity is taken as a load peak at the cutoff, not as the capacity
 * @param maxRechargeFraction charge put back after full in one stretch (no discharge in between) above this fraction
 *                            of the nominal capacity makes the discharge a partial cycle, which is not measured;
 *                            shorter charge pulses between discharges (regenerative braking) are counted net
 * @param maxGapSeconds       a sample interval longer than this while current flows (a logging gap, a restart) means
 *                            the charge between full and cutoff was not all counted, so the discharge is not measured
 */
public record UsableCapacitySettings(
        double nominalCapacityAh,
        double fullVolts,
        double taperAmps,
        double cutoffVolts,
        double cutoffToleranceVolts,
        double restAmps,
        double minFraction,
        double maxRechargeFraction,
        double maxGapSeconds) {

    public UsableCapacitySettings {
        requirePositive("nominalCapacityAh", nominalCapacityAh);
        requirePositive("fullVolts", fullVolts);
        requirePositive("taperAmps", taperAmps);
        requirePositive("cutoffVolts", cutoffVolts);
        if (!(cutoffToleranceVolts >= 0 && cutoffToleranceVolts < 0.5)) {
            throw new IllegalArgumentException(
                    "cutoffToleranceVolts must be in [0, 0.5) V, got " + cutoffToleranceVolts);
        }
        requirePositive("restAmps", restAmps);
        requirePositive("maxGapSeconds", maxGapSeconds);
        if (!(cutoffVolts < fullVolts)) {
            throw new IllegalArgumentException(
                    "cutoffVolts (" + cutoffVolts + " V) must be below fullVolts (" + fullVolts + " V)");
        }
        if (!(restAmps < taperAmps)) {
            throw new IllegalArgumentException("restAmps (" + restAmps + " A) must be below taperAmps (" + taperAmps
                    + " A), or a tapering charge would look like a rest");
        }
        if (!(minFraction >= 0 && minFraction < 1)) {
            throw new IllegalArgumentException("minFraction must be in [0, 1), got " + minFraction);
        }
        if (!(maxRechargeFraction >= 0)) {
            throw new IllegalArgumentException("maxRechargeFraction must be >= 0, got " + maxRechargeFraction);
        }
    }

    /**
     * Defaults for a pack whose cells are charged at constant voltage to {@code chargeVolts} and
     * discharged to {@code cutoffVolts}: full within 50 mV of the charge voltage once the current
     * has tapered to C/10 (the mark then moves on to the end of the taper); a discharge that stops within 20 mV of the cutoff ended there; resting below C/50; a discharge must give 30 % of the nominal capacity and
     * may take back 10 % of it; a gap of more than 60 s while current flows voids the discharge.
     */
    public static UsableCapacitySettings defaults(double nominalCapacityAh, double chargeVolts, double cutoffVolts) {
        return new UsableCapacitySettings(
                nominalCapacityAh,
                chargeVolts - 0.05,
                nominalCapacityAh / 10,
                cutoffVolts,
                0.02,
                nominalCapacityAh / 50,
                0.3,
                0.1,
                60);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + v);
        }
    }
}
