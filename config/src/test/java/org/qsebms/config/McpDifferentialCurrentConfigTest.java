package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Found by an independent check (check23j, 2026-12-06): the current sensor's bidirectional shunt amplifier moved from the
 * ADS1115 pair "shunt:0-1" to the spare MCP3008 pair "ntc:4-5". An MCP3x08 pseudo-differential pair reads code 0
 * whenever IN- is above IN+, so every discharge current reads 0 A with status OK
 * (Mcp3208DifferentialCurrentTest); the wiring must not load.
 */
class McpDifferentialCurrentConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private static Path example() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("config/examples/pi-4s-ads1115.yaml"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root").isNotNull();
        return p.resolve("config/examples/pi-4s-ads1115.yaml");
    }

    @Test
    void aBidirectionalCurrentOnAnMcpPseudoDifferentialPairIsRefused() throws Exception {
        String text = Files.readString(example());
        assertThat(text).contains("input: \"shunt:0-1\"");
        assertThatThrownBy(() -> loader.parse(text.replace("input: \"shunt:0-1\"", "input: \"ntc:4-5\""), "test.yaml"))
                .as("a shunt amplifier (OUT around its 1.65 V REF) on the MCP3008 pair ntc:4-5, whose discharge half "
                        + "reads code 0")
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hal.pi4j.current.input")
                .hasMessageContaining("ntc:4-5 is a pseudo-differential pair of the MCP3008 'ntc'")
                .hasMessageContaining("single-ended with referenceVolts");
    }
}
