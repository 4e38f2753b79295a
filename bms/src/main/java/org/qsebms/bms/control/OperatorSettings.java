package org.qsebms.bms.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Operator settings written by other threads (MQTT commands, console) and read by the control
 * loop at the start of every tick: lock-free, allocation-free, never blocking the loop. Current
 * caps can only lower the limits the loop computes ({@link CurrentLimits} takes the minimum), so
 * nothing written here can widen a protection limit.
 */
public final class OperatorSettings {
    private static final long NO_CAP = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

    private final AtomicLong chargeCapBits = new AtomicLong(NO_CAP);
    private final AtomicLong dischargeCapBits = new AtomicLong(NO_CAP);
    private volatile boolean balancingEnabled = true;

    /** Caps the charge current at {@code amps} (>= 0); {@code +Infinity} removes the cap. */
    public void capChargeAmps(double amps) {
        chargeCapBits.set(Double.doubleToRawLongBits(checked(amps)));
    }

    public void capDischargeAmps(double amps) {
        dischargeCapBits.set(Double.doubleToRawLongBits(checked(amps)));
    }

    private static double checked(double amps) {
        if (!(amps >= 0)) {
            throw new IllegalArgumentException("current cap " + amps + " A must be >= 0 A (or +Infinity for no cap)");
        }
        return amps;
    }

    public double chargeCapAmps() {
        return Double.longBitsToDouble(chargeCapBits.get());
    }

    public double dischargeCapAmps() {
        return Double.longBitsToDouble(dischargeCapBits.get());
    }

    public void setBalancingEnabled(boolean enabled) {
        balancingEnabled = enabled;
    }

    public boolean balancingEnabled() {
        return balancingEnabled;
    }

    /** Applies the settings on the loop thread (called first in every tick). */
    void applyTo(CurrentLimits limits, PassiveBalancer balancer) {
        limits.capCharge(chargeCapAmps());
        limits.capDischarge(dischargeCapAmps());
        balancer.setEnabled(balancingEnabled);
    }
}
