package org.qsebms.bms.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.supervisor.SupervisorRequests;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.DiagnosticsConfig;
import org.qsebms.estimators.model.EcmParameters;

/** The scheduled diagnostic on the loop allocates nothing: waiting, skipping, resting, pulsing, recording. */
class ScheduledDiagnosticAllocationTest {
    @Test
    void completeDiagnosticsAllocateNothing() {
        EcmParameters cell = new ConfigLoader().defaultSimulated().chemistry().cell();
        DiagnosticsConfig cfg = DiagnosticsConfig.builder()
                .everyCycles(0)
                .every(Duration.ofMinutes(30))
                .minSoc(0.0)
                .maxSoc(1.0)
                .minCelsius(15)
                .maxCelsius(35)
                .idle(Duration.ofMinutes(1))
                .minRest(Duration.ofMinutes(5))
                .maxRest(Duration.ofHours(1))
                .relaxedVoltsPerMinute(0.001)
                .pulseC(0.5)
                .pulse(Duration.ofSeconds(10))
                .build();
        CycleQueue queue = new CycleQueue(4, 2);
        CycleCounter counter = new CycleCounter(2, CycleRules.forCapacity(2.0, 3.0), queue, 1);
        SupervisorRequests requests = new SupervisorRequests();
        ScheduledDiagnostic d = new ScheduledDiagnostic(cfg, cell, 0.001, 2.0, counter, requests, amps -> {});
        double[] v = {3.8, 3.8};
        double[] t = {25, 25};
        double[] soc = {0.5, 0.5};
        long[] now = {0};
        Runnable hour = () -> {
            for (int i = 0; i < 3600; i++) {
                now[0] += 1_000_000_000L;
                boolean busy = i < 600; // 10 min of load, then rest: skipped as not idle, then run
                double amps = d.holding() ? -d.dischargeLimitAmps() : busy ? -1.0 : 0.0;
                d.update(now[0], now[0] / 1_000_000, amps, v, t, soc, true, false, !d.holding(), d.holding(), 10);
            }
        };
        for (int k = 0; k < 6; k++) {
            hour.run(); // warm-up; the queue fills and then drops (nobody drains it)
        }
        long doneBefore = d.completed();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long overhead = 0;
        for (int i = 0; i < 5; i++) {
            long a = mx.getThreadAllocatedBytes(tid);
            overhead = mx.getThreadAllocatedBytes(tid) - a;
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int k = 0; k < 6; k++) {
            hour.run();
        }
        long bytes = mx.getThreadAllocatedBytes(tid) - before - overhead;
        assertThat(d.completed() - doneBefore)
                .as("diagnostics completed while measured")
                .isGreaterThanOrEqualTo(5);
        assertThat(bytes).as("bytes allocated over 6 h of ticks").isZero();
    }
}
