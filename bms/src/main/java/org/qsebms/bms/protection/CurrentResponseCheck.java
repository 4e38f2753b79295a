package org.qsebms.bms.protection;

import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.LoopConfig;
import org.qsebms.config.SupplementaryLimits;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;

/**
 * The current reading judged by the cells' response under load (issue 23, CURRENT_SENSOR_IMPLAUSIBLE): a live
 * reading that is wrong under load (reading 0 A while 3 A flows; a zero offset hiding an over-current) is judged by
 * nothing else, because CURRENT_ZERO_DRIFT judges only with the path open and the cells' cross-check of
 * CURRENT_STUCK only a bit-identical reading at rest.
 *
 * <p>With the current path closed, every sample is kept over a window sliding with every sample
 * ({@code currentResponseWindow}, at least four loop periods so each half holds two). What the preset's equivalent
 * circuit (R0 and the two RC pairs at the coldest thermistor's temperature, the first pair's steady drop by the preset's
 * lithium interface law where it has one) makes of the reading is run alongside.
 * Every quantity (the reading, the model's polarisation, each cell) is judged by its second difference about the
 * window's middle: its move in the second half less the first half's trend carried over the second half, the three
 * levels averaged over a quarter window at the start and at the middle and an eighth at the end. The trend takes
 * out what moves steadily (an OCV ramp near empty, a slow relaxation), so a step stands out whatever the ramp.
 *
 * <ul>
 *   <li><b>A reading step the cells did not follow</b>: the reading stepped by at least
 *       {@code currentResponseStepAmps} from an old level that held over the first half, for which the model predicts
 *       at least {@code currentResponseMinVolts}, and the cells' median did not move
 *       {@code currentResponseFollowFraction} of that prediction its way (cells in series carry one current; the most
 *       of the cells would be the most of their noise).</li>
 *   <li><b>An unread step</b>: the reading did not step, and every cell stepped one way beyond the model by
 *       {@code currentResponseMinVolts} plus {@code currentResponseModelDoubt} of the model's own move. A step is a
 *       level that holds: each cell is judged on the envelope least favourable to a step (its end level the lowest
 *       of at least the last two samples, its middle level the highest of its region, its start level the lowest, in
 *       the step's direction), so a pulse shorter than the loop period caught by one sample, or by alternate ones, is
 *       no step. And a step is a jump, not a bend: the cells' excess over the model must be fitted better by a line
 *       with a step than by a line that bends once ({@link #stepFitsBetterThanBend}; fix23bq: a lone cell crossing the
 *       NCM811 OCV table's corner at SOC 0.010 at 1 C bends, and the second difference read the bend as a step).</li>
 * </ul>
 *
 * A verdict is held only when the same kind was found at two samples in a row, and only once the window lies a whole
 * span after the path closed (the cells' RC curves are most curved just after the load begins). At a loop whose period
 * is more than half the window (each half then holds two periods, each level one sample) the model, holding each
 * sampled current for a whole period, may predict RC moves for a load that changes faster than the loop and aliases
 * into reading steps the cells never made (oracle seed 4954572 at 1 s). There a reading step is judged on what the
 * sampling resolves as well ({@link #fittedStepNotFollowed}: R0, read at the same instant as the cells), on the
 * cells' median, and one verdict counts, since the reading must hold over two samples on each side of its step. The
 * step the span's verdict finds stays under judgement while the reading holds its new level, up to a span, each new
 * sample adding to the fit (fix23bi: judged once on four samples, one draw of the noise in ten lost s02).
 * At a loop of exactly half the window (each level of the span one sample, the window not stretched) a reading step is
 * judged both ways: the span's verdict at two samples in a row, as at a faster loop, and the step under judgement on
 * the fit, as at a slower one (fix23bl: the first alone lost s02 on 6 of 200 noise draws, the second alone on 2 others).
 * The unread step is not judged there: each level is one sample, and its floor is a few times one sample's noise. A
 * cell or current status fault, or the path open, empties the window. Preallocated; one {@link #update} per tick, no allocation.
 */
