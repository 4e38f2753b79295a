package org.qsebms.estimators.health;

import org.qsebms.estimators.capacity.TotalLeastSquaresCapacityEstimator;
import org.qsebms.estimators.inventory.LithiumInventoryEstimator;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.resistance.RlsR0Estimator;

/**
 * Health of every cell of a series string, updated at the loop rate from the same measurements
 * as the SOC filter:
 * <ul>
 * <li>R0 by RLS on current steps, normalised to 25 °C, split into the bulk electrolyte part
 *     ({@link HealthSettings#bulkOhmsAt25()}, from conductivity) and the interfacial/SEI rest;</li>
 * <li>capacity by weighted total least squares over windows between two relaxed rests: the SOC
 *     of each rest comes from the relaxed voltage through the OCV curve (independent of the
 *     capacity being estimated), the charge from the current sensor, each with its error; and, when
 *     the voltage limits are configured ({@link LimitWindowSettings}), over windows between a full
 *     charge and a full discharge, whose ends' SOCs are the model SOCs the charge voltage at the
 *     taper current and the cutoff at the cutoff current mean ({@link LimitSoc}). The capacity is
 *     the preset's scale: the charge between the model's SOC 0 and 1;</li>
 * <li>lithium inventory: a cycle closes at a relaxed rest near the top of charge once at least
 *     half a capacity went in and out; the charge neither returned nor stored is lithium lost
 *     from the excess {@code (N/P - 1) x capacity};</li>
 * <li>SEI health: at every closed cycle the worst cell's R0 goes into the growth law
 *     {@code R(n) = a + b sqrt(n)} over equivalent full cycles n and into a bounded history;
 *     the fit classifies stable vs growing and predicts the cycle at which R0 reaches the
 *     end-of-life multiple, with a one-sigma range; the SEI trend per day is the slope over the
 *     last points of the history.</li>
 * </ul>
 * Remaining useful life is the sooner of the resistance end of life and lithium depletion.
 * Everything is allocated in the constructor; {@link #update} allocates nothing. Current is
 * positive while charging.
 */
public final class CellHealthTracker {
    /** History points the trend is computed over. */
    public static final int TREND_POINTS = 30;
    /**
     * A rest's inversion is ambiguous when one OCV sigma reaches SOCs more than this many of the slope's sigmas
     * away (the project's 3-sigma convention).
     */
    private static final double AMBIGUOUS_REACH_SIGMAS = 3.0;
    /** Half-width of the SOC span over which a rest's OCV slope is taken. */
    private static final double SLOPE_SPAN_SOC = 0.05;

    private static final double MILLIS_PER_DAY = 86_400_000.0;
    private static final double CLOSE_CYCLE_MIN_SOC = 0.8;
    private static final double VOLTAGE_AVERAGING_SECONDS = 10.0;
    /** A rest that has not ended after this long is used anyway (a parked pack). */
    private static final double MAX_REST_WAIT_SECONDS = 86_400.0;
    /** Noise of one sample-to-sample voltage step: ADC noise of two samples plus RC drift within a sample. */
    private static final double STEP_NOISE_VOLTS = 0.005;

