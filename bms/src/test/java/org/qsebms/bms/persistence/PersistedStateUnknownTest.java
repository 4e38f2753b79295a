package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
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
 * The controller started on a real state directory whose saved state cannot be used: a latch that may have been in
 * it must not be lost, so the pack starts in FAULT with PERSISTED_STATE_UNKNOWN latched and stays open until an
 * accepted reset; a main file that cannot be used with a good previous generation restores that generation's latch; a
 * first start (no file) closes as usual.
 */
class PersistedStateUnknownTest {
    @TempDir
    Path dir;

    private Path main() {
        return dir.resolve(StatePersistence.FILE_NAME);
    }

    private static PersistedState saved(long seq, String... latched) {
        return PersistedState.builder(
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
                .sequence(seq)
                .savedEpochMillis(System.currentTimeMillis() - 60_000)
                .latchedFaults(List.of(latched))
                .build();
    }

    private void saveTwice(String... latched) throws IOException {
        StateFile f = new StateFile(main());
        f.write(saved(1, latched));
        f.write(saved(2, latched));
    }

    private static void corrupt(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        b[b.length / 3] ^= 0x01;
        Files.write(p, b);
    }

    private SimRig restart() {
        SimRig rig = new SimRig(
                new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString()), 0.5, PackLoad.IDLE);
        StatePersistence.restoreAndStart(rig.cfg, rig.controller, rig.now).close();
        return rig;
    }

    /**
     * Restarts on the state directory and asks for a close: the pack must stay in FAULT, every contactor open, with
     * PERSISTED_STATE_UNKNOWN the only fault raised.
     */
    private SimRig restartHeldOpenByTheUnknownState() {
        SimRig rig = restart();
        rig.wiring.requests().requestClose();
        rig.ticks(30);
        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
        assertThat(rig.anyClosed()).isFalse();
        assertThat(rig.raisedFaultIds()).containsExactly("PERSISTED_STATE_UNKNOWN.MSL");
        return rig;
    }

