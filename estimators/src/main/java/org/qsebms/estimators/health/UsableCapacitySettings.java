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
        return builder()
                .nominalCapacityAh(nominalCapacityAh)
                .fullVolts(chargeVolts - 0.05)
                .taperAmps(nominalCapacityAh / 10)
                .cutoffVolts(cutoffVolts)
                .cutoffToleranceVolts(0.02)
                .restAmps(nominalCapacityAh / 50)
                .minFraction(0.3)
                .maxRechargeFraction(0.1)
                .maxGapSeconds(60)
                .build();
    }

    /** A builder with every value unset (NaN: {@link Builder#build()} refuses it until set). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some by name. */
    public Builder toBuilder() {
        return builder()
                .nominalCapacityAh(nominalCapacityAh)
                .fullVolts(fullVolts)
                .taperAmps(taperAmps)
                .cutoffVolts(cutoffVolts)
                .cutoffToleranceVolts(cutoffToleranceVolts)
                .restAmps(restAmps)
                .minFraction(minFraction)
                .maxRechargeFraction(maxRechargeFraction)
                .maxGapSeconds(maxGapSeconds);
    }

    /** Named setters for the settings (see the record's parameters for each one's meaning). */
    public static final class Builder {
        private double nominalCapacityAh = Double.NaN;
        private double fullVolts = Double.NaN;
        private double taperAmps = Double.NaN;
        private double cutoffVolts = Double.NaN;
        private double cutoffToleranceVolts = Double.NaN;
        private double restAmps = Double.NaN;
        private double minFraction = Double.NaN;
        private double maxRechargeFraction = Double.NaN;
        private double maxGapSeconds = Double.NaN;

        private Builder() {}

        public Builder nominalCapacityAh(double v) {
            nominalCapacityAh = v;
            return this;
        }

        public Builder fullVolts(double v) {
            fullVolts = v;
            return this;
        }

        public Builder taperAmps(double v) {
            taperAmps = v;
            return this;
        }

        public Builder cutoffVolts(double v) {
            cutoffVolts = v;
            return this;
        }

        public Builder cutoffToleranceVolts(double v) {
            cutoffToleranceVolts = v;
            return this;
        }

        public Builder restAmps(double v) {
            restAmps = v;
            return this;
        }

        public Builder minFraction(double v) {
            minFraction = v;
            return this;
        }

        public Builder maxRechargeFraction(double v) {
            maxRechargeFraction = v;
            return this;
        }

        public Builder maxGapSeconds(double v) {
            maxGapSeconds = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the value that cannot work (or was never set) */
        public UsableCapacitySettings build() {
            return new UsableCapacitySettings(
                    nominalCapacityAh,
                    fullVolts,
                    taperAmps,
                    cutoffVolts,
                    cutoffToleranceVolts,
                    restAmps,
                    minFraction,
                    maxRechargeFraction,
                    maxGapSeconds);
        }
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + v);
        }
    }
}