final class CurrentResponseCheck {
    /**
     * The start and middle levels are averaged over this fraction of the span (a quarter of a half), the end level
     * over half of that (an eighth of a half).
     */
    private static final double LEVEL_FRACTION = 0.125;
    /** Two samples in each half: a half is at least this many loop periods. */
    private static final int PERIODS_PER_HALF = 2;
    /** The same verdict at this many samples in a row before it counts. */
    private static final int SAMPLES_IN_A_ROW = 2;

    private final EcmParameters cell;
    /** The lithium interface's steady drop law for the first pair (null: the pair's linear R1), as fault 212's. */
    private final LithiumInterface lithium;
    /**
     * True where the loop is too slow for the window (a half of {@code currentResponseWindow} cannot hold
     * {@link #PERIODS_PER_HALF} periods without stretching): the samples may alias a load that changes faster than
     * the loop, so a reading step is judged only on what the sampling resolves ({@link #fittedStepNotFollowed}).
     */
    private final boolean slow;
    /**
     * True at a loop of half the window or slower ({@link #slow}, or exactly half): every level of the span's second
     * difference is one sample, and a reading step the samples resolve is judged on the fit that grows with each sample
     * ({@link #judgeSlowReadingStep}). At exactly half that is in addition to the span's verdict at two samples in a
     * row, which alone lost s02 on 6 of noise draws 201-400 (the first of the two, with the step in the last sample,
     * failing); the fit alone lost 2 others (284, 328: the cells' median fitted step 1.7-2.8 mV against 1.7 mV on every
     * look, where the span's verdicts, on the whole model, held). The unread step is not judged there (fix23bm: at 500 ms
     * its one-sample levels took the cells' ripple under pulses the samples never caught for a held step).
     */
    private final boolean fittedSteps;

    private final long windowNanos;
    /**
     * How far back samples are kept: the span, or at a slow loop two spans, so that a step under judgement keeps up to
     * a span of its old level while a span of its new level comes in.
     */
    private final long keepNanos;

    private final long periodNanos;
    private final double stepAmps;
    private final double minVolts;
    private final double follow;
    private final double doubt;
    private final double noiseSigmas;

    private final int ring;
    private final long[] nanos;
    private final double[] amps;
    private final double[] model;
    /** Each cell's kept readings, one series per cell (indexed like {@link #nanos}). */
    private final double[][] volts;
    /** One figure per cell, for a median (preallocated). */
    private final double[] perCell;

    private int head;
    private int size;

    private double v1;
    private double v2;
    private long lastNanos = Long.MIN_VALUE;
    /** When the path last closed with every reading good (Long.MIN_VALUE while it is open or a reading is bad). */
    private long closedSince = Long.MIN_VALUE;

    private int readStreak;
    /**
     * At a slow loop, the time of the first sample after a reading step under judgement (Long.MIN_VALUE: none): the
     * span's verdict found it, and it is judged on every sample while the reading holds its new level, up to a span.
     */
    private long stepNanos = Long.MIN_VALUE;
    /** The direction of the step under judgement (the sign of the model's predicted move). */
    private double stepSign;
    /** The span's figures when the step under judgement was found, for the reason. */
    private double spanStepAmps;

    private double spanPredictedVolts;
    private double spanCellVolts;
    private double spanThresholdVolts;
    /** The residual sum of squares of the last {@link #fittedStep} (no allocation for a second return value). */
    private double fitResiduals;

    private int unreadStreak;
    /** The preset's R0 at the coldest thermistor, ohm. */
    private double r0Now;

    /** True when a verdict has held at two samples in a row: the reading is implausible. */
    boolean flagged;
    /** True when the verdict is a reading step the cells did not follow (false: an unread step), for the reason. */
    boolean readingStep;
    /** The reading's step (second difference), A. */
    double stepReadAmps;
    /** The model's predicted move (second difference), V. */
    double predictedVolts;
    /** The reading step: the cells' median move its way; the unread step: the least any cell moved beyond the model, V. */
    double cellVolts;
    /** What {@link #cellVolts} was judged against, V. */
    double thresholdVolts;

