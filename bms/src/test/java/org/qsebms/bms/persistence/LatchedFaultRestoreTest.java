package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.soc.SocState;

/** Latches restored from real state files, including files from before the latchedFaults line. */
class LatchedFaultRestoreTest {
    @TempDir
    Path dir;

    private SimRig restoredRig() {
        SimRig rig = new SimRig(
                new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString()), 0.5, PackLoad.IDLE);
        StatePersistence.restoreAndStart(rig.cfg, rig.controller).close();
        return rig;
    }

    private void writeFile(List<FaultLogEntry> log, boolean withLatchedLine) throws Exception {
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
                .faultLog(log)
                .build();
        Path file = dir.resolve(StatePersistence.FILE_NAME);
        new StateFile(file).write(s);
        if (!withLatchedLine) { // a file written before latches were persisted: no latchedFaults line, new checksum
            String body = Files.readString(file);
            body = body.substring(0, body.indexOf("crc32=")).replaceAll("(?m)^latchedFaults=.*\n", "");
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Files.writeString(file, body + String.format("crc32=%08x%n", crc.getValue()));
        }
    }

    @Test
    void aLatchInAnOldFilesFaultLogKeepsThePackInFaultDespiteACloseRequest() throws Exception {
        writeFile(List.of(new FaultLogEntry(1, 401, "LOOP_OVERRUN.MSL", true, "5 consecutive ticks overran")), false);
        assertThat(Files.readString(dir.resolve(StatePersistence.FILE_NAME))).doesNotContain("latchedFaults");
        SimRig rig = restoredRig();
        rig.wiring.requests().requestClose();
        rig.ticks(30);
        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
        assertThat(rig.anyClosed()).isFalse();
        rig.wiring.requests().requestReset();
        rig.ticks(2);
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
    }

    @Test
    void aLatchThatWasResetBeforeTheRestartIsNotRestored() throws Exception {
        writeFile(
                List.of(
                        new FaultLogEntry(1, 401, "LOOP_OVERRUN.MSL", true, "5 consecutive ticks overran"),
                        new FaultLogEntry(
                                2,
                                401,
                                "LOOP_OVERRUN.MSL",
                                false,
                                "control loop missed its deadline repeatedly: reset")),
                true);
        assertThat(Files.readString(dir.resolve(StatePersistence.FILE_NAME))).contains("latchedFaults=\n");
        SimRig rig = restoredRig();
        rig.wiring.requests().requestClose();
        rig.tickUntil(SupervisorState.NORMAL, 40);
        assertThat(rig.state()).isEqualTo(SupervisorState.NORMAL);
    }
}
