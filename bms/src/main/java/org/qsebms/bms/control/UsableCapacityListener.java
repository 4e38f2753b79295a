package org.qsebms.bms.control;

import org.qsebms.estimators.health.UsableCapacity;

/** Told, on the loop thread, when a discharge from full was measured or voided (rare: allocation is fine). */
@FunctionalInterface
public interface UsableCapacityListener {
    /** @param measured the new measurement, or null when the discharge was voided for {@code voidedReason} */
    void changed(UsableCapacity measured, String voidedReason, long nanos);
}
