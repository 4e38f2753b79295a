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
import org.qsebms.estimators.model.BottomKneeChargeDeficit;

/**
 * A preset's optional {@code cell.bottomKneeChargeDeficit} (the voltage a charge out of the bottom knee after a deep discharge falls short of the model by,
 * as {@code bms characterize} learns it from an OCV test that charges from the bottom cut-off); presets without it have no such
 * term, and the codec writes it back as read.
 */
class BottomKneeChargeDeficitPresetTest {
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
                  bottomKneeChargeDeficit: {sigmaVolts: 0.05827, toSoc: 0.1}
                """);
        assertThat(new PresetCatalog().load(file.toString()).cell().bottomKneeChargeDeficit())
                .isEqualTo(new BottomKneeChargeDeficit(0.05827, 0.1));
        assertThat(new PresetCatalog().load("psoa-ncm811").cell().bottomKneeChargeDeficit())
                .isEqualTo(BottomKneeChargeDeficit.NONE);
        PresetCodec codec = new PresetCodec();
        assertThat(codec.read(file.toString()).cell().bottomKneeChargeDeficit())
                .isEqualTo(new PresetCellDocument.BottomKneeCharge(0.05827, 0.1));
    }

    @Test
    void malformedTermsNameTheKey() throws IOException {
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  bottomKneeChargeDeficit: {sigmaVolts: 2.0, toSoc: 0.1}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bottomKneeChargeDeficit.sigmaVolts");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  bottomKneeChargeDeficit: {sigmaVolts: 0.05}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bottomKneeChargeDeficit.toSoc");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  bottomKneeChargeDeficit: {sigmaVolts: 0.05, toSoc: 0.1, tau: 1}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tau");
    }
}