    private final EcmParameters cell;
    private final OcvCurve ocv;
    private final HealthSettings settings;
    private final int cells;
    private final RlsR0Estimator r0;
    private final TotalLeastSquaresCapacityEstimator[] capacity;
    private final LithiumInventoryEstimator[] lithium;
    private final ResistanceGrowthEstimator growth;
    private final ResistanceHistory history = new ResistanceHistory(1024);
    private final double initialExcessAh;
    // rest detection and the two kinds of anchor (capacity window start, cycle start)
    private double restSeconds;
    private boolean restTaken;
    private boolean windowAnchored;
    private final double[] windowSoc;
    private final double[] windowSocSigma;
    private final double[] windowNetAh;
    private double windowGrossAh;
    private double windowSeconds;
    private boolean cycleAnchored;
    private final double[] cycleSoc;
    private final double[] restSoc;
    private final double[] restSocSigma;
    private final double[] restVolts;
    private final double[] restBleedDropVolts;
    private final BleedPolarisation bleedDrop;
    private final double[] noBleed;
    private double throughputAh;
    private long revision;
    // limit windows: the last limit each cell reached (+1 full, -1 empty, 0 none) and the charge since
    private final LimitWindowSettings limits;
    private final int[] limitKind;
    private final boolean[] atTop;
    private final double[] limitNetAh;
    private final double[] limitGrossAh;
    private final double[] limitSeconds;
    private final boolean[] limitReachedInRestWindow;
    // a discharge's last reading within the tolerance of the cutoff, pending until the discharge ends, with the
    // charge counted from the last mark to it
    private final boolean[] nearBottom;
    private final double[] heldNetAh;
    private final double[] heldGrossAh;
    private final double[] heldSeconds;
    // the model SOC of each cell's last limit mark, with its doubt
    private final LimitSoc limitSoc;
    private final double[] limitMarkSoc;
    private final double[] limitMarkSocSigma;

    public CellHealthTracker(EcmParameters cell, int cellCount, HealthSettings settings) {
        if (cellCount < 1) {
            throw new IllegalArgumentException("cellCount must be >= 1, got " + cellCount);
        }
        this.cell = cell;
        this.ocv = cell.ocv();
        this.settings = settings;
        this.cells = cellCount;
        this.r0 = new RlsR0Estimator(cell, cellCount, 0.999, 0.1 * cell.capacityAh(), STEP_NOISE_VOLTS);
        this.capacity = new TotalLeastSquaresCapacityEstimator[cellCount];
        this.lithium = new LithiumInventoryEstimator[cellCount];
        for (int i = 0; i < cellCount; i++) {
            capacity[i] = newCapacityEstimator(cell.capacityAh(), 0.1 * cell.capacityAh());
            lithium[i] =
                    new LithiumInventoryEstimator(cell.capacityAh(), lithiumKnown() ? settings.npRatio() : 1.0, 0.2);
        }
        this.initialExcessAh = lithiumKnown() ? (settings.npRatio() - 1) * cell.capacityAh() : Double.NaN;
        this.growth = new ResistanceGrowthEstimator(0.5, settings.endOfLifeResistanceMultiple(), 2.0);
        this.windowSoc = new double[cellCount];
        this.windowSocSigma = new double[cellCount];
        this.cycleSoc = new double[cellCount];
        this.restSoc = new double[cellCount];
        this.restSocSigma = new double[cellCount];
        this.restVolts = new double[cellCount];
        this.restBleedDropVolts = new double[cellCount];
        this.bleedDrop = new BleedPolarisation(cell, settings.lithiumInterface(), cellCount);
        this.windowNetAh = new double[cellCount];
        this.noBleed = new double[cellCount];
        this.limits = settings.limitWindows();
        this.limitKind = new int[cellCount];
        this.atTop = new boolean[cellCount];
        this.limitNetAh = new double[cellCount];
        this.limitGrossAh = new double[cellCount];
        this.limitSeconds = new double[cellCount];
        this.limitReachedInRestWindow = new boolean[cellCount];
        this.nearBottom = new boolean[cellCount];
        this.heldNetAh = new double[cellCount];
        this.heldGrossAh = new double[cellCount];
        this.heldSeconds = new double[cellCount];
        this.limitSoc = new LimitSoc(cell, cellCount, settings.ocvSigmaVolts(), limits.resistanceSigma());
        this.limitMarkSoc = new double[cellCount];
        this.limitMarkSocSigma = new double[cellCount];
    }

    private TotalLeastSquaresCapacityEstimator newCapacityEstimator(double priorAh, double priorSigmaAh) {
        return new TotalLeastSquaresCapacityEstimator(
                priorAh, priorSigmaAh, 0.95, 32, settings.limitWindows().capacityDriftPerCycle());
    }

    /** One loop step without balancing: see {@link #update(double, double[], double[], double[], double, long)}. */
    public void update(double amps, double[] cellVolts, double[] cellCelsius, double dtSeconds, long epochMillis) {
        update(amps, cellVolts, cellCelsius, noBleed, dtSeconds, epochMillis);
    }

