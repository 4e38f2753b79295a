package org.qsebms.bms.control;

import org.qsebms.estimators.soc.SocEstimator;
import org.qsebms.hal.PackHardware;

/**
 * The charge each bleeding cell gives its balancing resistor: measured from the switches as they
 * were over the last interval, and counted by the SOC estimator (which does not see it in the pack
 * current).
 */
final class BalancingBleed {
    private final PackHardware hw;
    private final SocEstimator soc;

    BalancingBleed(PackHardware hw, SocEstimator soc) {
        this.hw = hw;
        this.soc = soc;
    }

    /** Fills {@code t.bleedAmps}: cell volts over the resistor while the cell's switch is on. */
    void measure(TickState t) {
        double bleedOhms = hw.balancing().bleedOhms();
        for (int i = 0; i < t.bleedAmps.length; i++) {
            t.bleedAmps[i] = hw.balancing().isOn(i) ? t.m.cellVolts[i] / bleedOhms : 0.0;
        }
    }

    /** Counts each cell's bleed over the time step against its SOC. */
    void count(TickState t) {
        for (int i = 0; i < t.bleedAmps.length; i++) {
            if (t.bleedAmps[i] > 0) {
                soc.countCellDischargeAh(i, t.bleedAmps[i] * t.dtSeconds / 3600.0);
            }
        }
    }
}
