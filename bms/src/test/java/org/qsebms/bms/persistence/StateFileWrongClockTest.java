package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.health.UsableCapacity;
import org.qsebms.estimators.soc.SocState;

/**
 * Issue 23, check23v defect 2: a start whose wall clock disagrees with the state file's dates (a Raspberry Pi without
 * RTC reads 1970 until NTP answers) must not turn learnt health into a loss in the file.
 */
class StateFileWrongClockTest {
    @TempDir
    Path dir;

    /** 1970-01-01T01:00Z: a Pi without RTC before NTP has answered. */
    static final long PI_WITHOUT_RTC = WallClockRestartTest.PI_WITHOUT_RTC;

    private SimRig rig(LongSupplier clock) {
        return new SimRig(
                new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString()),
                0.5,
                PackLoad.IDLE,
                clock);
    }

    private static HealthState nominal() {
        return HealthState.nominal(4, 2.0, 0.035);
    }

    /** The nominal health with {@code history} as its resistance trend. */
    private static HealthState nominalWith(List<HealthState.HistoryPoint> history) {
        HealthState n = nominal();
        return new HealthState(
                n.capacityAh(),
                n.capacitySigmaAh(),
                n.r0At25Ohms(),
                n.seiOhms(),
                n.excessLithiumAh(),
                n.lithiumLossPerCycleAh(),
                n.closedCycles(),
                n.lithiumInventoryFraction(),
                history);
    }

    private static PersistedState defaults() {
        return PersistedState.defaults(4, 2.0, 0.035);
    }

    /**
     * check23v defect 2: a state saved now with a resistance trend and a usable capacity, loaded by a start whose
     * clock reads 1970 (before NTP), run with its writer, then read back on a synced clock: nothing learnt is lost.
     */
    @Test
    void aBootAt1970KeepsTheLearntHistoryInTheFile() throws Exception {
        long saved = System.currentTimeMillis();
        double days = saved / 86_400_000.0;
        List<HealthState.HistoryPoint> history = List.of(
                new HealthState.HistoryPoint(10, days - 30, 0.036, 0.001),
                new HealthState.HistoryPoint(20, days - 1, 0.037, 0.002));
        HealthState health = nominalWith(history);
        PersistedState s = PersistedState.builder(new SocState(new double[] {0.5, 0.5, 0.5, 0.5}), health)
                .sequence(9)
                .savedEpochMillis(saved)
                .cycleCount(20)
                .usableCapacity(new UsableCapacity(1.93, 0.5, 25.0, saved - 86_400_000L))
                .build();
        Path file = dir.resolve(StatePersistence.FILE_NAME);
        new StateFile(file).write(s);

        StateFile at1970 = new StateFile(file, Files::readAllBytes, () -> PI_WITHOUT_RTC);
        SimRig boot = rig(() -> PI_WITHOUT_RTC);
        StateFile.Loaded loaded = at1970.load(4, StatePersistence.defaults(boot.cfg));
        assertThat(loaded.fieldWarnings())
                .as("one warning per key whose date disagrees with the clock, naming it and why")
                .anySatisfy(w -> assertThat(w).contains("resistance", "2 of 2", "clock was not set", "kept"))
                .anySatisfy(w -> assertThat(w).contains("usableCapacity", "1.93", "clock was not set", "kept"));
        StatePersistence.apply(loaded.state(), boot.controller);
        PersistenceWriter w = new PersistenceWriter(at1970, boot.controller.persistence(), loaded.state()).start();
        boot.ticks(20);
        w.close();

        String after = Files.readString(file);
        StateFile.Loaded reloaded = new StateFile(file).load(4, StatePersistence.defaults(boot.cfg));
        assertThat(reloaded.state().resistanceHistory())
                .as(
                        "resistance trend after a boot at 1970 and NTP; warnings at the boot %s; file now:%n%s",
                        loaded.fieldWarnings(), after)
                .hasSize(2);
        assertThat(reloaded.state().usableCapacity())
                .as("usable capacity measured; warnings at the boot %s", loaded.fieldWarnings())
                .isEqualTo(s.usableCapacity());
    }

    /** A point recorded while the clock read 1970 is kept by a later, synced start. */
    @Test
    void aPointRecordedAt1970IsKeptByALaterStart() throws Exception {
        HealthState health =
                nominalWith(List.of(new HealthState.HistoryPoint(10, PI_WITHOUT_RTC / 86_400_000.0, 0.036, 0.001)));
        Path file = dir.resolve(StatePersistence.FILE_NAME);
        new StateFile(file)
                .write(PersistedState.builder(new SocState(new double[] {0.5, 0.5, 0.5, 0.5}), health)
                        .savedEpochMillis(PI_WITHOUT_RTC)
                        .usableCapacity(new UsableCapacity(1.93, 0.5, 25.0, PI_WITHOUT_RTC))
                        .build());
        StateFile.Loaded l = new StateFile(file).load(4, defaults());
        assertThat(l.state().resistanceHistory()).hasSize(1);
        assertThat(l.state().usableCapacity()).isNotNull();
    }
}
