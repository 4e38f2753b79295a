package org.qsebms.bms.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.StatePersistence;

/**
 * The state file's handling of files it cannot use, and of values it cannot believe. Tests run as
 * root, who can read a mode-000 file, so an unreadable file is simulated by a read that fails with
 * the operating system's "permission denied" on the real path; everything else is real files.
 */
class StateFileHandlingTest {
    private static final long NOW = 1_780_000_000_000L; // 2026-05-28

    @TempDir
    Path dir;

    private final PersistedState defaults = PersistedState.defaults(4, 2.0, 0.035);

    private StateFile unreadable(Path p) {
        return new StateFile(
                p,
                f -> {
                    throw new AccessDeniedException(f.toString());
                },
                () -> NOW);
    }

    @Test
    void anUnreadableFileIsKeptAsideWithTheReasonAndNeverOverwritten() throws IOException {
        Path p = dir.resolve("bms-state.txt");
        new StateFile(p).write(StateFileTest.sample(9));
        byte[] saved = Files.readAllBytes(p);

        StateFile f = unreadable(p);
        StateFile.Loaded l = f.load(4, defaults);

        assertThat(l.restored()).isFalse();
        assertThat(l.state()).isEqualTo(defaults);
        assertThat(l.stateUnknown()).as("neither generation can be read").isNotNull();
        Path aside = dir.resolve("bms-state.txt.unreadable-" + NOW);
        assertThat(l.warning())
                .contains(p.toAbsolutePath() + " cannot be read")
                .contains("permission denied")
                .contains("kept aside as " + aside.toAbsolutePath())
                .contains("never overwritten");
        f.write(StateFileTest.sample(10)); // the next save
        assertThat(Files.readAllBytes(aside))
                .as("the saved state survives, byte for byte")
                .isEqualTo(saved);
        assertThat(new StateFile(p).load(4, defaults).state().sequence()).isEqualTo(10);
    }

