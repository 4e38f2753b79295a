package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.estimators.model.OcvDoubt;

/**
 * A preset's optional {@code cell.ocvSigma} (the OCV's sigma per SOC region, one table or one per
 * OCV-test temperature, as {@code bms characterize} writes it); presets without it keep the
 * filter's default.
 */
class OcvSigmaPresetTest {
    @TempDir
    Path dir;

    private Path presetWith(String table) throws IOException {
        String base;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("presets/psoa-ncm811.yaml")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String text = base.replace("  npRatio: 6.85\n", "  npRatio: 6.85\n" + table);
        assertThat(text).as("the table went into the cell section").contains(table);
        return Files.writeString(dir.resolve("cell.yaml"), text);
    }

    @Test
    void oneTableOrOnePerTemperatureLoadsAndAbsentMeansTheDefault() throws IOException {
        OcvDoubt one =
                new PresetCatalog().load(presetWith("""
                  ocvSigma: {socEdges: [0, 0.5, 1], volts: [0.01, 0.004]}
                """).toString()).cell().ocvDoubt();
        assertThat(one.sigmaVoltsAt(0.7, -10, 0.02)).isEqualTo(0.004);
        OcvDoubt two =
                new PresetCatalog().load(presetWith("""
                  ocvSigma:
                    - celsius: 0
                      socEdges: [0, 0.5, 1]
                      volts: [0.03, 0.01]
                    - celsius: 25
                      socEdges: [0, 0.5, 1]
                      volts: [0.01, 0.004]
                """).toString()).cell().ocvDoubt();
        assertThat(two.sigmaVoltsAt(0.2, 12.5, 0.02)).isCloseTo(0.02, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(new PresetCatalog().load("psoa-ncm811").cell().ocvDoubt()).isEqualTo(OcvDoubt.NONE);
    }

    @Test
    void malformedTablesNameTheKeyAndTheFix() throws IOException {
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  ocvSigma: {socEdges: [0, 0.5, 1], volts: [0.01, 0.004, 0.003]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.ocvSigma")
                .hasMessageContaining("give one more SOC edge than sigmas");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  ocvSigma: {socEdges: [0, 0.5, 0.4], volts: [0.01, 0.004]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ocvSigma.socEdges[2]")
                .hasMessageContaining("increasing order");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  ocvSigma: {socEdges: [0, 0.5, 1], volts: [0.01, 0]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ocvSigma.volts[1]");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  ocvSigma:
                    - {celsius: 25, socEdges: [0, 0.5, 1], volts: [0.01, 0.004]}
                    - {celsius: 0, socEdges: [0, 0.5, 1], volts: [0.01, 0.004]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("increasing temperature");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  ocvSigma:
                    - {celsius: 0, socEdges: [0, 0.5, 1], volts: [0.01, 0.004]}
                    - {celsius: 25, socEdges: [0, 0.4, 1], volts: [0.01, 0.004]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("same SOC regions");
    }
}
