package org.qsebms.bms.offline.replay;

/**
 * Accuracy of one replay against the log's soc_ref. Errors are in SOC fraction (0..1); NaN when
 * the log has no soc_ref.
 *
 * @param convergenceWindowSeconds  rows before this time from the start are left out of the metrics
 * @param socRmse                   RMS SOC error after the window
 * @param socMaxError               maximum |SOC error| after the window
 * @param convergedAfterSeconds     first time |error| is below 2 % (NaN if never); it may rise above again
 * @param stayedConvergedAfterSeconds time from which |error| stayed below 2 % to the end of the log (NaN if
 *                                  the last row is not below it): the figure a convergence target is judged by
 * @param boundCoverage             fraction of rows after the window with |error| within the 3-sigma bound
 * @param r0At25Ohms                final online R0 (normalised to 25 °C)
 * @param capacityAh                final capacity estimate
 * @param capacitySigmaAh           its standard deviation
 * @param capacityWindows           capacity windows used
 * @param rejectedMeasurements      voltages rejected by the innovation gate
 * @param usable                    the usable capacity measured on a discharge from full to the cutoff, when asked for
 * @param medianBound3Sigma         median 3-sigma SOC bound after the window (how much capacity a user holds back)
 * @param extrapolatedShare         fraction of all rows whose SOC rested on a model extrapolated beyond its
 *                                  characterised temperatures (socQuality "extrapolated")
 * @param coulombRmse               RMS error after the window of plain coulomb counting from a perfect start
 *                                  (soc_ref's first value) with the same current and capacity, for comparison
 * @param coulombMaxError           its maximum error after the window
 * @param currentOffsetAmps         the current sensor's offset the filter estimated at the end (A, sensor minus
 *                                  truth; 0 without the offset state)
 * @param currentOffsetSigmaAmps    its one sigma (0 without the offset state)
 * @param mismatchedShare           fraction of all rows whose cell did not fit its preset (its voltage steps
 *                                  were another cell's: socQuality "mismatched", the bound widened)
 * @param capacityLearntAh          the capacity the SOC filter learnt as a state by the end (NaN where it held the
 *                                  capacity given: {@code EkfAdaptation.learnsCapacity()} false)
 * @param capacityLearntSigmaAh     its one sigma (NaN likewise)
 */
