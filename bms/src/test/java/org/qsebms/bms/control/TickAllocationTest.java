package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/** The steady-state control tick (with the simulated plant and telemetry hand-off) allocates nothing. */
class TickAllocationTest {

    @Test
    void steadyStateTickAllocatesNoMemory() {
        BmsConfig cfg = new ConfigLoader().defaultSimulated();
        SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
        long[] epoch = {1_700_000_000_000L};
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> epoch[0]);
        w.requests().requestClose();
        PackSample drain = new PackSample(4, 4);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        // warm up through a whole cycle of the default profile (5.5 h of loop time: discharge, rest,
        // CC-CV charge, rest), so every branch has run once (first runs resolve constants and may
        // deoptimise compiled code, which allocates once), plus INIT -> NORMAL and JIT compilation
        for (int i = 0; i < 200_000; i++) {
            now += period;
            w.controller().tick(now);
            while (w.ring().poll(drain)) {
                // the consumer side is another thread in production
            }
            while (w.events().poll() != null) {
                // drain state-change events of the warm-up
            }
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        // the first calls of the measuring API allocate themselves; take them before measuring
        long overhead = 0;
        for (int i = 0; i < 5; i++) {
            long a = mx.getThreadAllocatedBytes(tid);
            overhead = mx.getThreadAllocatedBytes(tid) - a;
        }
        // Five windows of 2,000 ticks (200 s of loop time each), no fault edge in them (an edge
        // allocates its event by design): every window must allocate nothing.
        long[] windows = new long[5];
        for (int wdx = 0; wdx < windows.length; wdx++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 2_000; i++) {
                now += period;
                w.controller().tick(now);
                while (w.ring().poll(drain)) {
                    // the consumer side; copying into a preallocated sample allocates nothing either
                }
            }
            windows[wdx] = mx.getThreadAllocatedBytes(tid) - before - overhead;
        }
        java.util.List<ControllerEvent> edges = new java.util.ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            edges.add(e);
        }
        assertThat(edges)
                .as("fault edges or state changes during the measurement (not steady state)")
                .isEmpty();
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        assertThat(windows)
                .as("bytes allocated per window of 2000 steady-state ticks")
                .containsOnly(0L);
    }
}