    /**
     * One loop step: measured pack current, cell voltages and temperatures, the current each cell
     * lost to its balancing bleed resistor over the step ({@code >= 0}; charge the pack sensor never
     * sees, so it is taken off that cell's count), and the time since the last step.
     */
    public void update(
            double amps,
            double[] cellVolts,
            double[] cellCelsius,
            double[] bleedAmps,
            double dtSeconds,
            long epochMillis) {
        update(amps, cellVolts, cellCelsius, null, bleedAmps, dtSeconds, epochMillis);
    }

    /**
     * As {@link #update(double, double[], double[], double[], double, long)}, with each cell's SOC
     * estimate ({@code null} when unknown), so that R0 is referred to the nominal SOC through the
     * cell's resistance-versus-SOC table.
     */
    public void update(
            double amps,
            double[] cellVolts,
            double[] cellCelsius,
            double[] cellSoc,
            double[] bleedAmps,
            double dtSeconds,
            long epochMillis) {
        r0.update(amps, cellVolts, cellCelsius, cellSoc);
        double ah = amps * dtSeconds / 3600.0;
        // throughput (the cycles' axis) counts only charge that flowed: noise and a zero offset over rests are no
        // cycles
        if (Math.abs(amps) > settings.throughputDeadbandAmps()) {
            throughputAh += Math.abs(ah);
        }
        windowGrossAh += Math.abs(ah);
        windowSeconds += dtSeconds;
        // coulombic efficiency counts only real current: a sensor's zero offset integrated over rests would swamp it
        boolean flowing = Math.abs(amps) > settings.restAmps();
        for (int i = 0; i < cells; i++) {
            double bleed = bleedAmps[i];
            bleedDrop.step(i, bleed, cellCelsius[i], bleedDropSoc(i, cellVolts, cellCelsius, cellSoc), dtSeconds);
            windowNetAh[i] += ah - bleed * dtSeconds / 3600.0;
            if (flowing || bleed > 0) {
                lithium[i].update((flowing ? amps : 0.0) - bleed, dtSeconds);
            }
        }
        if (limits.enabled()) {
            trackLimits(amps, cellVolts, cellCelsius, bleedAmps, ah, dtSeconds, flowing);
        }
        if (!flowing) {
            // average the resting voltage over ~10 s so that one noisy sample does not set a rest's SOC
            double w = restSeconds == 0 ? 1.0 : Math.min(1.0, dtSeconds / VOLTAGE_AVERAGING_SECONDS);
            for (int i = 0; i < cells; i++) {
                restVolts[i] += w * (cellVolts[i] - restVolts[i]);
                // the bleed's own drop, averaged as the voltage is
                double drop = bleedDrop.volts(i, r0.cellR0At25Ohms(i));
                restBleedDropVolts[i] += w * (drop - restBleedDropVolts[i]);
            }
            restSeconds += dtSeconds;
            // a rest long enough to count is used when it ends (the most relaxed voltage), or after a day
            if (!restTaken && restSeconds >= MAX_REST_WAIT_SECONDS) {
                restTaken = true;
                relaxedRest(restVolts, cellCelsius, epochMillis);
            }
        } else {
            if (!restTaken && restSeconds >= settings.restSeconds()) {
                relaxedRest(restVolts, cellCelsius, epochMillis);
            }
            restSeconds = 0;
            restTaken = false;
        }
    }

