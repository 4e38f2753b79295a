package org.qsebms.estimators.softshort;

import org.qsebms.estimators.model.EcmParameters;

/**
 * Abrupt voltage drops of one cell that its neighbours, carrying the same series current, do not
 * show (a micro-short event). Each tick the step change of every cell voltage is compared with
 * the string median step; what is left after the cell's own resistance difference (learned by
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
 */
final class VoltageDropCue {
    /** Time constant (s) of the learned per-cell resistance difference. */
    private static final double RESISTANCE_MEMORY_SECONDS = 3600;
    /** Smallest accumulated squared current step (A^2) before a resistance difference is used. */
    private static final double MIN_CURRENT_STEP_ENERGY = 0.01;

    private final VoltageDropSettings settings;
    private final int cells;
    private final double cellOhms;
    private final StringMedian median;
    private final double[] previousVolts;
    private final double[] stepVolts;
    private final double[] stepTimesCurrentStep;
    private final boolean[] falling;
    private final double[] decayedDrops;
    private final long[] drops;
    private final double[] largestDropVolts;
    private double currentStepEnergy;
    private double previousAmps;
    private boolean primed;

    VoltageDropCue(EcmParameters cell, int cells, VoltageDropSettings settings) {
        this.settings = settings;
        this.cells = cells;
        this.cellOhms = cell.r0Ohms() + cell.r1Ohms() + cell.r2Ohms();
        this.median = new StringMedian(cells);
        this.previousVolts = new double[cells];
        this.stepVolts = new double[cells];
        this.stepTimesCurrentStep = new double[cells];
        this.falling = new boolean[cells];
        this.decayedDrops = new double[cells];
        this.drops = new long[cells];
        this.largestDropVolts = new double[cells];
    }

    void update(double packAmps, double[] cellVolts, double dtSeconds) {
        if (!primed) {
            System.arraycopy(cellVolts, 0, previousVolts, 0, cells);
            previousAmps = packAmps;
            primed = true;
            return;
        }
        double currentStep = packAmps - previousAmps;
        previousAmps = packAmps;
        for (int i = 0; i < cells; i++) {
            stepVolts[i] = cellVolts[i] - previousVolts[i];
            previousVolts[i] = cellVolts[i];
        }
        double commonStep = median.of(stepVolts);
        double dropDecay = Math.exp(-dtSeconds / settings.windowSeconds());
        double memory = Math.exp(-dtSeconds / RESISTANCE_MEMORY_SECONDS);
        double bound = settings.dropVolts() + settings.resistanceMargin() * cellOhms * Math.abs(currentStep);
        double stepEnergy = currentStepEnergy * memory + currentStep * currentStep;
        for (int i = 0; i < cells; i++) {
            double ownStep = stepVolts[i] - commonStep;
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
            if (!drop && resistive) {
                stepTimesCurrentStep[i] = stepTimesCurrentStep[i] * memory + ownStep * currentStep;
            } else {
                stepTimesCurrentStep[i] *= memory;
            }
        }
        currentStepEnergy = stepEnergy;
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