    private static <T extends ControllerEvent> List<T> events(SimRig rig, Class<T> type) {
        return rig.events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void bothGenerationsCorruptKeepTheContactorsOpenUntilAnAcceptedResetThenThePackCloses() throws Exception {
        saveTwice("SOFT_SHORT.MSL");
        corrupt(main());
        corrupt(dir.resolve("bms-state.txt.previous"));

        SimRig rig = restartHeldOpenByTheUnknownState();
        ControllerEvent.FaultEdge raised =
                events(rig, ControllerEvent.FaultEdge.class).get(0);
        assertThat(raised.fault().latched()).isTrue();
        assertThat(raised.fault().reason())
                .as("what, where, why and how to fix, as published on events and alarms")
                .contains(main().toAbsolutePath() + " is corrupt (checksum mismatch")
                .contains("kept aside as")
                .contains("previous generation")
                .contains("The faults latched before the restart (a lockout, a soft short) are unknown")
                .contains("then send a reset to acknowledge the lost state");
        assertThat(rig.commanded(org.qsebms.hal.ContactorId.MAIN_POSITIVE)).isFalse();

        rig.events.clear();
        rig.wiring.requests().requestReset();
        rig.ticks(2);
        assertThat(events(rig, ControllerEvent.ResetOutcome.class))
                .singleElement()
                .satisfies(r -> assertThat(r.accepted()).isTrue());
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
        rig.wiring.requests().requestClose();
        assertThat(rig.tickUntil(SupervisorState.NORMAL, 60)).isPositive();
        assertThat(rig.anyClosed()).isTrue();
    }

    @Test
    void theUnknownStateLatchIsSavedSoARestartBeforeTheResetKeepsItLatched() throws Exception {
        saveTwice();
        corrupt(main());
        corrupt(dir.resolve("bms-state.txt.previous"));
        restart(); // raises it; the writer saves it on close

        SimRig again = restart();
        again.wiring.requests().requestClose();
        again.ticks(30);

        assertThat(again.state()).isEqualTo(SupervisorState.FAULT);
        assertThat(again.anyClosed()).isFalse();
        assertThat(again.raisedFaultIds())
                .as("restored from the new file, not raised again")
                .containsExactly("PERSISTED_STATE_UNKNOWN.MSL");
        assertThat(events(again, ControllerEvent.FaultEdge.class).get(0).fault().reason())
                .contains("latched before the restart");
    }

    /**
     * Issue 23, check23h: a start that found both generations unusable kept them aside at once, but latched
     * PERSISTED_STATE_UNKNOWN only in memory until its first save; killed in between (a crash loop, a power cut at
     * boot), it left no state file at all, and the next start took that for a first start: a lockout latched before
     * was lost and the pack closed. The kept-aside files now say the state is unknown.
     */
    @Test
    void aCrashBeforeTheFirstSaveAfterKeepingTheFilesAsideStillLatchesTheUnknownState() throws Exception {
        saveTwice("REPEATED_TRIP_LOCKOUT.MSL", "LOOP_OVERRUN.MSL");
        corrupt(main());
        corrupt(dir.resolve("bms-state.txt.previous"));
        // the start that keeps both aside, killed before it saved anything
        StateFile.Loaded first = new StateFile(main()).load(4, saved(0));
        assertThat(first.stateUnknown()).isNotNull();
        assertThat(Files.exists(main())).isFalse();
        assertThat(Files.exists(dir.resolve("bms-state.txt.previous"))).isFalse();

        SimRig rig = restartHeldOpenByTheUnknownState();
        assertThat(events(rig, ControllerEvent.FaultEdge.class).get(0).fault().reason())
                .contains("kept aside state files it could not use")
                .contains("bms-state.txt.corrupt-")
                .contains("bms-state.txt.previous.corrupt-")
                .contains("send a reset to acknowledge the lost state");
    }

    /**
     * Issue 23, check23h: a state file with a key given twice (an edit, a writer bug), its checksum made to match,
     * loaded with the second {@code latchedFaults} line, an empty one: the latch was dropped without a word.
     */
    @Test
    void aStateFileWithAKeyGivenTwiceIsNotUsed() throws Exception {
        byte[] good = StateFile.encode(saved(3, "SOFT_SHORT.MSL"));
        String text = new String(good, java.nio.charset.StandardCharsets.UTF_8);
        String body = text.substring(0, text.lastIndexOf("crc32=")) + "latchedFaults=\n";
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(main(), body + String.format("crc32=%08x%n", crc.getValue()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StateFile.decode(Files.readAllBytes(main())))
                .isInstanceOf(StateFile.CorruptStateException.class)
                .hasMessageContaining("the key 'latchedFaults' is given twice");
        SimRig rig = restart();
        rig.ticks(5);
        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
        assertThat(rig.raisedFaultIds()).containsExactly("PERSISTED_STATE_UNKNOWN.MSL");
    }

    @Test
    void aCorruptMainFileRestoresThePreviousGenerationsLatch() throws Exception {
        saveTwice("CONTACTOR_FEEDBACK.MSL");
        corrupt(main());

        SimRig rig = restart();
        rig.wiring.requests().requestClose();
        rig.ticks(30);

        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
        assertThat(rig.anyClosed()).isFalse();
        assertThat(rig.raisedFaultIds())
                .as("the previous generation's latch, and no unknown-state latch: the state is known")
                .containsExactly("CONTACTOR_FEEDBACK.MSL");
        rig.wiring.requests().requestReset();
        rig.ticks(2);
        assertThat(rig.state()).isEqualTo(SupervisorState.STANDBY);
    }

    @Test
    void aLatchThisVersionDoesNotKnowIsALatchLostAndLatchesTheUnknownState() throws Exception {
        saveTwice("FAULT_OF_A_NEWER_VERSION.MSL");

        SimRig rig = restartHeldOpenByTheUnknownState();
        assertThat(events(rig, ControllerEvent.FaultEdge.class).get(0).fault().reason())
                .contains("latched faults this version of qse-bms does not know: [FAULT_OF_A_NEWER_VERSION.MSL]")
                .contains("send a reset to acknowledge");
    }

    @Test
    void aFirstStartWithNoFileLatchesNothingAndCloses() {
        SimRig rig = restart();
        rig.wiring.requests().requestClose();
        assertThat(rig.tickUntil(SupervisorState.NORMAL, 60)).isPositive();
        assertThat(rig.raisedFaultIds()).doesNotContain("PERSISTED_STATE_UNKNOWN.MSL");
    }

    @Test
    void aStateSavedForAnotherNumberOfCellsLatchesWithAMessageToCheckThePack() throws Exception {
        Files.createDirectories(dir);
        StateFile f = new StateFile(main());
        PersistedState eight = PersistedState.defaults(8, 2.0, 0.035);
        f.write(eight);
        f.write(eight);

        SimRig rig = restart();
        rig.ticks(5);

        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
        assertThat(events(rig, ControllerEvent.FaultEdge.class).get(0).fault().reason())
                .contains("is for 8 cells but the pack has 4")
                .contains("if the pack was rebuilt or reconfigured on purpose, check it");
    }
}
