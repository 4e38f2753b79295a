package org.qsebms.estimators.soc;

import java.util.Arrays;

/**
 * Schmidt's consider analysis of the model's voltage error as an error correlated in time: a
 * first-order Gauss-Markov voltage {@code c}, {@code c <- phi c + w}, {@code phi = exp(-dt / tau)},
 * with {@code tau} the covariance matching's window ({@link EkfTuning#innovationWindowSeconds()}) and,
 * per cell and sample, the sigma {@code CellNoiseModel} measures: the innovations' running mean over
 * that window (white noise averages out of it; what is left is the part of the model's error that
 * lasts at least the window) beyond the OCV sigma, which the bound already carries as a constant
 * error. The filters weigh every sample as if the model's error were white, so right after a start,
 * when the gain is large and the filter's memory is no longer than the error's, they read the error
 * of that moment as SOC and the SOC variance collapses around it (a start mid-drive: the unmodelled
 * slow polarisation read as SOC, 10 °C US06 4-8 % off under a 2.5-3.5 % bound). While the filter
 * mostly counts charge (small gain, a memory far longer than {@code tau}) the same error averages out
 * and this term stays small.
 *
 * <p>Per cell two pieces, both moved by the filter's own transition {@code F} and gain {@code K}
 * (so, with {@code A = I - K H}, nothing is assumed about the gain's optimality):
 *
 * <ul>
 *   <li>{@code D}, the state estimate's error correlated with the present {@code c}, per sigma of
 *       it: over a prediction {@code D <- phi F D}, at a correction {@code D <- D + K (sigma - H D)}
 *       (the innovation carries {@code c});
 *   <li>{@code W}, the part of the error's covariance no longer correlated with {@code c}: over a
 *       prediction {@code W <- F W F' + (1 - phi^2) (F D)(F D)'} (what {@code D} loses to the
 *       decorrelation stays in the estimate), at a correction {@code W <- A W A'}.
 * </ul>
 *
 * The estimate's error covariance from {@code c} is {@code W + D D'} (at a correction
 * {@code A M A' + sigma (A D K' + K D' A') + sigma^2 K K'} is exactly that); the bound adds its SOC
 * entry. With {@code phi = 1} (a constant error) {@code W} stays 0 and this is the rank-one consider
 * analysis of the OCV error. Covariance matching off (a window of 0) turns it off. Nothing allocates after the
 * constructor; each step costs two passes over the cell's 7x7 {@code W}.
 */
final class CorrelatedModelErrorConsider {
    private static final int N = CellNoiseModel.N;
    private static final int NN = CellNoiseModel.NN;
    private static final int SOC = CellNoiseModel.SOC;
    private static final int V1 = CellNoiseModel.V1;
    private static final int V2 = CellNoiseModel.V2;
    private static final int R0 = CellNoiseModel.R0;
    private static final int CAP = CellNoiseModel.CAP;
    private static final int OFFSET = CellNoiseModel.OFFSET;
    private static final int V3 = CellNoiseModel.V3;

    private final double correlationSeconds;
    /** Per cell, {@code D}: the state estimate's error per sigma of the present model error, N entries each. */
    private final double[] column;
    /** Per cell, {@code W}: the decorrelated part of the error's covariance, N x N row-major each. */
    private final double[] decorrelated;

    private final double[] wh = new double[N];

    CorrelatedModelErrorConsider(EkfTuning tuning, int cellCount) {
        this.correlationSeconds = tuning.innovationWindowSeconds();
        this.column = new double[N * cellCount];
        this.decorrelated = new double[NN * cellCount];
    }

    /** Whether the analysis runs (a correlation time above 0). */
    boolean enabled() {
        return correlationSeconds > 0;
    }

    /** {@code phi} over {@code dtSeconds}, once per update for every cell (1 when off). */
    double decay(double dtSeconds) {
        return correlationSeconds > 0 ? Math.exp(-dtSeconds / correlationSeconds) : 1.0;
    }