    private void relaxedRest(double[] cellVolts, double[] cellCelsius, long epochMillis) {
        double minSoc = 1;
        for (int i = 0; i < cells; i++) {
            // a cell that bleeds into its balancing resistor is not at rest: add back the drop its bleed holds
            // across it by the estimators' cell model (its lithium interface law, pairs and slow branch), averaged as
            // its voltage is
            double volts = cellVolts[i] + restBleedDropVolts[i];
            double z = ocv.socAt(volts, cellCelsius[i]);
            restSoc[i] = z;
            // one OCV sigma's reach from the inverted SOC, walked along the table: next to a flat stretch (a reading
            // a few mV under an LFP plateau inverts onto the bottom knee) it reaches SOCs more than three of the
            // slope's sigmas away, which the slope at the inverted SOC cannot see: the inversion is ambiguous and
            // the reach is its sigma
            double slopeSigma = settings.ocvSigmaVolts() / Math.max(1e-3, Math.abs(secantSlope(z)));
            double reach = ocv.socReachOfVolts(z, cellCelsius[i], settings.ocvSigmaVolts());
            restSocSigma[i] = Math.min(1.0, reach > AMBIGUOUS_REACH_SIGMAS * slopeSigma ? reach : slopeSigma);
            minSoc = Math.min(minSoc, z);
            // a cell relaxed at the charge voltage is full (its charge may not have been seen)
            if (limits.enabled() && cellVolts[i] >= limits.chargeVolts() - limits.fullToleranceVolts()) {
                limitReachedNow(i, 1, restSoc[i], restSocSigma[i]);
            }
        }
        closeCapacityWindows();
        if (minSoc >= CLOSE_CYCLE_MIN_SOC) {
            closeCycle(epochMillis);
        }
    }

    /**
     * The SOC at which cell {@code i}'s slow branch (if the preset has one) takes its resistance: the SOC filter's when
     * given, else its voltage's on the OCV (a bled cell's slow branch matters at rest, where the two agree).
     */
    private double bleedDropSoc(int i, double[] cellVolts, double[] cellCelsius, double[] cellSoc) {
        if (!bleedDrop.needsSoc()) {
            return Double.NaN;
        }
        return cellSoc != null ? cellSoc[i] : ocv.socAt(cellVolts[i], cellCelsius[i]);
    }

    /**
     * dOCV/dSOC over +-{@link #SLOPE_SPAN_SOC} around {@code soc} (inside the table): a measured OCV
     * table can hold a flat segment (at its top, two rest points at the same voltage), where the
     * local slope would call a rest's SOC unknown.
     */
    private double secantSlope(double soc) {
        double lo = Math.max(0, soc - SLOPE_SPAN_SOC);
        double hi = Math.min(1, soc + SLOPE_SPAN_SOC);
        return (ocv.voltsAt(hi) - ocv.voltsAt(lo)) / (hi - lo);
    }

    /**
     * Follows each cell to its voltage limits: a discharge that takes it to the cutoff is its bottom,
     * and so is one that ends with its last reading within {@link LimitWindowSettings#emptyToleranceVolts()}
     * of the cutoff (marked at that reading, with the charge counted to it, once the discharge has ended: the
     * load stopped on its own reading of the cutoff, which this one sees only to its error);
     * a charge that holds it at the charge voltage until the current has tapered is its top once the
     * charge ends (the mark moves on to the end of the taper). Each mark carries the model SOC its
     * voltage and current mean ({@link LimitSoc}).
     */
    private void trackLimits(
            double amps,
            double[] cellVolts,
            double[] cellCelsius,
            double[] bleedAmps,
            double ah,
            double dtSeconds,
            boolean flowing) {
        double taperAmps = limits.taperC() * cell.capacityAh();
        for (int i = 0; i < cells; i++) {
            double cellAmps = amps - bleedAmps[i];
            limitSoc.step(i, cellAmps, cellCelsius[i], dtSeconds);
            limitNetAh[i] += ah - bleedAmps[i] * dtSeconds / 3600.0;
            limitGrossAh[i] += Math.abs(ah);
            limitSeconds[i] += dtSeconds;
            boolean charging = flowing && amps > 0;
            boolean discharging = flowing && amps < 0;
            if (nearBottom[i] && !discharging) {
                // the discharge ended with this cell's last reading near the cutoff: that reading is its bottom
                nearBottom[i] = false;
                limitSoc.readHeld(LimitSoc.BOTTOM, i);
                limitReached(i, -1, limitSoc.soc(), limitSoc.socSigma(), heldNetAh[i], heldGrossAh[i], heldSeconds[i]);
            }
            if (discharging && cellVolts[i] <= limits.cutoffVolts()) {
                atTop[i] = false;
                nearBottom[i] = false;
                limitSoc.read(i, cellVolts[i], cellAmps, cellCelsius[i]);
                limitReachedNow(i, -1, limitSoc.soc(), limitSoc.socSigma());
            } else if (discharging && cellVolts[i] <= limits.cutoffVolts() + limits.emptyToleranceVolts()) {
                atTop[i] = false;
                // the last reading near the cutoff before the discharge ends is the bottom, unless one reaches it
                nearBottom[i] = true;
                limitSoc.hold(LimitSoc.BOTTOM, i, cellVolts[i], cellAmps, cellCelsius[i]);
                heldNetAh[i] = limitNetAh[i];
                heldGrossAh[i] = limitGrossAh[i];
                heldSeconds[i] = limitSeconds[i];
            } else if (charging
                    && amps <= taperAmps
                    && cellVolts[i] >= limits.chargeVolts() - limits.fullToleranceVolts()) {
                atTop[i] = true;
                // the last tapered sample before the charge ends is the top
                limitSoc.hold(LimitSoc.TOP, i, cellVolts[i], cellAmps, cellCelsius[i]);
            } else if (atTop[i] && !charging) {
                atTop[i] = false;
                limitSoc.readHeld(LimitSoc.TOP, i);
                limitReachedNow(i, 1, limitSoc.soc(), limitSoc.socSigma());
            } else if (charging) {
                atTop[i] = false;
            }
        }
    }

