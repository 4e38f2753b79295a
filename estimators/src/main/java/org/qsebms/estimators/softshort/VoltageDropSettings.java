package org.qsebms.estimators.softshort;

/**
 * Second cue: abrupt voltage drops of one cell that the other cells (same series current) do
 * not show. A drop counts when the cell's step change, after removing the string median and the
 * cell's learned resistance difference times the current step, is below
 * {@code -(max(minDropVolts, noiseSigmas * sqrt(2) * noiseVolts) + resistanceMargin * R * |dI|)}
 * with R = R0 + R1 + R2 of the nominal cell. Drops are counted on their falling edge and decay
 * with {@code windowSeconds}.
 *
 * @param noiseVolts       1-sigma cell voltage measurement noise
 * @param noiseSigmas      how many sigmas of the noise of a difference of two readings a drop must exceed
 * @param minDropVolts     smallest drop that counts, whatever the noise
 * @param resistanceMargin fraction of the cell resistance left unexplained by the learned differences
 * @param windowSeconds    time constant of the decaying drop count
 * @param dropsThreshold   decayed drop count at which this cue alone flags a cell
 */
record VoltageDropSettings(
        double noiseVolts,
        double noiseSigmas,
        double minDropVolts,
        double resistanceMargin,
        double windowSeconds,
        double dropsThreshold) {
    public VoltageDropSettings {
        SoftShortSettings.requireNonNegative("noiseVolts", noiseVolts);
        SoftShortSettings.requirePositive("noiseSigmas", noiseSigmas);
        SoftShortSettings.requirePositive("minDropVolts", minDropVolts);
        SoftShortSettings.requireNonNegative("resistanceMargin", resistanceMargin);
        SoftShortSettings.requirePositive("windowSeconds", windowSeconds);
        SoftShortSettings.requirePositive("dropsThreshold", dropsThreshold);
    }

    /** The smallest drop counted while the current does not change. */
    public double dropVolts() {
        return Math.max(minDropVolts, noiseSigmas * Math.sqrt(2) * noiseVolts);
    }
}
