package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;

/** Start-up wiring as BmsRuntime uses it: restore from persistence.directory, then keep saving. */
class StatePersistenceTest {
    @TempDir
    Path dir;

    private SimRig rig() {
        return new SimRig(new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString()), 0.5, PackLoad.IDLE);
    }

    @Test
    void restoresSocAndThroughputAtStartUpAndWritesOnClose() throws Exception {
        new StateFile(dir.resolve(StatePersistence.FILE_NAME)).write(new PersistedState(9, 1, new double[] {0.71, 0.72, 0.73, 0.74},
                new double[] {2, 2, 2, 2}, new double[] {0.035, 0.035, 0.035, 0.035}, new double[4], 3, 12.5, 1.0, List.of()));
        SimRig rig = rig();
        PersistenceWriter writer = StatePersistence.restoreAndStart(rig.cfg, rig.controller);
        assertThat(rig.controller.soc().cellSoc(2)).isEqualTo(0.73);
        assertThat(rig.controller.ahThroughput()).isEqualTo(12.5);
        rig.tick();
        // The first estimator update must start from the restored SOC, not re-initialise from the
        // OCV: the Kalman filter then corrects it towards the measured voltage (the simulated pack
        // is really at 50 %), so it differs from what a fresh start from the OCV gives.
        SimRig fresh = rig();
        fresh.tick();
        assertThat(rig.controller.soc().cellSoc(2))
                .isNotCloseTo(fresh.controller.soc().cellSoc(2), org.assertj.core.data.Offset.offset(1e-4))
                .isGreaterThan(fresh.controller.soc().cellSoc(2));
        writer.close();
        rig.controller.offerPersistenceNow();
        writer.flush();
        PersistedState saved = new StateFile(dir.resolve(StatePersistence.FILE_NAME)).load(4, StatePersistence.defaults(rig.cfg)).state();
        assertThat(saved.sequence()).isGreaterThan(9);
        assertThat(saved.cellSoc()[3]).isEqualTo(rig.controller.soc().cellSoc(3));
        assertThat(saved.ahThroughput()).isEqualTo(12.5);
    }

    @Test
    void aCorruptFileAtStartUpIsAWarningNotACrash() throws Exception {
        Files.writeString(dir.resolve(StatePersistence.FILE_NAME), "format=1\ncells=4\ncellSoc=0.9,0.9,0.9,0.9\ncrc32=00000000\n");
        SimRig rig = rig();
        PersistenceWriter writer = StatePersistence.restoreAndStart(rig.cfg, rig.controller);
        rig.tick();
        // SOC came from the open-circuit voltage of a 50 % pack, not from the corrupt file
        assertThat(rig.controller.soc().cellSoc(0)).isBetween(0.3, 0.7);
        writer.close();
    }
}