    /**
     * Cell {@code i} reached a limit ({@code kind} +1 top, -1 bottom) at model SOC {@code soc}
     * (one-sigma {@code socSigma}). At the cutoff after a top mark the charge in between moved the
     * model SOC from the top's to the bottom's (a window of SOC change {@code bottom - top}), unless
     * that change or the charge is less than {@code minWindowSoc} (of one, of the estimate: charge
     * that a gap in the record hid). Only discharges
     * count: the capacity is what the cell gives back, and a charge from empty to full also puts in
     * what side reactions take (NASA B0006: 1-2 % more than it then gives) and misses the charge a
     * long rest gave back (regeneration). Any limit moves the mark on.
     */
    private void limitReachedNow(int i, int kind, double soc, double socSigma) {
        limitReached(i, kind, soc, socSigma, limitNetAh[i], limitGrossAh[i], limitSeconds[i]);
    }

    /**
     * As {@link #limitReachedNow}, for a limit reached at an earlier sample, to which the last mark's charge counted
     * {@code netAh} ({@code grossAh} both ways, over {@code seconds}): what came after it counts from the new mark.
     */
    private void limitReached(
            int i, int kind, double soc, double socSigma, double netAh, double grossAh, double seconds) {
        double dz = soc - limitMarkSoc[i];
        if (kind < 0
                && limitKind[i] > 0
                && -dz >= settings.minWindowSoc()
                && -netAh >= settings.minWindowSoc() * capacity[i].capacityAh()) {
            double ahSigma = Math.hypot(
                    settings.currentOffsetSigmaAmps() * seconds / 3600.0, settings.currentGainSigma() * grossAh);
            capacity[i].add(dz, Math.hypot(socSigma, limitMarkSocSigma[i]), netAh, ahSigma);
            revision++;
        }
        limitKind[i] = kind;
        limitMarkSoc[i] = soc;
        limitMarkSocSigma[i] = socSigma;
        limitNetAh[i] -= netAh;
        limitGrossAh[i] -= grossAh;
        limitSeconds[i] -= seconds;
        // a rest window across this cell's limit would read an aged cell's rests on the fresh OCV's scale
        limitReachedInRestWindow[i] = true;
        // any mark ends a top still pending (a relaxed rest at the top marks it itself): a stray charging
        // sample as a rest ends must not mark the top again after the rest has started a new window
        atTop[i] = false;
    }

