package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A preset's protection limits must lie where a limit of their quantity can work at all: found by
 * {@link MutatedConfigFilesTest}, a preset file with {@code cellUnderVoltage.msl: -1} loaded, and
 * its pack would never have tripped on under-voltage. Each is refused naming the key, the value and
 * the range; the shipped presets still load.
 */
class PresetLimitRangeTest {
    @TempDir
    Path dir;

    @Test
    void anUnderVoltageMslBelowAnyLithiumCellIsRefused() throws IOException {
        Path file = withMsl("cellUnderVoltage", "-1");
        assertThatThrownBy(() -> new PresetCatalog().load(file.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.cellUnderVoltage.msl: -1.0 V is outside 1.5..7.0 V");
    }

    /** The shipped psoa-ncm811 preset with the MSL of limit {@code section} set to {@code msl}. */
    private Path withMsl(String section, String msl) throws IOException {
        String text = Files.readString(Path.of("src/main/resources/presets/psoa-ncm811.yaml"));
        int at = text.indexOf("  " + section + ":");
        assertThat(at).as(section).isNotNegative();
        int from = text.indexOf("msl:", at);
        int end = text.indexOf('\n', from);
        Path file = dir.resolve(section + ".yaml");
        Files.writeString(file, text.substring(0, from) + "msl: " + msl + text.substring(end));
        return file;
    }

    @Test
    void aTemperatureLimitNoThermistorCanReadIsRefused() throws IOException {
        Path file = withMsl("dischargeOverTemperature", "900");
        assertThatThrownBy(() -> new PresetCatalog().load(file.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.dischargeOverTemperature.msl: 900.0 °C is outside -55.0..150.0 °C");
    }

    @Test
    void anOverCurrentLimitAtZeroIsRefusedInC() throws IOException {
        Path file = withMsl("chargeOverCurrentC", "0");
        assertThatThrownBy(() -> new PresetCatalog().load(file.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.chargeOverCurrentC.msl: 0.0 C is outside 0.001..1000.0 C");
    }

    @Test
    void everyShippedPresetIsInsideTheRanges() {
        for (String name : new String[] {"le-lfp", "le-ncm811", "psoa-lfp", "psoa-ncm811", "ptpa-lfp", "ptpa-ncm811"}) {
            assertThat(new PresetCatalog()
                            .load(name)
                            .limits()
                            .cellUnderVoltage()
                            .msl())
                    .isBetween(1.5, 7.0);
        }
    }
}
