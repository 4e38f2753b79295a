package org.qsebms.estimators.softshort;

import org.qsebms.estimators.model.EcmParameters;

/**
 * Abrupt voltage drops of one cell that its neighbours, carrying the same series current, do not
 * show (a micro-short event). Each tick the step change of every cell voltage is compared with
 * the string median step (on two cells the other cell's: their mean would halve a drop; a lone cell shows
 * nothing); what is left after the cell's own resistance difference (learned by
 * forgetting least squares on the current steps) must stay within the noise and a resistance
 * margin. A fall beyond that counts as one drop on its falling edge; the count decays with the
 * window time constant, so it reads as "drops within about the last window".
 *
 * <p>What a micro-short can do bounds both the drop and the resistance fit. A short of at least
 * {@link VoltageDropSettings#minShortOhms()} draws at most {@code V / Rshort} through the cell's
 * resistance R, so its drop is at most {@code V * R / (Rshort + R)}: a larger fall (a reading
 * offset by a sensor or channel fault, a hard short) is not counted here; the voltage limits and
 * the sensor plausibility checks handle it. A step, either way, larger than the noise bound plus a
 * whole cell resistance times the current step is not a resistance difference, so it never enters
 * the fit (a sensor step that coincides with a small current step would otherwise teach a
 * resistance difference of ohms, and every later current step of a few mA would read as a drop),
 * and the learned difference is held within plus or minus R.
 *
 * <p>Temperature and relaxation: every resistance is the preset's at the cell's temperature (its
 * Arrhenius factor, {@link EcmParameters#resistanceFactor(double)}), and a current step is allowed
 * for not only on its own sample but over the relaxation that follows it: each cell carries the
 * current through the preset's two RC pairs with their time constants at its temperature, and the
 * sample's allowance is the larger of the whole resistance times the current step (the step's own
 * sample, as before) and R0 times the step plus each pair's change of voltage over the sample. The
 * pack current's part is a difference between cells, so it enters with the resistance margin; a
 * cell's own balancing bleed is a current its neighbours do not carry, so its whole response is
 * allowed. A cold cell at rest bleeding at a 1 s period otherwise read as a drop on every switch-on
 * (issue 23: le-ncm811 at 0 °C, 21-27 mV against a 21 mV bound, each on a sample where the cell's
 * bleed switched on). A sample where a cell's own bleed changes does not enter its resistance fit.
 */
final class VoltageDropCue {
    /** Time constant (s) of the learned per-cell resistance difference. */
    private static final double RESISTANCE_MEMORY_SECONDS = 3600;
    /** Smallest accumulated squared current step (A^2) before a resistance difference is used. */
    private static final double MIN_CURRENT_STEP_ENERGY = 0.01;

    /** Temperature (°C) taken for every cell when none is given: the preset's reference. */
    private static final double REFERENCE_CELSIUS = 25.0;

    private final VoltageDropSettings settings;
    private final int cells;
    private final EcmParameters cell;
    private final double cellOhms;
    private final StringMedian median;
    private final double[] previousVolts;
    private final double[] stepVolts;
    /** Each cell's common step: the string median's, on two cells the other cell's (scratch). */
    private final double[] commonStepVolts;

    private final double[] stepTimesCurrentStep;
    private final boolean[] falling;
    private final double[] decayedDrops;
    private final long[] drops;
    private final double[] largestDropVolts;
    /** Per cell: the pack current through the first and second RC pair (A), and the cell's bleed likewise. */
    private final double[] packThroughPair1;

    private final double[] packThroughPair2;
    private final double[] bleedThroughPair1;
    private final double[] bleedThroughPair2;
    private final double[] previousBleedAmps;
    /** This sample's allowances per cell (V) and whether its bleed switched, kept between the two passes. */
    private final double[] packResponseVolts;

    private final double[] bleedResponseVolts;
    private final boolean[] bleedSwitched;
    private double currentStepEnergy;
    private double previousAmps;
    private boolean primed;

