package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
}
