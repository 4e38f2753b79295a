package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.control.Plant;
import org.qsebms.bms.loop.ControlLoop;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.emulator.ManualNanoClock;

/**
 * Issue 23, review check23q: the last-resort path has the stamp check23p mended on the overrun path. A tick that throws makes
 * ControlLoop call PackController.emergencyOpen(reason, now), which calls Supervisor.openAll() without a time: the opens
 * are stamped with the supervisor's last "now", the previous tick's (the throw came before this tick's step). A tick
 * that spends 90 ms (a slow bus) and then throws, at a 100 ms period - no overrun at all - sends the opens at +90 ms
 * stamped -100 ms; the weld check of the next tick counts 200 ms (its whole release time) for a coil released 10 ms
 * before, the emulator's contacts (20 ms operate time) still read closed, and CONTACTOR_WELDED latches on a healthy
 * contactor next to the LOOP_EXCEPTION.
 */
class EmergencyOpenIsNoWeldTest {

    @Test
    void aPackOpenedByTheLastResortHandlerIsNotTakenForAWeldedContactor() {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(cfg).pack(), cfg.hal().pi4j().orElseThrow(), 3);
        ManualNanoClock clock = sim.board().clock();
        long[] tickCost = {0};
        boolean[] fail = {false};
        Plant plant = now -> {
            sim.advanceTo(now);
            clock.advance(tickCost[0]); // processor time the tick spends (a slow bus)
            if (fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("injected: a driver gave up after a bus timeout");
            }
        };
        ControllerAssembly.Wiring w =
                ControllerAssembly.build(cfg, sim.hardware(), new PackLinks(plant, sim, Optional.empty()), () -> 0L);
        long period = cfg.loop().period().toNanos();
        ControlLoop loop = new ControlLoop(w.controller(), period, cfg.loop().overrunsToFault(), clock);
        long deadline = period;
        w.requests().requestClose();
        for (int i = 0; i < 100; i++) {
            deadline = loop.runDue(deadline);
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        while (w.events().poll() != null) {}

        tickCost[0] = period - 10_000_000L; // 90 ms at 100 ms: within its period, no overrun
        fail[0] = true;
        deadline = loop.runDue(deadline); // throws: the last-resort handler opens every contactor
        tickCost[0] = 0;
        for (int i = 0; i < 5; i++) {
            deadline = loop.runDue(deadline);
        }
        List<String> raised = new ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            if (e instanceof ControllerEvent.FaultEdge fe && fe.fault().raised()) {
                raised.add(fe.fault().code() + ": " + fe.fault().reason());
            }
        }
        assertThat(loop.overruns()).as("no tick overran").isZero();
        assertThat(raised)
                .as("faults raised after a tick that threw (the contacts release 20 ms after their coil)")
                .anySatisfy(r -> assertThat(r).startsWith("LOOP_EXCEPTION"))
                .noneSatisfy(r -> assertThat(r).startsWith("CONTACTOR_WELDED"));
    }
}
