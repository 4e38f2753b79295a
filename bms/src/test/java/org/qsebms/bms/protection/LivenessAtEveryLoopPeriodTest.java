package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.LoopConfig;
import org.qsebms.config.SupplementaryLimits;

/**
 * Issue 23 (fix23aj): the liveness windows count one sample interval at most {@code loop.period x
 * (loop.overrunsToFault + 1)} ({@link LivenessAcrossALoopStallTest}); every interval of a loop not at fault is below
 * that bound, so no freeze is found later than when every interval counted whole, at any period.
 */
class LivenessAtEveryLoopPeriodTest {
    /**
     * Nothing gets slower at any loop period the configuration takes (10 ms..1 s), at the overrun limit's extremes (1
     * and the default 5), the samples 1 ms early and late by turns: a cell channel frozen at rest (60 s window) or
     * while 1 A flows (5 s) is found at the same sample as when every interval counted whole (an overrun limit no
     * interval reaches), within one period of its window.
     */
    @Test
    void aFreezeIsFoundAsSoonAsBeforeAtEveryLoopPeriod() {
        for (int periodMs : new int[] {10, 50, 100, 250, 500, 1000}) {
            LoopConfig whole = new LoopConfig(Duration.ofMillis(periodMs), 1_000_000);
            for (double amps : new double[] {0.0, 1.0}) {
                double before = secondsToStuck(whole, amps);
                double window = amps == 0 ? 60 : 5;
                assertThat(before).isBetween(window, window + periodMs / 1000.0);
                for (int overruns : new int[] {1, 5}) {
                    LoopConfig loop = new LoopConfig(Duration.ofMillis(periodMs), overruns);
                    assertThat(secondsToStuck(loop, amps))
                            .as("%.1f A, period %d ms, overrunsToFault %d", amps, periodMs, overruns)
                            .isEqualTo(before);
                }
            }
        }
    }

    /** Seconds from the last changed cell sample to CELL_VOLTAGE_STUCK, one period between samples (+-1 ms). */
    private static double secondsToStuck(LoopConfig loop, double amps) {
        List<FaultEvent> events = new ArrayList<>();
        Protection q = new Protection(Frames.LIMITS, SupplementaryLimits.defaults(), loop, events::add);
        PackMeasurement m = new PackMeasurement(1, 1);
        long period = loop.period().toNanos();
        long now = 0;
        long lastChange = 0;
        for (int k = 0; k < 100_000; k++) {
            now += period + (k % 2 == 0 ? 1_000_000L : -1_000_000L);
            m.cellVolts[0] = k < 5 ? 3.70 + 1e-4 * k : 3.71; // frozen from the 6th sample: its run starts at the 5th
            if (k < 5) {
                lastChange = now;
            }
            m.cellCelsius[0] = 25 + 0.01 * (k % 2);
            m.sensorAmps = amps + 1e-3 * (k % 2);
            m.packAmps = m.sensorAmps;
            m.packVolts = m.cellVolts[0];
            m.nanos = now;
            m.computeExtremes();
            q.evaluate(m);
            if (events.stream().anyMatch(e -> e.raised() && e.code() == FaultCode.CELL_VOLTAGE_STUCK)) {
                return (now - lastChange) / 1e9;
            }
        }
        return Double.NaN;
    }
}
