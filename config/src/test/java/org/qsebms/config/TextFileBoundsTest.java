package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, found by check23w (defect 5): a file one byte over its bound was refused as "16.0 MiB, more than the 16.0
 * MiB", the two rounded to 0.1 MiB. When the sizes would read the same in MiB the refusal gives bytes.
 */
class TextFileBoundsTest {
    private static final TextFileBounds STATE_FILE = new TextFileBounds(
            "state file", 16L << 20, "a state file holds eight numbers per cell", 4096, "a line holds one value");

    @TempDir
    Path dir;

    @Test
    void aFileOneByteOverTheBoundIsRefusedInBytes() throws IOException {
        Path file = sparse("state.txt", (16L << 20) + 1);

        TextFileBounds.Refused e = catchThrowableOfType(TextFileBounds.Refused.class, () -> STATE_FILE.lines(file));

        assertThat(e).as("a file one byte over 16 MiB").isNotNull();
        assertThat(e.kind()).isEqualTo(TextFileBounds.Refused.Kind.TOO_LARGE);
        assertThat(e.getMessage())
                .isEqualTo("state file " + file + " is 16777217 bytes, more than the 16777216 bytes (16.0 MiB) a state"
                        + " file can sensibly be (a state file holds eight numbers per cell); is it the right file?");
    }

    @Test
    void aFileWellOverTheBoundIsStillRefusedInMib() throws IOException {
        Path file = sparse("state.txt", 17L << 20);

        TextFileBounds.Refused e = catchThrowableOfType(TextFileBounds.Refused.class, () -> STATE_FILE.lines(file));

        assertThat(e).as("a 17 MiB file").isNotNull();
        assertThat(e.fact()).startsWith("is 17.0 MiB, more than the 16.0 MiB a state file can sensibly be");
    }

    @Test
    void aYamlFileJustOverItsMibIsRefusedInBytesWithTheBoundInMibBeside() throws IOException {
        Path file = sparse("big.yaml", (1L << 20) + 40);

        TextFileBounds.Refused e = catchThrowableOfType(
                TextFileBounds.Refused.class,
                () -> TextFileBounds.yamlFile("scenario").text(file));

        assertThat(e).as("a scenario 40 bytes over 1 MiB").isNotNull();
        assertThat(e.fact()).startsWith("is 1048616 bytes, more than the 1048576 bytes (1.0 MiB) a scenario can");
    }

    private Path sparse(String name, long bytes) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes); // NULs, no disk
        }
        return file;
    }
}
