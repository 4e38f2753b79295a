package org.qsebms.estimators.softshort;

import org.qsebms.estimators.model.OcvCurve;

/**
 * A cell's SOC drifting from the string median, with the charge each cell gave its balancing
 * bleed resistor added back (the bleed charge ledger): a balancer that bleeds the healthy cells
 * down to a leaking one keeps their SOCs together, but the leaking cell is the one that needed the
 * least bleed, so its bleed-corrected SOC falls behind at the leak's rate. A bleed alone (healthy
 * cells) moves the SOC and the ledger by the same charge and shows no drift. Every sample period
 * {@code y = soc_i - median}
 * enters an exponentially forgetting least-squares fit {@code y = a + b * hours + c * chargeAh}
 * (time and charge measured back from the newest sample, so the sums stay bounded). The regressor
 * sums are common to all cells; each cell keeps four sums. A ridge term on {@code c}, from the
 * expected capacity spread, keeps a capacity mismatch under constant current from passing as a
 * drift: then {@code b} is uncertain and not confirmed. The standard error of {@code b} counts the
 * residuals' correlation (the SOC filter corrects a capacity mismatch with a lag, at rest too, which
 * the charge term cannot absorb): a drift is confirmed against one independent sample per
 * correlation time, not per sample, and only once it has stayed significant for one such time
 * ({@link #confirmed(int)}). A sample is taken only when the SOC filter trusts every cell's
 * estimate ({@link SocDriftSettings#maxSocBound3Sigma()}): a filter that may still be tens of % off
 * corrects a cell by that much at once when it can see it again, and the fit would read that step as a
 * drift.
 */
final class SocDriftCue {
    private final SocDriftSettings settings;
    private final OcvCurve ocv;
    private final double minOcvSlope;
    private final int cells;
    private final double capacityAh;
    private final double ridge;
    private final StringMedian median;
    private final double[] sy;
    private final double[] sty;
    private final double[] sqy;
    private final double[] syy;
    /** The newest sample's residual against the fit, per cell. */
    private final double[] lastResidual;
    /** Forgetting sums of residual products: lag 1 and lag 0 (the earlier residual squared). */
    private final double[] srl;

    private final double[] srr;
    private final double[] driftPerHour;
    private final double[] driftSePerHour;
    /**
     * Fitted time at which the cell's drift became significant (drift over {@code sigmas} standard errors), per cell,
     * kept while the drift stays over the threshold at every sample since; NaN when not.
     */
    private final double[] significantSince;
    /** Charge each cell gave its bleed resistor since start (Ah), the ledger. */
    private final double[] bleedAh;
    /** Bleed current per cell, averaged with the fit's forgetting (A). */
    private final double[] bleedRateAmps;
    /** The SOC plus the ledger over the capacity, per cell, for this sample. */
    private final double[] corrected;
    /**
     * Centred sums of the segments closed at gated gaps, per cell: y against time, y against charge, y squared,
     * each about its own segment's means (invariant to the moving origin; they only forget).
     */
    private final double[] pty;

    private final double[] pqy;
    private final double[] pyy;

    private double w;
    private double st;
    private double sq;
    private double stt;
    private double stq;
    private double sqq;
    /** Centred regressor sums of the closed segments (time-time, time-charge, charge-charge). */
    private double ptt;

    private double ptq;
    private double pqq;
    /** Weight of the closed segments' samples, and their count (one level each), both forgetting. */
    private double pw;

    private double pLevels;
    /** True when a due sample was dropped by the SOC-bound gate since the last sample taken. */
    private boolean gatedGap;
    /** True while the newest sample is the first of its segment (no lag-one product across a level break). */
    private boolean segmentStart;

    private double sinceSampleSeconds;
    private double sinceSampleAh;
    private double fittedSeconds;
    private double startedSeconds;
    private boolean primed;
    /** False for a fit that waits for {@link #start()} (it keeps the ledger meanwhile). */
    private boolean running = true;
    /** The largest cell SOC bound at the last sample time that was not taken for it (0 once one is taken). */
    private double distrustedBound;

