package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.wiring.PackHardwareFactory;

/**
 * Review check23p: the precharge contactor is open in NORMAL. Its coil line fails for one write - the open
 * command Supervisor.openAll sends it on entering FAULT (a cell over-voltage). Supervisor.send latches
 * CONTACTOR_FEEDBACK with its cause "present until a command to that contactor goes through again", but in FAULT
 * nothing ever sends precharge a command again (checkWeld re-sends only while a contactor reads closed; a reset is
 * refused over the present cause): the line works again, the over-voltage is gone, and every reset is refused for
 * good. Only a restart clears it.
 */
class CoilFailureOnAnOpenContactorTest {
    private static final int PRECHARGE_COIL = 13;

    @Test
    void aCoilWriteThatFailedOnceOnAnOpenContactorDoesNotBlockEveryResetForGood() {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115());
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(cfg).pack(), cfg.hal().pi4j().orElseThrow(), 3);
        FailingCoilPorts ports = new FailingCoilPorts(sim.board(), PRECHARGE_COIL);
        var hw =
                PackHardwareFactory.build(cfg.hal().pi4j().orElseThrow(), ports).hardware();
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, hw, PackLinks.followingLimits(sim), () -> 0L);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        w.requests().requestClose();
        for (int i = 0; i < 100; i++) {
            now += period;
            w.controller().tick(now);
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);

        // a cell over-voltage trips the pack; precharge's coil line fails for the open sent on entering FAULT
        ports.failing = true;
        sim.pack().driveCellVoltage(2, 0.7);
        while (w.controller().supervisor().state() != SupervisorState.FAULT) {
            now += period;
            w.controller().tick(now);
        }
        ports.failing = false; // the line works again at once
        sim.pack().driveCellVoltage(2, 0.0); // and the over-voltage goes
        List<String> outcomes = new ArrayList<>();
        for (int attempt = 0; attempt < 30 && w.controller().supervisor().state() == SupervisorState.FAULT; attempt++) {
            for (int i = 0; i < 20; i++) { // 2 s between resets
                now += period;
                w.controller().tick(now);
            }
            w.requests().requestReset();
            now += period;
            w.controller().tick(now);
        }
        ControllerEvent e;
        List<String> raised = new ArrayList<>();
        while ((e = w.events().poll()) != null) {
            if (e instanceof ControllerEvent.ResetOutcome r) {
                outcomes.add(r.reason());
            } else if (e instanceof ControllerEvent.FaultEdge fe && fe.fault().raised()) {
                raised.add(fe.fault().code() + ": " + fe.fault().reason());
            }
        }
        assertThat(w.controller().supervisor().state())
                .as(
                        "60 s after precharge's coil line failed one write (it works again since) and the over-voltage"
                                + " went; faults raised %s; last reset outcome: %s",
                        raised, outcomes.isEmpty() ? "-" : outcomes.get(outcomes.size() - 1))
                .isNotEqualTo(SupervisorState.FAULT);
    }
}