    private void closeCapacityWindows() {
        // a cell that reached a limit since the window's start leaves this window out; when every cell
        // did, the window starts again here
        boolean everyCellAtALimit = true;
        for (int i = 0; i < cells; i++) {
            everyCellAtALimit &= limitReachedInRestWindow[i];
        }
        if (everyCellAtALimit) {
            windowAnchored = false;
        }
        if (windowAnchored) {
            double ahSigma = Math.hypot(
                    settings.currentOffsetSigmaAmps() * windowSeconds / 3600.0,
                    settings.currentGainSigma() * windowGrossAh);
            boolean used = false;
            for (int i = 0; i < cells; i++) {
                if (limitReachedInRestWindow[i]) {
                    continue;
                }
                double dz = restSoc[i] - windowSoc[i];
                double dzSigma = Math.hypot(restSocSigma[i], windowSocSigma[i]);
                if (Math.abs(dz) >= settings.minWindowSoc() && Math.abs(dz) >= 3 * dzSigma) {
                    capacity[i].add(dz, dzSigma, windowNetAh[i], ahSigma);
                    used = true;
                }
            }
            // keep a short window open (it may still grow), but never count charge for more than two days
            if (!used && windowSeconds < 2 * 86_400) {
                return;
            }
            if (used) {
                revision++;
            }
        }
        System.arraycopy(restSoc, 0, windowSoc, 0, cells);
        System.arraycopy(restSocSigma, 0, windowSocSigma, 0, cells);
        java.util.Arrays.fill(windowNetAh, 0.0);
        java.util.Arrays.fill(limitReachedInRestWindow, false);
        windowGrossAh = 0;
        windowSeconds = 0;
        windowAnchored = true;
    }

    private void closeCycle(long epochMillis) {
        LithiumInventoryEstimator first = lithium[0];
        double half = 0.5 * cell.capacityAh();
        if (cycleAnchored && (first.chargedSinceCloseAh() < half || first.dischargedSinceCloseAh() < half)) {
            return;
        }
        if (cycleAnchored) {
            for (int i = 0; i < cells; i++) {
                lithium[i].closeCycle((restSoc[i] - cycleSoc[i]) * capacity[i].capacityAh());
            }
            double worstR0 = 0;
            for (int i = 0; i < cells; i++) {
                worstR0 = Math.max(worstR0, r0.cellR0At25Ohms(i));
            }
            addHistoryPoint(equivalentFullCycles(), epochMillis / MILLIS_PER_DAY, worstR0);
            revision++;
        } else {
            for (int i = 0; i < cells; i++) {
                lithium[i].startCycle();
            }
        }
        System.arraycopy(restSoc, 0, cycleSoc, 0, cells);
        cycleAnchored = true;
    }

    /** Adds a resistance point (also used to restore the persisted history): feeds the growth fit and the history. */
    public void addHistoryPoint(double equivalentCycles, double epochDays, double worstR0At25Ohms) {
        growth.add(equivalentCycles, worstR0At25Ohms);
        history.add(
                equivalentCycles, epochDays, worstR0At25Ohms, Math.max(0, worstR0At25Ohms - settings.bulkOhmsAt25()));
    }

    /** Restores one cell's persisted health; non-finite or non-positive values keep the defaults. */
    public void restoreCell(
            int i,
            double capacityAh,
            double capacitySigmaAh,
            double r0At25Ohms,
            double excessLithiumAh,
            double lithiumLossPerCycleAh,
            int closedCycles) {
        if (Double.isFinite(capacityAh) && capacityAh > 0) {
            double sigma = Double.isFinite(capacitySigmaAh) && capacitySigmaAh > 0 ? capacitySigmaAh : 0.1 * capacityAh;
            capacity[i] = newCapacityEstimator(capacityAh, sigma);
        }
        r0.restore(i, r0At25Ohms, 0.25 * r0At25Ohms);
        lithium[i].restore(excessLithiumAh, lithiumLossPerCycleAh, closedCycles);
    }

