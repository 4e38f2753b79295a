package org.qsebms.bms.control;

/** The lifetime charge moved through the pack, both directions, in Ah (persisted across restarts). */
final class ChargeThroughput {
    private double ah;

    void add(double packAmps, double dtSeconds) {
        ah += Math.abs(packAmps) * dtSeconds / 3600.0;
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
