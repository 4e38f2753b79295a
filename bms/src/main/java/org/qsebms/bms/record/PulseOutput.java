package org.qsebms.bms.record;

/**
 * Where a scheduled diagnostic asks for its short discharge pulse: a cycler or electronic load the
 * BMS can command (the simulated pack's load does). Without one, a diagnostic records the relaxed
 * OCV point only.
 */
@FunctionalInterface
public interface PulseOutput {
    /** Draw {@code dischargeAmps} (> 0) from the pack until asked for 0 again. Must return at once. */
    void requestPulse(double dischargeAmps);
}
