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

    /**
     * One estimation step while nothing can flow through the string (contactor feedback says the current path is
     * open): {@link #update} with zero current, where the current sensor's errors add nothing to the bound, since
     * the truth's current is zero whatever the sensor would read. Must not allocate.
     */
    default void updateWithNothingFlowing(double[] cellVolts, double[] cellCelsius, double dtSeconds) {
        update(0.0, cellVolts, cellCelsius, dtSeconds);
    }

    int cellCount();

    double cellSoc(int cell);

    /** 3-sigma bound of the cell's SOC, or NaN when the estimator does not provide one. */
    double cellSocBound3Sigma(int cell);

    /**
     * {@link #cellSocBound3Sigma} without the share of the pack's current sensor (its rated offset and
     * gain error). That error is common to every cell in series: it moves each cell's SOC alike, so a
     * use that compares cells with each other (the soft-short detector's drift from the string median)
     * takes this bound. The estimator's own bound when it carries no sensor share.
     */
    default double cellSocBound3SigmaWithoutCurrentSensor(int cell) {
        return cellSocBound3Sigma(cell);
    }

    /**
     * Whether the cell's SOC rests on a model extrapolated beyond what it was characterised over
     * (for example a temperature outside its preset's tests): {@code socQuality} "extrapolated" in
     * telemetry. False when the estimator does not judge it.
     */
    default boolean cellSocExtrapolated(int cell) {
        return false;
    }

    /**
     * Whether the cell does not fit its preset: what it shows (its voltage steps at current steps)
     * says the preset's model is another cell's, and the bound has been widened by what it shows:
     * {@code socQuality} "mismatched" in telemetry. False when the estimator does not judge it.
     */
    default boolean cellSocMismatched(int cell) {
        return false;
    }

    /** Restores a persisted SOC. */
    void setCellSoc(int cell, double soc);

    /**
     * The current sensor read {@code excessAmps} beyond its rated zero offset while nothing flowed, so that much
     * of every reading is counted as current: the bound's share for the sensor's offset grows with it (0 goes back
     * to the rating). By default nothing changes (an estimator without that share).
     */
    default void currentOffsetBeyondRating(double excessAmps) {}

    /**
     * Restores a persisted SOC with the doubt it carries: {@code sigma} one sigma of it now (the
     * persisted doubt, widened by the caller for the time the BMS was off), after the cell rested
     * {@code restedSeconds} (NaN: unknown). An estimator that judges its bound starts the cell with
     * that doubt instead of its start doubt where it is smaller and the first reading after the rest
     * agrees with it; otherwise, and by default, this is {@link #setCellSoc}.
     */
    default void restoreCellSoc(int cell, double soc, double sigma, double restedSeconds) {
        setCellSoc(cell, soc);
    }

    /**
     * Whether the cell's last restored doubt ({@link #restoreCellSoc}) was refused: the first reading
     * after the restart disagreed with it (the cell changed while the BMS was off), so the cell
     * started with the start doubt. False when the estimator does not weigh a restored doubt.
     */
    default boolean cellRestoreRefused(int cell) {
        return false;
    }

    /**
     * Copies what this estimator persists into {@code into} (its first {@code into.cellCount()}
     * cells): each SOC, and its one sigma as the 3-sigma bound over three (NaN where the bound is
     * not finite). Allocates nothing: called on the control loop.
     */
    default void exportInto(SocState.Capture into) {
        for (int i = 0; i < into.cellSoc.length; i++) {
            into.cellSoc[i] = cellSoc(i);
            double bound = cellSocBound3Sigma(i);
            into.cellSocSigma[i] = Double.isFinite(bound) ? bound / 3 : Double.NaN;
        }
    }

    /**
     * Restores a persisted state at start, the cells taken to have rested long
     * ({@link #importState(SocState, double)} with an infinite rest).
     *
     * @return how many cells took a persisted SOC
     */
    default int importState(SocState state) {
        return importState(state, Double.POSITIVE_INFINITY);
    }

    /**
     * Restores a persisted state at start: each cell with a known SOC (finite; NaN means unknown,
     * the estimator starts from the OCV) takes it, with its doubt where that is known
     * ({@link #restoreCellSoc}, after {@code restedSeconds} of rest) and the start doubt where not
     * ({@link #setCellSoc}). Cells beyond either count are left alone.
     *
     * @return how many cells took a persisted SOC
     */
    default int importState(SocState state, double restedSeconds) {
        int restored = 0;
        for (int i = 0; i < state.cellCount() && i < cellCount(); i++) {
            if (Double.isFinite(state.cellSoc(i))) {
                if (Double.isFinite(state.cellSocSigma(i))) {
                    restoreCellSoc(i, state.cellSoc(i), state.cellSocSigma(i), restedSeconds);
                } else {
                    setCellSoc(i, state.cellSoc(i));
                }
                restored++;
            }
        }
        return restored;
    }

    /**
     * The cell's RC (diffusion) over-potential the estimator tracks, in volts, for the current
     * limits' voltage headroom; 0 when it models none.
     */
    default double cellRcVolts(int cell) {
        return 0.0;
    }

    /** The factor on the model's R0 the estimator uses for this cell now (adapted online); 1 when it adapts none. */
    default double cellR0Scale(int cell) {
        return 1.0;
    }

    /** One sigma of the cell's voltage prediction error, in volts; NaN when the estimator does not judge it. */
    default double cellVoltageSigmaVolts(int cell) {
        return Double.NaN;
    }

    /**
     * Counts a charge the cell gave outside the pack current (its balancing bleed), in Ah, against
     * its SOC. Ignored by an estimator that does not count charge per cell.
     */
    default void countCellDischargeAh(int cell, double ah) {}

    /**
     * Counts charge against a learnt capacity of the cell from now on (from the health tracker or
     * persisted state). Ignored by an estimator that does not count against a capacity.
     */
    default void setCellCapacityAh(int cell, double ah) {}

    /**
     * {@link #setCellCapacityAh(int, double)} for a learnt capacity known to {@code sigmaAh} (one standard error): an
     * estimator that carries a capacity error in its bound (the Kalman filters' consider term) carries from now on the
     * error a capacity off by that sigma makes in the charge it counts; the estimate is not changed. A sigma of 0
     * claims the capacity exact. By default the sigma is ignored.
     *
     * @throws IllegalArgumentException (where the sigma is used) for a capacity not above 0, or a sigma not in 0..the
     *     capacity
     */
    default void setCellCapacityAh(int cell, double ah, double sigmaAh) {
        setCellCapacityAh(cell, ah);
    }

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