    @Test
    void anUnreadableFileThatCannotBeMovedIsNeverSavedOver() throws IOException {
        Path p = dir.resolve("bms-state.txt");
        new StateFile(p).write(StateFileTest.sample(9));
        byte[] saved = Files.readAllBytes(p);
        Files.createDirectory(dir.resolve("bms-state.txt.unreadable-" + NOW)); // the name it would move to is taken

        StateFile f = unreadable(p);
        StateFile.Loaded l = f.load(4, defaults);

        assertThat(l.warning())
                .contains("permission denied")
                .contains("could not be moved aside")
                .contains("never overwritten")
                .contains("not saved until you fix or move it");
        assertThatThrownBy(() -> f.write(StateFileTest.sample(10)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not saving over " + p.toAbsolutePath());
        assertThat(Files.readAllBytes(p)).isEqualTo(saved);
    }

    @Test
    void aDirectoryWhereTheFileShouldBeIsMovedAsideSoSavesWork() throws IOException {
        Path p = dir.resolve("bms-state.txt");
        Files.createDirectories(p.resolve("inside"));
        StateFile f = new StateFile(p, Files::readAllBytes, () -> NOW);

        StateFile.Loaded l = f.load(4, defaults);

        assertThat(l.warning()).contains("is a directory, not a file").contains("kept aside as");
        assertThat(Files.isDirectory(
                        dir.resolve("bms-state.txt.directory-" + NOW).resolve("inside")))
                .isTrue();
        f.write(StateFileTest.sample(1));
        assertThat(new StateFile(p).load(4, defaults).restored()).isTrue();
    }

    @Test
    void aDirectoryThatCannotBeMovedMakesEverySaveFailWithTheReason() throws IOException {
        Path p = dir.resolve("bms-state.txt");
        Files.createDirectories(p.resolve("inside"));
        Files.createDirectory(dir.resolve("bms-state.txt.directory-" + NOW));
        StateFile f = new StateFile(p, Files::readAllBytes, () -> NOW);
        assertThat(f.load(4, defaults).warning()).contains("is a directory").contains("could not be moved aside");
        for (int i = 0; i < 3; i++) { // every save, not only the first, fails with the reason
            assertThatThrownBy(() -> f.write(StateFileTest.sample(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("not saving over");
        }
        assertThat(Files.isDirectory(p.resolve("inside"))).isTrue();
    }

    @Test
    void aCorruptFileIsKeptAsideToo() throws IOException {
        Path p = dir.resolve("bms-state.txt");
        Files.writeString(p, "format=1\nhalf a file");
        StateFile.Loaded l = new StateFile(p, Files::readAllBytes, () -> NOW).load(4, defaults);
        assertThat(l.warning()).contains("is corrupt").contains("kept aside as");
        assertThat(Files.readString(dir.resolve("bms-state.txt.corrupt-" + NOW)))
                .isEqualTo("format=1\nhalf a file");
    }

    @Test
    void aStateDirectoryThatIsAFileSaysNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("state"), "x");
        assertThatThrownBy(() -> StatePersistence.requireWritableDirectory(file))
                .hasMessageContaining("is not a directory")
                .hasMessageContaining("--state-dir");
        assertThatThrownBy(() -> StatePersistence.requireWritableDirectory(file.resolve("below")))
                .hasMessageContaining("cannot be written")
                .hasMessageContaining(file.toString());
    }

    @Test
    void aReadOnlyStateDirectorySaysWhy() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) { // root ignores permission bits: a read-only file system is the real thing
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro.toString())
                    .redirectErrorStream(true)
                    .start();
            assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot mount a read-only tmpfs here");
        } else {
            assumeTrue(ro.toFile().setWritable(false, false), "cannot make a directory read-only here");
        }
        try {
            assertThatThrownBy(() -> StatePersistence.requireWritableDirectory(ro))
                    .hasMessageContaining("cannot be written")
                    .hasMessageContaining(root ? "read-only file system" : "permission denied");
        } finally {
            if (root) {
                new ProcessBuilder("umount", ro.toString()).start().waitFor(10, TimeUnit.SECONDS);
            } else {
                ro.toFile().setWritable(true, false);
            }
        }
    }

