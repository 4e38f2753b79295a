package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.ConfigException;

/**
 * Scenario files and the drive cycles they name, as files on disk, malformed the ways check23u found: each is refused
 * with what, where, why and the fix, never run in part nor ended in an exception.
 */
class ScenarioFileInputTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";

    @TempDir
    Path dir;

    /**
     * check23u defect 3 (probes/check23u/malformed/m08-two-docs.yaml): the first document ran, the second (400 cells)
     * was dropped, exit 0.
     */
    @Test
    void aScenarioOfTwoDocumentsIsRefusedAtTheSecondsMarker() throws IOException {
        Path file = Files.writeString(
                dir.resolve("two-docs.yaml"),
                "name: first\n" + PACK + "duration: 10s\n---\nname: second\n" + PACK + "duration: 20s\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ScenarioLoader().load(file));

        assertThat(e).as("a scenario of two documents").isNotNull();
        assertThat(e.getMessage())
                .startsWith(file + " is not one YAML document: a second YAML document starts at line 4 ('---')")
                .contains("merge them into one (each key once)");
    }

    /** The same read-whole of a device as the drive cycle's below, for the scenario file itself. */
    @Test
    void aScenarioThatIsADeviceIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ScenarioLoader().load(zero));

        assertThat(e).as("a scenario read from /dev/zero").isNotNull();
        assertThat(e.getMessage()).startsWith("scenario /dev/zero is not a regular file");
    }

    /**
     * check23u defect 6 (probes/check23u/malformed/m03-dev-zero-drive.yaml): the file was read whole, an endless line
     * of NULs, ending in OutOfMemoryError, a stack trace and exit 1.
     */
    @Test
    void aDriveCycleThatIsADeviceIsRefusedWithoutReadingIt() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(zero.toString()));

        assertThat(e).as("a drive cycle read from /dev/zero").isNotNull();
        assertThat(e.getMessage())
                .isEqualTo("load.file: drive cycle /dev/zero is not a regular file (a device such as /dev/zero, a pipe"
                        + " or a socket gives no end to read to); give the path of a file holding the drive cycle");
    }

    /**
     * check23u defect 6 (probes/check23u/malformed/m23-long-line-drive.yaml, and its probe
     * ScenarioFileProbeTest.aRefusedDriveCycleRowIsNotEchoedWhole): a file without line ends was refused with its whole
     * row in the message, 300 MB printed to stderr. The row is now refused by its length, quoted by its start.
     */
    @Test
    void aRowLongerThanADriveCycleRowCanBeIsRefusedQuotingItsStartOnly() throws IOException {
        Files.writeString(dir.resolve("cycle.csv"), "time_s,amps\n0," + "1".repeat(1_000_000) + "\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("cycle.csv"));

        assertThat(e).as("a drive cycle of one 1 MB row").isNotNull();
        assertThat(e.getMessage())
                .startsWith("load.file: drive cycle " + dir.resolve("cycle.csv") + " line 2 is longer than 1024"
                        + " characters")
                .contains("it starts '0,111111111")
                .contains("saved with line ends");
        assertThat(e.getMessage().length()).as("length of the refusal").isLessThan(500);
    }

    /** A drive cycle larger than the bound, every row of it valid, is refused by its size before it is read. */
    @Test
    void aDriveCycleLargerThanTheBoundIsRefusedNamingItsSize() throws IOException {
        Path cycle = dir.resolve("big.csv");
        long bound = 16L << 20; // the 16 MiB of the refusal
        try (BufferedWriter w = Files.newBufferedWriter(cycle)) {
            w.write("time_s,amps\n");
            for (int i = 0; Files.size(cycle) <= bound && i < 5_000_000; i++) {
                w.write(i + ",-1.000000\n");
                if (i % 100_000 == 0) {
                    w.flush();
                }
            }
        }
        assertThat(Files.size(cycle)).isGreaterThan(bound);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("big.csv"));

        assertThat(e).as("a drive cycle over the bound").isNotNull();
        assertThat(e.getMessage())
                // just over 16 MiB, which reads 16.0 MiB: the two are given in bytes (fix23am, check23w defect 5)
                .startsWith("load.file: drive cycle " + cycle + " is " + Files.size(cycle) + " bytes")
                .contains(", more than the 16777216 bytes (16.0 MiB) a drive cycle can sensibly be")
                .contains("give one cycle and let it repeat); is it the right file?");
    }

    /** A drive cycle inside the bounds still loads (the shipped one, with CRLF line ends). */
    @Test
    void aDriveCycleInsideTheBoundsStillLoads() throws IOException {
        Files.writeString(dir.resolve("crlf.csv"), "time_s,amps\r\n0,-1\r\n5,-2\r\n10,0\r\n");

        Scenario s = load("crlf.csv");

        assertThat(s.load().demandAmps(6, null, true)).isEqualTo(-2.0);
    }

    private Scenario load(String cycle) throws IOException {
        Path file = Files.writeString(
                dir.resolve("drive.yaml"),
                "name: drive\n" + PACK + "load: {type: driveCycle, file: " + cycle + "}\nduration: 10s\n");
        return new ScenarioLoader().load(file);
    }
}
