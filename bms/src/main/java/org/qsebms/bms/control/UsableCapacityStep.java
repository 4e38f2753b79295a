package org.qsebms.bms.control;

import java.util.function.LongSupplier;
import org.qsebms.estimators.health.UsableCapacityMeter;

/**
 * Measures the pack's usable capacity on every discharge from a full charge to the cutoff (see
 * {@link UsableCapacityMeter}), fed every tick whose readings are valid; a tick with a sensor fault
 * voids the discharge in progress. The listener hears of each measurement or voided discharge.
 */
final class UsableCapacityStep implements TickStep {
    private final UsableCapacityMeter meter;
    private final UsableCapacityListener listener;
    private final LongSupplier epochMillis;
    private long revisionSeen;

    UsableCapacityStep(ControllerParts.UsableCapacityTracking tracking, LongSupplier epochMillis) {
        this.meter = tracking.meter();
        this.listener = tracking.listener();
        this.epochMillis = epochMillis;
        this.revisionSeen = meter.revision();
    }

    @Override
    public void run(TickState t) {
        if (t.valid) {
            meter.update(
                    t.m.packAmps,
                    t.m.minCellVolts,
                    t.m.maxCellVolts,
                    t.m.celsiusAtCell,
                    t.dtSeconds,
                    epochMillis.getAsLong());
        } else {
            // the charge that flows while a sensor is not trusted is not counted: no capacity from this discharge
            meter.interrupt("a sensor fault while it was counted");
        }
        if (meter.revision() != revisionSeen) {
            revisionSeen = meter.revision();
            String note = meter.lastRejection();
            listener.changed(note.isEmpty() ? meter.last() : null, note, t.nowNanos);
        }
    }
}
