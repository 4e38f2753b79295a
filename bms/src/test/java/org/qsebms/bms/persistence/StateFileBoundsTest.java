package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.bms.testing.SimRig;
import org.qsebms.config.ConfigLoader;

/**
 * A state path that is no state file the controller wrote: a device, a pipe, a 2 GB file, a directory. Before
 * fix23ae the start read the first two whole: a 2 GB sparse file and a link to {@code /dev/zero} ended in
 * OutOfMemoryError in {@code StateFile.find} (the start's main thread died and the process hung on), a pipe blocked
 * the start for ever. Each must now take the path of a corrupt file: the start latches PERSISTED_STATE_UNKNOWN, keeps
 * the thing aside under a name that says why (never deleted, never read) and names why in the reason.
 */
class StateFileBoundsTest {
    private static final long TWO_GIB = 2L << 30;

    @TempDir
    Path dir;

    private final PersistedState defaults = PersistedState.defaults(4, 2.0, 0.035);

    private Path main() {
        return dir.resolve(StatePersistence.FILE_NAME);
    }

    /** What {@code truncate -s SIZE FILE} makes: a file of NULs that takes no disk. */
    private static Path sparse(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return file;
    }

    /** The controller started on the state directory, asked to close: it must stay open in FAULT. */
    private ControllerEvent.FaultEdge restartHeldOpen() {
        SimRig rig = new SimRig(
                new ConfigLoader().defaultSimulated().withPersistenceDirectory(dir.toString()), 0.5, PackLoad.IDLE);
        StatePersistence.restoreAndStart(rig.cfg, rig.controller, rig.now).close();
        rig.wiring.requests().requestClose();
        rig.ticks(30);
        assertThat(rig.state()).isEqualTo(SupervisorState.FAULT);
        assertThat(rig.anyClosed()).isFalse();
        assertThat(rig.raisedFaultIds()).containsExactly("PERSISTED_STATE_UNKNOWN.MSL");
        return rig.events.stream()
                .filter(ControllerEvent.FaultEdge.class::isInstance)
                .map(ControllerEvent.FaultEdge.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private List<Path> keptAside(String why) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(StatePersistence.FILE_NAME + "." + why + "-"))
                    .toList();
        }
    }

    /** Issue 23, check23w defect 5: one byte over the bound read "is 16.0 MiB, more than the 16.0 MiB". */
    @Test
    void aStateFileOneByteOverTheBoundIsRefusedInBytes() throws IOException {
        sparse(main(), (16L << 20) + 1);

        ControllerEvent.FaultEdge raised = restartHeldOpen();

        assertThat(raised.fault().reason())
                .contains(main().toAbsolutePath() + " is 16777217 bytes, more than the 16777216 bytes (16.0 MiB) a"
                        + " state file can sensibly be")
                .contains("PERSISTED_STATE_UNKNOWN is latched");
    }

    @Test
    void aStateFileOfTwoGigabytesLatchesTheUnknownStateAndIsKeptAsideUnread() throws IOException {
        sparse(main(), TWO_GIB);

        ControllerEvent.FaultEdge raised = restartHeldOpen();

        assertThat(raised.fault().reason())
                .contains(main().toAbsolutePath() + " is 2048.0 MiB, more than the 16.0 MiB a state file can sensibly"
                        + " be (a state file holds eight numbers per cell")
                .contains("kept aside as")
                .contains("PERSISTED_STATE_UNKNOWN is latched");
        assertThat(keptAside("too-large"))
                .as("the file is renamed, not deleted nor cut")
                .singleElement()
                .satisfies(p -> assertThat(Files.size(p)).isEqualTo(TWO_GIB));
    }

    @Test
    void aStatePathLinkedToDevZeroLatchesTheUnknownStateAndTheLinkIsKeptAside() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        Files.createSymbolicLink(main(), zero);

        ControllerEvent.FaultEdge raised = restartHeldOpen();

        assertThat(raised.fault().reason())
                .contains(main().toAbsolutePath() + " is not a regular file (a device such as /dev/zero, a pipe or a"
                        + " socket gives no end to read to)")
                .contains("PERSISTED_STATE_UNKNOWN is latched");
        assertThat(keptAside("not-a-file"))
                .as("the link itself is moved aside; the device is not touched")
                .singleElement()
                .satisfies(p -> assertThat(Files.readSymbolicLink(p)).isEqualTo(zero));
        assertThat(zero).exists();
    }

    /** A directory in the file's place took this path before fix23ae already; kept here with its siblings. */
    @Test
    void aDirectoryInTheStateFilesPlaceLatchesTheUnknownState() throws IOException {
        Files.createDirectory(main());

        ControllerEvent.FaultEdge raised = restartHeldOpen();

        assertThat(raised.fault().reason()).contains(main().toAbsolutePath() + " is a directory, not a file");
        assertThat(keptAside("directory"))
                .singleElement()
                .satisfies(p -> assertThat(p).isDirectory());
    }

    @Test
    void aPipeInTheStateFilesPlaceIsNotOpenedAndLatchesTheUnknownState() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", main().toString()).start();
        assumeTrue(mkfifo.waitFor() == 0 && Files.exists(main()), "mkfifo is not available");

        StateFile.Loaded l =
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new StateFile(main()).load(4, defaults));

        assertThat(l.restored()).isFalse();
        assertThat(l.stateUnknown()).contains(main().toAbsolutePath() + " is not a regular file");
        assertThat(keptAside("not-a-file")).hasSize(1);
    }

    @Test
    void aTooLargeMainFileGivesWayToAWholePreviousGeneration() throws IOException {
        StateFile writer = new StateFile(main());
        writer.write(StateFileTest.sample(1));
        writer.write(StateFileTest.sample(2));
        sparse(main(), TWO_GIB);

        StateFile.Loaded l = new StateFile(main()).load(4, defaults);

        assertThat(l.stateUnknown()).isNull();
        assertThat(l.restored()).isTrue();
        assertThat(l.previousGeneration()).isTrue();
        assertThat(l.state().sequence()).isEqualTo(1);
        assertThat(l.warning())
                .contains("is 2048.0 MiB, more than the 16.0 MiB")
                .contains("kept aside as");
        assertThat(keptAside("too-large")).hasSize(1);
    }

    /**
     * A start that kept a too-large file aside and stopped before saving its latch: the next start finds no state
     * file but the kept-aside one, and latches again (as for a kept-aside corrupt file).
     */
    @Test
    void aKeptAsideTooLargeFileLatchesTheNextStartToo() throws IOException {
        sparse(main(), TWO_GIB);
        new StateFile(main()).load(4, defaults);
        assertThat(main()).doesNotExist();

        StateFile.Loaded again = new StateFile(main()).load(4, defaults);

        assertThat(again.stateUnknown())
                .as("no state file, but one kept aside by an earlier start")
                .contains("kept aside state files it could not use (" + dir.toAbsolutePath() + "/bms-state.txt"
                        + ".too-large-");
    }
}
