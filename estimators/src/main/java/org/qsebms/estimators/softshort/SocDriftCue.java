package org.qsebms.estimators.softshort;

import org.qsebms.estimators.model.OcvCurve;

/**
 * A cell's SOC drifting from the string median, with the charge each cell gave its balancing
 * bleed resistor added back (the bleed charge ledger): a balancer that bleeds the healthy cells
 * down to a leaking one keeps their SOCs together, but the leaking cell is the one that needed the
 * least bleed, so its bleed-corrected SOC falls behind at the leak's rate. A bleed alone (healthy
 * cells) moves the SOC and the ledger by the same charge and shows no drift. Every sample period
 * {@code y = soc_i - median} (on two cells the other cell's, so a leak is not halved: {@link StringMedian#references})
 * enters an exponentially forgetting least-squares fit
 * {@code y = a + b * hours + c * chargeAh + d * laggedAmps}
 * (time and charge measured back from the newest sample, so the sums stay bounded). The regressor
 * sums are common to all cells; each cell keeps its sums against {@code y}. A ridge term on {@code c}, from the
 * expected capacity spread, keeps a capacity mismatch under constant current from passing as a
 * drift: then {@code b} is uncertain and not confirmed. The SOC filter does not see a capacity mismatch at once:
 * it corrects it with a lag, so a cell's estimate less the median also carries the mismatch times the charge the
 * filter has not yet caught up with, about the current low-passed over the filter's lag ({@code laggedAmps}, the
 * correlation time of the settings), which turns sign with the current and which {@code c} alone cannot take (a
 * charge followed by a discharge reads as a step, and a step as a drift); its ridge prior is the capacity spread
 * over that lag. The standard error of {@code b} counts the
 * residuals' correlation (the SOC filter corrects a capacity mismatch with a lag, at rest too, which
 * the charge term cannot absorb): a drift is confirmed against one independent sample per
 * correlation time, not per sample, and only once it has stayed significant for one such time
 * ({@link #confirmed(int)}). A sample is taken only when the SOC filter trusts every cell's
 * estimate ({@link SocDriftSettings#maxSocBound3Sigma()}): a filter that may still be tens of % off
 * corrects a cell by that much at once when it can see it again, and the fit would read that step as a
 * drift.
 */
final class SocDriftCue {
    /** Regressors: hours, charge (Ah), lagged current (A). */
    private static final int K = 3;

    private static final int HOURS = 0;
    private static final int CHARGE = 1;
    private static final int LAGGED = 2;
    private final SocDriftSettings settings;
    private final OcvCurve ocv;
    private final double minOcvSlope;
    private final int cells;
    private final double capacityAh;
    /** Ridge per regressor (0 for the drift itself). */
    private final double[] ridge;
    /** Weight of the new current in the lagged current at the last step length, and that step length (s). */
    private double lagWeight;

    private double lagStepSeconds = Double.NaN;
    /** The pack current low-passed over the SOC filter's lag (A). */
    private double laggedAmps;

    private final StringMedian median;
    private final double[] sy;
    /** Per cell and regressor, {@code y} times the regressor, flat ({@code cell * K + j}). */
    private final double[] sxy;

    private final double[] syy;
    /** The newest sample's residual against the fit, per cell. */
    private final double[] lastResidual;
    /** Each cell's SOC against its reference at the last sample taken (the fit's y), to see a step across a gap. */
    private final double[] lastY;
    /** Each cell's SOC against its reference at this sample. */
    private final double[] sampleY;
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
    /** Each cell's reference: the median of the other cells' corrected SOCs (leave-one-out, scratch). */
    private final double[] reference;
    /**
     * Centred sums of the segments closed at gated gaps, per cell: y against each regressor (flat, as
     * {@link #sxy}) and y squared, each about its own segment's means (invariant to the moving origin; they only
     * forget).
     */
    private final double[] pxy;

    private final double[] pyy;

    private double w;
    /** Sums of the regressors, and of their products (flat, {@code j * K + l}), over the present segment. */
    private final double[] sx = new double[K];

    private final double[] sxx = new double[K * K];
    /** Centred regressor products of the closed segments (flat). */
    private final double[] pxx = new double[K * K];
    /** The newest sample's regressors (time and charge are 0 there: the origin). */
    private final double[] x = new double[K];
    /** Work space of the solve: the ridged normal matrix's Cholesky factor, a right-hand side, a solution. */
    private final double[] chol = new double[K * K];

