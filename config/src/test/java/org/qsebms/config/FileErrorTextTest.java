package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files, real JDK exceptions: the reason says what is wrong, not just the file name again. */
class FileErrorTextTest {
    private static IOException readFailure(Path file) {
        return catchThrowableOfType(IOException.class, () -> Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void aMissingFileSaysNoSuchFileAndWhereItLooked() {
        Path file = Path.of("no-such-log-here.csv");
        String text = FileErrorText.cannotRead("cell log", file, readFailure(file));

        assertThat(text)
                .startsWith("cannot read cell log no-such-log-here.csv: no such file (looked for ")
                .contains(file.toAbsolutePath().toString())
                .contains("check the name and the working directory")
                .doesNotContain("no-such-log-here.csv: no-such-log-here.csv");
    }

    @Test
    void aMissingFolderIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("missing-folder").resolve("log.csv");
        assertThat(FileErrorText.reason(file, readFailure(file)))
                .isEqualTo("no such file: the folder " + dir.resolve("missing-folder")
                        + " does not exist; check the path");
    }

    @Test
    void aFolderIsNotAFile(@TempDir Path dir) {
        assertThat(FileErrorText.reason(dir, readFailure(dir)))
                .isEqualTo("it is a folder, not a file; name a file inside it");
    }

    @Test
    void binaryContentIsNotUtf8Text(@TempDir Path dir) throws IOException {
        Path file =
                Files.write(dir.resolve("log.xlsx"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xC3, 0x28});
        assertThat(FileErrorText.reason(file, readFailure(file))).startsWith("it is not UTF-8 text");
    }
}
