package org.qsebms.estimators.resistance;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Online R0 per cell by scalar recursive least squares with exponential forgetting on current
 * steps: between consecutive samples {@code dV = R0(T) dI} holds for the ohmic part when the step
 * is fast against the RC time constants. The regressor is scaled by the model's Arrhenius factor,
 * so the estimate is R0 normalised to 25 °C. Steps smaller than {@code minStepAmps} are ignored.
 * No allocation per update.
 */
public final class RlsR0Estimator {
    private final EcmParameters model;
    private final double forgetting;
    private final double minStepAmps;
    private final double noiseVariance;
    private final double[] r0At25Ohms;
    private final double[] gain;
    private final double[] lastVolts;
    private double lastAmps = Double.NaN;

    /**
     * @param model       prior R0 and temperature law
     * @param forgetting  lambda in (0, 1]; 0.995 remembers about 200 steps
     * @param minStepAmps current steps below this carry too little information
     */
    public RlsR0Estimator(EcmParameters model, int cellCount, double forgetting, double minStepAmps) {
        this(model, cellCount, forgetting, minStepAmps, 1.0);
    }

    /**
     * As above, with the noise of one voltage step {@code dV} (about sqrt(2) times the cell
     * voltage noise): the gain then weighs the R0 prior (50 %) against that noise, so the
     * estimate converges in a few steps and {@link #cellR0SigmaOhms} is a real standard deviation.
     * The four-argument form uses 1 V, which makes the prior dominate for many steps.
     */
    public RlsR0Estimator(
            EcmParameters model, int cellCount, double forgetting, double minStepAmps, double stepNoiseSigmaVolts) {
        if (!(stepNoiseSigmaVolts > 0)) {
            throw new IllegalArgumentException("step noise must be > 0 V, got " + stepNoiseSigmaVolts);
        }
        this.noiseVariance = stepNoiseSigmaVolts * stepNoiseSigmaVolts;
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new IllegalArgumentException("forgetting must be in (0, 1], got " + forgetting);
        }
        this.model = model;
        this.forgetting = forgetting;
        this.minStepAmps = minStepAmps;
        this.r0At25Ohms = new double[cellCount];
        this.gain = new double[cellCount];
        this.lastVolts = new double[cellCount];
        Arrays.fill(r0At25Ohms, model.r0Ohms());
        // prior: R0 known to about 50 % for a 1 A step
        Arrays.fill(gain, Math.pow(0.5 * model.r0Ohms(), 2));
    }

    public void update(double packAmps, double[] cellVolts, double[] cellCelsius) {
        update(packAmps, cellVolts, cellCelsius, null);
    }

    /**
     * One step with each cell's SOC ({@code null} when unknown): the step's resistance is then
     * referred to the model's nominal SOC through its resistance-versus-SOC table as well as to
     * 25 °C, so a cell's R0 does not seem to grow just because it was measured near empty.
     */
    public void update(double packAmps, double[] cellVolts, double[] cellCelsius, double[] cellSoc) {
        double dI = packAmps - lastAmps;
        boolean step = Math.abs(dI) >= minStepAmps;
        for (int i = 0; i < r0At25Ohms.length; i++) {
            if (step) {
                double socFactor = cellSoc == null ? 1.0 : model.socFactor(cellSoc[i], cellCelsius[i]);
                double phi = dI * model.resistanceFactor(cellCelsius[i]) * socFactor;
                double dV = cellVolts[i] - lastVolts[i];
                double p = gain[i];
                double k = p * phi / (forgetting * noiseVariance + phi * p * phi);
                r0At25Ohms[i] = Math.max(1e-6, r0At25Ohms[i] + k * (dV - phi * r0At25Ohms[i]));
                gain[i] = (p - k * phi * p) / forgetting;
            }
            lastVolts[i] = cellVolts[i];
        }
        lastAmps = packAmps;
    }

    /** Restores a persisted R0 (normalised to 25 °C) with its one-sigma uncertainty (ohm). */
    public void restore(int cell, double r0At25, double sigmaOhms) {
        if (Double.isFinite(r0At25) && r0At25 > 0) {
            r0At25Ohms[cell] = r0At25;
        }
        if (Double.isFinite(sigmaOhms) && sigmaOhms > 0) {
            gain[cell] = sigmaOhms * sigmaOhms;
        }
    }

    /** R0 of the cell normalised to 25 °C. */
    public double cellR0At25Ohms(int cell) {
        return r0At25Ohms[cell];
    }

    /** Standard deviation of the R0 estimate (ohm), from the RLS gain. */
    public double cellR0SigmaOhms(int cell) {
        return Math.sqrt(gain[cell]);
    }
}