    SocDriftCue(double capacityAh, int cells, SocDriftSettings settings) {
        this(capacityAh, cells, settings, null, 0.0);
    }

    /**
     * @param ocv                    the cells' OCV curve (null: every sample is taken)
     * @param minOcvSlopeVoltsPerSoc a sample is taken only when every cell's SOC estimate sits on an
     *                               OCV at least this steep
     */
    SocDriftCue(double capacityAh, int cells, SocDriftSettings settings, OcvCurve ocv, double minOcvSlopeVoltsPerSoc) {
        this.ocv = ocv;
        this.minOcvSlope = minOcvSlopeVoltsPerSoc;
        this.settings = settings;
        this.cells = cells;
        this.capacityAh = capacityAh;
        double mismatchSigma = settings.capacitySpread() / capacityAh;
        this.ridge = settings.socNoise() * settings.socNoise() / (mismatchSigma * mismatchSigma);
        this.median = new StringMedian(cells);
        this.sy = new double[cells];
        this.sty = new double[cells];
        this.sqy = new double[cells];
        this.syy = new double[cells];
        this.lastResidual = new double[cells];
        this.srl = new double[cells];
        this.srr = new double[cells];
        this.driftPerHour = new double[cells];
        this.driftSePerHour = new double[cells];
        this.significantSince = new double[cells];
        java.util.Arrays.fill(significantSince, Double.NaN);
        this.bleedAh = new double[cells];
        this.bleedRateAmps = new double[cells];
        this.corrected = new double[cells];
        this.pty = new double[cells];
        this.pqy = new double[cells];
        this.pyy = new double[cells];
    }

    /** A fit that takes no sample until {@link #start()}: the fit over the samples taken after a moment. */
    static SocDriftCue waitingForStart(
            double capacityAh, int cells, SocDriftSettings settings, OcvCurve ocv, double minOcvSlopeVoltsPerSoc) {
        SocDriftCue cue = new SocDriftCue(capacityAh, cells, settings, ocv, minOcvSlopeVoltsPerSoc);
        cue.running = false;
        return cue;
    }

