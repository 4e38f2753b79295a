package org.qsebms.estimators.softshort;

/**
 * Second cue: abrupt voltage drops of one cell that the other cells (same series current) do
 * not show. A drop counts when the cell's step change, after removing the string median and the
 * cell's learned resistance difference times the current step, is below
 * {@code -(max(minDropVolts, noiseSigmas * sqrt(2) * noiseVolts) + resistanceMargin * R * |dI|)}
 * with R = R0 + R1 + R2 of the nominal cell. Drops are counted on their falling edge and decay
 * with {@code windowSeconds}, and only up to the largest drop a short of {@code minShortOhms} can
 * cause, {@code V * R / (minShortOhms + R)} beyond the counting bound: a larger step is a sensor or
 * channel fault or a hard short, which the voltage limits and sensor checks handle.
 *
 * @param noiseVolts       1-sigma cell voltage measurement noise
 * @param noiseSigmas      how many sigmas of the noise of a difference of two readings a drop must exceed
 * @param minDropVolts     smallest drop that counts, whatever the noise
 * @param resistanceMargin fraction of the cell resistance left unexplained by the learned differences
 * @param windowSeconds    time constant of the decaying drop count
 * @param dropsThreshold   decayed drop count at which this cue alone flags a cell
 * @param minShortOhms     smallest resistance of a soft (micro-)short; below it a short is hard
 */
record VoltageDropSettings(
        double noiseVolts,
        double noiseSigmas,
        double minDropVolts,
        double resistanceMargin,
        double windowSeconds,
        double dropsThreshold,
        double minShortOhms) {
    public VoltageDropSettings {
        SoftShortSettings.requireNonNegative("noiseVolts", noiseVolts);
        SoftShortSettings.requirePositive("noiseSigmas", noiseSigmas);
        SoftShortSettings.requirePositive("minDropVolts", minDropVolts);
        SoftShortSettings.requireNonNegative("resistanceMargin", resistanceMargin);
        SoftShortSettings.requirePositive("windowSeconds", windowSeconds);
        SoftShortSettings.requirePositive("dropsThreshold", dropsThreshold);
        SoftShortSettings.requirePositive("minShortOhms", minShortOhms);
    }

    /** The smallest drop counted while the current does not change. */
    public double dropVolts() {
        return Math.max(minDropVolts, noiseSigmas * Math.sqrt(2) * noiseVolts);
    }
}