    CurrentResponseCheck(
            SupplementaryLimits limits, LoopConfig loop, EcmParameters cell, LithiumInterface lithium, int cells) {
        this.cell = cell;
        this.lithium = lithium.equals(LithiumInterface.NONE) ? null : lithium;
        this.periodNanos = loop.period().toNanos();
        // the model holds each sampled current for a whole period; a load that changes faster than the loop aliases
        // into steps the cells never made, so at a loop whose period is more than half the window a reading step is
        // judged on the part of the model the samples resolve
        this.slow =
                PERIODS_PER_HALF * periodNanos > limits.currentResponseWindow().toNanos();
        // the span judged: two halves, each one window and at least two loop periods
        this.windowNanos = 2 * Math.max(limits.currentResponseWindow().toNanos(), PERIODS_PER_HALF * periodNanos);
        this.stepAmps = limits.currentResponseStepAmps();
        this.minVolts = limits.currentResponseMinVolts();
        this.follow = limits.currentResponseFollowFraction();
        this.doubt = limits.currentResponseModelDoubt();
        this.noiseSigmas = limits.currentResponseNoiseSigmas();
        this.fittedSteps =
                PERIODS_PER_HALF * periodNanos >= limits.currentResponseWindow().toNanos();
        this.keepNanos = fittedSteps ? 2 * windowNanos : windowNanos;
        // twice the samples kept at the configured period, so a loop running a little fast still fits
        this.ring = (int) (2 * (keepNanos / periodNanos) + 8);
        this.nanos = new long[ring];
        this.amps = new double[ring];
        this.model = new double[ring];
        this.volts = new double[cells][ring];
        this.perCell = new double[cells];
    }

    void update(PackMeasurement m) {
        long now = m.nanos;
        double dt = lastNanos == Long.MIN_VALUE ? 0 : (now - lastNanos) / 1e9;
        lastNanos = now;
        flagged = false;
        boolean currentOk = m.currentStatus.isOk();
        double reading = currentOk ? m.sensorAmps : 0.0;
        double celsius = m.minTempIndex >= 0 ? m.minCelsius : 25.0;
        double f = cell.resistanceFactor(celsius);
        r0Now = cell.r0Ohms() * f;
        double a1 = Math.exp(-dt / cell.tau1SecondsAt(celsius));
        double a2 = Math.exp(-dt / cell.tau2SecondsAt(celsius));
        // a current far from 1 C drops through the lithium interface by its own law, not the first pair's 1 C line
        double interfaceVolts = lithium == null ? cell.r1Ohms() * reading : lithium.volts(reading);
        v1 = a1 * v1 + (1 - a1) * interfaceVolts * f;
        v2 = a2 * v2 + (1 - a2) * cell.r2Ohms() * f * reading;
        double polarisation = reading * cell.r0Ohms() * f + v1 + v2;
        if (!currentOk || m.currentPathOpen || m.firstBadCell() >= 0) {
            size = 0;
            closedSince = Long.MIN_VALUE;
            readStreak = 0;
            unreadStreak = 0;
            stepNanos = Long.MIN_VALUE;
            return;
        }
        keep(now, reading, polarisation, m.cellVolts);
        // the oldest kept sample is the last at or before the window's start, so the window is always whole
        while (size >= 2 && nanos[index(1)] <= now - keepNanos) {
            size--;
        }
        boolean read = false;
        boolean fitted = false;
        boolean unread = false;
        if (closedSince == Long.MIN_VALUE) {
            closedSince = now;
        }
        // the cells' response to the load met at a close is the most curved part of their RC curves, which a second
        // difference does not take out: the window is judged only once it lies a whole span after the close
        if (size > 0 && nanos[index(0)] <= now - windowNanos && now - closedSince >= 2 * windowNanos) {
            read = judgeReadingStep(now, m.cellVolts.length);
            // at a loop of half the window two spans see the step (with it in the last sample, and a sample on), and
            // either's verdict puts it under judgement once the samples resolve it; at a slower loop only the second
            // is judged (the first's model is aliased)
            boolean found = read || (!slow && readStreak > 0);
            fitted = fittedSteps && judgeSlowReadingStep(now, m.cellVolts.length, found);
            // at a loop of half the window or slower each level is one sample, and an unread step's floor is a few
            // times one sample's noise: a healthy cell cycled slowly for hours met it at 1 s
            // (CurrentOffsetSlowCyclingTest), and at 500 ms the cells' ripple under pulses the samples never caught
            // (a low of 322 ms every 1.49 s, the cells read high, low, high across the span) passed the envelope's
            // one-sample start and middle levels as a held step (oracle seed 5488827), so it is not judged there
            if (!fittedSteps) {
                unread = !read && judgeUnreadStep(now, m.cellVolts.length);
            }
        }
        // the span's verdict counts at two samples in a row, where it is not aliased (not at a slow loop); a step
        // under judgement on the fit counts at once, since the reading must hold over two samples or more on each side
        // of it, which is what two verdicts in a row ask
        readStreak = read && !slow ? readStreak + 1 : 0;
        unreadStreak = unread ? unreadStreak + 1 : 0;
        if (fitted || readStreak >= SAMPLES_IN_A_ROW || unreadStreak >= SAMPLES_IN_A_ROW) {
            flagged = true;
            readingStep = fitted || readStreak >= SAMPLES_IN_A_ROW;
        }
    }

