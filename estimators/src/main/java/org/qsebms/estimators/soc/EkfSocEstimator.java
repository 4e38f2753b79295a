package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Extended Kalman filter for the SOC of every cell of a series string, on the equivalent-circuit
 * model: state {@code [soc, v1, v2]} (two RC voltages), measurement
 * {@code V = OCV(soc, T) + M h + R0 f(T) I + v1 + v2} with Plett's hysteresis h tracked
 * deterministically beside the filter.
 *
 * <p>Numerics: covariance update in Joseph form (symmetric positive definite by construction),
 * innovations gated at {@link EkfTuning#gateSigmas()} sigmas (outliers rejected, persistent
 * mismatch re-learnt by inflating the SOC variance), and below
 * {@link EkfTuning#minOcvSlopeVoltsPerSoc()} the OCV slope is treated as zero, so on a flat OCV
 * (LFP plateau) the filter is a coulomb counter whose 3-sigma bound grows with the current
 * sensor's noise until the OCV is observable again. The reported bound adds the SOC equivalent
 * of the systematic OCV error ({@link EkfTuning#ocvSigmaVolts()}) at the last slope where the
 * voltage was used, since a Kalman filter cannot average a bias away.
 *
 * <p>Cost is linear in cells; every array is allocated in the constructor, {@link #update}
 * allocates nothing. Current is positive while charging.
 */
public final class EkfSocEstimator implements SocEstimator {
    private static final int P00 = 0;
    private static final int P01 = 1;
    private static final int P02 = 2;
    private static final int P11 = 3;
    private static final int P12 = 4;
    private static final int P22 = 5;
    private static final double MIN_VARIANCE = 1e-12;

    private final EcmParameters cell;
    private final HysteresisModel hysteresis;
    private final EkfTuning tuning;
    private final int cells;
    private final double[] soc;
    private final double[] v1;
    private final double[] v2;
    private final double[] h;
    private final double[] p;
    private final double[] capacityAh;
    private final double[] r0Scale;
    private final boolean[] initialised;
    private final int[] rejectedInRow;
    private final double[] ocvSocVariance;
    private final double[] a = new double[9];
    private final double[] ap = new double[9];
    private final double[] full = new double[9];
    private long rejectedTotal;

    public EkfSocEstimator(EcmParameters cell, HysteresisModel hysteresis, EkfTuning tuning, int cellCount) {
        if (cellCount < 1) {
            throw new IllegalArgumentException("cellCount must be >= 1, got " + cellCount);
        }
        this.cell = cell;
        this.hysteresis = hysteresis;
        this.tuning = tuning;
        this.cells = cellCount;
        this.soc = new double[cellCount];
        this.v1 = new double[cellCount];
        this.v2 = new double[cellCount];
        this.h = new double[cellCount];
        this.p = new double[6 * cellCount];
        this.capacityAh = new double[cellCount];
        this.r0Scale = new double[cellCount];
        this.initialised = new boolean[cellCount];
        this.rejectedInRow = new int[cellCount];
        this.ocvSocVariance = new double[cellCount];
        Arrays.fill(capacityAh, cell.capacityAh());
        Arrays.fill(r0Scale, 1.0);
        for (int i = 0; i < cellCount; i++) {
            resetCovariance(i);
        }
    }

    @Override
    public void update(double packAmps, double[] cellVolts, double[] cellCelsius, double dtSeconds) {
        double a1 = Math.exp(-dtSeconds / cell.tau1Seconds());
        double a2 = Math.exp(-dtSeconds / cell.tau2Seconds());
        for (int i = 0; i < cells; i++) {
            double f = cell.resistanceFactor(cellCelsius[i]);
            if (!initialised[i]) {
                initialiseFromVoltage(i, packAmps, cellVolts[i], f);
            }
            predict(i, packAmps, dtSeconds, a1, a2, f);
            correct(i, packAmps, cellVolts[i], cellCelsius[i], f);
        }
    }

    private void initialiseFromVoltage(int i, double amps, double volts, double f) {
        double ocvVolts = volts - cell.r0Ohms() * r0Scale[i] * f * amps;
        soc[i] = cell.ocv().socAt(ocvVolts);
        initialised[i] = true;
        resetCovariance(i);
    }

    private void predict(int i, double amps, double dt, double a1, double a2, double f) {
        double dz = amps * dt / (3600.0 * capacityAh[i]);
        soc[i] = clamp01(soc[i] + dz);
        v1[i] = a1 * v1[i] + (1 - a1) * cell.r1Ohms() * f * amps;
        v2[i] = a2 * v2[i] + (1 - a2) * cell.r2Ohms() * f * amps;
        h[i] = hysteresis.next(h[i], dz);
        double sz = tuning.currentSigmaAmps() * dt / (3600.0 * capacityAh[i]);
        double drift = tuning.socDriftSigmaPerHour();
        double qz = sz * sz + drift * drift * dt / 3600.0;
        double s1 = (1 - a1) * cell.r1Ohms() * f * tuning.currentSigmaAmps();
        double s2 = (1 - a2) * cell.r2Ohms() * f * tuning.currentSigmaAmps();
        int b = 6 * i;
        p[b + P00] += qz;
        p[b + P01] *= a1;
        p[b + P02] *= a2;
        p[b + P11] = a1 * a1 * p[b + P11] + s1 * s1;
        p[b + P12] *= a1 * a2;
        p[b + P22] = a2 * a2 * p[b + P22] + s2 * s2;
    }

    private void correct(int i, double amps, double volts, double celsius, double f) {
        double z = clamp01(soc[i]);
        double predicted = cell.ocv().voltsAt(z, celsius) + hysteresis.magnitudeVolts() * h[i]
                + cell.r0Ohms() * r0Scale[i] * f * amps + v1[i] + v2[i];
        double slope = cell.ocv().slopeAt(z);
        double h0 = Math.abs(slope) >= tuning.minOcvSlopeVoltsPerSoc() ? slope : 0.0;
        double r = tuning.voltageSigmaVolts() * tuning.voltageSigmaVolts();
        double innovation = volts - predicted;
        int b = 6 * i;
        if (h0 != 0.0) {
            double ocvSoc = tuning.ocvSigmaVolts() / h0;
            ocvSocVariance[i] = ocvSoc * ocvSoc;
        }
        double s = innovationVariance(b, h0, r);
        double gate = tuning.gateSigmas();
        if (innovation * innovation > gate * gate * s) {
            rejectedTotal++;
            if (++rejectedInRow[i] < tuning.maxConsecutiveRejections()) {
                return;
            }
            double socError = h0 != 0.0 ? innovation / h0 : 0.0;
            p[b + P00] += socError * socError;
            s = innovationVariance(b, h0, r);
        }
        rejectedInRow[i] = 0;
        double ph0 = p[b + P00] * h0 + p[b + P01] + p[b + P02];
        double ph1 = p[b + P01] * h0 + p[b + P11] + p[b + P12];
        double ph2 = p[b + P02] * h0 + p[b + P12] + p[b + P22];
        double k0 = ph0 / s;
        double k1 = ph1 / s;
        double k2 = ph2 / s;
        soc[i] = clamp01(soc[i] + k0 * innovation);
        v1[i] += k1 * innovation;
        v2[i] += k2 * innovation;
        josephUpdate(b, k0, k1, k2, h0, r);
    }

    private double innovationVariance(int b, double h0, double r) {
        return h0 * h0 * p[b + P00] + p[b + P11] + p[b + P22]
                + 2 * h0 * (p[b + P01] + p[b + P02]) + 2 * p[b + P12] + r;
    }

    /** P = (I - K H) P (I - K H)^T + K R K^T, on a 3x3 workspace. */
    private void josephUpdate(int b, double k0, double k1, double k2, double h0, double r) {
        full[0] = p[b + P00];
        full[1] = p[b + P01];
        full[2] = p[b + P02];
        full[3] = p[b + P01];
        full[4] = p[b + P11];
        full[5] = p[b + P12];
        full[6] = p[b + P02];
        full[7] = p[b + P12];
        full[8] = p[b + P22];
        // a = I - K H with H = [h0, 1, 1]
        for (int row = 0; row < 3; row++) {
            double kr = row == 0 ? k0 : row == 1 ? k1 : k2;
            a[3 * row] = (row == 0 ? 1 : 0) - kr * h0;
            a[3 * row + 1] = (row == 1 ? 1 : 0) - kr;
            a[3 * row + 2] = (row == 2 ? 1 : 0) - kr;
        }
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                ap[3 * row + col] = a[3 * row] * full[col] + a[3 * row + 1] * full[3 + col]
                        + a[3 * row + 2] * full[6 + col];
            }
        }
        p[b + P00] = Math.max(MIN_VARIANCE, aPaT(0, 0) + r * k0 * k0);
        p[b + P01] = aPaT(0, 1) + r * k0 * k1;
        p[b + P02] = aPaT(0, 2) + r * k0 * k2;
        p[b + P11] = Math.max(MIN_VARIANCE, aPaT(1, 1) + r * k1 * k1);
        p[b + P12] = aPaT(1, 2) + r * k1 * k2;
        p[b + P22] = Math.max(MIN_VARIANCE, aPaT(2, 2) + r * k2 * k2);
    }

    private double aPaT(int row, int col) {
        return ap[3 * row] * a[3 * col] + ap[3 * row + 1] * a[3 * col + 1] + ap[3 * row + 2] * a[3 * col + 2];
    }

    private void resetCovariance(int i) {
        int b = 6 * i;
        ocvSocVariance[i] = 0;
        double sz = tuning.initialSocSigma();
        double sv = tuning.initialRcSigmaVolts();
        p[b + P00] = sz * sz;
        p[b + P01] = 0;
        p[b + P02] = 0;
        p[b + P11] = sv * sv;
        p[b + P12] = 0;
        p[b + P22] = sv * sv;
        rejectedInRow[i] = 0;
    }

    private static double clamp01(double x) {
        return x < 0 ? 0 : x > 1 ? 1 : x;
    }

    @Override
    public int cellCount() {
        return cells;
    }

    @Override
    public double cellSoc(int cell) {
        return soc[cell];
    }

    @Override
    public double cellSocBound3Sigma(int cell) {
        return Math.min(1.0, 3.0 * Math.sqrt(p[6 * cell + P00] + ocvSocVariance[cell]));
    }

    @Override
    public void setCellSoc(int cell, double value) {
        soc[cell] = clamp01(value);
        v1[cell] = 0;
        v2[cell] = 0;
        initialised[cell] = true;
        resetCovariance(cell);
    }

    /** Uses an updated capacity (for example from {@code CapacityEstimator}) for this cell. */
    public void setCellCapacityAh(int cell, double ah) {
        if (!(ah > 0)) {
            throw new IllegalArgumentException("capacity must be > 0 Ah, got " + ah);
        }
        capacityAh[cell] = ah;
    }

    /** Scales the model's R0 for this cell (for example from an online R0 estimate). */
    public void setCellR0Scale(int cell, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("R0 scale must be > 0, got " + scale);
        }
        r0Scale[cell] = scale;
    }

    /** Copies the cell's 3x3 covariance (row-major: soc, v1, v2) into {@code out[0..8]}. */
    public void cellCovariance(int cell, double[] out) {
        int b = 6 * cell;
        out[0] = p[b + P00];
        out[1] = p[b + P01];
        out[2] = p[b + P02];
        out[3] = p[b + P01];
        out[4] = p[b + P11];
        out[5] = p[b + P12];
        out[6] = p[b + P02];
        out[7] = p[b + P12];
        out[8] = p[b + P22];
    }

    /** Sum of the two RC voltages of the cell (V), e.g. for current limits. */
    public double cellRcVolts(int cell) {
        return v1[cell] + v2[cell];
    }

    public double cellHysteresis(int cell) {
        return h[cell];
    }

    /** Measurements rejected by the innovation gate since construction. */
    public long rejectedMeasurements() {
        return rejectedTotal;
    }
}