    /**
     * Copies the figures a restart needs into {@code into} (preallocated: no allocation, the
     * resistance history only when it changed since the last copy into it; the newest points when
     * it holds fewer). Loop thread; {@link HealthState.Capture#toState} then makes the value.
     */
    public void exportInto(HealthState.Capture into) {
        if (into.cellCount() != cells) {
            throw new IllegalArgumentException("capture has " + into.cellCount() + " cells, tracker " + cells);
        }
        for (int i = 0; i < cells; i++) {
            into.capacityAh[i] = capacityAh(i);
            into.capacitySigmaAh[i] = capacitySigmaAh(i);
            into.r0At25Ohms[i] = r0At25Ohms(i);
            into.seiOhms[i] = seiOhms(i);
            into.excessLithiumAh[i] = excessLithiumAh(i);
            into.lithiumLossPerCycleAh[i] = lithiumLossPerCycleAh(i);
            into.closedCycles[i] = closedCycles(i);
        }
        into.lithiumInventoryFraction = lithiumInventoryFraction();
        if (revision != into.historyRevision) {
            into.historyRevision = revision;
            int n = Math.min(history.size(), into.historyCycles.length);
            int from = history.size() - n;
            for (int k = 0; k < n; k++) {
                into.historyCycles[k] = history.cycles(from + k);
                into.historyDays[k] = history.days(from + k);
                into.historyR0[k] = history.r0Ohms(from + k);
                into.historySei[k] = history.seiOhms(from + k);
            }
            into.historySize = n;
        }
    }

    /**
     * Restores a persisted state: each cell's capacity (with its uncertainty), R0 and lithium
     * inventory (non-finite or non-positive values keep the defaults), then the resistance history,
     * which feeds the growth fit again. The SEI parts and the inventory fraction follow from these.
     */
    public void importState(HealthState s) {
        if (s.cellCount() != cells) {
            throw new IllegalArgumentException("persisted health has " + s.cellCount() + " cells, tracker " + cells);
        }
        double[] cap = s.capacityAh();
        double[] capSigma = s.capacitySigmaAh();
        double[] r = s.r0At25Ohms();
        double[] excess = s.excessLithiumAh();
        double[] loss = s.lithiumLossPerCycleAh();
        int[] closed = s.closedCycles();
        for (int i = 0; i < cells; i++) {
            restoreCell(i, cap[i], capSigma[i], r[i], excess[i], loss[i], closed[i]);
        }
        for (HealthState.HistoryPoint p : s.history()) {
            addHistoryPoint(p.equivalentCycles(), p.epochDays(), p.r0Ohms());
        }
    }

    /** Restores the lifetime charge throughput (Ah, both directions), which sets the equivalent full cycles. */
    public void restoreThroughputAh(double ah) {
        if (Double.isFinite(ah) && ah >= 0) {
            throughputAh = ah;
        }
    }

    public int cellCount() {
        return cells;
    }

    /** Increases whenever a capacity window or a cycle closes: the moments the slow estimates change. */
    public long revision() {
        return revision;
    }

    public double r0At25Ohms(int i) {
        return r0.cellR0At25Ohms(i);
    }

    public double r0SigmaOhms(int i) {
        return r0.cellR0SigmaOhms(i);
    }

    /** R0 at the cell's present temperature. */
    public double r0Ohms(int i, double celsius) {
        return r0.cellR0At25Ohms(i) * cell.resistanceFactor(celsius);
    }

    /** Interfacial/SEI part of R0 at 25 °C: what the bulk electrolyte does not explain. */
    public double seiOhms(int i) {
        return Math.max(0, r0.cellR0At25Ohms(i) - settings.bulkOhmsAt25());
    }

    /** The capacity the tracker started from (the configured one). */
    public double nominalCapacityAh() {
        return cell.capacityAh();
    }

    public double capacityAh(int i) {
        return capacity[i].capacityAh();
    }

    public double capacitySigmaAh(int i) {
        return capacity[i].capacitySigmaAh();
    }

    /** Capacity windows the cell's estimate rests on (0: still the prior). */
    public int capacityWindows(int i) {
        return capacity[i].windows();
    }

    public double coulombicEfficiency(int i) {
        return lithium[i].coulombicEfficiency();
    }