    /**
     * A reading step in the second half the model turns into a move that the cells (their median) did not follow.
     * The first half's reading must hold within {@code currentResponseStepAmps} ({@link #oldLevelHolds}): a step there
     * is judged only through the trend carried over the second half, which carries the model's errors in its time
     * constants with it, and a sample of a pulse shorter than the loop is no old level.
     */
    private boolean judgeReadingStep(long now, int cells) {
        double step = secondDifference(amps, now);
        double predicted = secondDifference(model, now);
        if (Math.abs(step) < stepAmps || Math.abs(predicted) < minVolts) {
            return false;
        }
        if (!oldLevelHolds(now)) {
            return false;
        }
        double sign = Math.signum(predicted);
        // cells in series carry one current, so a real step moves them all: their median is judged, not their most.
        // The most of the cells is the most of their noise (a level is one or two samples at a 250-500 ms loop, and a
        // cell's second difference then scatters by a few mV against a threshold of a few mV), which lost s02 on 11
        // of 40 noise draws at 250 ms and 17 of 40 at 500 ms (fix23bg); one cell's own reading fault does not move it
        for (int c = 0; c < cells; c++) {
            perCell[c] = secondDifference(volts[c], now);
        }
        double followed = sign * median(cells);
        stepReadAmps = step;
        predictedVolts = predicted;
        cellVolts = sign * followed;
        thresholdVolts = follow * predicted;
        return followed < follow * Math.abs(predicted);
    }

    /**
     * At a slow loop, a reading step the span's verdict found ({@link #judgeReadingStep}) where the samples resolve it
     * (it lies between the third and second last samples and the reading holds over two samples on each side) is put
     * under judgement, and judged on every sample after it ({@link #fittedStepNotFollowed}) while the reading holds its
     * new level, up to a span after the step: each sample of the new level adds to what the cells show of R0.
     */
    private boolean judgeSlowReadingStep(long now, int cells, boolean spanVerdict) {
        if (spanVerdict && stepResolved(Math.signum(predictedVolts))) {
            stepNanos = nanos[index(size - 2)];
            stepSign = Math.signum(predictedVolts);
            spanStepAmps = stepReadAmps;
            spanPredictedVolts = predictedVolts;
            spanCellVolts = cellVolts;
            spanThresholdVolts = thresholdVolts;
        }
        if (stepNanos == Long.MIN_VALUE) {
            return false;
        }
        if (now - stepNanos > windowNanos || !fittedStepNotFollowed(cells)) {
            return false;
        }
        stepReadAmps = spanStepAmps;
        predictedVolts = spanPredictedVolts;
        cellVolts = spanCellVolts;
        thresholdVolts = spanThresholdVolts;
        return true;
    }

    /**
     * The reading steps by {@code currentResponseStepAmps} or more in direction {@code sign} between the third and
     * second last samples, and holds within that on each side over two samples.
     */
    private boolean stepResolved(double sign) {
        if (size < 4) {
            return false;
        }
        int a = index(size - 4);
        int b = index(size - 3);
        int c = index(size - 2);
        int d = index(size - 1);
        return sign * (amps[c] - amps[b]) >= stepAmps
                && Math.abs(amps[b] - amps[a]) < stepAmps
                && Math.abs(amps[d] - amps[c]) < stepAmps;
    }

