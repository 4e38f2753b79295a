package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.soc.SocState;

/**
 * A SOFT_SHORT latch restored from a real state file (issue 23): the detector starts afresh after
 * a restart with no evidence, and no evidence is not "no leak". The restored latch's cause holds
 * until the detector's rest measurement has shown every cell's leak below its clear level.
 */
class RestoredSoftShortLatchTest {
    /** A rest of the settle time (30 min) plus a fit as long: the rest measurement's earliest verdict. */
    private static final int MAX_REST_TICKS = 3 * 3600 * 10;

    @TempDir
    Path dir;

    private SimRig restartedWithASoftShortLatch() throws Exception {
        PersistedState s = PersistedState.builder(
                        new SocState(new double[] {0.5, 0.5, 0.5, 0.5}),
                        new HealthState(
                                new double[] {2, 2, 2, 2},
                                PersistedState.nans(4),
                                new double[] {0.035, 0.035, 0.035, 0.035},
                                new double[4],
                                PersistedState.nans(4),
                                PersistedState.nans(4),
                                new int[4],
                                1.0,
                                List.of()))
                .sequence(5)
                .savedEpochMillis(1)
                .faultLog(List.of(new FaultLogEntry(
                        1, 113, "SOFT_SHORT.MSL", true, "cell 2: leak about 12.0 mA above the string median")))
                .build();
        new StateFile(dir.resolve(StatePersistence.FILE_NAME)).write(s);
        SimRig rig = new SimRig(
                new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString()), 0.5, PackLoad.IDLE);
        StatePersistence.restoreAndStart(rig.cfg, rig.controller).close();
        return rig;
    }

    /** Requests a reset and returns its outcome's reason (the supervisor answers at the next tick). */
    private static ControllerEvent.ResetOutcome reset(SimRig rig) {
        rig.events.clear();
        rig.wiring.requests().requestReset();
        rig.ticks(2);
        return rig.events.stream()
                .filter(e -> e instanceof ControllerEvent.ResetOutcome)
                .map(e -> (ControllerEvent.ResetOutcome) e)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void withTheLeakStillThereTheRestoredLatchIsNotResetAfterTheRestart() throws Exception {
        SimRig rig = restartedWithASoftShortLatch();
        rig.pack.setSoftShort(1, 300); // about 12 mA at 3.6 V, four times the detector's threshold
        rig.ticks(3);
        ControllerEvent.ResetOutcome first = reset(rig);
        assertThat(first.accepted())
                .as("reset on the first ticks after the restart")
                .isFalse();
        // what (the latch), why (no verdict since the restart, which cells) and what to do (a rest of how long)
        assertThat(first.reason())
                .contains("SOFT_SHORT.MSL was latched before the restart")
                .contains("not yet: cell 1, 2, 3, 4")
                .contains("rest with no current for at least 60 min");
        for (int i = 0; i < MAX_REST_TICKS; i += 600) {
            rig.ticks(600);
            assertThat(reset(rig).accepted())
                    .as("reset after %.0f min of rest with the leak still there", rig.now / 60e9)
                    .isFalse();
        }
        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
    }

    @Test
    void withAHealthyPackTheRestoredLatchIsResetOnceTheRestMeasurementIsIn() throws Exception {
        SimRig rig = restartedWithASoftShortLatch();
        rig.ticks(3);
        assertThat(reset(rig).accepted())
                .as("reset before the detector has measured anything")
                .isFalse();
        int ticks = 0;
        boolean accepted = false;
        while (!accepted && ticks < MAX_REST_TICKS) {
            rig.ticks(600);
            ticks += 602;
            accepted = reset(rig).accepted();
        }
        assertThat(accepted)
                .as("reset accepted within %d min of rest of a healthy pack", MAX_REST_TICKS / 600)
                .isTrue();
        // the verdict needs a rest measurement: the settle time (30 min) and a fit after it
        assertThat(rig.now / 60e9).as("minutes to the accepted reset").isGreaterThanOrEqualTo(60);
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
    }
}
