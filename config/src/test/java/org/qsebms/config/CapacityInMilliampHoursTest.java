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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Found by check23z (issue 23, 2026-12-07): a configuration value written in the wrong unit. The C-rate current limits
 * are scaled by {@code pack.capacityAh}, which was accepted anywhere in 0.001..10000 Ah whatever the preset's cell
 * capacity, so a capacity written in mAh (1845 for the psoa-ncm811 cell's 1.845 Ah) multiplied every current limit in
 * amps by 1000 and the SOC's capacity by 1000, while every other limit is refused when it is looser than the preset's.
 * A user expects a refusal naming the key, the likely unit slip and the fix. The range is the preset's
 * {@code capacityRange} (data), over its {@code cell.capacityAh}.
 */
class CapacityInMilliampHoursTest {
    private final ConfigLoader loader = new ConfigLoader();

    private static String pack(double capacityAh) {
        return pack("psoa-ncm811", capacityAh);
    }

    private static String pack(String chemistry, double capacityAh) {
        return "pack:\n  chemistry: " + chemistry + "\n  seriesCells: 4\n  capacityAh: " + capacityAh + "\n";
    }

    @Test
    void aCapacityWrittenInMilliampHoursIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> {
                    BmsConfig c = loader.parse(pack(1845), "t.yaml");
                    throw new AssertionError("loaded: pack.capacityAh 1845 (the preset's cell: 1.845 Ah), discharge"
                            + " over-current MSL "
                            + c.limits().dischargeOverCurrent().msl() + " A, charge MSL "
                            + c.limits().chargeOverCurrent().msl() + " A");
                })
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pack.capacityAh");
    }

    @Test
    void theRefusalNamesTheValueTheSlipAndWhatToWrite() {
        assertThatThrownBy(() -> loader.parse(pack(1845), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("pack.capacityAh")
                .hasMessageContaining("1845 Ah")
                .hasMessageContaining("psoa-ncm811")
                .hasMessageContaining("looks like mAh: write 1.845");
    }

    /**
     * Every cell the range holds, on every shipped preset, is refused when written in mAh, and told the value it
     * meant: the range is under 1000 wide, so no capacity in mAh falls back into it.
     */
    @Test
    void everyCellOfThePresetsKindWrittenInMilliampHoursIsRefused() {
        int judged = 0;
        for (String name : PresetCatalog.SHIPPED) {
            ChemistryPreset preset = new PresetCatalog().load(name);
            double presetAh = preset.cell().capacityAh();
            CellCapacityRange range = preset.capacityRange();
            double low = Math.log(range.lowestFactor() * presetAh);
            double high = Math.log(range.highestFactor() * presetAh);
            for (int i = 0; i <= 40; i++) {
                double ah = Double.parseDouble(
                        String.format(java.util.Locale.ROOT, "%.4g", Math.exp(low + (high - low) * i / 40.0)));
                if (!range.holds(ah, presetAh)) {
                    continue; // rounding took the end outside
                }
                assertThat(loader.parse(pack(name, ah), "t.yaml").pack().capacityAh())
                        .isEqualTo(ah);
                double mah = ah * 1000;
                assertThatThrownBy(() -> loader.parse(pack(name, mah), "t.yaml"))
                        .as("%s: %s Ah written as %s", name, ah, mah)
                        .isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("pack.capacityAh")
                        .hasMessageContaining("looks like mAh: write ");
                judged++;
            }
        }
        assertThat(judged).isGreaterThan(200);
    }

    /** On the example hardware configs the capacity is named before the shunt or the monitor's OCC threshold. */
    @ParameterizedTest
    @ValueSource(strings = {"examples/pi-4s-ads1115.yaml", "examples/pi-16s-bq76952.yaml"})
    void onTheHardwareExamplesTheCapacitySpeaksBeforeTheDerivedChecks(String example) throws IOException {
        String text = Files.readString(Path.of(example));
        assertThat(text).contains("capacityAh: 2.0");
        String mah = text.replace("capacityAh: 2.0", "capacityAh: 2000");
        assertThatThrownBy(() -> loader.parse(mah, example))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("pack.capacityAh")
                .hasMessageContaining("looks like mAh: write 2");
    }

    /** The range is the preset's data: a preset that says its cell is one size only refuses another. */
    @Test
    void theRangeIsThePresetsCapacityRange(@TempDir Path dir) throws IOException {
        String shipped;
        try (InputStream in = PresetCatalog.class.getResourceAsStream("/presets/psoa-ncm811.yaml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(shipped).contains("  highestFactor: 40\n");
        Path preset = dir.resolve("one-size.yaml");
        Files.writeString(
                preset,
                shipped.replace("  lowestFactor: 0.05\n", "  lowestFactor: 0.9\n")
                        .replace("  highestFactor: 40\n", "  highestFactor: 1.1\n"));
        assertThat(loader.parse(pack(preset.toString(), 2.0), "t.yaml").pack().capacityAh())
                .isEqualTo(2.0);
        assertThat(loader.parse(pack(3.0), "t.yaml").pack().capacityAh()).isEqualTo(3.0);
        assertThatThrownBy(() -> loader.parse(pack(preset.toString(), 3.0), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("pack.capacityAh")
                .hasMessageContaining("0.9..1.1 times");
        Files.writeString(preset, shipped.replace("  highestFactor: 40\n", "  highestFactor: 50\n"));
        assertThatThrownBy(() -> loader.parse(pack(preset.toString(), 2.0), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("capacityRange.highestFactor")
                .hasMessageContaining("mAh");
    }
}
