package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopSignalsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheIgnoredSignalsFromAProcStatusFile() throws Exception {
        Path status = dir.resolve("status");
        // as a shell's background job has it: SIGINT (2) and SIGQUIT (3) ignored
        Files.writeString(status, "Name:\tjava\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000000006\n");
        long mask = StopSignals.ignoredSignalMask(status);
        assertThat(mask & (1L << (2 - 1))).as("SIGINT").isNotZero();
        assertThat(mask & (1L << (15 - 1))).as("SIGTERM").isZero();
    }

    @Test
    void anUnreadableStatusMeansNothingIgnored() {
        assertThat(StopSignals.ignoredSignalMask(dir.resolve("absent"))).isZero();
    }
}
