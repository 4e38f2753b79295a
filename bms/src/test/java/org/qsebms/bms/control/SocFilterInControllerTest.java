package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.soc.EkfSocEstimator;
import org.qsebms.estimators.soc.SpkfSocEstimator;

/**
 * {@code estimation.socFilter} picks the filter the controller runs: the built-in simulated pack
 * with the sigma-point filter tracks the simulated cells' true SOC inside its bound, and its
 * steady-state tick allocates nothing (as {@link TickAllocationTest} shows for the default).
 */
class SocFilterInControllerTest {

    private static BmsConfig simulatedWith(String estimationSection) throws IOException {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream("default-simulated.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ConfigLoader().parse(text + estimationSection, "default-simulated.yaml + test");
        }
    }

    @Test
    void theConfiguredFilterRunsInTheController() throws IOException {
        BmsConfig ekf = simulatedWith("");
        SimulatedHardware sim = SimulatedPackSetup.createDefault(ekf);
        assertThat(ControllerAssembly.build(ekf, sim.hardware(), sim.pack(), () -> 0L)
                        .controller()
                        .soc())
                .isInstanceOf(EkfSocEstimator.class);
        BmsConfig spkf = simulatedWith("estimation:\n  socFilter: spkf\n");
        SimulatedHardware sim2 = SimulatedPackSetup.createDefault(spkf);
        assertThat(ControllerAssembly.build(spkf, sim2.hardware(), sim2.pack(), () -> 0L)
                        .controller()
                        .soc())
                .isInstanceOf(SpkfSocEstimator.class);
    }

    @Test
    void theSigmaPointFilterTracksTheSimulatedPackWithoutAllocating() throws IOException {
        BmsConfig cfg = simulatedWith("estimation:\n  socFilter: spkf\n");
        SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
        long[] epoch = {1_700_000_000_000L};
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> epoch[0]);
        w.requests().requestClose();
        PackSample drain = new PackSample(4, 4);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        int scored = 0;
        int covered = 0;
        double worst = 0;
        // a whole cycle of the default profile (discharge, rest, CC-CV charge, rest), scored after the first 10 min
        for (int i = 0; i < 200_000; i++) {
            now += period;
            w.controller().tick(now);
            while (w.ring().poll(drain)) {
                // the consumer side is another thread in production
            }
            while (w.events().poll() != null) {
                // state-change events
            }
            if (i >= 6000 && i % 10 == 0) {
                for (int c = 0; c < 4; c++) {
                    double e = Math.abs(
                            w.controller().soc().cellSoc(c) - sim.pack().cellSoc(c));
                    worst = Math.max(worst, e);
                    covered += e <= w.controller().soc().cellSocBound3Sigma(c) ? 1 : 0;
                    scored++;
                }
            }
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        System.out.printf(
                java.util.Locale.ROOT,
                "SPKF in the controller: worst SOC error %.2f %%, coverage %.1f %%%n",
                100 * worst,
                100.0 * covered / scored);
        assertThat(worst).as("worst SOC error").isLessThan(0.03);
        assertThat(covered / (double) scored)
                .as("coverage of the 3-sigma bound")
                .isGreaterThanOrEqualTo(0.95);

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long overhead = 0;
        for (int i = 0; i < 5; i++) {
            long a = mx.getThreadAllocatedBytes(tid);
            overhead = mx.getThreadAllocatedBytes(tid) - a;
        }
        long[] windows = new long[3];
        for (int wdx = 0; wdx < windows.length; wdx++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 2_000; i++) {
                now += period;
                w.controller().tick(now);
                while (w.ring().poll(drain)) {
                    // copying into a preallocated sample allocates nothing
                }
            }
            windows[wdx] = mx.getThreadAllocatedBytes(tid) - before - overhead;
        }
        assertThat(w.events().poll()).as("no event during the measurement").isNull();
        assertThat(windows).as("bytes allocated per window of 2000 ticks").containsOnly(0L);
    }
}