    private static void writeWithChecksum(Path file, String body) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, body + String.format("crc32=%08x\n", crc.getValue()));
    }

    @Test
    void anImpossibleSocDoubtFallsBackToUnknownAndADroppedSocTakesItsDoubtWithIt() throws IOException {
        Path p = dir.resolve("bms-state.txt");
        String body = "# qse-bms persisted state. Do not edit: the crc32 line must match.\nformat=1\nsequence=5\n"
                + "savedEpochMillis=1764000000005\ncells=4\ncellSoc=0.5,0.5,1.5,0.5\n"
                + "cellSocSigma=0.01,-0.1,0.02,Infinity\nsocAtStop=true\n"
                + "capacityAh=2.0,2.0,2.0,2.0\nresistanceOhm=0.035,0.035,0.035,0.035\n"
                + "seiResistanceOhm=0.0,0.0,0.0,0.0\ncycleCount=1\nahThroughput=4.0\nlithiumInventoryFraction=1.0\n";
        writeWithChecksum(p, body);

        StateFile.Loaded l = new StateFile(p, Files::readAllBytes, () -> NOW).load(4, defaults);

        assertThat(l.restored()).isTrue();
        assertThat(l.state().cellSoc()).containsExactly(0.5, 0.5, Double.NaN, 0.5);
        assertThat(l.state().soc().cellSocSigma()).containsExactly(0.01, Double.NaN, Double.NaN, Double.NaN);
        assertThat(l.state().soc().atStop()).isTrue();
        assertThat(l.fieldWarnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("cellSocSigma impossible for cell 2: -0.1, cell 4: Infinity")
                        .contains("start doubt"));
    }

    @Test
    void impossibleValuesWithAValidChecksumFallBackFieldByFieldWithAWarningEach() throws IOException {
        Path p = dir.resolve("bms-state.txt");
        String body = "# qse-bms persisted state. Do not edit: the crc32 line must match.\nformat=1\nsequence=5\n"
                + "savedEpochMillis=9223372036854775000\ncells=4\ncellSoc=0.5,1.5,-0.2,0.4\n"
                + "capacityAh=0.0,-1.0,NaN,1.9\nresistanceOhm=1.0E308,0.036,Infinity,0.034\n"
                + "seiResistanceOhm=0.001,0.5,0.0,-0.001\ncycleCount=-3\nahThroughput=NaN\n"
                + "lithiumInventoryFraction=70.0\ncapacitySigmaAh=0.02,NaN,0.02,-0.1\nclosedCycles=1,2,-1,3\n"
                + "resistance=1.0;20417.25;0.035;0.0005\nresistance=2.0;1.0E12;0.035;0.0005\n"
                + "usableCapacity=1.8;0.6;27.5;9223372036854775000\n";
        writeWithChecksum(p, body);

        StateFile.Loaded l = new StateFile(p, Files::readAllBytes, () -> NOW).load(4, defaults);

        assertThat(l.restored()).isTrue();
        assertThat(l.warning()).isNull();
        PersistedState s = l.state();
        assertThat(s.cellSoc()).containsExactly(0.5, Double.NaN, Double.NaN, 0.4);
        assertThat(s.capacityAh()).containsExactly(2.0, 2.0, 2.0, 1.9);
        assertThat(s.resistanceOhm()).containsExactly(0.035, 0.036, 0.035, 0.034);
        assertThat(s.seiResistanceOhm()).containsExactly(0.001, 0.0, 0.0, 0.0);
        assertThat(s.capacitySigmaAh()[0])
                .as("the sigma of a dropped capacity goes with it")
                .isNaN();
        assertThat(s.capacitySigmaAh()[2])
                .as("the sigma of a dropped capacity goes with it")
                .isNaN();
        assertThat(s.capacitySigmaAh()[3]).isNaN();
        assertThat(s.closedCycles()).containsExactly(1, 2, 0, 3);
        assertThat(s.cycleCount()).isZero();
        assertThat(s.ahThroughput()).isZero();
        assertThat(s.lithiumInventoryFraction()).isEqualTo(1.0);
        assertThat(s.savedEpochMillis()).isZero();
        assertThat(s.sequence()).isEqualTo(5);
        assertThat(s.resistanceHistory()).hasSize(1);
        assertThat(s.usableCapacity()).isNull();
        List<String> w = l.fieldWarnings();
        for (String field : new String[] {
            "cellSoc impossible for cell 2: 1.5, cell 3: -0.2",
            "capacityAh impossible for cell 1: 0.0, cell 2: -1.0, cell 3: NaN",
            "resistanceOhm impossible for cell 1: 1.0E308, cell 3: Infinity",
            "seiResistanceOhm impossible for cell 2",
            "capacitySigmaAh impossible for cell 4: -0.1",
            "closedCycles impossible for cell 3: -1",
            "cycleCount = -3",
            "ahThroughput = NaN",
            "lithiumInventoryFraction = 70.0",
            "savedEpochMillis = 9223372036854775000",
            "resistance = 1 of 2 history points",
            "usableCapacity = 1.8 Ah"
        }) {
            assertThat(w)
                    .as(field)
                    .anySatisfy(x -> assertThat(x)
                            .contains(field)
                            .contains(p.toAbsolutePath().toString()));
        }
        assertThat(w).hasSize(12);
    }

    @Test
    void aPlausibleFileGivesNoFieldWarning() throws IOException {
        Path p = dir.resolve("bms-state.txt");
        new StateFile(p).write(StateFileTest.withHealth(3));
        StateFile.Loaded l = new StateFile(p, Files::readAllBytes, () -> NOW).load(4, defaults);
        assertThat(l.fieldWarnings()).isEmpty();
        assertThat(l.state()).isEqualTo(StateFileTest.withHealth(3));
    }
}