    VoltageDropCue(EcmParameters cell, int cells, VoltageDropSettings settings) {
        this.settings = settings;
        this.cells = cells;
        this.cell = cell;
        this.cellOhms = cell.r0Ohms() + cell.r1Ohms() + cell.r2Ohms();
        this.median = new StringMedian(cells);
        this.previousVolts = new double[cells];
        this.stepVolts = new double[cells];
        this.commonStepVolts = new double[cells];
        this.stepTimesCurrentStep = new double[cells];
        this.falling = new boolean[cells];
        this.decayedDrops = new double[cells];
        this.drops = new long[cells];
        this.largestDropVolts = new double[cells];
        this.packThroughPair1 = new double[cells];
        this.packThroughPair2 = new double[cells];
        this.bleedThroughPair1 = new double[cells];
        this.bleedThroughPair2 = new double[cells];
        this.previousBleedAmps = new double[cells];
        this.packResponseVolts = new double[cells];
        this.bleedResponseVolts = new double[cells];
        this.bleedSwitched = new boolean[cells];
    }

    /** No bleed, every cell at the preset's reference temperature. */
    void update(double packAmps, double[] cellVolts, double dtSeconds) {
        update(packAmps, cellVolts, null, null, dtSeconds);
    }

    /**
     * @param bleedAmps   each cell's balancing bleed current (A, >= 0); null for none
     * @param cellCelsius each cell's temperature (°C); null for the preset's reference, 25 °C
     */
    void update(double packAmps, double[] cellVolts, double[] bleedAmps, double[] cellCelsius, double dtSeconds) {
        if (!primed) {
            System.arraycopy(cellVolts, 0, previousVolts, 0, cells);
            previousAmps = packAmps;
            for (int i = 0; i < cells; i++) {
                double bleed = bleedAmps == null ? 0.0 : bleedAmps[i];
                packThroughPair1[i] = packAmps;
                packThroughPair2[i] = packAmps;
                bleedThroughPair1[i] = bleed;
                bleedThroughPair2[i] = bleed;
                previousBleedAmps[i] = bleed;
            }
            primed = true;
            return;
        }
        double currentStep = packAmps - previousAmps;
        previousAmps = packAmps;
        for (int i = 0; i < cells; i++) {
            stepVolts[i] = cellVolts[i] - previousVolts[i];
            previousVolts[i] = cellVolts[i];
        }
        // on two cells each against the other: the median of both is their mean, which halves a drop (check23r)
        median.references(stepVolts, commonStepVolts);
        double dropDecay = Math.exp(-dtSeconds / settings.windowSeconds());
        double memory = Math.exp(-dtSeconds / RESISTANCE_MEMORY_SECONDS);
        double stepEnergy = currentStepEnergy * memory + currentStep * currentStep;
        double largestBleedResponse = 0.0;
        for (int i = 0; i < cells; i++) {
            double celsius = cellCelsius == null ? REFERENCE_CELSIUS : cellCelsius[i];
            double factor = cell.resistanceFactor(celsius);
            double decay1 = Math.exp(-dtSeconds / cell.tau1SecondsAt(celsius));
            double decay2 = Math.exp(-dtSeconds / cell.tau2SecondsAt(celsius));
            double bleed = bleedAmps == null ? 0.0 : bleedAmps[i];
            double bleedStep = bleed - previousBleedAmps[i];
            bleedSwitched[i] = (bleed > 0) != (previousBleedAmps[i] > 0);
            previousBleedAmps[i] = bleed;
            double packPair1 = decay1 * packThroughPair1[i] + (1 - decay1) * packAmps;
            double packPair2 = decay2 * packThroughPair2[i] + (1 - decay2) * packAmps;
            double bleedPair1 = decay1 * bleedThroughPair1[i] + (1 - decay1) * bleed;
            double bleedPair2 = decay2 * bleedThroughPair2[i] + (1 - decay2) * bleed;
            double packResponse =
                    response(factor, currentStep, packPair1 - packThroughPair1[i], packPair2 - packThroughPair2[i]);
            double bleedResponse =
                    response(factor, bleedStep, bleedPair1 - bleedThroughPair1[i], bleedPair2 - bleedThroughPair2[i]);
            packThroughPair1[i] = packPair1;
            packThroughPair2[i] = packPair2;
            bleedThroughPair1[i] = bleedPair1;
            bleedThroughPair2[i] = bleedPair2;
            packResponseVolts[i] = packResponse;
            bleedResponseVolts[i] = bleedResponse;
            largestBleedResponse = Math.max(largestBleedResponse, bleedResponse);
        }
        for (int i = 0; i < cells; i++) {
            // the string median moves with the neighbours' own bleed responses too, by at most the largest;
            // and where the string rises as one (a current step up, read or not), a cell of lower resistance
            // rises less, by at most the whole rise (no cell has less than none): that shortfall is no drop
            double bound = settings.dropVolts()
                    + settings.resistanceMargin() * packResponseVolts[i]
                    + bleedResponseVolts[i]
                    + largestBleedResponse
                    + Math.max(0.0, commonStepVolts[i]);
            double ownStep = stepVolts[i] - commonStepVolts[i];
            double ohmsDifference = currentStepEnergy > MIN_CURRENT_STEP_ENERGY
                    ? Math.max(-cellOhms, Math.min(cellOhms, stepTimesCurrentStep[i] / currentStepEnergy))
                    : 0.0;
            double unexplained = ownStep - ohmsDifference * currentStep;
            double shortDropVolts = Math.abs(cellVolts[i]) * cellOhms / (settings.minShortOhms() + cellOhms);
            boolean drop = unexplained < -bound && unexplained >= -(bound + shortDropVolts);
            decayedDrops[i] *= dropDecay;
            if (drop && !falling[i]) {
                decayedDrops[i] += 1;
                drops[i]++;
                largestDropVolts[i] = Math.max(largestDropVolts[i], -unexplained);
            }
            falling[i] = drop;
            boolean resistive = Math.abs(ownStep) <= settings.dropVolts() + cellOhms * Math.abs(currentStep);
            if (!drop && resistive && !bleedSwitched[i]) {
                stepTimesCurrentStep[i] = stepTimesCurrentStep[i] * memory + ownStep * currentStep;
            } else {
                stepTimesCurrentStep[i] *= memory;
            }
        }
        currentStepEnergy = stepEnergy;
    }

