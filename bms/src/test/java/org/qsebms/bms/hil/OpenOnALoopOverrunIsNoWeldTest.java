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
 * Review check23p: ControlLoop.runDue raises LOOP_OVERRUN after a tick and opens the pack at once
 * (PackController.actOnFaultRaisedBetweenTicks -> Supervisor.tripNow), but it passes the overrunning tick's
 * deadline as "now": the open commands are stamped with the tick's start, up to (missed + 1) periods before they were
 * really sent. At the next tick the weld check believes the contactors were commanded open 300 ms ago (more than
 * its 200 ms release time) when the coil was released 10 ms ago; the contacts (20 ms operate time, the emulator's)
 * still read closed, and CONTACTOR_WELDED is latched for a healthy contactor.
 */
class OpenOnALoopOverrunIsNoWeldTest {

    @Test
    void aPackOpenedOnALoopOverrunIsNotTakenForAWeldedContactor() {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(cfg).pack(), cfg.hal().pi4j().orElseThrow(), 3);
        ManualNanoClock clock = sim.board().clock();
        long[] tickCost = {0};
        Plant slow = now -> {
            sim.advanceTo(now);
            clock.advance(tickCost[0]); // processor time the tick spends (a GC pause, a slow bus)
        };
        ControllerAssembly.Wiring w =
                ControllerAssembly.build(cfg, sim.hardware(), new PackLinks(slow, sim, Optional.empty()), () -> 0L);
        long period = cfg.loop().period().toNanos();
        ControlLoop loop = new ControlLoop(w.controller(), period, cfg.loop().overrunsToFault(), clock);
        long deadline = period;
        w.requests().requestClose();
        for (int i = 0; i < 100; i++) {
            deadline = loop.runDue(deadline);
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        while (w.events().poll() != null) {}

        tickCost[0] = 290_000_000L; // every tick now ends 10 ms before the third deadline after its own
        int ticks = 0;
        while (w.controller().supervisor().state() != SupervisorState.FAULT && ticks++ < 20) {
            deadline = loop.runDue(deadline);
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.FAULT);
        tickCost[0] = 0; // the loop runs on time again
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
        assertThat(raised)
                .as("faults raised after the overrunning ticks")
                .anySatisfy(r -> assertThat(r).startsWith("LOOP_OVERRUN"))
                .noneSatisfy(r -> assertThat(r).startsWith("CONTACTOR_WELDED"));
    }
}