    /** Excess lithium left in the cell (Ah); NaN when the N/P ratio is unknown. */
    public double excessLithiumAh(int i) {
        return lithiumKnown() ? lithium[i].excessLithiumAh() : Double.NaN;
    }

    public double lithiumLossPerCycleAh(int i) {
        return lithium[i].lossPerCycleAh();
    }

    public int closedCycles(int i) {
        return lithium[i].closedCycles();
    }

    public double throughputAh() {
        return throughputAh;
    }

    /** Charge throughput over twice the nominal capacity. */
    public double equivalentFullCycles() {
        return throughputAh / (2 * cell.capacityAh());
    }

    /** True when the N/P ratio is known, so the lithium left can be stated. */
    public boolean lithiumKnown() {
        return !Double.isNaN(settings.npRatio());
    }

    /** Excess lithium left in the worst cell as a fraction of the excess it started with (1 = as new; NaN if N/P unknown). */
    public double lithiumInventoryFraction() {
        if (!lithiumKnown()) {
            return Double.NaN;
        }
        double worst = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cells; i++) {
            worst = Math.min(worst, lithium[i].excessLithiumAh());
        }
        return initialExcessAh > 0 ? Math.max(0, worst) / initialExcessAh : 0;
    }

    /** Cycles until the first cell runs out of excess lithium at its average loss (infinite when none is lost or N/P is unknown). */
    public double cyclesToLithiumDepletion() {
        if (!lithiumKnown()) {
            return Double.POSITIVE_INFINITY;
        }
        double c = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cells; i++) {
            c = Math.min(c, lithium[i].cyclesToDepletion());
        }
        return c;
    }

    /** {@code unknown} (fewer than three closed cycles), {@code stable} or {@code growing}. */
    public String seiState() {
        return Double.isNaN(growth.growth()) ? "unknown" : growth.isGrowing() ? "growing" : "stable";
    }

    /** Slope of the worst cell's SEI resistance over the last {@value #TREND_POINTS} cycles, ohm per day (NaN if unknown). */
    public double seiTrendOhmPerDay() {
        return history.seiTrendOhmPerDay(TREND_POINTS);
    }

    /**
     * Remaining useful life in equivalent full cycles: the sooner of the resistance end of life
     * and lithium depletion. {@code k = 0} is the central estimate, {@code k = +1} the early
     * (growth one sigma faster) and {@code k = -1} the late end of its range. Infinite while no
     * growth or loss is measurable, NaN with fewer than three closed cycles.
     */
    public double remainingUsefulLifeCycles(double k) {
        if (Double.isNaN(growth.growth())) {
            return Double.NaN;
        }
        double byResistance = growth.endOfLifeCycle(k) - equivalentFullCycles();
        return Math.max(0, Math.min(byResistance, cyclesToLithiumDepletion()));
    }

    /** The growth law as one line, e.g. for a health report. Allocates: call on change only. */
    public String describeGrowth() {
        return Double.isNaN(growth.growth()) ? "unknown: fewer than 3 closed cycles" : growth.describe();
    }

    public ResistanceHistory history() {
        return history;
    }

    /** Worst (largest) SEI part over the cells (ohm, at 25 °C). */
    public double worstSeiOhms() {
        double w = 0;
        for (int i = 0; i < cells; i++) {
            w = Math.max(w, seiOhms(i));
        }
        return w;
    }

    /** Smallest capacity estimate over the cells: the series string's capacity (Ah). */
    public int weakestCell() {
        int w = 0;
        for (int i = 1; i < cells; i++) {
            if (capacity[i].capacityAh() < capacity[w].capacityAh()) {
                w = i;
            }
        }
        return w;
    }

    /** Lowest coulombic efficiency of the last closed cycle over the cells (NaN before the first). */
    public double worstCoulombicEfficiency() {
        double w = Double.NaN;
        for (int i = 0; i < cells; i++) {
            double ce = lithium[i].coulombicEfficiency();
            if (!Double.isNaN(ce) && !(ce >= w)) {
                w = ce;
            }
        }
        return w;
    }

    public HealthSettings settings() {
        return settings;
    }
}
