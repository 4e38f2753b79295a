package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * Issue 23 (check23e): the current sensor's reading goes NaN while it reports OK (the simulated
 * sensor's zero offset set to NaN). Before: one NaN sample went into the SOC filter and every cell's
 * estimate stayed NaN for good (the SOC floors, which compare with it, could never trip again), and a
 * lasting NaN raised nothing. Now the sample is skipped as a faulty one and a lasting NaN trips
 * CURRENT_SENSOR within its 300 ms debounce + one period.
 */
class NonFiniteCurrentInLoopTest {
    private final BmsConfig cfg = new ConfigLoader().defaultSimulated();
    private final SimulatedHardware sim = SimulatedPackSetup.create(cfg, 0.5, 25, (t, p, c) -> -1.0, 7);
    private final ControllerAssembly.Wiring w = ControllerAssembly.build(
            cfg, sim.hardware(), PackLinks.followingLimits(sim.pack()), () -> 1_764_000_000_000L);
    private final long period = cfg.loop().period().toNanos();
    private final List<String> raised = new ArrayList<>();
    private long k;

    private void run(double seconds) {
        long end = k + (long) (seconds * 1e9 / period);
        while (k < end) {
            k++;
            w.controller().tick(k * period);
            ControllerEvent e;
            while ((e = w.events().poll()) != null) {
                if (e instanceof ControllerEvent.FaultEdge f && f.fault().raised()) {
                    raised.add(f.fault().id() + "@" + k * period / 1e9);
                }
            }
        }
    }

    @Test
    void oneNaNSampleDoesNotPoisonTheSocEstimate() {
        w.requests().requestClose();
        run(5);
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        sim.injectCurrentOffset(Double.NaN);
        run(period / 1e9);
        sim.injectCurrentOffset(0);
        run(5);
        for (int i = 0; i < cfg.pack().seriesCells(); i++) {
            assertThat(w.controller().soc().cellSoc(i)).as("cell %d", i + 1).isFinite();
        }
        assertThat(raised).as("one faulty sample is shorter than the debounce").isEmpty();
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
    }

    @Test
    void aLastingNaNCurrentTripsTheSensorFaultWithinItsDebounce() {
        w.requests().requestClose();
        run(5);
        double onset = k * period / 1e9;
        sim.injectCurrentOffset(Double.NaN);
        run(2);
        assertThat(raised).anySatisfy(id -> assertThat(id).startsWith("CURRENT_SENSOR.MSL@"));
        double at = Double.parseDouble(raised.stream()
                .filter(id -> id.startsWith("CURRENT_SENSOR.MSL@"))
                .findFirst()
                .orElseThrow()
                .split("@")[1]);
        assertThat(at - onset).isLessThanOrEqualTo(0.3 + 2 * period / 1e9 + 1e-9);
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.FAULT);
    }
}
