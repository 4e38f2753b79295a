package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cell logs that are not what a cell log can be, through {@code bms replay} and {@code bms characterize}: each is
 * refused with exit 2 and a short message naming the file, the bound and the fix (check23u defect 6: {@code bms
 * replay /dev/zero} ended in OutOfMemoryError, exit 1; a 50 MB row was echoed whole to stderr, measured by fix23ac).
 */
class MalformedCellLogFileTest {
    @TempDir
    Path tmp;

    @Test
    void aDeviceIsRefusedByReplayAndCharacterizeWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");

        SharedDataValidationTest.Result replay =
                SharedDataValidationTest.run(new ReplayCommand(), zero.toString(), "--chemistry", "psoa-ncm811");
        SharedDataValidationTest.Result characterize = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                zero.toString(),
                "--pulse-test",
                zero.toString(),
                "--capacity-ah",
                "2",
                "--out",
                tmp.resolve("p.yaml").toString());

        for (SharedDataValidationTest.Result r : new SharedDataValidationTest.Result[] {replay, characterize}) {
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err())
                    .contains("cell log /dev/zero is not a regular file (a device such as /dev/zero, a pipe or a"
                            + " socket gives no end to read to); give the path of a file holding the cell log")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aRowLongerThanACyclerRowCanBeIsRefusedQuotingItsStartOnly() throws IOException {
        Path log = Files.writeString(
                tmp.resolve("long.csv"),
                "time_s,current_a,voltage_v,temperature_c\n0," + "1".repeat(1_000_000) + ",3.7,25\n");

        SharedDataValidationTest.Result r =
                SharedDataValidationTest.run(new ReplayCommand(), log.toString(), "--chemistry", "psoa-ncm811");

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .contains("cell log long.csv line 2 is longer than 16384 characters")
                .contains("it starts '0,1111111111");
        assertThat(r.err().length()).as("length of the refusal").isLessThan(600);
    }

    @Test
    void aLogLargerThanTheBoundIsRefusedByItsSizeBeforeItIsRead() throws IOException {
        Path log = tmp.resolve("huge.csv");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(300L << 20); // sparse: no disk, no time
        }

        SharedDataValidationTest.Result r =
                SharedDataValidationTest.run(new ReplayCommand(), log.toString(), "--chemistry", "psoa-ncm811");

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .contains("cell log " + log + " is 300.0 MiB, more than the 256.0 MiB a cell log can sensibly be")
                .contains("split a longer test into parts); is it the right file?");
    }
}
