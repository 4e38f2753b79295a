package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.testing.SimRig;

class PersistenceWriterTest {
    @TempDir
    Path dir;

    @Test
    void loopSnapshotsAndFaultEdgesAreSavedAndRestoredIntoANewController() {
        // given a controller running with charge flowing and one fault edge
        double[] amps = {-1.0};
        SimRig rig = new SimRig((s, p, c) -> c ? amps[0] : 0.0);
        StateFile file = new StateFile(dir.resolve(StatePersistence.FILE_NAME));
        PersistenceWriter writer =
                new PersistenceWriter(file, rig.controller.persistence(), StatePersistence.defaults(rig.cfg));
        rig.tick();
        rig.connect();
        rig.ticks(600); // one minute at 1 A
        rig.pack.driveCellVoltage(1, 0.8);
        rig.ticks(5);
        writer.flush(); // takes the periodic snapshot the loop offered, and the fault edges
        assertThat(rig.controller.offerPersistenceNow()).isTrue();
        assertThat(writer.flush()).isTrue();
        double[] soc = new double[4];
        for (int i = 0; i < 4; i++) {
            soc[i] = rig.controller.soc().cellSoc(i);
        }

        // when a fresh controller restores it
        StateFile.Loaded loaded = file.load(4, StatePersistence.defaults(rig.cfg));
        SimRig restarted = new SimRig(PackLoad.IDLE);
        StatePersistence.apply(loaded.state(), restarted.controller);

        // then SOC, throughput and the fault log survive
        assertThat(loaded.restored()).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(restarted.controller.soc().cellSoc(i)).isEqualTo(soc[i]);
        }
        assertThat(restarted.controller.ahThroughput()).isCloseTo(1.0 / 60, org.assertj.core.data.Offset.offset(0.002));
        assertThat(loaded.state().faultLog()).extracting(FaultLogEntry::id).contains("CELL_OVER_VOLTAGE.MSL");
        assertThat(loaded.state().faultLog())
                .filteredOn(f -> f.id().equals("CELL_OVER_VOLTAGE.MSL"))
                .first()
                .satisfies(f -> assertThat(f.code()).isEqualTo(101));
    }

    @Test
    void theLoopNeverWaitsForABusyWriter() {
        SimRig rig = new SimRig(PackLoad.IDLE);
        StateHandoff h = rig.controller.persistence();
        assertThat(h.offer(rig.controller.soc(), 0, 0)).isTrue();
        // nobody took the slot: the next offer is dropped and counted, not blocked
        assertThat(h.offer(rig.controller.soc(), 0, 0)).isFalse();
        assertThat(h.dropped()).isEqualTo(1);
    }

    @Test
    void theBackgroundThreadWritesPeriodicSnapshots() throws Exception {
        SimRig rig = new SimRig(PackLoad.IDLE);
        StateFile file = new StateFile(dir.resolve(StatePersistence.FILE_NAME));
        try (PersistenceWriter writer =
                new PersistenceWriter(file, rig.controller.persistence(), StatePersistence.defaults(rig.cfg)).start()) {
            rig.ticks(250); // 25 s of loop time, persistence interval 10 s
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (writer.writes() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(writer.writes()).isGreaterThanOrEqualTo(1);
        }
        assertThat(file.load(4, StatePersistence.defaults(rig.cfg)).restored()).isTrue();
    }

    @Test
    void aMissingStateDirectoryIsCreatedAndAnUnwritableOneIsReportedNotThrown() throws Exception {
        SimRig rig = new SimRig(PackLoad.IDLE);
        java.nio.file.Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        StateFile file = new StateFile(dir.resolve("blocker").resolve(StatePersistence.FILE_NAME));
        PersistenceWriter writer =
                new PersistenceWriter(file, rig.controller.persistence(), StatePersistence.defaults(rig.cfg));
        rig.tick();
        assertThat(writer.flush()).isFalse();
        assertThat(writer.failures()).isEqualTo(1);
        StateFile nested = new StateFile(dir.resolve("a/b").resolve(StatePersistence.FILE_NAME));
        PersistenceWriter ok =
                new PersistenceWriter(nested, rig.controller.persistence(), StatePersistence.defaults(rig.cfg));
        rig.controller.offerPersistenceNow();
        assertThat(ok.flush()).isTrue();
    }
}
