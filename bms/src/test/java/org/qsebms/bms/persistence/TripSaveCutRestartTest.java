package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.control.Plant;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;

/**
 * check23x's documented window (probe {@code GenerationCrashProbeTest.knownWindowKillBetweenTheWritesThenMainDamaged},
 * measured on 70eecc21: restored STANDBY, not locked out after the third trip), through the controller, the writer
 * and the real state files: the power is lost in the save of a trip, just after the first of its two files got the
 * trip and before the second did, and the main file is then damaged (or not). The next start must restore the trip's
 * latch, and the next trip must lock out (fix23ar).
 */
class TripSaveCutRestartTest {
    @org.junit.jupiter.api.io.TempDir
    Path dir;

    private SimRig rig() {
        return new SimRig(
                new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString()),
                0.5,
                PackLoad.IDLE,
                System::currentTimeMillis);
    }

    private Path main() {
        return dir.resolve(StatePersistence.FILE_NAME);
    }

    private static void trip(SimRig rig) {
        rig.wiring.requests().requestClose();
        assertThat(rig.tickUntil(SupervisorState.NORMAL, 50)).isPositive();
        rig.pack.forceAmps(-20); // a short circuit
        assertThat(rig.tickUntil(SupervisorState.FAULT, 20)).isPositive();
        rig.pack.forceAmps(Double.NaN);
        rig.ticks(15);
    }

    private static void reset(SimRig rig) {
        rig.wiring.requests().requestReset();
        rig.ticks(2);
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
    }

    /** The power cut: after the first rename of a file that holds {@code trips} trips, no step completes. */
    private static final class PowerCut implements StateFile.SaveSteps {
        private final int trips;
        private volatile String cutAfter;

        PowerCut(int trips) {
            this.trips = trips;
        }

        @Override
        public void reached(Path target, StateFile.SaveStep step) {
            if (cutAfter != null) {
                throw new IllegalStateException("the power is off");
            }
            if (step == StateFile.SaveStep.RENAMED && tripsIn(target) >= trips) {
                cutAfter = target.getFileName() + " renamed";
                throw new IllegalStateException("the power is cut");
            }
        }

        private static int tripsIn(Path p) {
            try {
                return StateFile.decode(Files.readAllBytes(p)).tripHistory().size();
            } catch (IOException | StateFile.CorruptStateException e) {
                return 0;
            }
        }
    }

    @ParameterizedTest(name = "main file damaged after the cut: {0}")
    @ValueSource(booleans = {true, false})
    void aPowerCutBetweenTheWritesOfATripsSaveLosesNeitherItsLatchNorTheTrip(boolean damageMain) throws Exception {
        SimRig a = rig();
        int trips = a.cfg.supplementary().lockoutTrips();
        PersistenceWriter w = StatePersistence.restoreAndStart(a.cfg, a.controller, a.now);
        a.tick();
        for (int i = 0; i < trips - 2; i++) {
            trip(a);
            reset(a);
        }
        w.close();

        SimRig a2 = rig();
        PowerCut cut = new PowerCut(trips - 1);
        StateFile cutFile = new StateFile(main(), StateFile.BOUNDS::bytes, System::currentTimeMillis, cut);
        PersistenceWriter w1 = StatePersistence.restoreAndStart(a2.cfg, a2.controller, a2.now, Plant.REAL, cutFile);
        a2.tick();
        trip(a2); // trip number trips - 1, its latch set
        try {
            w1.close();
        } catch (IllegalStateException off) {
            // the last save found the power off
        }
        assertThat(cut.cutAfter).as("the save of the trip was cut").isNotNull();
        if (damageMain) {
            byte[] b = Files.readAllBytes(main());
            b[b.length / 2] ^= 0x20;
            Files.write(main(), b);
        }

        SimRig b = rig();
        PersistenceWriter w2 = StatePersistence.restoreAndStart(b.cfg, b.controller, b.now);
        b.tick();
        SupervisorState restored = b.state();
        if (restored == SupervisorState.FAULT) {
            b.wiring.requests().requestReset();
            b.ticks(2);
        }
        trip(b);
        boolean locked = b.controller.protection().lockedOut();
        w2.close();

        assertThat(restored)
                .as("the latch of the trip cut after %s", cut.cutAfter)
                .isEqualTo(SupervisorState.FAULT);
        assertThat(locked).as("the third trip locks out").isTrue();
    }
}
