package org.qsebms.estimators.soc;

/**
 * The arithmetic every consider analysis of the filters shares: a column {@code D} of state errors
 * per unit of an error the filter does not estimate (N entries per cell in a flat array, cell
 * {@code i} at {@code e = N i}), moved by the filter's transition and input ({@link #predict}) and by
 * its gain ({@link #correct}). {@link CurrentSensorConsider}, {@link SlowBranchStartConsider} and
 * {@link VoltageBiasConsider} differ only in what feeds the column; nothing here allocates.
 */
final class ConsiderColumn {
    private static final int N = CellNoiseModel.N;
    private static final int SOC = CellNoiseModel.SOC;
    private static final int V1 = CellNoiseModel.V1;
    private static final int V2 = CellNoiseModel.V2;
    private static final int R0 = CellNoiseModel.R0;
    private static final int CAP = CellNoiseModel.CAP;
    private static final int OFFSET = CellNoiseModel.OFFSET;
    private static final int V3 = CellNoiseModel.V3;

    private ConsiderColumn() {}

    /**
     * {@code D <- F D + B u}: {@code u} the error's current (A; 0 where the error enters only by the
     * measurement), {@code socPerAmp} the SOC change per ampere over the step (with the capacity
     * state), {@code capacitySoc} the SOC change per unit of the capacity state, {@code a1}, {@code a2}
     * the RC decays, {@code fastOhms}, {@code slowOhms} their input columns, {@code a3} the slow
     * branch's decay and {@code branchOhms} its input column. The offset state's column counts the
     * offset into the charge.
     */
    static void predict(
            double[] d,
            int e,
            double u,
            double socPerAmp,
            double capacitySoc,
            double a1,
            double a2,
            double fastOhms,
            double slowOhms,
            double a3,
            double branchOhms) {
        double dOffset = d[e + OFFSET];
        d[e + SOC] += capacitySoc * d[e + CAP] + socPerAmp * (u - dOffset);
        d[e + V1] = a1 * d[e + V1] + fastOhms * (u - dOffset);
        d[e + V2] = a2 * d[e + V2] + slowOhms * (u - dOffset);
        d[e + V3] = a3 * d[e + V3] + branchOhms * (u - dOffset);
    }

    /**
     * {@code H D}, the voltage the filter expects from the column: {@code h0} the measurement row's SOC
     * slope, {@code r0Volts} the R0 drop per unit R0 scale, {@code r0Ohms} the R0 in use.
     */
    static double seen(double[] d, int e, double h0, double r0Volts, double r0Ohms) {
        return h0 * d[e + SOC] + d[e + V1] + d[e + V2] + d[e + V3] + r0Volts * d[e + R0] - r0Ohms * d[e + OFFSET];
    }

    /** {@code D <- D + K innovation}, with the filter's gain {@code k}. */
    static void correct(double[] d, int e, double[] k, double innovation) {
        for (int j = 0; j < N; j++) {
            d[e + j] += k[j] * innovation;
        }
    }
}
