package org.qsebms.estimators.softshort;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * Excess self-discharge at rest. While the string rests (the pack current inside the rest band;
 * a balancing bleed does not end a rest), each cell's voltage is fitted by running least squares
 * against time, from {@code settleSeconds} after the current stopped. The voltage is first corrected
 * for the drop the cell's own bleed current causes over the model's R0 and two RC pairs at the cell's
 * temperature ({@link BleedDropModel}), and the fit
 * has two more regressors for what the model misses of that drop: the bleed current itself (its
 * drop over R0 and the fast interface, which at a small current is larger than a linear model
 * says) and the bleed
 * current filtered with the slow RC pair's time constant. Their coefficients are fitted per cell,
 * so a bleed resistor switching on and off, or its duty falling as the cells converge, is not read
 * as a voltage trend whatever the cell's true resistances (small ridges hold them near 0 while a
 * cell's bleed does not change and cannot be told from the intercept). The fitted
 * slope becomes the charge the cell loses through the OCV slope along the cell's own SOC
 * trajectory over the fit and the capacity: {@code I = -dV/dt / (dOCV/dSOC) * 3600 * Q}. The
 * trajectory is the straight line in time through the SOCs the OCV gives for the cell's voltages,
 * the cell located on its OCV by the shape of that trajectory ({@link RestVoltageTrajectory}); not
 * the slope at the SOC estimate, nor the secant between the fitted line's ends, which a leak's
 * offset or a trajectory across a knee puts on another segment (the secant is used only until
 * the trajectory has enough samples), and a cell whose excess clears its sigma test above its own leak's drop over its
 * resistances and the preset's lithium interface law ({@link #convert}). The OCV fall the bleed's charge caused
 * (the charge the resistor took since the fit began, through the OCV table from the SOC the fit
 * began at) is added back to the voltage before the fit, and what is common to the string (relaxation,
 * temperature) is removed by subtracting the median over the cells. A bleed read through a
 * capacity known only to the cells' spread leaves that fraction of it as error, which the standard
 * error carries, so a heavily bleeding string confirms only leaks well above that. The fall also
 * depends on where the cell was located, through a bleed drop the model does not know
 * ({@link #bleedLocationDoubtVolts}; large on a bending OCV, an LFP knee), and the bleed's charge is known
 * only to the bleed resistor's tolerance: model errors, not noise, so a bound ({@link #doubtAmps}) the
 * excess must clear before the sigma test. Where the OCV
 * is flatter than {@link RestSelfDischargeSettings#minOcvSlopeVoltsPerSoc()} the voltage cannot show a leak (an LFP
 * plateau): the cell gives no measurement and no evidence, rather than a wrong one. Nor does a falling cell whose
 * reading, at both ends of its fit, may be one under such a stretch ({@link #mayReadUnderAFlatStretch}: a leaking LFP
 * cell on its plateau reads under it, which inverts onto the bottom knee).
 *
 * <p>OCV hysteresis (the preset's {@link HysteresisModel}, LFP): every charge a cell passes moves its
 * hysteresis state towards a branch, and at rest the charge its bleed and its leak take drive it
 * towards the discharge branch, which lowers the voltage by {@code M gamma (1 + h)} per unit SOC on
 * top of the OCV's own fall: read through the OCV slope alone that is charge the cell did not lose
 * (at the LFP top knee, where the OCV slope is 0.6-3 V per unit SOC, 0.3 (1 + h) V is +10..+50 %).
 * The cue tracks each cell's state (the pack current less its bleed under load; its bleed and its
 * measured excess leak at rest) and takes {@code M h} off each voltage before the fit and the
 * location, so both see the cell's OCV.
 */
final class RestSelfDischargeCue {
    private final EcmParameters cell;
    /** The cell's lithium interface law, for the drop of its own leak ({@link #leakDropVolts}). */
    private final LithiumInterface lithium;
    /**
     * Each cell's drop of its own leak over its resistances at its temperature (V), 0 for a cell whose excess does not
     * clear its sigma test: its reading sits this far under its OCV, and it is located that far up ({@link #convert}).
     */
    private final double[] leakDropVolts;
    /** Cells whose excess cleared the sigma test before their leak's drop was taken in, this conversion (scratch). */
    private final boolean[] leaking;
    /** Each cell's fitted line's ends (V) and whether its place may be under a flat stretch, in this conversion. */
    private final double[] voltsThen;

    private final double[] voltsNow;
    private final boolean[] ambiguous;
    private final OcvCurve ocv;
    private final HysteresisModel hysteresis;
    /** Each cell's hysteresis state as the cue tracks it (-1 discharge branch .. +1 charge branch). */
    private final double[] hysteresisState;

    private final RestSelfDischargeSettings settings;
    private final double capacitySpread;
    /**
     * Each cell's SOC where its fit began, from its OCV (the bleed's drop added back, the hysteresis taken
     * off): from the first reading until the first sample interval ends, then from that interval's mean
     * ({@link #locateFromFirstInterval}).
     */
    private final double[] socAtFitStart;
    /**
     * The same located from the voltage one doubt above and below: one prior spread of the unmodelled
     * bleed drop ({@link #PRIOR_FAST_OHMS} times the mean bleed) and the standard error of the first
     * interval's mean, in quadrature: the range the bleed's OCV fall is read over when its cost to the
     * standard error is counted.
     */
    private final double[] socAtFitStartHigh;

    private final double[] socAtFitStartLow;
    /**
     * Over the fit's first sample interval, each cell's located voltages (V) and their squares, and its
     * bleed (A), summed; {@link #locatedCount} readings.
     */
    private final double[] locatedSum;

    private final double[] locatedSquares;
    private final double[] locatedBleed;
    private int locatedCount;
    /** Each cell's doubt of its bleed's OCV fall over the fit, as a current (A): see {@link #bleedLocationDoubtVolts}. */
    private final double[] bleedDoubtAmps;
    /** Each cell's excess's bound from that doubt, its own and the median's (A). */
    private final double[] doubtAmps;
    /** Each cell's mean bleed current over the fit (A). */
    private final double[] bleedMeanAmps;
    /** Each cell's loss moved down, then up, by its own bleed doubt (scratch, A): the median's range. */
    private final double[] lossLowAmps;

    private final double[] lossHighAmps;
    /**
     * Each cell's reference, leave-one-out over the cells in the reference (scratch): its loss, mean bleed, the
     * losses moved down and up by their bleed doubts, the bleed doubt and the standard error of the others.
     */
    private final double[] refLossAmps;

    private final double[] refBleedAmps;
    private final double[] refLowAmps;
    private final double[] refHighAmps;
    private final double[] refDoubtAmps;
    private final double[] refSeAmps;

    private final int cells;
    private final StringMedian median;
    private final double[] n;
    private final double[] st;
    private final double[] sv;
    private final double[] stt;
    private final double[] stv;
    private final double[] svv;
    /** Sums of the fast (bleed amps) and slow (bleed amps filtered with tau2) regressors. */
    private final double[] sf;

    private final double[] ss;
    private final double[] sff;
    private final double[] sss;
    private final double[] sfs;
    private final double[] stf;
    private final double[] sts;
    private final double[] sfv;
    private final double[] ssv;
    private final double[] slope;
    /** Each cell's corrected voltage over the fit, for locating it on its OCV. */
    private final RestVoltageTrajectory trajectory;
    /** The sample just taken, per cell (scratch). */
    private final double[] sampleVolts;
    /** Each cell's voltage offset from its OCV found from the shape of its fit (V), 0 where the shape cannot tell. */
    private final double[] offsetVolts;
    /** Each cell's residual variance of one sample from its last fit (V^2): scales the ridges to their priors in ohms. */
    private final double[] residualVariance;

    private final double[] slopeSe;
    private final double[] lossAmps;
    private final double[] amps;
    private final double[] seAmps;
    private final boolean[] observable;
    /** Cells the string median is taken over: measurable, and not left out for their bleed ({@link #bledTooMuch}). */
    private final boolean[] reference;
    /** Cells left out because their mean bleed over the fit exceeds {@link #MAX_BLEED_FRACTION} of the threshold. */
    private final boolean[] bledTooMuch;
    /** Charge each cell gave its bleed resistor since the fit started (Ah). */
    private final double[] bleedAh;
    /** Each cell's bleed current through the RC pairs and its drop, at the cell's temperature. */
    private final BleedDropModel bleedDrop;
    /** Sums of the current sample interval, per cell: voltage (corrected), bleed amps, filtered bleed amps. */
    private final double[] binVolts;

    private final double[] binFast;
    private final double[] binSlow;
    private double binSeconds;
    private double binTime;
    private double restSeconds;
    private int observableCells;

    /**
     * @param capacitySpread 1-sigma relative spread of the cells' capacities: a bleed's charge is
     *                       read through a capacity known to about this much, which adds that
     *                       fraction of a cell's bleed (and of the string's median bleed) to its standard error
     */
    RestSelfDischargeCue(
            EcmParameters cell,
            HysteresisModel hysteresis,
            int cells,
            RestSelfDischargeSettings settings,
            double capacitySpread) {
        this(cell, hysteresis, LithiumInterface.NONE, cells, settings, capacitySpread);
    }

    /**
     * @param lithium the cell's lithium interface law ({@link LithiumInterface#NONE}: the first pair's linear R1 in
     *                its place), for the drop of a confirmed leak over it ({@link #leakDropVolts})
     */
    RestSelfDischargeCue(
            EcmParameters cell,
            HysteresisModel hysteresis,
            LithiumInterface lithium,
            int cells,
            RestSelfDischargeSettings settings,
            double capacitySpread) {
        this.lithium = lithium;
        this.leakDropVolts = new double[cells];
        this.leaking = new boolean[cells];
        this.voltsThen = new double[cells];
        this.voltsNow = new double[cells];
        this.ambiguous = new boolean[cells];
        this.capacitySpread = capacitySpread;
        this.hysteresis = hysteresis;
        this.hysteresisState = new double[cells];
        this.bleedMeanAmps = new double[cells];
        this.lossLowAmps = new double[cells];
        this.lossHighAmps = new double[cells];
        this.refLossAmps = new double[cells];
        this.refBleedAmps = new double[cells];
        this.refLowAmps = new double[cells];
        this.refHighAmps = new double[cells];
        this.refDoubtAmps = new double[cells];
        this.refSeAmps = new double[cells];
        this.socAtFitStart = new double[cells];
        this.socAtFitStartHigh = new double[cells];
        this.socAtFitStartLow = new double[cells];
        this.bleedDoubtAmps = new double[cells];
        this.doubtAmps = new double[cells];
        this.binVolts = new double[cells];
        this.binFast = new double[cells];
        this.binSlow = new double[cells];
        this.cell = cell;
        this.ocv = cell.ocv();
        this.settings = settings;
        this.cells = cells;
        this.median = new StringMedian(cells);
        this.n = new double[cells];
        this.st = new double[cells];
        this.sv = new double[cells];
        this.stt = new double[cells];
        this.stv = new double[cells];
        this.svv = new double[cells];
        this.sf = new double[cells];
        this.ss = new double[cells];
        this.sff = new double[cells];
        this.sss = new double[cells];
        this.sfs = new double[cells];
        this.stf = new double[cells];
        this.sts = new double[cells];
        this.sfv = new double[cells];
        this.ssv = new double[cells];
        this.slope = new double[cells];
        this.trajectory = new RestVoltageTrajectory(ocv, cells, settings.minOcvSlopeVoltsPerSoc());
        this.sampleVolts = new double[cells];
        this.offsetVolts = new double[cells];
        this.residualVariance = new double[cells];
        Arrays.fill(residualVariance, INITIAL_RESIDUAL_VARIANCE);
        this.slopeSe = new double[cells];
        this.lossAmps = new double[cells];
        this.amps = new double[cells];
        this.seAmps = new double[cells];
        this.observable = new boolean[cells];
        this.reference = new boolean[cells];
        this.bledTooMuch = new boolean[cells];
        this.bleedAh = new double[cells];
        this.bleedDrop = new BleedDropModel(cell, cells);
        this.locatedSum = new double[cells];
        this.locatedSquares = new double[cells];
        this.locatedBleed = new double[cells];
    }

    void update(double packAmps, double[] cellVolts, double[] bleedAmps, double dtSeconds) {
        update(packAmps, cellVolts, bleedAmps, null, dtSeconds);
    }

    /** @param cellCelsius each cell's temperature (°C; null: the preset's reference, 25 °C), for the bleed's drop */
    void update(double packAmps, double[] cellVolts, double[] bleedAmps, double[] cellCelsius, double dtSeconds) {
        bleedDrop.update(bleedAmps, cellCelsius, dtSeconds);
        boolean resting = Math.abs(packAmps) <= settings.restAmps();
        trackHysteresis(resting ? 0.0 : packAmps, bleedAmps, dtSeconds);
        if (!resting) {
            if (restSeconds > 0) {
                clear();
            }
            return;
        }
        restSeconds += dtSeconds;
        if (restSeconds < settings.settleSeconds()) {
            return;
        }
        double t = restSeconds - settings.settleSeconds();
        binSeconds += dtSeconds;
        binTime += t * dtSeconds;
        boolean locating = n[0] == 0;
        if (locating) {
            locatedCount++;
        }
        for (int i = 0; i < cells; i++) {
            double f = bleedAmps[i];
            bleedAh[i] += f * dtSeconds / 3600.0;
            if (locating) {
                double located =
                        cellVolts[i] + modelBleedDropVolts(i, f) - hysteresis.magnitudeVolts() * hysteresisState[i];
                locatedSum[i] += located;
                locatedSquares[i] += located * located;
                locatedBleed[i] += f;
                if (locatedCount == 1) { // until the interval's mean: the first reading
                    socAtFitStart[i] = ocv.socAt(located);
                    socAtFitStartHigh[i] = ocv.socAt(located + PRIOR_FAST_OHMS * f);
                    socAtFitStartLow[i] = ocv.socAt(located - PRIOR_FAST_OHMS * f);
                }
            }
            // add back the drop of the bleed (over the model's resistances) and the OCV fall its charge caused,
            // take off the hysteresis
            double v = cellVolts[i]
                    + modelBleedDropVolts(i, f)
                    + bleedOcvFallVolts(i)
                    - hysteresis.magnitudeVolts() * hysteresisState[i];
            binVolts[i] += v * dtSeconds;
            binFast[i] += f * dtSeconds;
            binSlow[i] += bleedDrop.slowAmps(i) * dtSeconds;
        }
        if (binSeconds < settings.sampleSeconds()) {
            return;
        }
        double ts = binTime / binSeconds;
        if (locating) {
            locateFromFirstInterval();
        }
        for (int i = 0; i < cells; i++) {
            sampleVolts[i] = binVolts[i] / binSeconds;
            addSample(i, ts, sampleVolts[i], binFast[i] / binSeconds, binSlow[i] / binSeconds);
            binVolts[i] = 0;
            binFast[i] = 0;
            binSlow[i] = 0;
            fit(i);
        }
        trajectory.add(ts, sampleVolts);
        binSeconds = 0;
        binTime = 0;
        if (n[0] < 10) {
            return;
        }
        convert(t);
    }

    private void addSample(int i, double t, double v, double f, double w) {
        n[i] += 1;
        st[i] += t;
        sv[i] += v;
        stt[i] += t * t;
        stv[i] += t * v;
        svv[i] += v * v;
        sf[i] += f;
        ss[i] += w;
        sff[i] += f * f;
        sss[i] += w * w;
        sfs[i] += f * w;
        stf[i] += t * f;
        sts[i] += t * w;
        sfv[i] += f * v;
        ssv[i] += w * v;
    }

    /**
     * Steps each cell's hysteresis state with the charge it passed: {@code packAmps} (0 at rest) less
     * its bleed, and at rest its measured excess leak (only while the cell has a measurement, and
     * only a loss: a leak does not charge a cell). Nothing to do without a hysteresis.
     */
    private void trackHysteresis(double packAmps, double[] bleedAmps, double dt) {
        if (hysteresis.magnitudeVolts() == 0) {
            return;
        }
        double perAmp = dt / (3600.0 * cell.capacityAh());
        for (int i = 0; i < cells; i++) {
            double leak = packAmps == 0.0 && measured(i) && reference[i] ? Math.max(amps[i], 0.0) : 0.0;
            hysteresisState[i] = hysteresis.next(hysteresisState[i], (packAmps - bleedAmps[i] - leak) * perAmp);
        }
    }

    /**
     * The OCV fall the charge the cell gave its bleed resistor since the fit began caused (V): through
     * the OCV table from the SOC the fit began at, not the local slope times the charge, which on a
     * bending OCV (a knee) misreads a bleed of tens of mAh by millivolts.
     */
    private double bleedOcvFallVolts(int i) {
        return bleedOcvFallVolts(i, socAtFitStart[i]);
    }

    /**
     * Locates each cell from the mean of its located voltages over the fit's first sample interval, not its
     * first reading alone: one reading carries the sensor's noise, and where the OCV bends (an LFP knee,
     * 0.1 to 0.3 V per unit SOC within 2 % SOC) 2 mV of it put a healthy bled cell 0.017 SOC high, on a
     * slope a third of its own, so its bleed's OCV fall was added back a third too small and the rest read as
     * a 3.3 mA leak (rest seed 15799, docs/safety.md). The range about it counts that mean's standard error
     * (the readings' own spread over their count) with the bleed drop's prior. The fall added back over the
     * interval itself, from the first reading's location, is a few tenths of a mAh of bleed at most.
     */
    private void locateFromFirstInterval() {
        int m = locatedCount;
        for (int i = 0; i < cells; i++) {
            double mean = locatedSum[i] / m;
            double variance = m > 1 ? Math.max(0.0, (locatedSquares[i] - m * mean * mean) / (m - 1)) : 0.0;
            double prior = PRIOR_FAST_OHMS * locatedBleed[i] / m;
            double doubt = Math.sqrt(prior * prior + variance / m);
            socAtFitStart[i] = ocv.socAt(mean);
            socAtFitStartHigh[i] = ocv.socAt(mean + doubt);
            socAtFitStartLow[i] = ocv.socAt(mean - doubt);
        }
    }

    /** The OCV fall of the cell's bleed charge since the fit began, read from {@code s0} (V). */
    private double bleedOcvFallVolts(int i, double s0) {
        if (bleedAh[i] <= 0) {
            return 0.0;
        }
        return ocv.voltsAt(s0) - ocv.voltsAt(s0 - bleedAh[i] / cell.capacityAh());
    }

    /**
     * How far the bleed's OCV fall added back may be off because the SOC it is read from is located
     * through a bleed drop the linear model does not know (V): the larger difference of the fall read
     * from the SOCs one prior spread of that drop ({@link #PRIOR_FAST_OHMS} times the bleed at the
     * fit's start) above and below. On the QSE cell the interface drops 3.5 mV at an 82 mA bleed where
     * the model says 0.4 mV; on an LFP knee, where the OCV slope doubles within 1 % SOC, the cell is
     * then located 0.005 SOC low, on a slope 25 % too steep, and the fall of 36 mAh of bleed is
     * overstated by 2.2 mV in 26 min: a rise of the corrected voltage read as a charge gained. On a
     * straight OCV the fall does not depend on where it is read, and this is 0.
     */
    private double bleedLocationDoubtVolts(int i) {
        double fall = bleedOcvFallVolts(i);
        return Math.max(
                Math.abs(bleedOcvFallVolts(i, socAtFitStartHigh[i]) - fall),
                Math.abs(bleedOcvFallVolts(i, socAtFitStartLow[i]) - fall));
    }

    /** The model's drop for the cell's bleed: over R0 and both RC pairs at the cell's temperature (V). */
    private double modelBleedDropVolts(int i, double bleedAmps) {
        return bleedDrop.volts(i, bleedAmps);
    }

    /**
     * Each cell's fitted slope as a current lost (A, discharge positive); the excess over the median. A cell whose
     * excess is confirmed carries its leak through its own lithium interface, which at a leak's milliamps drops far
     * more than the equivalent circuit's line (5 mV at 11 mA on psoa-lfp at 25 °C, four times that at -10 °C): its
     * reading sits under its OCV by that drop, which located it too low on an LFP top knee, where the OCV is flatter
     * lower down, and read its fall through too small a slope (check23t: +89 % at -10 °C). Such a cell is located
     * above its reading by the larger of the offset its trajectory's shape found and the drop of its own leak
     * ({@link #leakDropVolts}), and the excess is read again with it: a fixed point of leak, drop, place, slope and
     * leak, which {@link #LEAK_DROP_STEPS} steps reach (the drop grows with the log of the leak).
     */
    private void convert(double t) {
        double fitted = Math.max(t, 1e-9);
        for (int i = 0; i < cells; i++) {
            voltsNow[i] = sv[i] / n[i] + slope[i] * (t - st[i] / n[i]);
            voltsThen[i] = voltsNow[i] - slope[i] * t;
            // only a cell whose voltage falls beyond its sigma test is located: one that does not has no
            // trajectory to read a shape from (and locating costs about 28 line fits of the kept
            // samples, one table search a sample each)
            bledTooMuch[i] = bleedAh[i] * 3600.0 / fitted > MAX_BLEED_FRACTION * settings.thresholdAmps();
            boolean falls = -slope[i] > settings.sigmas() * slopeSe[i];
            offsetVolts[i] = bledTooMuch[i] || !falls ? 0.0 : trajectory.offsetVolts(i, settings.sigmas());
            // a cell whose voltage falls, read from a place the OCV gives it at both ends of its fit that may be one
            // under a flat stretch, may be falling for what the cue does not track (its hysteresis), not its OCV
            ambiguous[i] =
                    falls && mayReadUnderAFlatStretch(i, voltsThen[i]) && mayReadUnderAFlatStretch(i, voltsNow[i]);
        }
        Arrays.fill(leakDropVolts, 0);
        Arrays.fill(leaking, false);
        measure(fitted);
        int steps = 0;
        boolean any = false;
        for (int i = 0; i < cells; i++) {
            leaking[i] = beyondSigmas(i);
            any |= leaking[i];
        }
        while (any && steps++ < LEAK_DROP_STEPS) {
            for (int i = 0; i < cells; i++) {
                leakDropVolts[i] = leaking[i] ? ownLeakDropVolts(i, Math.max(amps[i], 0.0)) : 0.0;
            }
            measure(fitted);
        }
    }

    /** Steps of the fixed point of a confirmed leak and its drop (from the excess read without it). */
    private static final int LEAK_DROP_STEPS = 3;

    /**
     * The drop (V) of {@code leakAmps} flowing through cell {@code i} at its temperature: over R0 and the slow pair,
     * and over its lithium interface by the preset's law in place of the first pair's line (the line where the preset
     * has no law), every term times the cell's resistance factor.
     */
    private double ownLeakDropVolts(int i, double leakAmps) {
        double fast = lithium.equals(LithiumInterface.NONE) ? leakAmps * cell.r1Ohms() : lithium.volts(leakAmps);
        return bleedDrop.resistanceFactor(i) * (leakAmps * (cell.r0Ohms() + cell.r2Ohms()) + fast);
    }

    /** Each cell's loss (A) and the excess over its reference, each cell located {@link #locationOffsetVolts} up. */
    private void measure(double fitted) {
        int unbled = 0;
        for (int i = 0; i < cells; i++) {
            double d = locationOffsetVolts(i);
            double k = trajectory.hasShape()
                    ? trajectory.meanSlopeAlong(i, d)
                    : secantSlope(voltsThen[i] + d, voltsNow[i] + d);
            observable[i] = k >= settings.minOcvSlopeVoltsPerSoc() && !ambiguous[i];
            if (observable[i] && !bledTooMuch[i]) {
                unbled++;
            }
            double toAmps = 3600.0 * cell.capacityAh() / Math.max(k, settings.minOcvSlopeVoltsPerSoc());
            bleedMeanAmps[i] = bleedAh[i] * 3600.0 / fitted;
            lossAmps[i] = -slope[i] * toAmps;
            seAmps[i] = slopeSe[i] * toAmps;
            // the fall's error grows with the bleed's charge, about linearly over the fit: a slope of
            // its size over the time fitted
            bleedDoubtAmps[i] = bleedLocationDoubtVolts(i) / fitted * toAmps;
        }
        // with at least three measurable cells left unbled, the bled ones are left out of the reference;
        // otherwise (a leak has the balancer bleed nearly every other cell) all are in it, the bleed accounted
        // for. A cell left out is still measured against the reference (its bleed's doubt a bound, below).
        int observed = 0;
        for (int i = 0; i < cells; i++) {
            reference[i] = observable[i] && !(unbled >= 3 && bledTooMuch[i]);
            if (reference[i]) {
                observed++;
            }
        }
        observableCells = observed;
        if (observed < MIN_REFERENCE_CELLS) {
            Arrays.fill(amps, 0);
            return;
        }
        // each cell against the median of the reference, except where the reference is two cells: there each
        // against the other (their mean holds half a leak; StringMedian.referencesMasked)
        median.referencesMasked(lossAmps, reference, refLossAmps);
        median.referencesMasked(bleedMeanAmps, reference, refBleedAmps);
        // the median's own doubt: each cell's loss is known to within its bleed's doubt, so the median lies
        // between the medians of the losses moved down and up by theirs. Where the median is a bled cell (or
        // the mean of two, one bled) that is that cell's doubt, which the median of the doubts (mostly unbled
        // cells, none) misses; the larger of the two is kept
        double floor = leastUnbledLossAmps();
        for (int i = 0; i < cells; i++) {
            double d = bleedDoubtAmps[i] + settings.bleedResistorTolerance() * bleedMeanAmps[i];
            lossLowAmps[i] = lossAmps[i] - d;
            // nothing but relaxation makes a resting cell read a gain, and the cells without bleed show how much:
            // a bled cell reading a larger gain has its bleed's fall read too large by at least the difference
            // (a start located low by relaxation still under way, which the prior spread does not cover)
            lossHighAmps[i] = Math.max(lossAmps[i] + d, floor);
        }
        median.referencesMasked(lossHighAmps, reference, refHighAmps);
        median.referencesMasked(lossLowAmps, reference, refLowAmps);
        median.referencesMasked(bleedDoubtAmps, reference, refDoubtAmps);
        median.referencesMasked(seAmps, reference, refSeAmps);
        for (int i = 0; i < cells; i++) {
            double m = refLossAmps[i];
            double medianRange = Math.max(refHighAmps[i] - m, m - refLowAmps[i]);
            double medianDoubt =
                    Math.max(refDoubtAmps[i] + settings.bleedResistorTolerance() * refBleedAmps[i], medianRange);
            // the reference is itself a measurement: its standard error is one fit's for one cell (the other of
            // two), over sqrt 2 for the mean of two, about sqrt(pi / 2n) times one fit's for the median of n, which
            // every excess carries
            int others = observed == MIN_REFERENCE_CELLS && reference[i] ? 1 : observed;
            double medianSe = referenceSeFactor(others) * refSeAmps[i];
            amps[i] = observable[i] ? lossAmps[i] - m : 0.0;
            // each cell's bleed is read through its own capacity, known to the cells' spread: the cell's own error is
            // one spread of its bleed, the reference's is that of the median (the mean, the other) of the reference
            // cells' independent errors, one spread of the median's bleed times the same factor as its fit's error
            double own = capacitySpread * bleedMeanAmps[i];
            double common = referenceSeFactor(others) * capacitySpread * refBleedAmps[i];
            seAmps[i] = Math.sqrt(seAmps[i] * seAmps[i] + medianSe * medianSe + own * own + common * common);
            // a model error, the same in every bled cell, not noise: a bound the excess must clear before the
            // sigma test, not a part of it. The bleed's charge itself is the cell's volts over the configured
            // resistance, known to the resistor's tolerance: that fraction of the cell's mean bleed and of the
            // median's is what the ledger can misread (its drop is the fit's, its capacity in the standard error)
            doubtAmps[i] = observable[i]
                    ? bleedDoubtAmps[i] + medianDoubt + settings.bleedResistorTolerance() * bleedMeanAmps[i]
                    : 0.0;
        }
    }

    /**
     * How far above its reading (V) the cell is located on its OCV: the offset its trajectory's shape found, or the
     * drop of its own confirmed leak where that is more (both are the same offset; the shape resolves it only once the
     * SOC has moved enough, the drop is known from the first confirmation).
     */
    private double locationOffsetVolts(int i) {
        return Math.max(offsetVolts[i], leakDropVolts[i]);
    }

    /**
     * The standard error of a reference of {@code n} cells' fits over one fit's: one cell is itself, two their
     * mean ({@code 1 / sqrt 2}), more their median (about {@code sqrt(pi / 2n)}, as before check23r).
     */
    private static double referenceSeFactor(int n) {
        return n <= 2 ? 1.0 / Math.sqrt(n) : Math.sqrt(Math.PI / (2.0 * n));
    }

    /**
     * The fewest measurable cells in the reference for a rest measurement: each cell is measured against the others
     * (at least one other; a lone cell has no reference, and what is common to the string, relaxation and
     * temperature, cannot be told from a leak without one).
     */
    static final int MIN_REFERENCE_CELLS = 2;

    /**
     * The least loss a measurable cell without much bleed reads, or 0 if that is more (A): the most a resting
     * cell's voltage recovering from the last load can make one read as a gain, as far as the unbled cells show.
     */
    private double leastUnbledLossAmps() {
        double least = 0.0;
        for (int i = 0; i < cells; i++) {
            if (observable[i] && !bledTooMuch[i]) {
                least = Math.min(least, lossAmps[i]);
            }
        }
        return least;
    }

    /**
     * True when the cell may sit on an OCV stretch too flat to show a leak although its voltage inverts onto a steep
     * one: its OCV may lie above its reading (the hysteresis and bleed taken off) by the offset its trajectory found
     * ({@link RestVoltageTrajectory#offsetVolts}) and by the hysteresis it may yet have that the cue has not
     * tracked, {@code M (1 + h)} down to the discharge branch (a leak drives it there and is tracked only once
     * measured). Where walking that far up the table from the reading reaches more SOC than the same volts would on
     * the flattest OCV the cue measures on ({@link RestSelfDischargeSettings#minOcvSlopeVoltsPerSoc()}), the
     * reading's place is ambiguous. A cell gives no measurement where its voltage falls (a flat one reads no loss
     * through any slope, and is the reference: a pack resting at 12 % keeps it) and both ends of its fitted line
     * are so placed (one that began on the top knee and crossed onto the plateau came from there; one now below
     * the knee's edge is on it). Only upwards: nothing the cue does not track makes a resting cell read above its
     * OCV. An LFP cell on its plateau with a leak reads 6 mV under it
     * within half an hour and 14 mV after 8 h (the leak's interface drop and its untracked hysteresis), which
     * inverts onto the bottom knee (SOC 0.11-0.12, 0.3-0.65 V per unit SOC), where the fall of its hysteresis was
     * read as a leak of half the true one (check23t, soft-short-300-ohm-lfp.yaml at 500 ms for 8 h: SOFT_SHORT.MSL
     * naming 5.6 mA for 11.4 mA). The walk is the table's inverse at both ends, as {@code
     * OcvCurve.socReachOfVolts} walks it for the capacity estimator's rests, but one-sided; on the NCM811 tables
     * 30 mV up never reaches further than at 0.38 V per unit SOC, above the gate, so this never holds there.
     */
    private boolean mayReadUnderAFlatStretch(int i, double volts) {
        double doubt = offsetVolts[i] + hysteresis.magnitudeVolts() * (1.0 + hysteresisState[i]);
        if (!(doubt > 0)) {
            return false;
        }
        double reach = ocv.socAt(volts + doubt) - ocv.socAt(volts);
        return reach > doubt / settings.minOcvSlopeVoltsPerSoc();
    }

    /**
     * The OCV slope over the fitted line's voltage span (V per unit SOC), the SOCs of its two ends
     * from the OCV: where the OCV bends (a knee) the line's slope is the mean over the span, not
     * the slope at either end. Spans too short to resolve take the slope at their middle.
     */
    private double secantSlope(double voltsThen, double voltsNow) {
        double socThen = ocv.socAt(voltsThen);
        double socNow = ocv.socAt(voltsNow);
        if (Math.abs(socNow - socThen) < 1e-4) {
            return Math.abs(ocv.slopeAt(0.5 * (socThen + socNow)));
        }
        return Math.abs((voltsNow - voltsThen) / (socNow - socThen));
    }

    private void clear() {
        restSeconds = 0;
        binSeconds = 0;
        binTime = 0;
        Arrays.fill(binVolts, 0);
        Arrays.fill(binFast, 0);
        Arrays.fill(binSlow, 0);
        observableCells = 0;
        Arrays.fill(n, 0);
        Arrays.fill(st, 0);
        Arrays.fill(sv, 0);
        Arrays.fill(stt, 0);
        Arrays.fill(stv, 0);
        Arrays.fill(svv, 0);
        Arrays.fill(sf, 0);
        Arrays.fill(ss, 0);
        Arrays.fill(sff, 0);
        Arrays.fill(sss, 0);
        Arrays.fill(sfs, 0);
        Arrays.fill(stf, 0);
        Arrays.fill(sts, 0);
        Arrays.fill(sfv, 0);
        Arrays.fill(ssv, 0);
        Arrays.fill(slope, 0);
        trajectory.clear();
        Arrays.fill(offsetVolts, 0);
        Arrays.fill(leakDropVolts, 0);
        Arrays.fill(residualVariance, INITIAL_RESIDUAL_VARIANCE);
        Arrays.fill(slopeSe, 0);
        Arrays.fill(lossAmps, 0);
        Arrays.fill(amps, 0);
        Arrays.fill(seAmps, 0);
        Arrays.fill(observable, false);
        Arrays.fill(reference, false);
        Arrays.fill(bledTooMuch, false);
        Arrays.fill(bleedAh, 0);
        Arrays.fill(bleedMeanAmps, 0);
        Arrays.fill(bleedDoubtAmps, 0);
        Arrays.fill(doubtAmps, 0);
        Arrays.fill(locatedSum, 0);
        Arrays.fill(locatedSquares, 0);
        Arrays.fill(locatedBleed, 0);
        locatedCount = 0;
    }

    /**
     * Least squares {@code v = a + b t + cf f + cs w} on centred sums ({@code f} the bleed current,
     * {@code w} the same filtered with tau2), with ridges on {@code cf} and {@code cs}: Gaussian
     * priors of 0.1 and 0.02 ohm at 25 °C, times the cell's resistance factor at its temperature, each ridge the sample's residual variance (from the cell's last
     * fit) over the prior's square. A duty that falls steadily as the cells converge cannot be told
     * from the slope; the prior then bounds what the coefficient may take, and the slope's standard
     * error (from the residuals and the ridged system) carries what it cannot tell apart. A ridge of
     * fixed size assumed 1 mV of noise per sample, where a 10 s mean has 0.1-0.2 mV: a prior ten
     * times tighter than meant, which held the coefficient near 0 while the QSE cell's interface
     * (a non-linear law) drops more at a small current than the model's linear pair says, so the
     * falling duty read as a rising voltage (issue 23: a healthy unbled cell flagged at 5.3 mA).
     */
    private void fit(int i) {
        double k = n[i];
        if (k < 5) {
            slope[i] = 0;
            slopeSe[i] = Double.POSITIVE_INFINITY;
            return;
        }
        double ctt = stt[i] - st[i] * st[i] / k;
        double ctf = stf[i] - st[i] * sf[i] / k;
        double cts = sts[i] - st[i] * ss[i] / k;
        double noise2 = residualVariance[i];
        // the priors are the model's errors at 25 °C: every resistance, and its error, scales with temperature
        double scale = bleedDrop.resistanceFactor(i);
        double priorFast = PRIOR_FAST_OHMS * scale;
        double priorSlow = PRIOR_SLOW_OHMS * scale;
        double cff = sff[i] - sf[i] * sf[i] / k + noise2 / (priorFast * priorFast);
        double css = sss[i] - ss[i] * ss[i] / k + noise2 / (priorSlow * priorSlow);
        double cfs = sfs[i] - sf[i] * ss[i] / k;
        double ctv = stv[i] - st[i] * sv[i] / k;
        double cfv = sfv[i] - sf[i] * sv[i] / k;
        double csv = ssv[i] - ss[i] * sv[i] / k;
        double cvv = svv[i] - sv[i] * sv[i] / k;
        // Cramer's rule on the symmetric 3x3 system
        double m00 = cff * css - cfs * cfs;
        double m01 = ctf * css - cfs * cts;
        double m02 = ctf * cfs - cff * cts;
        double det = ctt * m00 - ctf * m01 + cts * m02;
        if (!(ctt > 0) || !(det > 0)) {
            slope[i] = 0;
            slopeSe[i] = Double.POSITIVE_INFINITY;
            return;
        }
        double b = (ctv * m00 - ctf * (cfv * css - cfs * csv) + cts * (cfv * cfs - cff * csv)) / det;
        double cf = (ctt * (cfv * css - cfs * csv) - ctv * m01 + cts * (ctf * csv - cfv * cts)) / det;
        double cs = (ctt * (cff * csv - cfv * cfs) - ctf * (ctf * csv - cfv * cts) + ctv * m02) / det;
        double rss = cvv - b * ctv - cf * cfv - cs * csv;
        slope[i] = b;
        residualVariance[i] = Math.max(Math.max(rss, 0) / (k - 4), MIN_RESIDUAL_VARIANCE);
        slopeSe[i] = Math.sqrt(residualVariance[i] * m00 / det);
    }

    /** Prior spread of the fast bleed coefficient: room for the interface's extra drop at small current (ohm). */
    private static final double PRIOR_FAST_OHMS = 0.1;
    /** Prior spread of the slow bleed coefficient: about the error of the slow pair's resistance (ohm). */
    private static final double PRIOR_SLOW_OHMS = 0.02;
    /** Floor of a sample's residual variance: (10 uV)^2, below any real cell's voltage noise. */
    private static final double MIN_RESIDUAL_VARIANCE = 1e-10;
    /** Residual variance assumed before a fit has its own: (1 mV)^2. */
    private static final double INITIAL_RESIDUAL_VARIANCE = 1e-6;

    /** Evidence toward a soft short: excess current over the threshold, 0 unless confirmed by the sigma test. */
    double evidence(int i) {
        return confirmed(i) ? amps[i] / settings.thresholdAmps() : 0.0;
    }

    /**
     * Confirmed: measured, positive, {@code sigmas} standard errors above the bound of the bleed's location doubt
     * ({@link #doubtAmps}), over a fit as long as the settle time.
     */
    boolean confirmed(int i) {
        return fittedSeconds() >= settings.settleSeconds() && beyondSigmas(i);
    }

    /**
     * How far the cell's excess has come towards its confirmation: the excess over what the confirmation needs, the
     * bleed's doubt ({@link #doubtAmps}) plus {@code sigmas} standard errors; 0 for a cell without a measurement or
     * with no excess. At 1 or more (over a fit as long as the settle time) the cell is confirmed.
     */
    double confirmationFraction(int i) {
        if (!measured(i) || !(amps[i] > 0)) {
            return 0.0;
        }
        double needs = doubtAmps[i] + settings.sigmas() * seAmps[i];
        return needs > 0 && Double.isFinite(needs) ? amps[i] / needs : 0.0;
    }

    /** Measured, positive and {@code sigmas} standard errors above the bound of the bleed's location doubt. */
    private boolean beyondSigmas(int i) {
        return measured(i) && amps[i] > 0 && amps[i] - doubtAmps[i] > settings.sigmas() * seAmps[i];
    }

    /**
     * True when the cell has a rest measurement: a fit on an OCV steep enough, in a string of >= 2 such cells
     * for the reference (a cell that bled too much is measured against the others, not part of their median).
     */
    boolean measured(int i) {
        return observableCells >= MIN_REFERENCE_CELLS && observable[i];
    }

    /**
     * True when the measurement shows the excess below {@code amps} with the sigma test (its upper
     * bound {@code excess + sigmas * se} under it), after at least the settle time of fitting. Never for a
     * cell left out of the reference for its bleed: its figure can show a leak above its bleed, not the
     * absence of one.
     */
    boolean confirmedBelow(int i, double limitAmps) {
        return measured(i)
                && reference[i]
                && fittedSeconds() >= settings.settleSeconds()
                && amps[i] + doubtAmps[i] + settings.sigmas() * seAmps[i] < limitAmps;
    }

    /**
     * How far the cell's excess may be off for the bleed's accounting (A), a bound, not a standard error: the bled
     * cells' OCV falls are read from SOCs located through a bleed drop the model does not know (its own doubt and the
     * median's, {@link #bleedLocationDoubtVolts} over the time fitted, through the OCV slope; 0 on a straight OCV),
     * and the charge each bleed took is its volts over the configured resistance, known to the resistor's tolerance
     * ({@link RestSelfDischargeSettings#bleedResistorTolerance()} of its own and of the median's mean bleed). 0
     * without bleed. The bleed's drop is not in it (the fit's regressors take it, their doubt in the standard error),
     * nor the capacity its charge is read through (in the standard error).
     */
    double doubtAmps(int i) {
        return doubtAmps[i];
    }

    /** Excess self-discharge current over the string median (A), 0 while not resting or not measurable. */
    double amps(int i) {
        return amps[i];
    }

    double standardErrorAmps(int i) {
        return seAmps[i];
    }

    /** Rest time the current fit covers (after settling), 0 while not resting. */
    double fittedSeconds() {
        return Math.max(0, restSeconds - settings.settleSeconds());
    }

    double restSeconds() {
        return restSeconds;
    }

    /**
     * A cell whose mean bleed over the fit exceeds this fraction of the threshold is left out of the
     * median while at least three measurable cells are left: on the QSE-model pack the bleed's drop at a small current is
     * not what the equivalent circuit says, and 20 % of a 25 mA bleed read as charge tripped a
     * healthy 8-cell pack (5.3 mA); at half the threshold the same error stays under 0.3 mA. Such a
     * cell is still measured against the others' median, with the doubt of its bleed's accounting as a
     * bound its excess must clear ({@link #doubtAmps}; it gives no "no leak" verdict): a leaking cell usually sits lowest and is not
     * bled, but after a discharge the capacity spread can leave it highest, bled for hours (issue 23,
     * oracle rest seeds 274 and 430, whose shorts were flagged late or never while it was left out).
     */
    static final double MAX_BLEED_FRACTION = 0.5;

    /** True when the string median is taken over the cell: measurable and not left out for its bleed. */
    boolean inReference(int i) {
        return reference[i];
    }

    /** True when the cell bled too much over the fit to be in the median (while at least three cells did not). */
    boolean bledTooMuch(int i) {
        return bledTooMuch[i];
    }

    /** Cells whose OCV at their fitted voltage is steep enough to show a leak. */
    int observableCells() {
        return observableCells;
    }
}
