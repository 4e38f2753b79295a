package org.qsebms.bms.control;

/**
 * Where the controller publishes its charge and discharge current limits every tick, for a
 * charger or inverter that follows them (on a real pack typically a CAN link; in simulation the
 * simulated charger/load). Must not block or allocate.
 */
@FunctionalInterface
public interface CurrentLimitOutput {
    CurrentLimitOutput NONE = (chargeAmps, dischargeAmps) -> {};

    void publish(double chargeAmps, double dischargeAmps);
}
