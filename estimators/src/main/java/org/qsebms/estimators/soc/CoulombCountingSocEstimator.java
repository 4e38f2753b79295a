package org.qsebms.estimators.soc;

import org.qsebms.estimators.model.OcvCurve;

/**
 * Per-cell SOC by coulomb counting, (re)initialised from the OCV whenever the cell has rested
 * long enough for its voltage to relax. The simplest honest estimator; the Kalman filter builds
 * on the same seam ({@link SocEstimator}).
 */
final class CoulombCountingSocEstimator implements SocEstimator {
    private final OcvCurve ocv;
    private final double[] capacityAh;
    private final double[] soc;
    private final double restAmps;
    private final double restSecondsForOcv;
    private double restedSeconds;
    private boolean initialised;

    /**
     * @param ocv               OCV curve used to initialise SOC after rest
     * @param capacityAh        capacity of every cell
     * @param restAmps          current magnitude below which the pack counts as resting
     * @param restSecondsForOcv rest needed before the OCV is trusted
     */
    public CoulombCountingSocEstimator(OcvCurve ocv, double[] capacityAh, double restAmps, double restSecondsForOcv) {
        this.ocv = ocv;
        this.capacityAh = capacityAh.clone();
        this.soc = new double[capacityAh.length];
        this.restAmps = restAmps;
        this.restSecondsForOcv = restSecondsForOcv;
    }

    @Override
    public void update(double packAmps, double[] cellVolts, double[] cellCelsius, double dtSeconds) {
        if (!initialised) {
            initialiseFromOcv(cellVolts, cellCelsius);
            initialised = true;
            return;
        }
        if (Math.abs(packAmps) <= restAmps) {
            restedSeconds += dtSeconds;
            if (restedSeconds >= restSecondsForOcv) {
                initialiseFromOcv(cellVolts, cellCelsius);
                restedSeconds = 0;
            }
        } else {
            restedSeconds = 0;
        }
        for (int i = 0; i < soc.length; i++) {
            double s = soc[i] + packAmps * dtSeconds / (3600.0 * capacityAh[i]);
            soc[i] = Math.max(0.0, Math.min(1.0, s));
        }
    }

    private void initialiseFromOcv(double[] cellVolts, double[] cellCelsius) {
        for (int i = 0; i < soc.length; i++) {
            soc[i] = ocv.socAt(cellVolts[i], cellCelsius[i]);
        }
    }

    @Override
    public int cellCount() {
        return soc.length;
    }

    @Override
    public double cellSoc(int cell) {
        return soc[cell];
    }

    @Override
    public double cellSocBound3Sigma(int cell) {
        return Double.NaN;
    }

    @Override
    public void setCellSoc(int cell, double value) {
        soc[cell] = Math.max(0.0, Math.min(1.0, value));
        initialised = true;
    }
}
