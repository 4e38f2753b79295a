package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration or preset nested deeper than the parser allows is refused saying what (nested more than 1000
 * levels), where (the line), why (the limit protects the reader) and how to fix it (flatten it). check23v defect 4:
 * the text named a Jackson method ({@code StreamReadConstraints.getMaxNestingDepth()}), gave no line, and offered the
 * generic syntax fix (indentation, 'key: value'), which does not apply.
 */
class DeepNestingYamlTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";

    @TempDir
    Path dir;

    @Test
    void aConfigurationOfDeepListsIsRefusedWithWhatWhereWhyAndHow() throws IOException {
        Path file = Files.writeString(
                dir.resolve("deep.yaml"), "# a comment\n" + PACK + "extra: " + "[".repeat(20000) + "]".repeat(20000));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(e).as("a configuration nested 20000 lists deep").isNotNull();
        assertNestingText(e.getMessage(), file + " is nested too deep at line 3");
    }

    @Test
    void aPresetOfDeepMapsIsRefusedWithWhatWhereWhyAndHow() throws IOException {
        Path preset = Files.writeString(
                dir.resolve("mine.yaml"), "name: deep\nextra: " + "{a: ".repeat(5000) + "1" + "}".repeat(5000) + "\n");
        Path config = Files.writeString(
                dir.resolve("config.yaml"), "pack: {chemistry: " + preset + ", seriesCells: 4, capacityAh: 2.0}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(config));

        assertThat(e).as("a preset nested 5000 maps deep").isNotNull();
        assertNestingText(e.getMessage(), "pack.chemistry: preset " + preset + " is nested too deep at line 2");
    }

    static void assertNestingText(String message, String start) {
        assertThat(message)
                .startsWith(start)
                .contains("nested more than 1000 levels deep")
                .contains("to protect itself")
                .contains("flatten it")
                .doesNotContain("StreamReadConstraints")
                .doesNotContain("fix the syntax");
    }
}