    /**
     * The reading's old level holds: every sample of the first half (from the start level to the middle) lies within
     * {@code currentResponseStepAmps} of the others. A step is a level that holds, as the unread step's envelope and a
     * slow loop's resolved jump ask. A load pulsing faster than the loop puts samples of its lows among its highs, so
     * the levels' averages step where the current never held a new level, and the model, holding each sampled current
     * for a whole period, predicts RC moves the cells never made (oracle seed 5290868 at 250 ms: pulses of 2.26 A
     * with 182 ms lows, a low sample in the middle level read as a +1.16 A step; fix23bg).
     */
    private boolean oldLevelHolds(long now) {
        long start = now - windowNanos;
        long middle = now - windowNanos / 2;
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (int k = 0; k < size; k++) {
            int i = index(k);
            long t = nanos[i];
            if (t > start - periodNanos / 2 && t <= middle) {
                low = Math.min(low, amps[i]);
                high = Math.max(high, amps[i]);
            }
        }
        return high - low < stepAmps;
    }

    /**
     * At a slow loop, the step under judgement as the samples resolve it. The samples cannot tell a current held
     * between them from pulses shorter than the loop, so the model's RC pairs, run as if each sampled current held for
     * a whole period, may predict a move the cells never had cause to make (oracle seed 4954572). What a sample does
     * resolve is R0: a cell's voltage and the current are read at the same instant, so a real change of the current
     * between two samples moves every cell by R0 times it between the same two samples, whatever the current did in
     * between. The samples of the old level (back from the step while the reading holds within
     * {@code currentResponseStepAmps}, up to a span) and of the new level (from the step to now, which must hold
     * within that too, else the step is dropped) are fitted, the reading and each cell, by a step and one line across
     * both (the trend); the cells' median step must fall short of {@code currentResponseFollowFraction} of R0 times the
     * reading's step its way. Before fix23bi the step was judged once, on the four samples about it (1.5 (c - b) +
     * 0.5 (a - d): one sample's noise times 2.2 a cell), which lost s02 on about one noise draw in ten at 600-1000 ms.
     * That is judged only where R0 times the step lies at least {@code currentResponseNoiseSigmas} standard deviations
     * of the cells' median step beyond the threshold, the deviation taken from the cells' own residuals about their
     * fits: below that the samples cannot tell following from noise (oracle seed 5320764; fix23bg).
     */
    private boolean fittedStepNotFollowed(int cells) {
        int first = -1;
        for (int k = 0; k < size; k++) {
            if (nanos[index(k)] == stepNanos) {
                first = k;
                break;
            }
        }
        if (first < 1) {
            stepNanos = Long.MIN_VALUE;
            return false;
        }
        double lowNew = Double.MAX_VALUE;
        double highNew = -Double.MAX_VALUE;
        for (int k = first; k < size; k++) {
            lowNew = Math.min(lowNew, amps[index(k)]);
            highNew = Math.max(highNew, amps[index(k)]);
        }
        if (highNew - lowNew >= stepAmps) {
            // the new level did not hold: no step
            stepNanos = Long.MIN_VALUE;
            return false;
        }
        // as many samples of the old level as of the new, so the fit is symmetric about the step: a steady curvature
        // (a relaxation slowing down) then moves no step, as the four-sample judgement's did not
        int news = size - first;
        int oldFrom = first;
        double lowOld = Double.MAX_VALUE;
        double highOld = -Double.MAX_VALUE;
        for (int k = first - 1; k >= 0 && first - k <= news; k--) {
            double a = amps[index(k)];
            if (Math.max(highOld, a) - Math.min(lowOld, a) >= stepAmps) {
                break;
            }
            lowOld = Math.min(lowOld, a);
            highOld = Math.max(highOld, a);
            oldFrom = k;
        }
        int n = first - oldFrom;
        if (n < 2) {
            return false;
        }
        int to = first + n;
        double jump = fittedStep(amps, oldFrom, first, to);
        if (stepSign * jump < stepAmps) {
            return false;
        }
        double squares = 0;
        for (int c = 0; c < cells; c++) {
            perCell[c] = fittedStep(volts[c], oldFrom, first, to);
            squares += fitResiduals;
        }
        double cellStep = median(cells);
        double r0Part = r0Now * jump;
        // one sample's noise from the cells' residuals (each fit spends three degrees of freedom); a fitted step
        // scatters by that times sqrt(1 / olds + 1 / news + lever^2 / Sxx), the median of the cells by sqrt(pi / 2) of
        // that over sqrt(cells)
        double sampleSigma = Math.sqrt(squares / (cells * (2 * n - 3.0)));
        double medianSigma =
                sampleSigma * fittedStepScale(oldFrom, first, to) * Math.sqrt(Math.PI / 2) / Math.sqrt(cells);
        if ((1 - follow) * Math.abs(r0Part) < noiseSigmas * medianSigma) {
            return false;
        }
        return stepSign * cellStep < follow * Math.abs(r0Part);
    }

