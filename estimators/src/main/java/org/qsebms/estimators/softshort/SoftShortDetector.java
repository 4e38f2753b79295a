package org.qsebms.estimators.softshort;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Soft-short (dendrite) detection at rest. While the string rests, each cell's voltage drift is
 * fitted by running least squares (from {@code settleSeconds} after the current stopped); drift
 * common to all cells (relaxation, temperature) is removed by subtracting the median drift, and
 * the excess drop is turned into a self-discharge current through the OCV slope and capacity:
 * {@code I_sd = excess dV/dt / (dOCV/dSOC) * 3600 * Q}. A cell is flagged when that current exceeds
 * {@code thresholdAmps} and is at least {@code sigmas} standard errors above zero. No allocation
 * per update.
 */
public final class SoftShortDetector {
    private final EcmParameters cell;
    private final double restAmps;
    private final double settleSeconds;
    private final double thresholdAmps;
    private final double sigmas;
    private final int cells;
    private final double[] n;
    private final double[] st;
    private final double[] sv;
    private final double[] stt;
    private final double[] stv;
    private final double[] svv;
    private final double[] slope;
    private final double[] slopeSe;
    private final double[] scratch;
    private final double[] selfDischargeAmps;
    private final boolean[] flagged;
    private double restSeconds;

    public SoftShortDetector(EcmParameters cell, int cellCount, double restAmps, double settleSeconds,
            double thresholdAmps, double sigmas) {
        this.cell = cell;
        this.cells = cellCount;
        this.restAmps = restAmps;
        this.settleSeconds = settleSeconds;
        this.thresholdAmps = thresholdAmps;
        this.sigmas = sigmas;
        this.n = new double[cellCount];
        this.st = new double[cellCount];
        this.sv = new double[cellCount];
        this.stt = new double[cellCount];
        this.stv = new double[cellCount];
        this.svv = new double[cellCount];
        this.slope = new double[cellCount];
        this.slopeSe = new double[cellCount];
        this.scratch = new double[cellCount];
        this.selfDischargeAmps = new double[cellCount];
        this.flagged = new boolean[cellCount];
    }

    /** @param cellSoc SOC per cell (for the OCV slope), e.g. from the SOC estimator */
    public void update(double packAmps, double[] cellVolts, double[] cellSoc, double dtSeconds) {
        if (Math.abs(packAmps) > restAmps) {
            restSeconds = 0;
            Arrays.fill(n, 0);
            Arrays.fill(st, 0);
            Arrays.fill(sv, 0);
            Arrays.fill(stt, 0);
            Arrays.fill(stv, 0);
            Arrays.fill(svv, 0);
            Arrays.fill(selfDischargeAmps, 0);
            Arrays.fill(flagged, false);
            return;
        }
        restSeconds += dtSeconds;
        if (restSeconds < settleSeconds) {
            return;
        }
        double t = restSeconds - settleSeconds;
        for (int i = 0; i < cells; i++) {
            double v = cellVolts[i];
            n[i] += 1;
            st[i] += t;
            sv[i] += v;
            stt[i] += t * t;
            stv[i] += t * v;
            svv[i] += v * v;
            fit(i);
            scratch[i] = slope[i];
        }
        if (n[0] < 10) {
            return;
        }
        Arrays.sort(scratch);
        double median = cells % 2 == 1 ? scratch[cells / 2] : 0.5 * (scratch[cells / 2 - 1] + scratch[cells / 2]);
        for (int i = 0; i < cells; i++) {
            double excessVoltsPerSecond = median - slope[i];
            double ocvSlope = Math.max(1e-3, Math.abs(cell.ocv().slopeAt(cellSoc[i])));
            double toAmps = 3600.0 * cell.capacityAh() / ocvSlope;
            selfDischargeAmps[i] = excessVoltsPerSecond * toAmps;
            double seAmps = slopeSe[i] * toAmps;
            flagged[i] = selfDischargeAmps[i] > thresholdAmps && selfDischargeAmps[i] > sigmas * seAmps;
        }
    }

    private void fit(int i) {
        double den = n[i] * stt[i] - st[i] * st[i];
        if (n[i] < 3 || den <= 0) {
            slope[i] = 0;
            slopeSe[i] = Double.POSITIVE_INFINITY;
            return;
        }
        double b = (n[i] * stv[i] - st[i] * sv[i]) / den;
        double a = (sv[i] - b * st[i]) / n[i];
        double rss = svv[i] - a * sv[i] - b * stv[i];
        double sxx = stt[i] - st[i] * st[i] / n[i];
        slope[i] = b;
        slopeSe[i] = Math.sqrt(Math.max(rss, 0) / (n[i] - 2) / sxx);
    }

    public boolean isFlagged(int cell) {
        return flagged[cell];
    }

    /** Self-discharge current in excess of the string's median (A), 0 while not resting. */
    public double selfDischargeAmps(int cell) {
        return selfDischargeAmps[cell];
    }

    /** Why the cell is (not) flagged, for the alarm message. Allocates: call on change only. */
    public String reason(int c) {
        return String.format(java.util.Locale.ROOT,
                "cell %d: self-discharge %.1f mA above the string median over %.0f min of rest (threshold %.1f mA, "
                        + "standard error %.2f mA)%s", c, 1000 * selfDischargeAmps[c], (restSeconds - settleSeconds) / 60,
                1000 * thresholdAmps,
                1000 * slopeSe[c] * 3600.0 * cell.capacityAh() / Math.max(1e-3, Math.abs(cell.ocv().slopeAt(0.5))),
                flagged[c] ? ": suspected soft short" : "");
    }
}
