package org.qsebms.estimators.softshort;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Excess self-discharge at rest. While the string rests, each cell's voltage drift is fitted by
 * running least squares (from {@code settleSeconds} after the current stopped); drift common to all
 * cells (relaxation, temperature) is removed by subtracting the median drift, and the excess drop
 * becomes a current through the OCV slope and capacity:
 * {@code I_sd = excess dV/dt / (dOCV/dSOC) * 3600 * Q}. Any current above the rest band clears the fit.
 */
final class RestSelfDischargeCue {
    private final EcmParameters cell;
    private final RestSelfDischargeSettings settings;
    private final int cells;
    private final StringMedian median;
    private final double[] n;
    private final double[] st;
    private final double[] sv;
    private final double[] stt;
    private final double[] stv;
    private final double[] svv;
    private final double[] slope;
    private final double[] slopeSe;
    private final double[] amps;
    private final double[] seAmps;
    private double restSeconds;

    RestSelfDischargeCue(EcmParameters cell, int cells, RestSelfDischargeSettings settings) {
        this.cell = cell;
        this.settings = settings;
        this.cells = cells;
        this.median = new StringMedian(cells);
        this.n = new double[cells];
        this.st = new double[cells];
        this.sv = new double[cells];
        this.stt = new double[cells];
        this.stv = new double[cells];
        this.svv = new double[cells];
        this.slope = new double[cells];
        this.slopeSe = new double[cells];
        this.amps = new double[cells];
        this.seAmps = new double[cells];
    }

    void update(double packAmps, double[] cellVolts, double[] cellSoc, double dtSeconds) {
        if (Math.abs(packAmps) > settings.restAmps()) {
            if (restSeconds > 0) {
                clear();
            }
            return;
        }
        restSeconds += dtSeconds;
        if (restSeconds < settings.settleSeconds()) {
            return;
        }
        double t = restSeconds - settings.settleSeconds();
        for (int i = 0; i < cells; i++) {
            double v = cellVolts[i];
            n[i] += 1;
            st[i] += t;
            sv[i] += v;
            stt[i] += t * t;
            stv[i] += t * v;
            svv[i] += v * v;
            fit(i);
        }
        if (n[0] < 10) {
            return;
        }
        double medianSlope = median.of(slope);
        for (int i = 0; i < cells; i++) {
            double ocvSlope = Math.max(1e-3, Math.abs(cell.ocv().slopeAt(cellSoc[i])));
            double toAmps = 3600.0 * cell.capacityAh() / ocvSlope;
            amps[i] = (medianSlope - slope[i]) * toAmps;
            seAmps[i] = slopeSe[i] * toAmps;
        }
    }

    private void clear() {
        restSeconds = 0;
        Arrays.fill(n, 0);
        Arrays.fill(st, 0);
        Arrays.fill(sv, 0);
        Arrays.fill(stt, 0);
        Arrays.fill(stv, 0);
        Arrays.fill(svv, 0);
        Arrays.fill(slope, 0);
        Arrays.fill(slopeSe, 0);
        Arrays.fill(amps, 0);
        Arrays.fill(seAmps, 0);
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

    /** Evidence toward a soft short: excess current over the threshold, 0 unless confirmed by the sigma test. */
    double evidence(int i) {
        return confirmed(i) ? amps[i] / settings.thresholdAmps() : 0.0;
    }

    boolean confirmed(int i) {
        return amps[i] > 0 && amps[i] > settings.sigmas() * seAmps[i];
    }

    /** Excess self-discharge current over the string median (A), 0 while not resting. */
    double amps(int i) {
        return amps[i];
    }

    double standardErrorAmps(int i) {
        return seAmps[i];
    }

    /** Rest time the current fit covers (after settling), 0 while not resting. */
    double fittedSeconds() {
        return Math.max(0, restSeconds - settings.settleSeconds());
    }

    double restSeconds() {
        return restSeconds;
    }
}
