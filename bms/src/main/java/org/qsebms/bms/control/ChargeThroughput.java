package org.qsebms.bms.control;

/**
 * The lifetime charge moved through the pack, both directions, in Ah (persisted across restarts): only a current beyond
 * the deadband counts, so that sensor noise and a zero offset over a parked pack's rests add no throughput.
 */
final class ChargeThroughput {
    private final double deadbandAmps;
    private double ah;

    /** Counts a current whose magnitude is above {@code deadbandAmps} ({@code >= 0}). */
    ChargeThroughput(double deadbandAmps) {
        if (!(deadbandAmps >= 0) || !Double.isFinite(deadbandAmps)) {
            throw new IllegalArgumentException(
                    "the throughput's deadband must be a finite number >= 0 A, got " + deadbandAmps + " A");
        }
        this.deadbandAmps = deadbandAmps;
    }

    void add(double packAmps, double dtSeconds) {
        if (Math.abs(packAmps) > deadbandAmps) {
            ah += Math.abs(packAmps) * dtSeconds / 3600.0;
        }
    }

    /** Restores a persisted figure; a non-finite or negative one is ignored. */
    void restore(double restoredAh) {
        if (Double.isFinite(restoredAh) && restoredAh >= 0) {
            ah = restoredAh;
        }
    }

    double ah() {
        return ah;
    }
}