    /**
     * The largest voltage change a current step and the relaxation after it can put on one sample, at
     * resistance factor {@code factor}: the whole resistance times the step (the step's own sample), or
     * R0 times the step plus each RC pair's change over the sample ({@code pair1Change}, {@code
     * pair2Change}: the change of the current through it), whichever is larger.
     */
    private double response(double factor, double step, double pair1Change, double pair2Change) {
        double relaxing = cell.r0Ohms() * Math.abs(step)
                + cell.r1Ohms() * Math.abs(pair1Change)
                + cell.r2Ohms() * Math.abs(pair2Change);
        return factor * Math.max(cellOhms * Math.abs(step), relaxing);
    }

    /**
     * A sample whose readings were not valid (a channel reported a fault) was skipped: the next valid
     * sample starts a new step instead of being compared with the reading from before the gap, so a
     * step that happened while the readings were not valid is never judged as a drop.
     */
    void skipSample() {
        primed = false;
    }

    /** Evidence toward a soft short: the decayed drop count over its threshold. */
    double evidence(int i) {
        return decayedDrops[i] / settings.dropsThreshold();
    }

    /** Drops counted, decayed with the window time constant. */
    double decayedDrops(int i) {
        return decayedDrops[i];
    }

    /** All drops counted since start. */
    long drops(int i) {
        return drops[i];
    }

    double largestDropVolts(int i) {
        return largestDropVolts[i];
    }
}
