package org.qsebms.bms.softshort;

import java.nio.file.Path;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.estimators.softshort.SoftShortDetector;

/**
 * The whole controller (the same {@link ControllerAssembly} as {@code bms run}) on the simulated
 * pack, with a soft short across one cell from the start, ticked from a test-owned clock; reads the
 * detector's leak estimate beside the simulated truth (the short's current, cell volts over ohms).
 * The pack, load and loop period come from scenario YAML (pack, initial, load, loop, seed keys).
 */
final class SoftShortRun {
    final Scenario scenario;
    final SimulatedPack pack;
    final PackController controller;
    final SoftShortDetector detector;
    final long periodNanos;
    final ControllerAssembly.Wiring wiring;
    /** Fault edges raised during the run, as {@code t=SECONDS ID reason}. */
    final java.util.List<String> raised = new java.util.ArrayList<>();

    long now;
    /** Ticks on which the detector's flag was set for a cell other than the shorted one. */
    long otherFlaggedTicks;

    int shortedCell = -1;
    double shortOhms = Double.POSITIVE_INFINITY;

    SoftShortRun(String yaml) {
        this.scenario = new ScenarioLoader().parse(yaml + "\nduration: 1s\n", Path.of("."), "test");
        SimulatedHardware sim = SimulatedPackSetup.create(
                scenario.config(),
                scenario.initialSoc(),
                scenario.ambient().getFirst().celsius(),
                scenario.load(),
                scenario.seed());
        this.pack = sim.pack();
        ControllerAssembly.Wiring w =
                this.wiring = ControllerAssembly.build(scenario.config(), sim.hardware(), pack, () -> now / 1_000_000L);
        this.controller = w.controller();
        this.detector = controller.softShortDetector();
        this.periodNanos = scenario.config().loop().period().toNanos();
        w.requests().requestClose();
    }

    void shortCell(int cell, double ohms) {
        shortedCell = cell;
        shortOhms = ohms;
        pack.setSoftShort(cell, ohms);
    }

    /** Runs until {@code hours} of simulated time since start. */
    void runTo(double hours) {
        long end = (long) (hours * 3600e9);
        while (now < end) {
            now += periodNanos;
            controller.tick(now);
            org.qsebms.bms.snapshot.ControllerEvent e;
            while ((e = wiring.events().poll()) != null) {
                if (e instanceof org.qsebms.bms.snapshot.ControllerEvent.FaultEdge f
                        && f.fault().raised()) {
                    raised.add(String.format(
                            java.util.Locale.ROOT,
                            "t=%.0f %s %s",
                            now / 1e9,
                            f.fault().id(),
                            f.fault().reason()));
                }
            }
            for (int i = 0; i < pack.cellCount(); i++) {
                if (i != shortedCell && detector.isFlagged(i)) {
                    otherFlaggedTicks++;
                }
            }
        }
    }

    /** The short's true current now (A). */
    double trueLeakAmps() {
        return shortedCell < 0 ? 0 : pack.cellVolts(shortedCell) / shortOhms;
    }

    double estimatedLeakAmps() {
        return shortedCell < 0 ? 0 : detector.leakAmps(shortedCell);
    }

    double hours() {
        return now / 3600e9;
    }
}
