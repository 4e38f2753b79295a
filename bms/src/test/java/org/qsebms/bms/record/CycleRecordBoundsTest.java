package org.qsebms.bms.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record directory holding a file that is a device or far too large. Before fix23ae the reader read every file whole:
 * a 2 GB file, or {@code cycles.csv} linked to {@code /dev/zero}, ended in OutOfMemoryError, at the controller's start
 * too (the record is read there for the next cycle's number), and the writer appended its rows to {@code /dev/zero}.
 * Such a file is now skipped with a warning, as a line that does not parse is, and the writer moves a
 * {@code cycles.csv} that is not a regular file aside; the rest of the record is read.
 */
class CycleRecordBoundsTest {
    private static final long TWO_GIB = 2L << 30;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private void rotatedWithCycle(long cycle) throws IOException {
        Files.writeString(dir.resolve("cycles-000001.csv"), CycleCsv.HEADER + "\n" + row(cycle) + "\n");
    }

    private static String row(long cycle) {
        ClosedCycle c = new ClosedCycle(1);
        c.cycle = cycle;
        c.startMillis = 1_700_000_000_000L + cycle * 3_600_000L;
        c.endMillis = c.startMillis + 3_600_000L;
        c.end = CycleEnd.CUTOFF;
        c.chargeAh[0] = 1.0;
        c.dischargeAh[0] = 0.999;
        return CycleCsv.format(c.rows()[0]);
    }

    private static void sparse(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(TWO_GIB); // as truncate -s 2G: NULs, no disk
        }
    }

    private static CycleRecord open(Path dir) throws IOException {
        return CycleRecord.open(dir, 1, new CycleRules(0.1, 0.02, 3.0, 0.05), null, rows -> {});
    }

    @Test
    void aRecordFileOfTwoGigabytesIsSkippedWithAWarningAndTheRestIsRead() throws IOException {
        rotatedWithCycle(3);
        sparse(dir.resolve("cycles.csv"));

        List<CycleRow> rows = CycleRecordReader.read(dir, warnings::add);

        assertThat(rows).singleElement().satisfies(r -> assertThat(r.cycle()).isEqualTo(3));
        assertThat(warnings)
                .singleElement()
                .asString()
                .isEqualTo(dir.resolve("cycles.csv") + ": skipped the whole file, it is 2048.0 MiB, more than the 64.0"
                        + " MiB a record file can sensibly be (a record file is rotated past 8 MiB, so it holds that"
                        + " and one cycle's rows); move it out of the record directory (docs/record.md)");
    }

    /** The controller's start opens the record and numbers on from its last cycle. */
    @Test
    void theStartNumbersOnPastARotatedFileOfTwoGigabytes() throws IOException {
        sparse(dir.resolve("cycles-000001.csv"));
        Files.writeString(dir.resolve("cycles.csv"), CycleCsv.HEADER + "\n" + row(5) + "\n");

        try (CycleRecord record = open(dir)) {
            assertThat(record.writer()).isNotNull();
        }

        assertThat(CycleRecordReader.lastCycle(dir, warnings::add)).isEqualTo(5);
        assertThat(warnings).singleElement().asString().contains("cycles-000001.csv: skipped the whole file");
        assertThat(Files.size(dir.resolve("cycles-000001.csv")))
                .as("never cut nor deleted")
                .isEqualTo(TWO_GIB);
    }

    @Test
    void aRecordLinkedToDevZeroIsMovedAsideAtStartAndANewOneBegins() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        rotatedWithCycle(3);
        Files.createSymbolicLink(dir.resolve("cycles.csv"), zero);

        try (CycleRecord record = open(dir)) {
            assertThat(record.writer()).isNotNull();
        }

        assertThat(dir.resolve("cycles.csv")).isRegularFile();
        assertThat(Files.readAllLines(dir.resolve("cycles.csv"))).containsExactly(CycleCsv.HEADER);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("cycles.csv.not-a-file-")))
                    .as("the link is kept aside, pointing at the device")
                    .singleElement()
                    .satisfies(p -> assertThat(Files.readSymbolicLink(p)).isEqualTo(zero));
        }
        assertThat(CycleRecordReader.lastCycle(dir, warnings::add)).isEqualTo(3);
    }

    /** The reader alone, on a link to a device it did not write: skipped, not read. */
    @Test
    void aRecordFileThatIsADeviceIsSkippedWithAWarning() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        rotatedWithCycle(3);
        Files.createSymbolicLink(dir.resolve("cycles.csv"), zero);

        List<CycleRow> rows = CycleRecordReader.read(dir, warnings::add);

        assertThat(rows).hasSize(1);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("cycles.csv: skipped the whole file, it is not a regular file (a device such as /dev/zero");
    }
}
