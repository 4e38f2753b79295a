package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration or preset path that is no file a person wrote is refused by what it is, before it is read whole
 * (fix23ac: {@code bms run --config /dev/zero} read the device into memory, OutOfMemoryError, a stack trace, exit 1).
 */
class ConfigFileBoundsTest {
    @TempDir
    Path dir;

    @Test
    void aConfigurationThatIsADeviceIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(zero));

        assertThat(e).as("a configuration read from /dev/zero").isNotNull();
        assertThat(e.getMessage())
                .isEqualTo("configuration /dev/zero is not a regular file (a device such as /dev/zero, a pipe or"
                        + " a socket gives no end to read to); give the path of a file holding the configuration");
    }

    @Test
    void aConfigurationLargerThanTheBoundIsRefusedNamingItsSize() throws IOException {
        Path file = sparse("huge.yaml", 3L << 20);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(e).as("a 3 MiB configuration").isNotNull();
        assertThat(e.getMessage())
                .startsWith("configuration " + file + " is 3.0 MiB, more than the 1.0 MiB a configuration can sensibly"
                        + " be (1 MiB is over 100 times the largest shipped, 7.9 kB); is it the right file?");
    }

    @Test
    void aPresetFileLargerThanTheBoundIsRefusedNamingItsSize() throws IOException {
        Path preset = sparse("huge-preset.yaml", 3L << 20);
        Path config = Files.writeString(
                dir.resolve("config.yaml"), "pack: {chemistry: " + preset + ", seriesCells: 4, capacityAh: 2.0}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(config));

        assertThat(e).as("a 3 MiB preset").isNotNull();
        assertThat(e.getMessage())
                .startsWith("pack.chemistry: preset " + preset + " is 3.0 MiB, more than the 1.0 MiB a preset can");
    }

    private Path sparse(String name, long bytes) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes); // NULs, no disk
        }
        return file;
    }
}
