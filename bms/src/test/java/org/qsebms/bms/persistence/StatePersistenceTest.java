package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.health.UsableCapacity;
import org.qsebms.estimators.soc.SocState;

/** Start-up wiring as BmsRuntime uses it: restore from persistence.directory, then keep saving. */
class StatePersistenceTest {
    @TempDir
    Path dir;

    private SimRig rig() {
        return new SimRig(
                new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString()), 0.5, PackLoad.IDLE);
    }

    @Test
    void restoresSocAndThroughputAtStartUpAndWritesOnClose() throws Exception {
        new StateFile(dir.resolve(StatePersistence.FILE_NAME))
                .write(PersistedState.builder(
                                new SocState(new double[] {0.71, 0.72, 0.73, 0.74}),
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
                        .sequence(9)
                        .savedEpochMillis(1)
                        .cycleCount(3)
                        .ahThroughput(12.5)
                        .build());
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
        PersistedState saved = new StateFile(dir.resolve(StatePersistence.FILE_NAME))
                .load(4, StatePersistence.defaults(rig.cfg))
                .state();
        assertThat(saved.sequence()).isGreaterThan(9);
        assertThat(saved.cellSoc()[3]).isEqualTo(rig.controller.soc().cellSoc(3));
        assertThat(saved.ahThroughput()).isEqualTo(12.5);
    }

    @Test
    void restoresAndSavesTheHealthTrackersState() throws Exception {
        List<HealthState.HistoryPoint> history = new java.util.ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            history.add(new HealthState.HistoryPoint(10.0 * n, 20400 + n, 0.0026 + 0.00005 * n, 0.0002 + 0.00005 * n));
        }
        new StateFile(dir.resolve(StatePersistence.FILE_NAME))
                .write(PersistedState.builder(
                                new SocState(new double[] {0.5, 0.5, 0.5, 0.5}),
                                new HealthState(
                                        new double[] {1.91, 1.95, 1.97, 1.93},
                                        new double[] {0.02, 0.02, Double.NaN, 0.02},
                                        new double[] {0.0028, 0.0029, 0.0027, 0.0030},
                                        new double[] {0.0003, 0.0004, 0.0002, 0.0005},
                                        new double[] {20.1, 20.0, 20.2, 19.9},
                                        new double[] {0.004, 0.004, 0.004, 0.005},
                                        new int[] {58, 58, 58, 58},
                                        0.98,
                                        history))
                        .sequence(9)
                        .savedEpochMillis(1)
                        .cycleCount(60)
                        .ahThroughput(240.0)
                        .usableCapacity(new UsableCapacity(1.61, 0.6, 25.6, 1_764_000_000_000L))
                        .build());
        SimRig rig = rig();
        PersistenceWriter writer = StatePersistence.restoreAndStart(rig.cfg, rig.controller);
        var health = rig.controller.healthTracker();
        assertThat(health.capacityAh(1)).isEqualTo(1.95);
        assertThat(health.r0At25Ohms(3)).isEqualTo(0.0030);
        assertThat(health.excessLithiumAh(0)).isEqualTo(20.1);
        assertThat(health.closedCycles(2)).isEqualTo(58);
        assertThat(health.equivalentFullCycles())
                .isEqualTo(240.0 / (2 * rig.cfg.pack().capacityAh()));
        assertThat(health.history().size()).isEqualTo(6);
        assertThat(health.seiState()).isEqualTo("growing");
        assertThat(rig.controller.usableCapacityMeter().usableCapacityAh()).isEqualTo(1.61);
        assertThat(rig.controller.usableCapacityMeter().last().meanDischargeC()).isEqualTo(0.6);
        // a learnt capacity (it has a sigma) goes to the SOC filter; cell 2's was never learnt
        var ekf = (org.qsebms.estimators.soc.EkfSocEstimator) rig.controller.soc();
        assertThat(ekf.cellCapacityAh(1)).isCloseTo(1.95, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ekf.cellCapacityAh(2))
                .isCloseTo(rig.cfg.pack().capacityAh(), org.assertj.core.data.Offset.offset(1e-9));
        // ... with its standard error, which the SOC bound carries from then on (a capacity never learnt: none)
        assertThat(ekf.cellCapacityErrorSigma(1)).isCloseTo(0.02 / 1.95, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ekf.cellCapacityErrorSigma(2)).isZero();
        rig.tick();
        writer.close();
        rig.controller.offerPersistenceNow();
        writer.flush();
        PersistedState saved = new StateFile(dir.resolve(StatePersistence.FILE_NAME))
                .load(4, StatePersistence.defaults(rig.cfg))
                .state();
        assertThat(saved.capacityAh()[1]).isEqualTo(1.95);
        assertThat(saved.excessLithiumAh()[0]).isEqualTo(20.1);
        assertThat(saved.closedCycles()).containsOnly(58);
        assertThat(saved.resistanceHistory()).hasSize(6);
        assertThat(saved.resistanceHistory().get(5).r0Ohm()).isEqualTo(0.0026 + 0.00005 * 6);
        assertThat(saved.lithiumInventoryFraction()).isEqualTo(health.lithiumInventoryFraction());
        assertThat(saved.usableCapacity()).isEqualTo(new UsableCapacity(1.61, 0.6, 25.6, 1_764_000_000_000L));
    }

    @Test
    void aCorruptFileAtStartUpIsAWarningNotACrash() throws Exception {
        Files.writeString(
                dir.resolve(StatePersistence.FILE_NAME),
                "format=1\ncells=4\ncellSoc=0.9,0.9,0.9,0.9\ncrc32=00000000\n");
        SimRig rig = rig();
        PersistenceWriter writer = StatePersistence.restoreAndStart(rig.cfg, rig.controller);
        rig.tick();
        // SOC came from the open-circuit voltage of a 50 % pack, not from the corrupt file
        assertThat(rig.controller.soc().cellSoc(0)).isBetween(0.3, 0.7);
        writer.close();
    }
}
