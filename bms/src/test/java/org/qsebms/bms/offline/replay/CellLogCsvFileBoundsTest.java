package org.qsebms.bms.offline.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CellLogCsv.read(Path)} (the tests' reader of the kept logs) within the cell log's bounds, as {@code bms
 * replay} reads since fix23ac. Before fix23ae it read lines without a bound: {@code /dev/zero} is one endless line
 * (OutOfMemoryError), and a 1 MB line was held whole.
 */
class CellLogCsvFileBoundsTest {
    @TempDir
    Path dir;

    @Test
    void aCellLogThatIsADeviceIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");

        LogFormatException e = catchThrowableOfType(LogFormatException.class, () -> CellLogCsv.read(zero));

        assertThat(e).as("a cell log read from /dev/zero").isNotNull();
        assertThat(e.getMessage()).startsWith("cell log /dev/zero is not a regular file");
    }

    @Test
    void aLineLongerThanACyclerRowIsRefusedAsItIsRead() throws IOException {
        Path log = Files.writeString(dir.resolve("one-line.csv"), "time_s," + "9".repeat(1_000_000) + "\n");

        LogFormatException e = catchThrowableOfType(LogFormatException.class, () -> CellLogCsv.read(log));

        assertThat(e).as("a log of one 1 MB line").isNotNull();
        assertThat(e.getMessage())
                .startsWith("cell log " + log + " line 1 is longer than 16384 characters")
                .contains("it starts 'time_s,999");
        assertThat(e.getMessage().length()).as("length of the refusal").isLessThan(500);
    }

    @Test
    void aLogInsideTheBoundsStillReads() throws IOException {
        Path log = Files.writeString(
                dir.resolve("ok.csv"),
                "time_s,current_a,voltage_v,temperature_c\r\n0,-1,3.7,25\r\n1,-1,3.69,25\r\n2,0,3.7,25\r\n");

        assertThat(CellLogCsv.read(log).size()).isEqualTo(3);
    }
}
