package org.qsebms.estimators.soc;

/** Per-cell state-of-charge estimation: the seam the control loop calls once per tick. */
public interface SocEstimator {
    /**
     * One estimation step. Must not allocate.
     *
     * @param packAmps    signed pack current (charging positive), series string so every cell sees it
     * @param cellVolts   measured terminal voltage per cell
     * @param cellCelsius temperature per cell
     * @param dtSeconds   time since the previous update
     */
    void update(double packAmps, double[] cellVolts, double[] cellCelsius, double dtSeconds);

    int cellCount();

    double cellSoc(int cell);

    /** 3-sigma bound of the cell's SOC, or NaN when the estimator does not provide one. */
    double cellSocBound3Sigma(int cell);

    /**
     * Whether the cell's SOC rests on a model extrapolated beyond what it was characterised over
     * (for example a temperature outside its preset's tests): {@code socQuality} "extrapolated" in
     * telemetry. False when the estimator does not judge it.
     */
    default boolean cellSocExtrapolated(int cell) {
        return false;
    }

    /** Restores a persisted SOC. */
    void setCellSoc(int cell, double soc);

    /** Pack SOC: the weakest cell bounds discharge, the fullest bounds charge; reported as their blend. */
    default double packSoc() {
        double min = 1;
        double max = 0;
        for (int i = 0; i < cellCount(); i++) {
            double s = cellSoc(i);
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        if (max >= 1 - 1e-9) {
            return 1.0;
        }
        // Pack SOC reaches 0 when the weakest cell is empty and 1 when the fullest is full.
        double denom = 1 - max + min;
        return denom <= 0 ? min : min / denom;
    }
}