    /**
     * The step of one kept series between the old level (kept samples {@code oldFrom} to {@code first - 1}) and the new
     * (from {@code first} to the last), fitted with one line across both: the difference of the levels' means less the
     * line's slope (pooled within the levels) over the time between them. Leaves the residual sum of squares in
     * {@link #fitResiduals}.
     */
    private double fittedStep(double[] series, int oldFrom, int first, int to) {
        double xOld = meanSeconds(oldFrom, first);
        double xNew = meanSeconds(first, to);
        double yOld = mean(series, oldFrom, first);
        double yNew = mean(series, first, to);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int k = oldFrom; k < to; k++) {
            int i = index(k);
            double dx = seconds(i) - (k < first ? xOld : xNew);
            double dy = series[i] - (k < first ? yOld : yNew);
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        fitResiduals = Math.max(0, syy - slope * sxy);
        return (yNew - yOld) - slope * (xNew - xOld);
    }

    /** How a fitted step's scatter stands to one sample's: sqrt(1 / olds + 1 / news + lever^2 / Sxx). */
    private double fittedStepScale(int oldFrom, int first, int to) {
        double xOld = meanSeconds(oldFrom, first);
        double xNew = meanSeconds(first, to);
        double sxx = 0;
        for (int k = oldFrom; k < to; k++) {
            double dx = seconds(index(k)) - (k < first ? xOld : xNew);
            sxx += dx * dx;
        }
        double lever = xNew - xOld;
        return Math.sqrt(1.0 / (first - oldFrom) + 1.0 / (to - first) + (sxx > 0 ? lever * lever / sxx : 0));
    }

    /** A kept sample's time from the step under judgement, s. */
    private double seconds(int i) {
        return (nanos[i] - stepNanos) / 1e9;
    }