public record ReplaySummary(
        String file,
        int rows,
        double convergenceWindowSeconds,
        double socRmse,
        double socMaxError,
        double convergedAfterSeconds,
        double stayedConvergedAfterSeconds,
        double boundCoverage,
        double r0At25Ohms,
        double capacityAh,
        double capacitySigmaAh,
        int capacityWindows,
        long rejectedMeasurements,
        UsableCapacityResult usable,
        double medianBound3Sigma,
        double extrapolatedShare,
        double coulombRmse,
        double coulombMaxError,
        double currentOffsetAmps,
        double currentOffsetSigmaAmps,
        double mismatchedShare,
        double capacityLearntAh,
        double capacityLearntSigmaAh) {
    /** A summary with every figure named (a figure not set is zero); the usable capacity defaults to {@link UsableCapacityResult#NOT_ASKED}. */
    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ReplaySummary} by name; each setter is the component of the same name. */
    static final class Builder {
        private String file;
        private int rows;
        private double convergenceWindowSeconds;
        private double socRmse;
        private double socMaxError;
        private double convergedAfterSeconds;
        private double stayedConvergedAfterSeconds;
        private double boundCoverage;
        private double r0At25Ohms;
        private double capacityAh;
        private double capacitySigmaAh;
        private int capacityWindows;
        private long rejectedMeasurements;
        private UsableCapacityResult usable = UsableCapacityResult.NOT_ASKED;
        private double medianBound3Sigma;
        private double extrapolatedShare;
        private double mismatchedShare;
        private double coulombRmse;
        private double coulombMaxError;
        private double currentOffsetAmps;
        private double currentOffsetSigmaAmps;
        private double capacityLearntAh = Double.NaN;
        private double capacityLearntSigmaAh = Double.NaN;

        private Builder() {}

        Builder file(String file) {
            this.file = file;
            return this;
        }

        Builder rows(int rows) {
            this.rows = rows;
            return this;
        }

        Builder convergenceWindowSeconds(double convergenceWindowSeconds) {
            this.convergenceWindowSeconds = convergenceWindowSeconds;
            return this;
        }

        Builder socRmse(double socRmse) {
            this.socRmse = socRmse;
            return this;
        }

        Builder socMaxError(double socMaxError) {
            this.socMaxError = socMaxError;
            return this;
        }

        Builder convergedAfterSeconds(double convergedAfterSeconds) {
            this.convergedAfterSeconds = convergedAfterSeconds;
            return this;
        }

        Builder stayedConvergedAfterSeconds(double stayedConvergedAfterSeconds) {
            this.stayedConvergedAfterSeconds = stayedConvergedAfterSeconds;
            return this;
        }

        Builder boundCoverage(double boundCoverage) {
            this.boundCoverage = boundCoverage;
            return this;
        }

        Builder r0At25Ohms(double r0At25Ohms) {
            this.r0At25Ohms = r0At25Ohms;
            return this;
        }

        Builder capacityAh(double capacityAh) {
            this.capacityAh = capacityAh;
            return this;
        }

        Builder capacitySigmaAh(double capacitySigmaAh) {
            this.capacitySigmaAh = capacitySigmaAh;
            return this;
        }

        Builder capacityWindows(int capacityWindows) {
            this.capacityWindows = capacityWindows;
            return this;
        }

        Builder rejectedMeasurements(long rejectedMeasurements) {
            this.rejectedMeasurements = rejectedMeasurements;
            return this;
        }

        Builder usable(UsableCapacityResult usable) {
            this.usable = usable;
            return this;
        }

        Builder medianBound3Sigma(double medianBound3Sigma) {
            this.medianBound3Sigma = medianBound3Sigma;
            return this;
        }

        Builder extrapolatedShare(double extrapolatedShare) {
            this.extrapolatedShare = extrapolatedShare;
            return this;
        }

        Builder mismatchedShare(double mismatchedShare) {
            this.mismatchedShare = mismatchedShare;
            return this;
        }

        Builder coulombRmse(double coulombRmse) {
            this.coulombRmse = coulombRmse;
            return this;
        }

        Builder coulombMaxError(double coulombMaxError) {
            this.coulombMaxError = coulombMaxError;
            return this;
        }

        Builder currentOffsetAmps(double currentOffsetAmps) {
            this.currentOffsetAmps = currentOffsetAmps;
            return this;
        }

        Builder currentOffsetSigmaAmps(double currentOffsetSigmaAmps) {
            this.currentOffsetSigmaAmps = currentOffsetSigmaAmps;
            return this;
        }

        Builder capacityLearntAh(double capacityLearntAh) {
            this.capacityLearntAh = capacityLearntAh;
            return this;
        }

        Builder capacityLearntSigmaAh(double capacityLearntSigmaAh) {
            this.capacityLearntSigmaAh = capacityLearntSigmaAh;
            return this;
        }

        ReplaySummary build() {
            return new ReplaySummary(
                    file,
                    rows,
                    convergenceWindowSeconds,
                    socRmse,
                    socMaxError,
                    convergedAfterSeconds,
                    stayedConvergedAfterSeconds,
                    boundCoverage,
                    r0At25Ohms,
                    capacityAh,
                    capacitySigmaAh,
                    capacityWindows,
                    rejectedMeasurements,
                    usable,
                    medianBound3Sigma,
                    extrapolatedShare,
                    coulombRmse,
                    coulombMaxError,
                    currentOffsetAmps,
                    currentOffsetSigmaAmps,
                    mismatchedShare,
                    capacityLearntAh,
                    capacityLearntSigmaAh);
        }
    }

    /**
     * What the usable-capacity meter found: the capacity (NaN when no discharge from full reached the
     * cutoff), its mean discharge C-rate, and why a discharge was not measured (empty when it was or
     * none was voided). {@link #NOT_ASKED} when the replay had no cutoff.
     */
    public record UsableCapacityResult(boolean asked, double capacityAh, double dischargeC, String note) {
        static final UsableCapacityResult NOT_ASKED = new UsableCapacityResult(false, Double.NaN, Double.NaN, "");
    }

    /** The summary as one JSON line (NaN written as null). */
    public String toJson() {
        return "{\"file\":\"" + file.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"rows\":" + rows
                + ",\"convergence_window_s\":" + num(convergenceWindowSeconds)
                + ",\"soc_rmse_pct\":" + num(100 * socRmse) + ",\"soc_max_error_pct\":" + num(100 * socMaxError)
                + ",\"converged_after_s\":" + num(convergedAfterSeconds)
                + ",\"stayed_converged_after_s\":" + num(stayedConvergedAfterSeconds)
                + ",\"bound_3sigma_coverage_pct\":" + num(100 * boundCoverage)
                + ",\"bound_3sigma_median_pct\":" + num(100 * medianBound3Sigma)
                + ",\"extrapolated_pct\":" + num(100 * extrapolatedShare)
                + ",\"mismatched_pct\":" + num(100 * mismatchedShare)
                + ",\"coulomb_rmse_pct\":" + num(100 * coulombRmse)
                + ",\"coulomb_max_error_pct\":" + num(100 * coulombMaxError)
                + ",\"current_offset_a_est\":" + num(currentOffsetAmps)
                + ",\"current_offset_sigma_a\":" + num(currentOffsetSigmaAmps)
                + ",\"r0_ohm\":" + num(r0At25Ohms) + ",\"capacity_ah_est\":" + num(capacityAh)
                + ",\"capacity_sigma_ah\":" + num(capacitySigmaAh) + ",\"capacity_windows\":" + capacityWindows
                + ",\"rejected_measurements\":" + rejectedMeasurements
                + (Double.isFinite(capacityLearntAh)
                        ? ",\"capacity_learnt_ah\":" + num(capacityLearntAh) + ",\"capacity_learnt_sigma_ah\":"
                                + num(capacityLearntSigmaAh)
                        : "")
                + (usable.asked()
                        ? ",\"usable_capacity_ah\":" + num(usable.capacityAh()) + ",\"usable_capacity_c\":"
                                + num(usable.dischargeC()) + ",\"usable_capacity_note\":" + text(usable.note())
                        : "")
                + "}";
    }

    private static String text(String s) {
        return s.isEmpty() ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.6g", v) : "null";
    }
}