    private final double[] rhs = new double[K];
    private final double[] beta = new double[K];
    private final double[] mean = new double[K];
    private final double[] cxx = new double[K * K];
    /** The first diagonal element of the ridged normal matrix's inverse (the drift's variance per unit noise). */
    private double inverse00;
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
        double noise2 = settings.socNoise() * settings.socNoise();
        double lagSigma = mismatchSigma * settings.correlationSeconds() / 3600.0;
        this.ridge = new double[K];
        ridge[CHARGE] = noise2 / (mismatchSigma * mismatchSigma);
        ridge[LAGGED] = noise2 / (lagSigma * lagSigma);
        this.median = new StringMedian(cells);
        this.sy = new double[cells];
        this.sxy = new double[cells * K];
        this.syy = new double[cells];
        this.lastResidual = new double[cells];
        this.lastY = new double[cells];
        this.sampleY = new double[cells];
        this.srl = new double[cells];
        this.srr = new double[cells];
        this.driftPerHour = new double[cells];
        this.driftSePerHour = new double[cells];
        this.significantSince = new double[cells];
        java.util.Arrays.fill(significantSince, Double.NaN);
        this.bleedAh = new double[cells];
        this.bleedRateAmps = new double[cells];
        this.corrected = new double[cells];
        this.reference = new double[cells];
        this.pxy = new double[cells * K];
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
        java.util.Arrays.fill(sxy, 0.0);
        java.util.Arrays.fill(syy, 0.0);
        java.util.Arrays.fill(pxy, 0.0);
        java.util.Arrays.fill(pyy, 0.0);
        java.util.Arrays.fill(pxx, 0.0);
        pw = 0;
        pLevels = 0;
        gatedGap = false;
        segmentStart = false;
        java.util.Arrays.fill(lastResidual, 0.0);
        java.util.Arrays.fill(lastY, 0.0);
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
        if (dtSeconds != lagStepSeconds) {
            lagStepSeconds = dtSeconds;
            lagWeight = 1.0 - Math.exp(-dtSeconds / settings.correlationSeconds());
        }
        laggedAmps += lagWeight * (packAmps - laggedAmps);
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
        // move the origin to the new sample: every older sample is dh hours and dq Ah back (the other regressors
        // are absolute)
        x[HOURS] = dh;
        x[CHARGE] = dq;
        x[LAGGED] = 0;
        for (int j = 0; j < K; j++) {
            for (int l = 0; l < K; l++) {
                sxx[j * K + l] = lambda * (sxx[j * K + l] - x[j] * sx[l] - x[l] * sx[j] + x[j] * x[l] * w);
                pxx[j * K + l] *= lambda;
            }
        }
        for (int j = 0; j < K; j++) {
            sx[j] = lambda * (sx[j] - x[j] * w);
        }
        w = lambda * w;
        pw *= lambda;
        pLevels *= lambda;
        for (int i = 0; i < cells; i++) {
            double sy0 = sy[i];
            for (int j = 0; j < K; j++) {
                sxy[i * K + j] = lambda * (sxy[i * K + j] - x[j] * sy0);
                pxy[i * K + j] *= lambda;
            }
            sy[i] = lambda * sy0;
            syy[i] = lambda * syy[i];
            pyy[i] *= lambda;
        }
        for (int i = 0; i < cells; i++) {
            corrected[i] = cellSoc[i] + bleedAh[i] / capacityAh;
        }
        // on two cells each against the other, else against the median of all (StringMedian.references): against
        // their median (their mean) a leak in a cycling 2-cell pack read as 11.5 mA for a true 25 mA (check23r);
        // against the median of the others 2 of 39 healthy 8-cell strings cycled fully reached drift evidence
        // 1.72 and 1.26, at most 0.95 against the median of all (SocDriftCueTest)
        median.references(corrected, reference);
        for (int i = 0; i < cells; i++) {
            sampleY[i] = corrected[i] - reference[i];
        }
        segmentStart = gatedGap && w > 0 && steppedAcrossTheGap();
        if (segmentStart) {
            closeSegment();
        }
        gatedGap = false;
        x[HOURS] = 0;
        x[CHARGE] = 0;
        x[LAGGED] = laggedAmps;
        w += 1;
        for (int j = 0; j < K; j++) {
            sx[j] += x[j];
            for (int l = 0; l < K; l++) {
                sxx[j * K + l] += x[j] * x[l];
            }
        }
        boolean solvable = factorize();
        for (int i = 0; i < cells; i++) {
            double y = sampleY[i];
            lastY[i] = y;
            sy[i] += y;
            syy[i] += y * y;
            for (int j = 0; j < K; j++) {
                sxy[i * K + j] += x[j] * y;
            }
            fit(i, y, lambda, solvable);
        }
    }

    /**
     * The centred regressor products of every segment ({@link #cxx}), their means over the present one
     * ({@link #mean}), and the Cholesky factor of the ridged normal matrix ({@link #chol}) with the first diagonal
     * element of its inverse; false when the matrix is not positive definite. Common to all cells. Allocation-free.
     */
    private boolean factorize() {
        segmentMeans();
        for (int j = 0; j < K; j++) {
            for (int l = 0; l < K; l++) {
                cxx[j * K + l] = pxx[j * K + l] + sxx[j * K + l] - w * mean[j] * mean[l];
            }
        }
        for (int j = 0; j < K; j++) {
            for (int l = 0; l <= j; l++) {
                double sum = cxx[j * K + l] + (j == l ? ridge[j] : 0.0);
                for (int k = 0; k < l; k++) {
                    sum -= chol[j * K + k] * chol[l * K + k];
                }
                if (j == l) {
                    if (!(sum > 0)) {
                        return false;
                    }
                    chol[j * K + j] = Math.sqrt(sum);
                } else {
                    chol[j * K + l] = sum / chol[l * K + l];
                }
            }
        }
        rhs[0] = 1;
        for (int j = 1; j < K; j++) {
            rhs[j] = 0;
        }
        solve();
        inverse00 = beta[0];
        return true;
    }

    /** Solves the ridged normal equations for {@link #rhs} into {@link #beta} with the factor. Allocation-free. */
    private void solve() {
        for (int j = 0; j < K; j++) {
            double sum = rhs[j];
            for (int k = 0; k < j; k++) {
                sum -= chol[j * K + k] * beta[k];
            }
            beta[j] = sum / chol[j * K + j];
        }
        for (int j = K - 1; j >= 0; j--) {
            double sum = beta[j];
            for (int k = j + 1; k < K; k++) {
                sum -= chol[k * K + j] * beta[k];
            }
            beta[j] = sum / chol[j * K + j];
        }
    }

    /**
     * Whether some cell's SOC against its reference moved across the gated gap by more than {@code sigmas} times the
     * SOC noise: the step the level break is for. A gap over which no estimate stepped (a healthy cell's bound over
     * the gate for a minute at the bottom of the OCV, its estimate moving 0.2 % at most; fix20x, docs/estimation.md)
     * keeps its segment, and the drift keeps the evidence of the samples before it.
     */
    private boolean steppedAcrossTheGap() {
        double limit = settings.sigmas() * settings.socNoise();
        for (int i = 0; i < cells; i++) {
            if (!(Math.abs(sampleY[i] - lastY[i]) <= limit)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A level break at a gated gap: while the SOC filter reported a bound over the gate it may have corrected a
     * cell by a step (its estimate was allowed to be that far off), and the samples of the correction were not
     * taken, so the fit would meet the corrected level at once and read the step as a drift. The samples before
     * the gap keep their drift and charge slopes (centred about their own segment's means) but get a level of
     * their own; the segment after the gap starts a new level. Allocation-free.
     */
    private void closeSegment() {
        segmentMeans();
        for (int j = 0; j < K; j++) {
            for (int l = 0; l < K; l++) {
                pxx[j * K + l] += sxx[j * K + l] - w * mean[j] * mean[l];
            }
        }
        for (int i = 0; i < cells; i++) {
            double my = sy[i] / w;
            for (int j = 0; j < K; j++) {
                pxy[i * K + j] += sxy[i * K + j] - w * mean[j] * my;
                sxy[i * K + j] = 0;
            }
            pyy[i] += syy[i] - w * my * my;
            sy[i] = 0;
            syy[i] = 0;
        }
        pw += w;
        pLevels += 1;
        clearSegmentSums();
    }

    /** The present segment's regressor means into {@link #mean}. */
    private void segmentMeans() {
        for (int j = 0; j < K; j++) {
            mean[j] = sx[j] / w;
        }
    }

    /** Empties the present segment's weight and regressor sums (its per-cell sums are the caller's). */
    private void clearSegmentSums() {
        w = 0;
        java.util.Arrays.fill(sx, 0.0);
        java.util.Arrays.fill(sxx, 0.0);
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

    private void fit(int i, double y, double lambda, boolean solvable) {
        // residual degrees of freedom: every sample, less the regressors and one level per segment
        double dof = pw + w - K - (pLevels + 1);
        if (pw + w < K + 1 || !(dof > 0) || !solvable) {
            driftPerHour[i] = 0;
            driftSePerHour[i] = Double.POSITIVE_INFINITY;
            significantSince[i] = Double.NaN;
            return;
        }
        double my = sy[i] / w;
        for (int j = 0; j < K; j++) {
            rhs[j] = pxy[i * K + j] + sxy[i * K + j] - w * mean[j] * my;
        }
        double cyy = pyy[i] + syy[i] - w * my * my;
        solve();
        double rss = cyy;
        double fitted = 0;
        double atMean = 0;
        for (int j = 0; j < K; j++) {
            rss -= 2 * beta[j] * rhs[j];
            for (int l = 0; l < K; l++) {
                rss += beta[j] * beta[l] * cxx[j * K + l];
            }
            fitted += beta[j] * x[j];
            atMean += beta[j] * mean[j];
        }
        double b = beta[HOURS];
        // the newest sample's residual: y less the fit's intercept (my - beta . mean) and its own regressors
        double residual = y - (my - atMean) - fitted;
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
        driftSePerHour[i] = Math.sqrt(variance * inverse00);
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