    /**
     * Starts the fit afresh from the next sample (once past the settle time from construction): every earlier
     * sample is dropped, the bleed ledger kept. Allocation-free.
     */
    void start() {
        running = true;
        clearSegmentSums();
        java.util.Arrays.fill(sy, 0.0);
        java.util.Arrays.fill(sty, 0.0);
        java.util.Arrays.fill(sqy, 0.0);
        java.util.Arrays.fill(syy, 0.0);
        java.util.Arrays.fill(pty, 0.0);
        java.util.Arrays.fill(pqy, 0.0);
        java.util.Arrays.fill(pyy, 0.0);
        ptt = 0;
        ptq = 0;
        pqq = 0;
        pw = 0;
        pLevels = 0;
        gatedGap = false;
        segmentStart = false;
        java.util.Arrays.fill(lastResidual, 0.0);
        java.util.Arrays.fill(srl, 0.0);
        java.util.Arrays.fill(srr, 0.0);
        java.util.Arrays.fill(driftPerHour, 0.0);
        java.util.Arrays.fill(driftSePerHour, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(significantSince, Double.NaN);
        fittedSeconds = 0;
        sinceSampleSeconds = 0;
        sinceSampleAh = 0;
        primed = false;
        distrustedBound = 0;
    }

    /** True once the fit takes samples (from construction, or from {@link #start()} for a waiting one). */
    boolean running() {
        return running;
    }

    /** A step without the SOC filter's bounds: every estimate is taken as trusted. */
    void update(double packAmps, double[] cellSoc, double[] bleedAmps, double dtSeconds) {
        update(packAmps, cellSoc, null, bleedAmps, dtSeconds);
    }

    /**
     * @param cellSocBound3Sigma each cell's SOC 3-sigma bound as the SOC filter reports it (NaN where it
     *                           has none; null: none for any cell)
     */
    void update(double packAmps, double[] cellSoc, double[] cellSocBound3Sigma, double[] bleedAmps, double dtSeconds) {
        double forget = dtSeconds / settings.windowSeconds();
        for (int i = 0; i < cells; i++) {
            bleedAh[i] += bleedAmps[i] * dtSeconds / 3600.0;
            bleedRateAmps[i] += Math.min(1.0, forget) * (bleedAmps[i] - bleedRateAmps[i]);
        }
        if (startedSeconds < settings.settleSeconds()) {
            startedSeconds += dtSeconds;
            return;
        }
        if (!running) {
            return;
        }
        sinceSampleSeconds += dtSeconds;
        sinceSampleAh += packAmps * dtSeconds / 3600.0;
        if (primed && sinceSampleSeconds < settings.sampleSeconds()) {
            return;
        }
        if (!observable(cellSoc)) {
            return;
        }
        distrustedBound = largestBound(cellSocBound3Sigma);
        if (distrustedBound > settings.maxSocBound3Sigma()) {
            gatedGap = primed;
            return;
        }
        distrustedBound = 0;
        double dh = primed ? sinceSampleSeconds / 3600.0 : 0.0;
        double dq = primed ? sinceSampleAh : 0.0;
        if (primed) {
            fittedSeconds += sinceSampleSeconds;
        }
        primed = true;
        sinceSampleSeconds = 0;
        sinceSampleAh = 0;
        double lambda = Math.exp(-dh * 3600.0 / settings.windowSeconds());
        // move the origin to the new sample: every older sample is dh hours and dq Ah back
        double st0 = st;
        double sq0 = sq;
        stt = lambda * (stt - 2 * dh * st0 + dh * dh * w);
        sqq = lambda * (sqq - 2 * dq * sq0 + dq * dq * w);
        stq = lambda * (stq - dh * sq0 - dq * st0 + dh * dq * w);
        st = lambda * (st0 - dh * w);
        sq = lambda * (sq0 - dq * w);
        w = lambda * w;
        ptt *= lambda;
        ptq *= lambda;
        pqq *= lambda;
        pw *= lambda;
        pLevels *= lambda;
        for (int i = 0; i < cells; i++) {
            double sy0 = sy[i];
            sty[i] = lambda * (sty[i] - dh * sy0);
            sqy[i] = lambda * (sqy[i] - dq * sy0);
            sy[i] = lambda * sy0;
            syy[i] = lambda * syy[i];
            pty[i] *= lambda;
            pqy[i] *= lambda;
            pyy[i] *= lambda;
        }
        segmentStart = gatedGap && w > 0;
        if (segmentStart) {
            closeSegment();
        }
        gatedGap = false;
        w += 1;
        for (int i = 0; i < cells; i++) {
            corrected[i] = cellSoc[i] + bleedAh[i] / capacityAh;
        }
        double m = median.of(corrected);
        for (int i = 0; i < cells; i++) {
            double y = corrected[i] - m;
            sy[i] += y;
            syy[i] += y * y;
            fit(i, y, lambda);
        }
    }

    /**
     * A level break at a gated gap: while the SOC filter reported a bound over the gate it may have corrected a
     * cell by a step (its estimate was allowed to be that far off), and the samples of the correction were not
     * taken, so the fit would meet the corrected level at once and read the step as a drift. The samples before
     * the gap keep their drift and charge slopes (centred about their own segment's means) but get a level of
     * their own; the segment after the gap starts a new level. Allocation-free.
     */
    private void closeSegment() {
        double mt = st / w;
        double mq = sq / w;
        ptt += stt - w * mt * mt;
        ptq += stq - w * mt * mq;
        pqq += sqq - w * mq * mq;
        for (int i = 0; i < cells; i++) {
            double my = sy[i] / w;
            pty[i] += sty[i] - w * mt * my;
            pqy[i] += sqy[i] - w * mq * my;
            pyy[i] += syy[i] - w * my * my;
            sy[i] = 0;
            sty[i] = 0;
            sqy[i] = 0;
            syy[i] = 0;
        }
        pw += w;
        pLevels += 1;
        clearSegmentSums();
    }

    /** Empties the present segment's weight and time/charge sums (its per-cell sums are the caller's). */
    private void clearSegmentSums() {
        w = 0;
        st = 0;
        sq = 0;
        stt = 0;
        stq = 0;
        sqq = 0;
    }

    /** True when every cell's SOC estimate sits where the OCV is steep enough to correct it. */
    private boolean observable(double[] cellSoc) {
        if (ocv == null) {
            return true;
        }
        for (int i = 0; i < cells; i++) {
            if (Math.abs(ocv.slopeAt(cellSoc[i])) < minOcvSlope) {
                return false;
            }
        }
        return true;
    }

    /** The largest cell SOC 3-sigma bound, 0 without bounds (a NaN bound, an estimator without one, is skipped). */
    private double largestBound(double[] cellSocBound3Sigma) {
        double largest = 0;
        if (cellSocBound3Sigma != null) {
            for (int i = 0; i < cells; i++) {
                if (cellSocBound3Sigma[i] > largest) {
                    largest = cellSocBound3Sigma[i];
                }
            }
        }
        return largest;
    }

    private void fit(int i, double y, double lambda) {
        // residual degrees of freedom: every sample, less drift, charge and one level per segment
        double dof = pw + w - 2 - (pLevels + 1);
        if (pw + w < 3 || !(dof > 0)) {
            driftPerHour[i] = 0;
            driftSePerHour[i] = Double.POSITIVE_INFINITY;
            significantSince[i] = Double.NaN;
            return;
        }
        double mt = st / w;
        double mq = sq / w;
        double my = sy[i] / w;
        double ctt = ptt + stt - w * mt * mt;
        double ctq = ptq + stq - w * mt * mq;
        double cqq = pqq + sqq - w * mq * mq;
        double cqqRidged = cqq + ridge;
        double cty = pty[i] + sty[i] - w * mt * my;
        double cqy = pqy[i] + sqy[i] - w * mq * my;
        double cyy = pyy[i] + syy[i] - w * my * my;
        double det = ctt * cqqRidged - ctq * ctq;
        if (!(det > 0)) {
            driftPerHour[i] = 0;
            driftSePerHour[i] = Double.POSITIVE_INFINITY;
            significantSince[i] = Double.NaN;
            return;
        }
        double b = (cqqRidged * cty - ctq * cqy) / det;
        double c = (ctt * cqy - ctq * cty) / det;
        double rss = cyy - 2 * b * cty - 2 * c * cqy + b * b * ctt + 2 * b * c * ctq + c * c * cqq;
        // the newest sample sits at the origin: its residual is y minus the fit's intercept
        double residual = y - (my - b * mt - c * mq);
        srl[i] *= lambda;
        srr[i] *= lambda;
        if (!segmentStart) {
            srl[i] += residual * lastResidual[i];
            srr[i] += lastResidual[i] * lastResidual[i];
        }
        lastResidual[i] = residual;
        double variance =
                Math.max(Math.max(rss, 0) / dof * varianceInflation(i), settings.socNoise() * settings.socNoise());
        driftPerHour[i] = -b;
        driftSePerHour[i] = Math.sqrt(variance * cqqRidged / det);
        if (significant(i)) {
            if (Double.isNaN(significantSince[i])) {
                significantSince[i] = fittedSeconds;
            }
        } else if (!(driftPerHour[i] > settings.thresholdPerHour())) {
            significantSince[i] = Double.NaN;
        }
    }

    /** The cell's drift is positive and over {@code sigmas} standard errors at the last sample (minimum span aside). */
    private boolean significant(int i) {
        return driftPerHour[i] > 0 && driftPerHour[i] > settings.sigmas() * driftSePerHour[i];
    }

    /**
     * The SOC filter's errors relative to the string (its lagging correction of a capacity mismatch after
     * each charge or discharge, at rest too) are correlated for about an hour, so neighbouring samples are
     * not independent: the residual variance (before the floor of white SOC noise) is scaled by {@code (1 + rho) / (1 - rho)} (an AR(1)
     * residual's variance inflation of a mean), rho the residuals' lag-one autocorrelation, at most by the
     * samples in the correlation time of the settings.
     */
    private double varianceInflation(int i) {
        double rho = srr[i] > 0 ? Math.max(0.0, Math.min(1.0, srl[i] / srr[i])) : 0.0;
        double max = settings.maxVarianceInflation();
        return rho >= 1 ? max : Math.min(max, (1 + rho) / (1 - rho));
    }

    /** Evidence toward a soft short: the confirmed drift over its threshold, 0 before the minimum span. */
    double evidence(int i) {
        return confirmed(i) ? driftPerHour[i] / settings.thresholdPerHour() : 0.0;
    }

    /**
     * The drift is significant now, and was first significant at least {@link #holdSeconds()} of fit ago with the drift
     * over the threshold at every sample since. The SOC filter's errors relative to the string are correlated for
     * about an hour and change most where the current changes, which is also where the samples that tell a drift from
     * a capacity mismatch are: a drift first made significant by such samples rests on less than one independent
     * sample, and the filter's lagging correction of a capacity mismatch there reads as a drift for a while (healthy
     * cells of cycling packs were significant for 0.02-0.58 h, then fell back); a leak is still significant an hour
     * on, and stays over the threshold meanwhile even where its significance dips (a 150 ohm short: 4.37-5.08 h).
     */
    boolean confirmed(int i) {
        return fittedSeconds >= settings.minSpanSeconds() && significant(i) && heldSeconds(i) >= holdSeconds();
    }

    /**
     * Fitted time since the cell's drift was first significant, the drift over the threshold at every sample since;
     * 0 when not (s).
     */
    double heldSeconds(int i) {
        return Double.isNaN(significantSince[i]) ? 0.0 : fittedSeconds - significantSince[i];
    }

    /**
     * How long after its first significant sample a drift can be confirmed:
     * {@link SocDriftSettings#correlationSeconds()}, the spacing of independent samples of the SOC filter's errors (s). Not the fit's own count from its residuals'
     * lag-one correlation: white SOC noise over a slow correction pulls that down (a 2 % correction under 0.2 %
     * noise read as 9-11 min), while the correction itself stays correlated for the hour.
     */
    double holdSeconds() {
        return settings.correlationSeconds();
    }

    /** True when the fit has judged the cell and its drift's upper bound (drift + sigmas * se) is under the limit. */
    boolean confirmedBelow(int i, double limitAmps) {
        return fittedSeconds >= settings.minSpanSeconds()
                && (driftPerHour[i] + settings.sigmas() * driftSePerHour[i]) * capacityAh < limitAmps;
    }

    /** The cell's bleed current, averaged over about the fit's window (A). */
    double bleedRateAmps(int i) {
        return bleedRateAmps[i];
    }

    /** Charge the cell gave its bleed resistor since start (Ah). */
    double bleedAh(int i) {
        return bleedAh[i];
    }

    /** Fall of the cell's SOC against the string median, SOC fraction per hour (positive = falling behind). */
    double driftPerHour(int i) {
        return driftPerHour[i];
    }

    double driftSePerHour(int i) {
        return driftSePerHour[i];
    }

    /** The drift as a self-discharge current on the nominal capacity (A). */
    double equivalentAmps(int i) {
        return driftPerHour[i] * capacityAh;
    }

    /**
     * The largest cell SOC 3-sigma bound when the last due sample was not taken because of it, 0 when the
     * last due sample was taken (the filter's estimates trusted).
     */
    double distrustedBound() {
        return distrustedBound;
    }

    double fittedSeconds() {
        return fittedSeconds;
    }
}
