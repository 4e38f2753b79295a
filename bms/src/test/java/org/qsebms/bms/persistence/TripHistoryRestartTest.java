package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.soc.SocState;

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

    /** Trips the pack {@code lockoutTrips} times, resetting between, until it is locked out. */
    private static void tripUntilLockedOut(SimRig rig) {
        rig.tick();
        int trips = rig.cfg.supplementary().lockoutTrips();
        for (int i = 0; i < trips; i++) {
            trip(rig);
            if (i < trips - 1) {
                reset(rig);
            }
        }
        assertThat(rig.controller.protection().lockedOut()).isTrue();
    }

    private static void reset(SimRig rig) {
        rig.wiring.requests().requestReset();
        rig.ticks(2);
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
    }

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

    /**
     * Issue 23, check23w defect 3 (its OperatingMillisEditedProbeTest): the file's operatingMillis edited to a time no
     * controller has run, crc32 recomputed. The saved trips aged out of the window (4e15 ms) and no lockout came; at
     * Long.MAX_VALUE the operating clock stood still. Now the trips count as taken at this start.
     */
    @ParameterizedTest(name = "operatingMillis edited to {0}")
    @ValueSource(longs = {4_000_000_000_000_000L, Long.MAX_VALUE})
    void anEditedOperatingTimeStillCountsTheSavedTrips(long edited) throws Exception {
        SimRig before = rig();
        int trips = before.cfg.supplementary().lockoutTrips();
        PersistenceWriter w = StatePersistence.restoreAndStart(before.cfg, before.controller, before.now);
        before.tick();
        for (int i = 0; i < trips - 1; i++) {
            trip(before);
            reset(before);
        }
        w.close();
        Path file = dir.resolve(StatePersistence.FILE_NAME);
        String text = Files.readString(file);
        String body = text.substring(0, text.lastIndexOf("crc32="))
                .replaceAll("(?m)^operatingMillis=.*$", "operatingMillis=" + edited);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, body + String.format(Locale.ROOT, "crc32=%08x\n", crc.getValue()));

        SimRig after = rig();
        PersistenceWriter w2 = StatePersistence.restoreAndStart(after.cfg, after.controller, after.now);
        after.tick();
        trip(after);
        boolean locked = after.controller.protection().lockedOut();
        w2.close();

        assertThat(locked)
                .as("%d trips, %d saved before the edit and one after the restart", trips, trips - 1)
                .isTrue();
        assertThat(StateFile.decode(Files.readAllBytes(file)).operatingMillis())
                .as("the operating time re-saved counts on from 0, not from the edited value")
                .isLessThan(3_155_760_000_000L); // a century of operation, PersistedStateCheck's bound
    }

    /**
     * Issue 23, check23h: after a restart the refused reset named the lockout itself ("locked out after repeated
     * REPEATED_TRIP_LOCKOUT trips"); without one it names the fault that tripped. The restored trip history tells.
     */
    @Test
    void aLockoutRestoredAfterARestartNamesTheFaultThatTrippedInItsRefusal() {
        SimRig before = rig();
        PersistenceWriter w = StatePersistence.restoreAndStart(before.cfg, before.controller, before.now);
        tripUntilLockedOut(before);
        String live = before.controller.protection().refusal();
        w.close();

        SimRig after = rig();
        StatePersistence.restoreAndStart(after.cfg, after.controller, after.now).close();
        after.tick();
        assertThat(after.controller.protection().lockedOut()).isTrue();
        // -20 A is beyond the short-circuit level: the trips are SHORT_CIRCUIT's
        assertThat(live).contains("locked out after repeated SHORT_CIRCUIT trips");
        assertThat(after.controller.protection().refusal())
                .contains("locked out after repeated SHORT_CIRCUIT trips")
                .doesNotContain("REPEATED_TRIP_LOCKOUT trips");
    }

    @Test
    void aServiceResetOfTheLockoutForgetsTheSavedTrips() {
        SimRig before = rig();
        PersistenceWriter w = StatePersistence.restoreAndStart(before.cfg, before.controller, before.now);
        tripUntilLockedOut(before);
        before.wiring.requests().requestServiceReset();
        before.ticks(2);
        assertThat(before.state()).isEqualTo(SupervisorState.STANDBY);
        w.close();

        SimRig after = rig();
        StatePersistence.restoreAndStart(after.cfg, after.controller, after.now).close();
        after.tick();
        assertThat(after.state()).as("the lockout was reset before the restart").isEqualTo(SupervisorState.STANDBY);
        trip(after);
        assertThat(after.controller.protection().lockedOut())
                .as("one trip after a service reset is not a repeated trip")
                .isFalse();
    }

    /** Writes a state with {@code trips} and replaces its tripHistory line by {@code line} (null: no line, an old file). */
    private Path writeFile(List<TripRecord> trips, String line) throws Exception {
        PersistedState s = PersistedState.builder(
                        new SocState(new double[] {0.5, 0.5, 0.5, 0.5}), HealthState.nominal(4, 2.0, 0.035))
                .sequence(5)
                .savedEpochMillis(System.currentTimeMillis())
                .cycleCount(7)
                .tripHistory(trips)
                .build();
        Path file = dir.resolve(StatePersistence.FILE_NAME);
        new StateFile(file).write(s);
        String body = Files.readString(file);
        body = body.substring(0, body.indexOf("crc32="));
        assertThat(body).contains("tripHistory=");
        body = body.replaceAll("(?m)^tripHistory=.*\n", line == null ? "" : "tripHistory=" + line + "\n");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(file, body + String.format("crc32=%08x%n", crc.getValue()));
        return file;
    }

    private static StateFile.Loaded load(Path file) {
        return new StateFile(file).load(4, PersistedState.defaults(4, 2.0, 0.035));
    }

    @Test
    void theTripHistoryRoundTripsThroughTheFile() throws Exception {
        long now = System.currentTimeMillis();
        List<TripRecord> trips = List.of(
                new TripRecord("CELL_OVER_CURRENT.MSL", now - 2000, 5_000),
                new TripRecord("LOOP_OVERRUN.MSL", now, 7_000));
        Path file = dir.resolve(StatePersistence.FILE_NAME);
        new StateFile(file)
                .write(PersistedState.builder(
                                new SocState(new double[] {0.5, 0.5, 0.5, 0.5}), HealthState.nominal(4, 2.0, 0.035))
                        .savedEpochMillis(now)
                        .operatingMillis(7_000)
                        .tripHistory(trips)
                        .build());
        StateFile.Loaded l = load(file);
        assertThat(l.fieldWarnings()).isEmpty();
        assertThat(l.state().tripHistory()).isEqualTo(trips);
        assertThat(l.state().operatingMillis()).isEqualTo(7_000);
    }

    @Test
    void anOldFileWithoutTheTripHistoryLoadsWithNone() throws Exception {
        Path file = writeFile(List.of(new TripRecord("CELL_OVER_CURRENT.MSL", System.currentTimeMillis())), null);
        assertThat(Files.readString(file)).doesNotContain("tripHistory");
        StateFile.Loaded l = load(file);
        assertThat(l.restored()).isTrue();
        assertThat(l.warning()).isNull();
        assertThat(l.fieldWarnings()).isEmpty();
        assertThat(l.state().tripHistory()).isEmpty();
        assertThat(l.state().cycleCount()).isEqualTo(7);
    }

    /**
     * An entry without a fault id is refused by name; one whose times are unreadable, or dated by the wall clock alone
     * (even in the future), still names a trip: it counts as taken at this start (issue 23, check23v defect 1: a time
     * that cannot be trusted must not drop a trip; it was refused before, failing open).
     */
    @Test
    void aMalformedEntryIsRefusedByNameAndAnUndatedTripCountsAtTheStart() throws Exception {
        long now = System.currentTimeMillis();
        long future = now + 10L * 86_400_000L;
        Path file = writeFile(
                List.of(),
                "CELL_OVER_CURRENT.MSL@" + (now - 1000) + ",CELL_OVER_CURRENT.MSL@yesterday,LOOP_OVERRUN.MSL@" + future
                        + ",not a fault@" + now);
        StateFile.Loaded l = load(file);
        assertThat(l.restored()).isTrue();
        assertThat(l.fieldWarnings()).hasSize(2);
        assertThat(l.fieldWarnings().get(0)).contains("tripHistory", "'not a fault'", "fault id");
        assertThat(l.fieldWarnings().get(1))
                .contains(
                        "tripHistory",
                        "CELL_OVER_CURRENT.MSL@?;?",
                        "LOOP_OVERRUN.MSL@" + future,
                        "count as taken at this start");
        assertThat(l.state().tripHistory())
                .containsExactly(
                        new TripRecord("CELL_OVER_CURRENT.MSL", now - 1000, 0),
                        new TripRecord("CELL_OVER_CURRENT.MSL", TripRecord.UNKNOWN, 0),
                        new TripRecord("LOOP_OVERRUN.MSL", future, 0));
        assertThat(l.state().cycleCount()).isEqualTo(7);
        assertThat(l.state().cellSoc()).containsExactly(0.5, 0.5, 0.5, 0.5);
    }

    /**
     * A trip older than the window in operating time is dropped on load (issue 23, check23v: trips are aged by the
     * controller's operating time, not the wall clock; and they are SHORT_CIRCUIT's, the fault {@link #trip} raises,
     * so the test would see them counted).
     */
    @Test
    void aTripOlderThanTheWindowIsDroppedOnLoad() throws Exception {
        SimRig probe = rig();
        long window = probe.cfg.supplementary().lockoutWindow().toMillis();
        int trips = probe.cfg.supplementary().lockoutTrips();
        long operating = 10 * window;
        long now = System.currentTimeMillis();
        java.util.ArrayList<TripRecord> old = new java.util.ArrayList<>();
        for (int i = 0; i < trips - 1; i++) {
            old.add(new TripRecord("SHORT_CIRCUIT.MSL", now, operating - window - 60_000L - i));
        }
        Path file = writeFile(List.copyOf(old.reversed()), joined(old.reversed()));
        Files.writeString(file, Files.readString(file).replaceAll("operatingMillis=0", "operatingMillis=" + operating));
        rewriteChecksum(file);
        assertThat(load(file).fieldWarnings()).isEmpty();
        SimRig after = rig();
        StatePersistence.restoreAndStart(after.cfg, after.controller, after.now).close();
        after.tick();
        trip(after);
        assertThat(after.controller.protection().lockedOut())
                .as("%d trips older than the window (in operating time) do not count", trips - 1)
                .isFalse();
    }

    private static void rewriteChecksum(Path file) throws Exception {
        String body = Files.readString(file);
        body = body.substring(0, body.indexOf("crc32="));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(file, body + String.format("crc32=%08x%n", crc.getValue()));
    }

    private static String joined(List<TripRecord> trips) {
        return String.join(
                ",",
                trips.stream()
                        .map(t -> t.id() + "@" + t.epochMillis() + ";" + t.operatingMillis())
                        .toList());
    }
}
