package org.qsebms.hal.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxWatchdogTest {
    @TempDir
    Path dir;

    @Test
    void feedsWriteOneByteEachAndCloseWritesTheMagicV() throws Exception {
        Path device = Files.createFile(dir.resolve("watchdog"));
        LinuxWatchdog watchdog = new LinuxWatchdog(device);

        watchdog.feed();
        watchdog.feed();
        watchdog.close();

        assertThat(Files.readAllBytes(device)).containsExactly(0, 0, 'V');
        assertThat(watchdog.lastError()).isEmpty();
    }

    @Test
    void missingDeviceFailsAtStartUpNamingPathAndFix() {
        Path missing = dir.resolve("no-such-watchdog");
        assertThatThrownBy(() -> new LinuxWatchdog(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("dtparam=watchdog=on");
    }
}
