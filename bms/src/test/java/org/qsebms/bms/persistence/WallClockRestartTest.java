package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.soc.SocState;

/**
 * Issue 23, check23v defects 1 and 2: the state file across a wall clock that is not the next start's. A Raspberry Pi
 * has no RTC: until NTP answers its clock reads 1970 (or, with fake-hwclock, the time of the last shutdown), then
 * steps. The repeated-trip lockout must survive a power cycle whatever the clock read (its trips age on the
 * controller's operating clock), and a clock must never turn learnt health into a loss in the file.
 */
class WallClockRestartTest {
    @TempDir
    Path dir;

    /** 1970-01-01T01:00Z: a Pi without RTC before NTP has answered. */
    static final long PI_WITHOUT_RTC = 3_600_000L;

    private SimRig rig(LongSupplier clock) {
        return new SimRig(
                new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString()),
                0.5,
                PackLoad.IDLE,
                clock);
    }

    /** One short-circuit trip, its cause gone afterwards (as in TripHistoryRestartTest). */
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

    /** Trips {@code lockoutTrips - 1} times on {@code clock}, resetting after each, then cuts the power. */
    private String tripsThenPowerCut(LongSupplier clock) {
        SimRig before = rig(clock);
        PersistenceWriter w = StatePersistence.restoreAndStart(before.cfg, before.controller, before.now);
        before.tick();
        for (int i = 0; i < before.cfg.supplementary().lockoutTrips() - 1; i++) {
            trip(before);
            reset(before);
        }
        assertThat(before.controller.protection().lockedOut()).isFalse();
        w.close();
        try {
            return Files.readString(dir.resolve(StatePersistence.FILE_NAME))
                    .lines()
                    .filter(l -> l.startsWith("tripHistory=") || l.startsWith("operatingMillis="))
                    .toList()
                    .toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts on {@code clock} through the real start-up path, trips once more: locked out? */
    private boolean lockedOutAfterOneMoreTrip(LongSupplier clock) {
        SimRig after = rig(clock);
        StatePersistence.restoreAndStart(after.cfg, after.controller, after.now).close();
        after.tick();
        trip(after);
        return after.controller.protection().lockedOut();
    }

    @Test
    void tripsTakenBeforeNtpSyncStillCountAfterARestart() {
        String saved = tripsThenPowerCut(() -> PI_WITHOUT_RTC);
        assertThat(lockedOutAfterOneMoreTrip(System::currentTimeMillis))
                .as("3 trips within minutes, 2 saved as %s while the clock read 1970, one after NTP", saved)
                .isTrue();
    }

    @Test
    void anOfflinePiWithoutRtcStillLocksOutAcrossAPowerCycle() {
        String saved = tripsThenPowerCut(() -> PI_WITHOUT_RTC);
        assertThat(lockedOutAfterOneMoreTrip(() -> PI_WITHOUT_RTC + 120_000L))
                .as("3 trips within minutes on a Pi whose clock reads 1970 at every boot (saved %s)", saved)
                .isTrue();
    }

    @Test
    void tripsOnAStaleFakeHwclockStillCountAfterNtpStepsTheClock() {
        long stale = System.currentTimeMillis() - 20L * 3_600_000L;
        String saved = tripsThenPowerCut(() -> stale);
        assertThat(lockedOutAfterOneMoreTrip(System::currentTimeMillis))
                .as("3 trips within minutes, 2 dated on a fake-hwclock 20 h behind (saved %s)", saved)
                .isTrue();
    }

    /** The trips' wall-clock dates stay in the file, for the record, beside their operating times. */
    @Test
    void aTripKeepsItsWallClockDateBesideItsOperatingTime() throws Exception {
        tripsThenPowerCut(() -> PI_WITHOUT_RTC);
        StateFile.Loaded l = new StateFile(dir.resolve(StatePersistence.FILE_NAME)).load(4, defaults());
        assertThat(l.state().tripHistory()).hasSize(2).allSatisfy(t -> {
            assertThat(t.epochMillis()).isEqualTo(PI_WITHOUT_RTC);
            assertThat(t.operatingMillis()).isBetween(0L, l.state().operatingMillis());
        });
        assertThat(l.state().operatingMillis()).as("the run's operating time").isPositive();
    }

    /** An old file (trips dated by the wall clock alone, no operating time) with two trips 2 h old by its dates. */
    private Path oldFormatFile(long tripEpochMillis) throws Exception {
        PersistedState s = PersistedState.builder(new SocState(new double[] {0.5, 0.5, 0.5, 0.5}), nominal())
                .sequence(5)
                .savedEpochMillis(System.currentTimeMillis())
                .cycleCount(7)
                .build();
        Path file = dir.resolve(StatePersistence.FILE_NAME);
        new StateFile(file).write(s);
        String body = Files.readString(file);
        body = body.substring(0, body.indexOf("crc32="))
                .replaceAll("(?m)^operatingMillis=.*\n", "")
                .replaceAll(
                        "(?m)^tripHistory=.*\n",
                        "tripHistory=SHORT_CIRCUIT.MSL@" + tripEpochMillis + ",SHORT_CIRCUIT.MSL@" + tripEpochMillis
                                + "\n");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(file, body + String.format("crc32=%08x%n", crc.getValue()));
        return file;
    }

    /**
     * A file written before the operating clock: its trips' ages cannot be trusted (they were dated by the wall
     * clock), so they count as taken at the start that reads them (failing safe), and age from there.
     */
    @Test
    void anOldFormatFileStillRestoresItsTripsFailSafe() throws Exception {
        long twoHoursAgo = System.currentTimeMillis() - 2L * 3_600_000L;
        Path file = oldFormatFile(twoHoursAgo);
        StateFile.Loaded l = new StateFile(file).load(4, defaults());
        assertThat(l.restored()).isTrue();
        assertThat(l.state().operatingMillis()).isZero();
        assertThat(l.state().tripHistory())
                .as("re-dated to the restore's operating time, wall-clock dates kept")
                .containsExactly(
                        new TripRecord("SHORT_CIRCUIT.MSL", twoHoursAgo, 0),
                        new TripRecord("SHORT_CIRCUIT.MSL", twoHoursAgo, 0));
        assertThat(l.fieldWarnings())
                .singleElement()
                .asString()
                .contains("tripHistory", "SHORT_CIRCUIT.MSL@" + twoHoursAgo, "count as taken at this start");

        assertThat(lockedOutAfterOneMoreTrip(System::currentTimeMillis))
                .as("two trips of an old file (2 h old by the wall clock) and one after the start")
                .isTrue();
    }

    private static HealthState nominal() {
        return HealthState.nominal(4, 2.0, 0.035);
    }

    private static PersistedState defaults() {
        return PersistedState.defaults(4, 2.0, 0.035);
    }
}
