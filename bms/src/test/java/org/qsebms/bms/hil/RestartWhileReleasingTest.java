package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.persistence.PersistenceWriter;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.wiring.PackHardwareFactory;

/**
 * Found by an independent check (check23l, 2026-12-06): a controller restarted on the same board (config/examples/pi-4s-ads1115.yaml through the real drivers
 * and emulators) and the same state directory while its contactors are still releasing: the old process died with
 * the coils energised (a GPIO line keeps its level when its process dies), the new one drops them as it opens the
 * pins, and its first tick comes inside the contacts' release time.
 */
class RestartWhileReleasingTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private static List<String> faultLines(ControllerAssembly.Wiring w) {
        List<String> out = new ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            if (e instanceof ControllerEvent.FaultEdge fe) {
                out.add(fe.fault().code().name()
                        + (fe.fault().raised() ? "+ " : "- ")
                        + fe.fault().reason());
            }
        }
        return out;
    }

    @Test
    void aRestartInsideTheContactsReleaseTimeIsNotTakenAsAWeld() {
        BmsConfig cfg = new ConfigLoader().load(ExampleBoard.pi4sAds1115()).withPersistenceDirectory(dir.toString());
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(cfg).pack(), cfg.hal().pi4j().orElseThrow(), 3);
        ControllerAssembly.Wiring before =
                ControllerAssembly.build(cfg, sim.hardware(), PackLinks.followingLimits(sim), () -> 0L);
        PersistenceWriter w = StatePersistence.restoreAndStart(cfg, before.controller(), 0L, sim);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        before.requests().requestClose();
        for (int i = 0; i < 60; i++) {
            now += period;
            before.controller().tick(now);
        }
        assertThat(before.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        assertThat(sim.board().contactor(ContactorId.MAIN_POSITIVE).mainContactsClosed())
                .isTrue();
        w.close(); // the process dies here with its coils energised

        // the new process opens the same pins (its contactors drop their coils as they are made) and starts its loop
        var hw = PackHardwareFactory.build(cfg.hal().pi4j().orElseThrow(), sim.board())
                .hardware();
        ControllerAssembly.Wiring after = ControllerAssembly.build(cfg, hw, PackLinks.followingLimits(sim), () -> 0L);
        StatePersistence.restoreAndStart(cfg, after.controller(), now, sim).close();
        faultLines(after);
        now += MS; // the loop's first tick comes at once
        after.controller().tick(now);
        for (int i = 0; i < 5; i++) {
            now += period;
            after.controller().tick(now);
        }
        boolean stillClosed = false;
        for (ContactorId id : ContactorId.values()) {
            stillClosed |= sim.board().contactor(id).mainContactsClosed();
        }
        assertThat(stillClosed).as("every contact has released by now").isFalse();
        assertThat(faultLines(after))
                .as("contacts that released within their 20 ms after the new process dropped the coils")
                .noneMatch(l -> l.startsWith("CONTACTOR_WELDED+"));
        assertThat(after.controller().supervisor().state())
                .as("nothing is wrong with the pack")
                .isEqualTo(SupervisorState.STANDBY);
    }
}
