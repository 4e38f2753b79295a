package org.qsebms.estimators.soc;

/**
 * Joint-EKF parameter adaptation (Plett 2004, "augmented state"): two dimensionless states per
 * cell are estimated beside SOC and the RC voltages,
 * <ul>
 *   <li>{@code r0Scale}: the cell's R0 over the model's R0 (1 = as characterised), and</li>
 *   <li>{@code inverseCapacityScale}: the model's capacity over the cell's (1 = as characterised),
 *       so that {@code dSOC = inverseCapacityScale * I dt / (3600 * capacityAh)} stays linear in
 *       the state.</li>
 * </ul>
 * Each is a random walk; a sigma of zero freezes that parameter, and {@link #OFF} freezes both,
 * which gives back the plain three-state filter.
 *
 * @param initialR0ScaleSigma          one-sigma doubt about the model's R0 at start (fraction)
 * @param r0ScaleSigmaPerSqrtHour      random walk of the R0 scale (fraction per sqrt(hour))
 * @param initialCapacitySigma         one-sigma doubt about the model's capacity at start (fraction)
 * @param capacitySigmaPerSqrtHour     random walk of the inverse capacity scale (fraction per sqrt(hour))
 * @param currentOffset                the current sensor's offset state ({@link CurrentOffsetDoubt#NONE}: none)
 * @param slowBranchState              whether the slow polarisation branch's voltage, when the preset has one,
 *                                     is corrected by the voltage (a state with its start doubt in the
 *                                     covariance) instead of run from its start value with that doubt only
 *                                     considered in the bound (the default; docs/estimation.md, "The slow
 *                                     branch as a filter state")
 */
