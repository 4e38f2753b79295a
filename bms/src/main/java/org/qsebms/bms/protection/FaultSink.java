package org.qsebms.bms.protection;

/** Receives fault edges. Implementations must not block (the control loop calls it). */
@FunctionalInterface
public interface FaultSink {
    void accept(FaultEvent event);
}
