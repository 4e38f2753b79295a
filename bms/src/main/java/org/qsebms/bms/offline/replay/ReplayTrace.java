package org.qsebms.bms.offline.replay;

/**
 * Per-row outputs of a replay, one entry per input row; {@code voltageSigmaV} is the voltage sigma
 * the SOC filter used (above its design value where covariance matching found a larger model error).
 */
record ReplayTrace(
        double[] timeS,
        double[] socEst,
        double[] socBound3Sigma,
        double[] r0Ohm,
        double[] capacityAhEst,
        double[] voltageSigmaV,
        double[] socRef) {}
