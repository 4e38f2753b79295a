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
import org.qsebms.estimators.model.SlowPolarisation;

/**
 * A preset's optional {@code cell.slowPolarisation} (a third, slow RC branch: its time constant and
 * resistance per SOC region, as {@code bms characterize --slow-polarisation-log} writes it); presets
 * without it have no branch.
 */
class SlowPolarisationPresetTest {
    @TempDir
    Path dir;

    private Path presetWith(String branch) throws IOException {
        String base;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("presets/psoa-ncm811.yaml")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String text = base.replace("  npRatio: 6.85\n", "  npRatio: 6.85\n" + branch);
        assertThat(text).as("the branch went into the cell section").contains(branch);
        return Files.writeString(dir.resolve("cell.yaml"), text);
    }

    @Test
    void theBranchLoadsAndAbsentMeansNone() throws IOException {
        SlowPolarisation slow =
                new PresetCatalog().load(presetWith("""
                  slowPolarisation: {tau: 250.0s, socEdges: [0, 0.5, 1], ohms: [0.03, 0.008]}
                """).toString()).cell().slowPolarisation();
        assertThat(slow.tauSeconds()).isEqualTo(250.0);
        assertThat(slow.ohmsAt(0.2)).isEqualTo(0.03);
        assertThat(slow.ohmsAt(0.5)).isEqualTo(0.008);
        assertThat(slow.ohmsAt(1.2)).as("beyond the last edge: the last region").isEqualTo(0.008);
        assertThat(new PresetCatalog().load("psoa-ncm811").cell().slowPolarisation())
                .isEqualTo(SlowPolarisation.NONE);
    }

    @Test
    void malformedBranchesNameTheKeyAndTheFix() throws IOException {
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  slowPolarisation: {tau: 250s, socEdges: [0, 0.5, 1], ohms: [0.03]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.slowPolarisation")
                .hasMessageContaining("one resistance per SOC region");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  slowPolarisation: {socEdges: [0, 0.5, 1], ohms: [0.03, 0.01]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("slowPolarisation.tau");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  slowPolarisation: {tau: 250s, socEdges: [0, 0.6, 0.5], ohms: [0.03, 0.01]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("slowPolarisation.socEdges[2]")
                .hasMessageContaining("increasing order");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  slowPolarisation: {tau: 250s, socEdges: [0, 0.5, 1], ohms: [0.03, -0.01]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("slowPolarisation.ohms[1]");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  slowPolarisation: {tau: 250s, socEdges: [0, 0.5, 1], ohms: [0.03, abc]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("slowPolarisation.ohms");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  slowPolarisation: {tau: 250s, socEdges: [0, 0.5, 1], ohms: [0.03, 0.01], r3: 1}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("r3");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  slowPolarisation: 0.03
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.slowPolarisation");
    }
}
