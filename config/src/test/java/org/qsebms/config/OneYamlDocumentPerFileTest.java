package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration or preset file of two YAML documents is refused, naming the file, the line of the second
 * document's {@code ---} and the fix (check23u defect 3: a configuration whose second document tightened the
 * over-voltage MSL to 4.2 V loaded with the preset's 4.30 V and said nothing).
 */
class OneYamlDocumentPerFileTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";

    @TempDir
    Path dir;

    @Test
    void aConfigurationWhoseSecondDocumentTightensALimitIsRefused() throws IOException {
        Path file = Files.writeString(
                dir.resolve("two-docs.yaml"), PACK + "---\n" + PACK + "limits:\n  cellOverVoltage: {msl: 4.2}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(e).as("a configuration of two documents").isNotNull();
        assertThat(e.getMessage())
                .startsWith(file + " is not one YAML document: a second YAML document starts at line 2 ('---')")
                .contains("merge them into one (each key once)");
    }

    @Test
    void aLoneTrailingDocumentMarkerIsRefusedToo() throws IOException {
        Path file = Files.writeString(dir.resolve("trailing.yaml"), PACK + "\n---\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(e).as("a configuration ending in an empty second document").isNotNull();
        assertThat(e.getMessage()).contains("a second YAML document starts at line 3 ('---')");
    }

    @Test
    void aLeadingDocumentMarkerAndAnEndMarkerStillLoad() throws IOException {
        Path file = Files.writeString(dir.resolve("one-doc.yaml"), "# comment\n---\n" + PACK + "...\n");

        assertThat(new ConfigLoader().load(file).pack().seriesCells()).isEqualTo(4);
    }

    @Test
    void aPresetFileOfTwoDocumentsIsRefused() throws IOException {
        String shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("presets/psoa-ncm811.yaml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path preset = Files.writeString(dir.resolve("mine.yaml"), shipped + "---\nname: second\n");
        int line = (int) shipped.lines().count() + 1;
        Path config = Files.writeString(
                dir.resolve("config.yaml"), "pack: {chemistry: " + preset + ", seriesCells: 4, capacityAh: 2.0}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(config));

        assertThat(e).as("a preset of two documents").isNotNull();
        assertThat(e.getMessage())
                .startsWith("pack.chemistry: preset " + preset + " is not one YAML document: a second YAML document"
                        + " starts at line " + line + " ('---')");
    }
}
