package org.qsebms.bms.replay;

/** Per-row outputs of a replay, one entry per input row. */
public record ReplayTrace(double[] timeS, double[] socEst, double[] socBound3Sigma, double[] r0Ohm,
        double[] capacityAhEst, double[] socRef) {
}
