package org.qsebms.estimators.health;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;
import org.qsebms.estimators.model.SlowPolarisation;

/**
 * The polarisation each cell's own balancing bleed holds across it, stepped with the estimators' cell model: the
 * bleed over R0 at once, through the first pair with the preset's lithium interface law in place of its line R1 (the
 * line where the preset has none; at a bleed's tens of milliamps the QSE interface drops several times what R1 says,
 * docs/estimation.md "A rest read while its cell bleeds"), through the second pair's R2 and, where the preset has one,
 * through its slow branch, each pair with its time constant at the cell's temperature and every resistance times the
 * cell's Arrhenius factor. A rest read while a cell bleeds adds this back to its voltage. Current is the bleed's
 * magnitude ({@code >= 0}); a bleed that stopped leaves the pairs' part to relax as the cell's does. No allocation
 * per update.
 */
final class BleedPolarisation {
    private final EcmParameters cell;
    private final LithiumInterface lithium;
    private final boolean withLaw;
    private final SlowPolarisation slow;
    private final double[] bleedAmps;
    private final double[] factor;
    private final double[] firstPairVolts;
    private final double[] secondPairVolts;
    private final double[] slowBranchVolts;

    /**
     * @param cell    the estimators' cell (its R1, R2, slow branch, time constants and temperature law)
     * @param lithium the cell's lithium interface law ({@link LithiumInterface#NONE}: the first pair's line R1)
     * @param cells   the number of cells
     */
    BleedPolarisation(EcmParameters cell, LithiumInterface lithium, int cells) {
        this.cell = cell;
        this.lithium = lithium;
        this.withLaw = !lithium.equals(LithiumInterface.NONE);
        this.slow = cell.slowPolarisation();
        this.bleedAmps = new double[cells];
        this.factor = new double[cells];
        Arrays.fill(factor, 1.0);
        this.firstPairVolts = new double[cells];
        this.secondPairVolts = new double[cells];
        this.slowBranchVolts = new double[cells];
    }

    /**
     * Steps cell {@code i}'s bleed over {@code dtSeconds}.
     *
     * @param amps    the cell's bleed over the step (A, {@code >= 0})
     * @param celsius the cell's temperature (°C)
     * @param soc     the cell's SOC, for the slow branch's resistance (unused without one; not a number: the branch
     *     holds)
     */
    void step(int i, double amps, double celsius, double soc, double dtSeconds) {
        // a sample not a number (a reading lost in a replayed log) steps nothing: once in the pairs' state it would
        // stay there, and every later bled rest would be read with a NaN drop
        if (!(amps >= 0 && amps < Double.POSITIVE_INFINITY) || !Double.isFinite(celsius)) {
            return;
        }
        double f = cell.resistanceFactor(celsius);
        factor[i] = f;
        bleedAmps[i] = amps;
        double a1 = Math.exp(-dtSeconds / cell.tau1SecondsAt(celsius));
        double a2 = Math.exp(-dtSeconds / cell.tau2SecondsAt(celsius));
        double firstPair = withLaw ? lithium.volts(amps) : amps * cell.r1Ohms();
        firstPairVolts[i] = a1 * firstPairVolts[i] + (1 - a1) * f * firstPair;
        secondPairVolts[i] = a2 * secondPairVolts[i] + (1 - a2) * f * amps * cell.r2Ohms();
        if (!slow.isNone() && Double.isFinite(soc)) {
            double a3 = slow.decay(dtSeconds);
            slowBranchVolts[i] = a3 * slowBranchVolts[i] + (1 - a3) * f * amps * slow.ohmsAt(soc);
        }
    }

    /** Whether the preset has a slow branch, whose resistance needs the cell's SOC. */
    boolean needsSoc() {
        return !slow.isNone();
    }

    /** The drop (V) cell {@code i}'s bleed holds across it now, with {@code r0At25Ohms} its R0 at 25 °C. */
    double volts(int i, double r0At25Ohms) {
        return factor[i] * bleedAmps[i] * r0At25Ohms + firstPairVolts[i] + secondPairVolts[i] + slowBranchVolts[i];
    }
}
