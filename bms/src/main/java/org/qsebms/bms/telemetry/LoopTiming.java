package org.qsebms.bms.telemetry;

import java.util.function.LongSupplier;

/**
 * Where telemetry reads the control loop's timing for the {@code state} message: its overrun count and its worst
 * tick time since start. Both are read on the telemetry thread from the loop's atomic counters.
 */
public record LoopTiming(LongSupplier overruns, LongSupplier worstTickNanos) {
    /** For a publisher without a control loop: both are published as null. */
    static final LoopTiming UNKNOWN = new LoopTiming(() -> -1, () -> -1);
}
