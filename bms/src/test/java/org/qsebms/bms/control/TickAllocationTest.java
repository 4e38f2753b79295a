package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.telemetry.PackSample;
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
        // warm up: INIT -> STANDBY -> PRECHARGE -> NORMAL, JIT compilation, telemetry samples
        for (int i = 0; i < 30_000; i++) {
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
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000; i++) {
            now += period;
            w.controller().tick(now);
            while (w.ring().poll(drain)) {
                // drained outside the measured code path only in the sense of no allocation either
            }
        }
        long after = mx.getThreadAllocatedBytes(tid);
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            System.out.println("event during measurement: " + e);
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        assertThat(after - before - overhead).as("bytes allocated by 1000 steady-state ticks").isZero();
    }
}
