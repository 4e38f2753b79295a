package org.qsebms.bms.control;

import java.util.function.LongSupplier;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.soc.SocEstimator;

/**
 * Feeds the health tracker (R0 and its SEI part, capacity, lithium inventory, resistance growth)
 * every valid tick. When its capacity estimates change (a window between two relaxed rests closed),
 * the SOC estimator counts charge against the learnt capacity of each cell (its bound carrying the capacity's
 * standard error from then on), and the soft-short step is told
 * so (the detector's own SOC filter counts on it too; a detector that reads the published estimates starts a SOC
 * drift fit over the estimates made on learnt capacities).
 */
final class HealthStep implements TickStep {
    private final CellHealthTracker health;
    private final SocEstimator soc;
    private final SoftShortStep softShort;
    private final LongSupplier epochMillis;
    private long revisionSeen = -1;

    HealthStep(
            CellHealthTracker health, SocEstimator soc, SoftShortStep softShort, LongSupplier epochMillis, int cells) {
        if (health.cellCount() != cells) {
            throw new IllegalArgumentException("health tracker has " + health.cellCount() + " cells, pack " + cells);
        }
        this.health = health;
        this.soc = soc;
        this.softShort = softShort;
        this.epochMillis = epochMillis;
    }

    @Override
    public void run(TickState t) {
        health.update(
                t.m.packAmps,
                t.m.cellVolts,
                t.m.celsiusAtCell,
                t.cellSoc,
                t.bleedAmps,
                t.dtSeconds,
                epochMillis.getAsLong());
        long revision = health.revision();
        if (revision != revisionSeen) {
            revisionSeen = revision;
            for (int i = 0; i < t.cellSoc.length; i++) {
                if (health.capacityWindows(i) > 0) {
                    soc.setCellCapacityAh(
                            i, health.capacityAh(i), sigmaOfLearnt(health.capacityAh(i), health.capacitySigmaAh(i)));
                    softShort.countOnLearntCapacity(i, health.capacityAh(i));
                }
            }
        }
    }

    /**
     * The learnt capacity's standard error as the SOC filter takes it: a sigma the capacity estimator could not give
     * (not finite) claims nothing (0), and one as large as the capacity itself is held just below it.
     */
    static double sigmaOfLearnt(double ah, double sigmaAh) {
        if (!(sigmaAh >= 0) || !Double.isFinite(sigmaAh)) {
            return 0.0;
        }
        return sigmaAh < ah ? sigmaAh : Math.nextDown(ah);
    }
}
