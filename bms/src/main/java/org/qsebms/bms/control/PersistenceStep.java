package org.qsebms.bms.control;

import java.util.function.LongSupplier;
import org.qsebms.bms.persistence.StateHandoff;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.soc.SocEstimator;

/**
 * Offers the state to persistence every {@code everyNanos} of loop time. The offer never blocks;
 * when the writer still holds the last snapshot it is retried next tick.
 */
final class PersistenceStep implements TickStep {
    private final StateHandoff handoff;
    private final long everyNanos;
    private final SocEstimator soc;
    private final CellHealthTracker health;
    private final UsableCapacityMeter usable;
    private final ChargeThroughput throughput;
    private final LongSupplier epochMillis;
    private long nextNanos = Long.MIN_VALUE;
    /** The last tick's loop clock reading (the saved operating time is taken at it). */
    private long lastNanos = StateHandoff.NO_NANOS;

    PersistenceStep(
            ControllerParts.Outlets outlets,
            ControllerParts.Estimators estimators,
            ChargeThroughput throughput,
            LongSupplier epochMillis) {
        this.handoff = outlets.persistence();
        this.everyNanos = outlets.persistEveryNanos();
        this.soc = estimators.soc();
        this.health = estimators.health();
        this.usable = estimators.usableCapacity().meter();
        this.throughput = throughput;
        this.epochMillis = epochMillis;
    }

    @Override
    public void run(TickState t) {
        lastNanos = t.nowNanos;
        if (nextNanos == Long.MIN_VALUE || t.nowNanos >= nextNanos) {
            if (offerNow() || nextNanos == Long.MIN_VALUE) {
                nextNanos = t.nowNanos + everyNanos;
            }
        }
    }

    /** Offers a snapshot now, whatever the interval. */
    boolean offerNow() {
        return handoff.offer(soc, health, usable, throughput.ah(), epochMillis.getAsLong(), false, lastNanos);
    }

    /**
     * Offers the last snapshot, after the loop has stopped; {@code pathOpen} whether the contactors read
     * open, so no charge can move after it.
     */
    boolean offerAtStop(boolean pathOpen) {
        return handoff.offer(soc, health, usable, throughput.ah(), epochMillis.getAsLong(), pathOpen, lastNanos);
    }

    StateHandoff handoff() {
        return handoff;
    }
}