    private double meanSeconds(int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += seconds(index(k));
        }
        return sum / (to - from);
    }

    private double mean(double[] series, int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += series[index(k)];
        }
        return sum / (to - from);
    }

    /**
     * Every cell stepping one way beyond the model, holding, with no reading step: the reading stays within
     * {@code currentResponseStepAmps} over the whole span (a pulse the reading shows is no unread step), and the
     * margin takes {@code currentResponseModelDoubt} of the model's whole excursion over the span, since each cell is
     * judged on its extreme samples.
     */
    private boolean judgeUnreadStep(long now, int cells) {
        double step = secondDifference(amps, now);
        double lowAmps = Double.MAX_VALUE;
        double highAmps = -Double.MAX_VALUE;
        double lowModel = Double.MAX_VALUE;
        double highModel = -Double.MAX_VALUE;
        for (int k = spanFrom(now); k < size; k++) {
            int i = index(k);
            lowAmps = Math.min(lowAmps, amps[i]);
            highAmps = Math.max(highAmps, amps[i]);
            lowModel = Math.min(lowModel, model[i]);
            highModel = Math.max(highModel, model[i]);
        }
        if (highAmps - lowAmps >= stepAmps) {
            return false;
        }
        double predicted = secondDifference(model, now);
        double mean = 0;
        for (int c = 0; c < cells; c++) {
            mean += secondDifference(volts[c], now) - predicted;
        }
        double sign = Math.signum(mean);
        if (sign == 0) {
            return false;
        }
        double threshold = minVolts + doubt * Math.max(Math.abs(predicted), highModel - lowModel);
        double least = Double.MAX_VALUE;
        for (int c = 0; c < cells; c++) {
            least = Math.min(least, heldStepBeyondModel(c, sign, now));
        }
        stepReadAmps = step;
        predictedVolts = predicted;
        cellVolts = sign * least;
        thresholdVolts = sign * threshold;
        return least > threshold && stepFitsBetterThanBend(now, cells);
    }

    /**
     * The cells' move beyond the model is a step, not a bend: over the span each cell's excess over the model is fitted
     * both by a line with a step (the level jumps between two samples, holding two or more after, and goes on at the old
     * slope) and by a line that bends once (continuous, its slope changing at a sample or midway between two), each at
     * its best place, and the step's residual sum of squares, summed over the cells, must be the smaller. Both fits
     * spend four parameters (a level, a slope, the step or the slope's change, and its place), so the smaller residual
     * is the likelier shape under the same noise: no threshold. A healthy cell crossing the OCV table's corner (the
     * NCM811 presets' bottom knee at SOC 0.010, 51 V per unit SOC below, 0.79 above) bends from falling 0.23 to 14.7
     * mV/s at 1 C, which the second difference, carrying the first half's trend, read as a step of up to 14.5 mV
     * (DischargeThroughEmptyFalseAlarmTest; fix23bn); an unread step moves every cell by R0 times it between two
     * samples.
     */
    private boolean stepFitsBetterThanBend(long now, int cells) {
        int from = spanFrom(now);
        int n = size - from;
        if (n < 5) {
            return true;
        }
        double stepSquares = 0;
        double bendSquares = 0;
        for (int c = 0; c < cells; c++) {
            double bestStep = Double.MAX_VALUE;
            double bestBend = Double.MAX_VALUE;
            for (int p = from + 2; p <= size - 2; p++) {
                bestStep = Math.min(bestStep, residualSquares(c, from, now, p, Double.NaN));
            }
            for (int q = from + 1; q <= size - 2; q++) {
                double at = (nanos[index(q)] - now) / 1e9;
                double before = (nanos[index(q - 1)] - now) / 1e9;
                bestBend = Math.min(bestBend, residualSquares(c, from, now, -1, at));
                bestBend = Math.min(bestBend, residualSquares(c, from, now, -1, (at + before) / 2));
            }
            stepSquares += bestStep;
            bendSquares += bestBend;
        }
        return stepSquares < bendSquares;
    }

    /**
     * The residual sum of squares of cell {@code c}'s excess over the model (kept samples {@code from} to the last),
     * fitted by a line and one more column: a step from kept sample {@code stepAt} on (when {@code bendAt} is NaN), or
     * a bend {@code max(0, t - bendAt)} (t in seconds before {@code now}).
     */
    private double residualSquares(int c, int from, long now, int stepAt, double bendAt) {
        int n = size - from;
        double mx = 0;
        double my = 0;
        double mg = 0;
        for (int k = from; k < size; k++) {
            int i = index(k);
            double x = (nanos[i] - now) / 1e9;
            mx += x;
            my += volts[c][i] - model[i];
            mg += column(k, x, stepAt, bendAt);
        }
        mx /= n;
        my /= n;
        mg /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        double sgx = 0;
        double sgy = 0;
        double sgg = 0;
        for (int k = from; k < size; k++) {
            int i = index(k);
            double x = (nanos[i] - now) / 1e9;
            double dx = x - mx;
            double dy = volts[c][i] - model[i] - my;
            double dg = column(k, x, stepAt, bendAt) - mg;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
            sgx += dg * dx;
            sgy += dg * dy;
            sgg += dg * dg;
        }
        if (!(sxx > 0)) {
            return syy;
        }
        double lineSquares = syy - sxy * sxy / sxx;
        double gy = sgy - sgx * sxy / sxx;
        double gg = sgg - sgx * sgx / sxx;
        return Math.max(0, gg > 1e-18 ? lineSquares - gy * gy / gg : lineSquares);
    }

    private static double column(int k, double x, int stepAt, double bendAt) {
        if (Double.isNaN(bendAt)) {
            return k >= stepAt ? 1 : 0;
        }
        return Math.max(0, x - bendAt);
    }

    /**
     * Cell {@code c}'s step beyond the model in direction {@code sign}, on the envelope least favourable to a step:
     * the end level the least of the end region (at least the last two samples: the new level must hold), the middle
     * level the most of its region, the start level the least of its region.
     */
    private double heldStepBeyondModel(int c, double sign, long now) {
        long start = now - windowNanos;
        long middle = now - windowNanos / 2;
        long levelSpan = (long) (windowNanos * LEVEL_FRACTION);
        double ys = Double.MAX_VALUE;
        double ym = -Double.MAX_VALUE;
        double ye = Double.MAX_VALUE;
        double ts = 0;
        double tm = 0;
        double te = 0;
        int ns = 0;
        int nm = 0;
        int ne = 0;
        long endFrom = Math.min(now - levelSpan / 2, size >= 2 ? nanos[index(size - 2)] : now);
        for (int k = 0; k < size; k++) {
            int i = index(k);
            double y = sign * (volts[c][i] - model[i]);
            long t = nanos[i];
            if (t <= start + levelSpan && t > start - periodNanos / 2) {
                ys = Math.min(ys, y);
                ts += t - start;
                ns++;
            }
            if (t <= middle && t >= middle - levelSpan) {
                ym = Math.max(ym, y);
                tm += t - start;
                nm++;
            }
            if (t >= endFrom) {
                ye = Math.min(ye, y);
                te += t - start;
                ne++;
            }
        }
        if (ns == 0 || nm == 0 || ne == 0) {
            return -Double.MAX_VALUE;
        }
        return secondDifference(ys, ts / ns, ym, tm / nm, ye, te / ne);
    }

    /** The second difference of one kept series (the reading, the model or a cell), its levels averaged. */
    private double secondDifference(double[] series, long now) {
        long start = now - windowNanos;
        long middle = now - windowNanos / 2;
        long levelSpan = (long) (windowNanos * LEVEL_FRACTION);
        double ys = 0;
        double ym = 0;
        double ye = 0;
        double ts = 0;
        double tm = 0;
        double te = 0;
        int ns = 0;
        int nm = 0;
        int ne = 0;
        for (int k = 0; k < size; k++) {
            int i = index(k);
            double y = series[i];
            long t = nanos[i];
            if (t <= start + levelSpan && t > start - periodNanos / 2) {
                ys += y;
                ts += t - start;
                ns++;
            }
            if (t <= middle && t >= middle - levelSpan) {
                ym += y;
                tm += t - start;
                nm++;
            }
            if (t >= now - levelSpan / 2) {
                ye += y;
                te += t - start;
                ne++;
            }
        }
        if (ns == 0 || nm == 0 || ne == 0) {
            return 0;
        }
        return secondDifference(ys / ns, ts / ns, ym / nm, tm / nm, ye / ne, te / ne);
    }

    /** The move from the middle level to the end level less the first half's trend carried over that time. */
    private static double secondDifference(double ys, double ts, double ym, double tm, double ye, double te) {
        if (!(tm > ts)) {
            return 0;
        }
        return (ye - ym) - (ym - ys) * (te - tm) / (tm - ts);
    }

    /** The median of the first {@code n} values of {@link #perCell} (sorted in place). */
    private double median(int n) {
        for (int i = 1; i < n; i++) {
            double x = perCell[i];
            int j = i - 1;
            while (j >= 0 && perCell[j] > x) {
                perCell[j + 1] = perCell[j];
                j--;
            }
            perCell[j + 1] = x;
        }
        return n % 2 == 1 ? perCell[n / 2] : (perCell[n / 2 - 1] + perCell[n / 2]) / 2;
    }

    /**
     * The first kept sample of the span ending {@code now}: the last at or before its start, as the oldest kept sample
     * is where no more than the span is kept (at a loop of half the window or slower two spans are kept).
     */
    private int spanFrom(long now) {
        int k = 0;
        while (k + 1 < size && nanos[index(k + 1)] <= now - windowNanos) {
            k++;
        }
        return k;
    }

    private int index(int k) {
        return Math.floorMod(head - size + k, ring);
    }

    private void keep(long now, double reading, double polarisation, double[] cellVolts) {
        if (size == ring) {
            size--;
        }
        nanos[head] = now;
        amps[head] = reading;
        model[head] = polarisation;
        for (int c = 0; c < cellVolts.length; c++) {
            volts[c][head] = cellVolts[c];
        }
        head = (head + 1) % ring;
        size++;
    }
}
