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
import org.qsebms.estimators.model.TopKneeChargeExcess;

/**
 * A preset's optional {@code cell.topKneeChargeExcess} (the voltage under charge at the top knee beyond the model,
 * as {@code bms characterize} learns it from an OCV test's charge and top-off); presets without it have no such
 * term, and the codec writes it back as read.
 */
class TopKneeChargeExcessPresetTest {
    @TempDir
    Path dir;

    private Path presetWith(String key) throws IOException {
        String base;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("presets/psoa-ncm811.yaml")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String text = base.replace("  npRatio: 6.85\n", "  npRatio: 6.85\n" + key);
        assertThat(text).as("the key went into the cell section").contains(key);
        return Files.writeString(dir.resolve("cell.yaml"), text);
    }

    @Test
    void theTermLoadsAndAbsentMeansNone() throws IOException {
        Path file = presetWith("""
                  topKneeChargeExcess: {sigmaVolts: 0.04919, fromSoc: 0.9}
                """);
        assertThat(new PresetCatalog().load(file.toString()).cell().topKneeChargeExcess())
                .isEqualTo(new TopKneeChargeExcess(0.04919, 0.9));
        assertThat(new PresetCatalog().load("psoa-ncm811").cell().topKneeChargeExcess())
                .isEqualTo(TopKneeChargeExcess.NONE);
        PresetCodec codec = new PresetCodec();
        assertThat(codec.read(file.toString()).cell().topKneeChargeExcess())
                .isEqualTo(new PresetCellDocument.TopKneeCharge(0.04919, 0.9));
    }

    @Test
    void malformedTermsNameTheKey() throws IOException {
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  topKneeChargeExcess: {sigmaVolts: 2.0, fromSoc: 0.9}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topKneeChargeExcess.sigmaVolts");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  topKneeChargeExcess: {sigmaVolts: 0.05}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topKneeChargeExcess.fromSoc");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  topKneeChargeExcess: {sigmaVolts: 0.05, fromSoc: 0.9, tau: 1}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tau");
    }
}
