package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;

/**
 * The repeated-trip lockout across a restart: trips before a crash and trips after it count
 * together, through the real state file and the start-up path the BMS uses (issue 23).
 */
class TripHistoryRestartTest {
    @TempDir
    Path dir;

    private SimRig rig() {
        return new SimRig(
                new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString()),
                0.5,
                PackLoad.IDLE,
                System::currentTimeMillis);
    }

    /** One over-current trip (as in ServiceResetCommandTest), its cause gone afterwards. */
    private static void trip(SimRig rig) {
        rig.wiring.requests().requestClose();
        assertThat(rig.tickUntil(SupervisorState.NORMAL, 50)).isPositive();
        rig.pack.forceAmps(-20);
        assertThat(rig.tickUntil(SupervisorState.FAULT, 20)).isPositive();
        rig.pack.forceAmps(Double.NaN);
        rig.ticks(15);
    }

    private static void reset(SimRig rig) {
        rig.wiring.requests().requestReset();
        rig.ticks(2);
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
    }

    @Disabled("known miss, measured 2026-12-03: 2 trips before a restart + 1 after, lockoutTrips 3: not locked out")
    @Test
    void tripsBeforeARestartAndTripsAfterItReachTheLockout() {
        SimRig before = rig();
        int trips = before.cfg.supplementary().lockoutTrips();
        PersistenceWriter w = StatePersistence.restoreAndStart(before.cfg, before.controller, before.now);
        before.tick();
        for (int i = 0; i < trips - 1; i++) {
            trip(before);
            reset(before);
        }
        assertThat(before.controller.protection().lockedOut()).isFalse();
        w.close(); // the last save before the power is cut; the controller is gone

        SimRig after = rig();
        StatePersistence.restoreAndStart(after.cfg, after.controller, after.now).close();
        after.tick();
        assertThat(after.state()).as("no latch after the resets").isEqualTo(SupervisorState.STANDBY);
        trip(after);
        assertThat(after.controller.protection().lockedOut())
                .as("%d trips of one fault within the window, %d before the restart and one after", trips, trips - 1)
                .isTrue();
    }
}