    /**
     * The prediction's share, with the step's decay {@code phi} ({@link #decay}) and the filter's
     * transition: {@code socPerAmp} the SOC change per ampere over the step (with the capacity state),
     * {@code capacitySoc} the SOC change per unit of the capacity state, {@code a1}, {@code a2},
     * {@code a3} the RC pairs' and the slow branch's decays, {@code fastOhms}, {@code slowOhms},
     * {@code branchOhms} their input columns.
     */
    void predict(
            int i,
            double phi,
            double socPerAmp,
            double capacitySoc,
            double a1,
            double a2,
            double fastOhms,
            double slowOhms,
            double a3,
            double branchOhms) {
        if (correlationSeconds <= 0) {
            return;
        }
        int e = N * i;
        int b = NN * i;
        double[] w = decorrelated;
        // rows: W <- F W (rows cap and offset are unchanged, so they can be read while the others move)
        for (int c = 0; c < N; c++) {
            double wo = w[b + OFFSET * N + c];
            w[b + SOC * N + c] += capacitySoc * w[b + CAP * N + c] - socPerAmp * wo;
            w[b + V1 * N + c] = a1 * w[b + V1 * N + c] - fastOhms * wo;
            w[b + V2 * N + c] = a2 * w[b + V2 * N + c] - slowOhms * wo;
            w[b + V3 * N + c] = a3 * w[b + V3 * N + c] - branchOhms * wo;
        }
        // columns: W <- (F W) F'
        for (int r = 0; r < N; r++) {
            int row = b + r * N;
            double wo = w[row + OFFSET];
            w[row + SOC] += capacitySoc * w[row + CAP] - socPerAmp * wo;
            w[row + V1] = a1 * w[row + V1] - fastOhms * wo;
            w[row + V2] = a2 * w[row + V2] - slowOhms * wo;
            w[row + V3] = a3 * w[row + V3] - branchOhms * wo;
        }
        ConsiderColumn.predict(column, e, 0.0, socPerAmp, capacitySoc, a1, a2, fastOhms, slowOhms, a3, branchOhms);
        double lost = 1 - phi * phi;
        for (int r = 0; r < N; r++) {
            double dr = lost * column[e + r];
            if (dr != 0.0) {
                for (int c = 0; c < N; c++) {
                    w[b + r * N + c] += dr * column[e + c];
                }
            }
        }
        for (int r = 0; r < N; r++) {
            column[e + r] *= phi;
        }
    }

    /**
     * The correction's share, with the filter's gain {@code k}, its measurement row (the SOC slope
     * {@code h0}, the R0 drop per unit R0 scale {@code r0Volts}, the R0 in use {@code r0Ohms}) and the
     * model error's sigma at this sample {@code sigmaVolts}.
     */
    void correct(int i, double[] k, double h0, double r0Volts, double r0Ohms, double sigmaVolts) {
        if (correlationSeconds <= 0) {
            return;
        }
        int e = N * i;
        int b = NN * i;
        double[] w = decorrelated;
        // W <- A W A' = W - K (H W) - (W H') K' + K (H W H') K'
        for (int r = 0; r < N; r++) {
            int row = b + r * N;
            double sum = h0 * w[row + SOC]
                    + w[row + V1]
                    + w[row + V2]
                    + w[row + V3]
                    + r0Volts * w[row + R0]
                    - r0Ohms * w[row + OFFSET];
            wh[r] = sum;
        }
        double s = h0 * wh[SOC] + wh[V1] + wh[V2] + wh[V3] + r0Volts * wh[R0] - r0Ohms * wh[OFFSET];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                w[b + r * N + c] += -k[r] * wh[c] - wh[r] * k[c] + k[r] * k[c] * s;
            }
        }
        ConsiderColumn.correct(column, e, k, sigmaVolts - ConsiderColumn.seen(column, e, h0, r0Volts, r0Ohms));
    }

    /** Cell {@code i}'s SOC variance from the correlated model error: {@code W_soc,soc + D_soc^2}. */
    double socVariance(int i) {
        double d = column[N * i + SOC];
        return Math.max(0.0, decorrelated[NN * i]) + d * d;
    }

    /** Forgets cell {@code i}'s error (a new SOC, whose doubt the covariance carries). */
    void reset(int i) {
        Arrays.fill(column, N * i, N * i + N, 0.0);
        Arrays.fill(decorrelated, NN * i, NN * i + NN, 0.0);
    }
}
