package org.qsebms.estimators.soc;

/**
 * A Kalman-type SOC filter on the equivalent-circuit model ({@link EkfSocEstimator},
 * {@link SpkfSocEstimator}): what the controller, the replay and the telemetry use beyond
 * {@link SocEstimator}, so that either filter can be chosen ({@link SocFilterKind}) and the rest of
 * the system is the same.
 */
public interface SocFilter extends SocEstimator {
    /**
     * Uses an updated capacity (for example from {@code CapacityEstimator}) for this cell; with
     * adaptation on, the filter goes on adapting from this value.
     */
    void setCellCapacityAh(int cell, double ah);

    /** Scales the model's R0 for this cell (for example from an online R0 estimate). */
    void setCellR0Scale(int cell, double scale);

    /**
     * Counts charge the cell lost outside the string current the filter is given (its balancing
     * bleed resistor): the SOC falls by {@code ah} over the cell's capacity.
     */
    void countCellDischargeAh(int cell, double ah);

    /** The capacity the filter currently uses for this cell (adapted when adaptation is on). */
    double cellCapacityAh(int cell);

    /**
     * One sigma (Ah) of {@link #cellCapacityAh}: the capacity state's doubt carried to amp-hours (its variance on the
     * inverse capacity scale times the capacity over that scale squared, the first-order propagation); NaN where
     * the filter does not learn the capacity ({@link EkfAdaptation#learnsCapacity()} false).
     */
    default double cellCapacitySigmaAh(int cell) {
        return Double.NaN;
    }

    /** The voltage sigma the filter used at the cell's last correction (covariance matching included). */
    double cellVoltageSigmaVolts(int cell);

    /** The R0 scale the filter currently uses for this cell (adapted when adaptation is on). */
    double cellR0Scale(int cell);

    /** Sum of the two RC voltages of the cell (V), e.g. for current limits. */
    double cellRcVolts(int cell);

    /**
     * The current sensor's offset (A) as this cell's filter estimates it (the EKF's offset state,
     * {@link EkfAdaptation#currentOffset()}); 0 for a filter without that state.
     */
    default double cellCurrentOffsetAmps(int cell) {
        return 0.0;
    }

    /** One sigma of {@link #cellCurrentOffsetAmps}; NaN for a filter without the offset state. */
    default double cellCurrentOffsetSigmaAmps(int cell) {
        return Double.NaN;
    }

    /**
     * {@link #cellSocBound3Sigma} without the current sensor's share (its rated offset and gain error,
     * {@code CurrentSensorConsider}): the SOC's doubt from the model and the filter alone. For a use
     * that divides the charge the same sensor counted by the SOC change the filter saw (a capacity
     * window), where the sensor's error is in the counted charge already.
     */
    double cellSocBound3SigmaWithoutCurrentSensor(int cell);

    /** Measurements rejected by the innovation gate since construction. */
    long rejectedMeasurements();
}
