package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.Bq76952Simulation;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * The whole controller on config/examples/pi-16s-bq76952.yaml: the simulated 16-series pack through
 * the BQ76952 driver and its register-level emulator, on one clock the tests advance.
 */
record Bq76952HilRig(BmsConfig cfg, Bq76952Simulation sim, ControllerAssembly.Wiring w) {
    static final long MS = 1_000_000L;

    /**
     * The example with {@code from} replaced by {@code to}; the pack at {@code soc}; the Pi's
     * watchdog timeout {@code watchdogNanos}.
     */
    static Bq76952HilRig of(String from, String to, double soc, long watchdogNanos) throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("config/examples/pi-16s-bq76952.yaml"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root with config/examples").isNotNull();
        String text = Files.readString(p.resolve("config/examples/pi-16s-bq76952.yaml"));
        assertThat(text).contains(from);
        BmsConfig cfg = new ConfigLoader().parse(text.replace(from, to), "pi-16s-bq76952.yaml");
        var pack = SimulatedPackSetup.createPack(cfg, soc, 25.0, PackLoad.IDLE, 11);
        var sim = new Bq76952Simulation(pack, cfg.hal().bq76952().orElseThrow(), watchdogNanos);
        ControllerAssembly.Wiring w =
                ControllerAssembly.build(cfg, sim.hardware(), PackLinks.followingLimits(sim), () -> 0L);
        return new Bq76952HilRig(cfg, sim, w);
    }

    /** The example as it is, the pack at {@code soc}, the Pi's watchdog at 15 s. */
    static Bq76952HilRig of(double soc) throws Exception {
        return of("fanPin: 18", "fanPin: 18", soc, 15_000 * MS);
    }

    long period() {
        return cfg.loop().period().toNanos();
    }

    /** Runs {@code ticks} ticks after {@code now}; returns the time of the last. */
    long run(long now, int ticks) {
        for (int i = 0; i < ticks; i++) {
            now += period();
            w.controller().tick(now);
        }
        return now;
    }

    /** Requests a close and runs {@code ticks} ticks from time 0; returns the time of the last. */
    long closeAndRun(int ticks) {
        w.requests().requestClose();
        return run(0, ticks);
    }

    /** The fault edges raised or cleared since the last call. */
    List<ControllerEvent.FaultEdge> faultEdges() {
        List<ControllerEvent.FaultEdge> out = new ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            if (e instanceof ControllerEvent.FaultEdge fe) {
                out.add(fe);
            }
        }
        return out;
    }

    /** As {@link #faultEdges()}, each as "CODE+ reason" (raised) or "CODE- reason" (cleared). */
    List<String> faultLines() {
        List<String> out = new ArrayList<>();
        for (ControllerEvent.FaultEdge fe : faultEdges()) {
            out.add(fe.fault().code().name() + (fe.fault().raised() ? "+" : "-") + " "
                    + fe.fault().reason());
        }
        return out;
    }
}
