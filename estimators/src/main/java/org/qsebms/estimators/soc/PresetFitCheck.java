package org.qsebms.estimators.soc;

/**
 * Per cell, whether its preset fits it: at every current step of at least
 * {@link EkfTuning#mismatchStepC()} within one sample, the voltage step the cell shows is compared
 * with the one the filter's model predicted over the same sample ({@code predicted} before the
 * correction: the R0 drop and the RC pairs' response). Their ratio over all steps so far (least
 * squares, {@code sum dV dP / sum dP^2}) is what the cell's resistances are over the preset's. A
 * characterised cell shows 0.3-1.5 (docs/estimation.md, "A preset of another cell"); a cell run
 * with another cell's preset showed 5-19 (NASA B0005 with psoa-ncm811). Beyond
 * {@link EkfTuning#mismatchResistanceRatio()} (either way) the cell is {@link #mismatched}: its
 * preset's model is another cell's, and what the voltage told the filter cannot be trusted
 * ({@code CellNoiseModel} then bounds the SOC by the charge counted from the start). Within the
 * limit the ratio's distance from 1 beyond its own scatter ({@link #resistanceMisfit}) is still
 * carried into the bound as a resistance error: the NCA recipe's preset on a NASA cell shows 1.7-1.9,
 * which no limit of 4 can call another cell's, but which a constant-current discharge turns into
 * 6-8 % of SOC error. (The LFP logs' own preset read 0.27-0.48 while the pulse fit could put a pair
 * below the 1 s sample interval; held at least at it, 0.80-1.33: docs/estimation.md, "A fast pair
 * below the sample interval".)
 *
 * <p>The innovations are not the evidence: the filter reads a voltage another cell's model cannot
 * explain as SOC, so its innovations stay the size of a fitting preset's (docs/estimation.md has the
 * figures). The filter's learnt R0 scale is not either: its random walk (5 % per sqrt(hour)) and its
 * clamp (3) cannot follow a resistance 40 times the preset's. Every array is allocated in the
 * constructor; nothing here allocates afterwards.
 */
final class PresetFitCheck {
    /**
     * A ratio within this many of its standard errors of 1 is no misfit: the bound's own three sigmas,
     * as for the innovations' bias ({@code CellNoiseModel#learnInnovation}).
     */
    static final double MISFIT_SIGMAS = 3.0;

    private final double minStepAmps;
    private final double ratioLimit;
    private final boolean[] seen;
    private final double[] lastAmps;
    private final double[] lastVolts;
    private final double[] lastPredicted;
    private final double[] measuredTimesPredicted;
    private final double[] predictedSquared;
    private final double[] measuredSquared;
    private final int[] steps;

    PresetFitCheck(EkfTuning tuning, double capacityAh, int cellCount) {
        this.minStepAmps = tuning.mismatchStepC() * capacityAh;
        this.ratioLimit = tuning.mismatchResistanceRatio();
        this.seen = new boolean[cellCount];
        this.lastAmps = new double[cellCount];
        this.lastVolts = new double[cellCount];
        this.lastPredicted = new double[cellCount];
        this.measuredTimesPredicted = new double[cellCount];
        this.predictedSquared = new double[cellCount];
        this.measuredSquared = new double[cellCount];
        this.steps = new int[cellCount];
    }

    /**
     * One sample of cell {@code i}: the current, the measured voltage and the voltage the model
     * predicted for it before the correction.
     */
    void observe(int i, double amps, double volts, double predicted) {
        if (seen[i] && Math.abs(amps - lastAmps[i]) >= minStepAmps) {
            double dp = predicted - lastPredicted[i];
            double dv = volts - lastVolts[i];
            measuredTimesPredicted[i] += dv * dp;
            predictedSquared[i] += dp * dp;
            measuredSquared[i] += dv * dv;
            steps[i]++;
        }
        seen[i] = true;
        lastAmps[i] = amps;
        lastVolts[i] = volts;
        lastPredicted[i] = predicted;
    }

    /** A new start of cell {@code i} (a new SOC): the next sample has no previous one to step from. */
    void restart(int i) {
        seen[i] = false;
    }

    /**
     * Cell {@code i}'s voltage steps over the model's (least squares over the current steps so far);
     * 1 before any step.
     */
    double resistanceRatio(int i) {
        return predictedSquared[i] > 0 ? measuredTimesPredicted[i] / predictedSquared[i] : 1.0;
    }

    /**
     * Cell {@code i}'s relative resistance misfit as its steps show it: the part of {@code |ratio - 1|}
     * beyond {@link #MISFIT_SIGMAS} standard errors of the ratio (from the steps' scatter about the
     * least-squares line; none with one step); 0 before any step, with the check off, and for a cell
     * the check calls {@link #mismatched} (whose bound is the charge counted from the start). It is one
     * sigma of the relative error of every resistance of the preset for this cell, which
     * {@code CellNoiseModel} carries into the bound by the consider analysis of a resistance error. A
     * misfit the check does not call another cell's (the NCA recipe's preset on a NASA cell: 0.7-0.9)
     * still moves the SOC under a steady current, where the filter reads the resistances' voltage as
     * SOC; a drive cycle's alternating current leaves it little SOC error.
     */
    double resistanceMisfit(int i) {
        if (ratioLimit == 0 || predictedSquared[i] == 0 || mismatched(i)) {
            return 0.0;
        }
        double q = resistanceRatio(i);
        double standardError = 0.0;
        if (steps[i] > 1) {
            double residualSquares = Math.max(0.0, measuredSquared[i] - q * measuredTimesPredicted[i]);
            standardError = Math.sqrt(residualSquares / ((steps[i] - 1) * predictedSquared[i]));
        }
        return Math.max(0.0, Math.abs(q - 1) - MISFIT_SIGMAS * standardError);
    }

    /** Whether cell {@code i}'s steps are beyond the limit either way: its preset is another cell's. */
    boolean mismatched(int i) {
        if (ratioLimit == 0) {
            return false;
        }
        double q = resistanceRatio(i);
        return q > ratioLimit || q * ratioLimit < 1;
    }
}