public record EkfAdaptation(
        double initialR0ScaleSigma,
        double r0ScaleSigmaPerSqrtHour,
        double initialCapacitySigma,
        double capacitySigmaPerSqrtHour,
        CurrentOffsetDoubt currentOffset,
        boolean slowBranchState) {

    /** No adaptation: R0 and capacity stay as given (or as set through the estimator's setters). */
    public static final EkfAdaptation OFF = new EkfAdaptation(0, 0, 0, 0);

    /** The scales are kept inside [1 / MAX_SCALE, MAX_SCALE]: beyond that the model is wrong, not off. */
    public static final double MAX_SCALE = 3.0;

    public EkfAdaptation {
        nonNegative("initialR0ScaleSigma", initialR0ScaleSigma);
        nonNegative("r0ScaleSigmaPerSqrtHour", r0ScaleSigmaPerSqrtHour);
        nonNegative("initialCapacitySigma", initialCapacitySigma);
        nonNegative("capacitySigmaPerSqrtHour", capacitySigmaPerSqrtHour);
        if (currentOffset == null) {
            throw new IllegalArgumentException("currentOffset must be given (CurrentOffsetDoubt.NONE for none)");
        }
    }

    /** With the slow branch run from its start value, its start doubt considered (the default). */
    public EkfAdaptation(
            double initialR0ScaleSigma,
            double r0ScaleSigmaPerSqrtHour,
            double initialCapacitySigma,
            double capacitySigmaPerSqrtHour,
            CurrentOffsetDoubt currentOffset) {
        this(
                initialR0ScaleSigma,
                r0ScaleSigmaPerSqrtHour,
                initialCapacitySigma,
                capacitySigmaPerSqrtHour,
                currentOffset,
                false);
    }

    /** R0 and capacity adaptation without a current-offset state. */
    public EkfAdaptation(
            double initialR0ScaleSigma,
            double r0ScaleSigmaPerSqrtHour,
            double initialCapacitySigma,
            double capacitySigmaPerSqrtHour) {
        this(
                initialR0ScaleSigma,
                r0ScaleSigmaPerSqrtHour,
                initialCapacitySigma,
                capacitySigmaPerSqrtHour,
                CurrentOffsetDoubt.NONE);
    }

    /** A copy with this current-offset state. */
    public EkfAdaptation withCurrentOffset(CurrentOffsetDoubt offset) {
        return new EkfAdaptation(
                initialR0ScaleSigma,
                r0ScaleSigmaPerSqrtHour,
                initialCapacitySigma,
                capacitySigmaPerSqrtHour,
                offset,
                slowBranchState);
    }

    /** A copy with the slow branch corrected by the voltage as a state ({@code true}) or not. */
    public EkfAdaptation withSlowBranchState(boolean state) {
        return new EkfAdaptation(
                initialR0ScaleSigma,
                r0ScaleSigmaPerSqrtHour,
                initialCapacitySigma,
                capacitySigmaPerSqrtHour,
                currentOffset,
                state);
    }

    /**
     * R0 adapted, capacity fixed: 20 % initial doubt about R0, random walk 5 % per sqrt(hour).
     * The setting used on real cells (controller and {@code bms replay}): on {@code shared/data} it
     * lowers the SOC error on every NCA drive cycle and LFP test but LA92 (see docs/estimation.md).
     */
    public static EkfAdaptation resistance() {
        return new EkfAdaptation(0.20, 0.05, 0, 0);
    }

    /**
     * R0 as in {@link #resistance()} and capacity with 10 % initial doubt, random walk 1 % per
     * sqrt(hour). Learns a 10 % capacity error within about an hour on a well-modelled cell (the
     * simulated pack), but on {@code shared/data} the capacity state soaks up the OCV model's
     * bias (NCA US06 RMSE 0.8 % to 2.4 %, LFP to 13-22 %), so it is not the default for real cells.
     */
    public static EkfAdaptation resistanceAndCapacity() {
        return new EkfAdaptation(0.20, 0.05, 0.10, 0.01);
    }

    /**
     * A copy whose capacity is learnt as a filter state, with the doubt of a capacity known only to lie within
     * {@code limit} (a fraction) of the one the filter counts against: a start sigma of {@code limit / sqrt(3)} on the
     * inverse capacity scale (uniform within the limit, GUM type B, the sigma {@link CapacityConsider} carries in
     * the bound when the capacity is not learnt) and no random walk, since a cell's capacity does not change within
     * a log or a drive; the R0 and current-offset states are kept. A limit of 0 returns this adaptation unchanged.
     * The evidence for the limit is the caller's (in {@code bms replay}, a {@code --capacity-ah} that departs from a
     * characterised preset's measured capacity); without it the capacity state soaks up the OCV table's bias on real
     * cells ({@link #resistanceAndCapacity()}), so it is not on by default. Found by check20z and measured by
     * fix20e (2026-12-06, docs/estimation.md "A capacity learnt within the doubt the evidence gives").
     *
     * @throws IllegalArgumentException for a limit outside 0..1
     */
    public EkfAdaptation withCapacityLearntWithin(double limit) {
        if (!(limit >= 0 && limit < 1)) {
            throw new IllegalArgumentException("capacity limit must be a fraction in 0..1, got " + limit);
        }
        if (limit == 0) {
            return this;
        }
        return new EkfAdaptation(
                initialR0ScaleSigma,
                r0ScaleSigmaPerSqrtHour,
                limit / Math.sqrt(3),
                0.0,
                currentOffset,
                slowBranchState);
    }

    /** Whether the capacity is a filter state that can move (a start doubt or a random walk). */
    public boolean learnsCapacity() {
        return initialCapacitySigma > 0 || capacitySigmaPerSqrtHour > 0;
    }

    /** Whether any parameter state can move. */
    public boolean enabled() {
        return initialR0ScaleSigma > 0
                || r0ScaleSigmaPerSqrtHour > 0
                || initialCapacitySigma > 0
                || capacitySigmaPerSqrtHour > 0
                || currentOffset.enabled();
    }

    static double clampScale(double scale) {
        return scale < 1 / MAX_SCALE ? 1 / MAX_SCALE : scale > MAX_SCALE ? MAX_SCALE : scale;
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }
}
