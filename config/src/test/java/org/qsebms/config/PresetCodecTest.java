package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The preset codec: every shipped preset reads, writes and reads back to an equal document, and
 * the written file loads to the same {@link ChemistryPreset} values as the shipped one.
 */
class PresetCodecTest {
    static final List<String> NAMES = PresetCatalog.SHIPPED;

    @TempDir
    Path dir;

    private final PresetCodec codec = new PresetCodec();

    @ParameterizedTest
    @FieldSource("NAMES")
    void everyShippedPresetRoundTripsToEqualDocumentAndLoadedValues(String name) {
        PresetDocument shipped = codec.read(name);
        Path written = dir.resolve(name + ".yaml");

        codec.write(written, shipped, List.of("round trip of " + name), List.of());

        assertThat(codec.read(written.toString()))
                .usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(shipped);
        assertThat(new PresetCatalog().load(written.toString()))
                .usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(new PresetCatalog().load(name));
    }

    @Test
    void everyOptionalSectionRoundTrips() throws IOException {
        Path ocv = dir.resolve("cell.ocv.csv");
        Files.writeString(ocv, "soc,ocv_V,dUdT_V_per_K\n0.0,3.0,0.0001\n0.5,3.7,0.0\n1.0,4.2,-0.0001\n");
        Path preset = Files.writeString(
                dir.resolve("full.yaml"),
                shippedText("psoa-ncm811").replace("  ocvTable: ocv/li_ncm811_ocv_sturm2019_mj1.csv\n", """
                          ocvTable: cell.ocv.csv
                          ocvTemperatureSpan: {minCelsius: 0.5, maxCelsius: 40}
                          activationEnergySource: "fitted: 3 temperatures (0.5, 25, 40 degC)"
                          characterisedTemperatureSpan: {minCelsius: 0.5, maxCelsius: 40}
                          hysteresis: {magnitudeVolts: 0.012, ratePerSoc: 30}
                          resistanceVsSoc:
                            - {celsius: 0.5, soc: [0.1, 0.9], factor: [2.0, 1.0], slowFactor: [1.5, 1.0]}
                            - {celsius: 25, soc: [0.1, 0.5, 0.9], factor: [1.5, 1.1, 1.0]}
                          timeConstantsVsTemperature: {celsius: [0.5, 25], tau1Seconds: [3, 2], tau2Seconds: [80, 60]}
                        """)
                        + "supplementary:\n  socHigh: {mol: 0.90, rsl: 0.93, msl: 0.95, debounce: 2s}\n"
                        + "  shortCircuitFactor: 1.5\n");
        PresetDocument full = codec.read(preset.toString());
        Path written = dir.resolve("written.yaml");

        codec.write(written, full, List.of("header"), List.of("footer line 1", "footer line 2"));

        assertThat(full.cell().resistanceVsSoc().tables()).hasSize(2);
        assertThat(full.supplementary().get("shortCircuitFactor").asDouble()).isEqualTo(1.5);
        assertThat(codec.read(written.toString()))
                .usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(full);
        assertThat(new PresetCatalog().load(written.toString()))
                .usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(new PresetCatalog().load(preset.toString()));
        assertThat(Files.readString(written)).startsWith("# header\n").endsWith("# footer line 2\n");
    }

    @Test
    void aSingleTemperatureIndependentTableStaysAMapping() throws IOException {
        Path preset = Files.writeString(
                dir.resolve("one.yaml"),
                shippedText("psoa-lfp")
                        .replace(
                                "  npRatio: 6.08\n",
                                "  npRatio: 6.08\n  resistanceVsSoc: {soc: [0.1, 0.9], factor: [2, 1]}\n"));
        PresetDocument one = codec.read(preset.toString());

        String text = codec.write(one, List.of(), List.of());

        assertThat(text).contains("  resistanceVsSoc:\n    soc:\n");
        Path written = Files.writeString(dir.resolve("written.yaml"), text);
        assertThat(new PresetCatalog().load(written.toString()))
                .usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(new PresetCatalog().load(preset.toString()));
    }

    @Test
    void keysTheRecordsDoNotNameYetAreKeptThroughAWrite() throws IOException {
        // a key the loader accepts but the document records do not name yet (a new preset table)
        // binds and writes back unchanged, so adding it to the loader needs no codec change
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode tree = yaml.readTree(shippedText("psoa-ncm811")
                        .replace(
                                "  npRatio: 6.85\n",
                                "  npRatio: 6.85\n  newTable: {soc: [0.1, 0.5], volts: [0.02, 0.01]}\n")
                + "newTopLevelKey: 3\n");

        PresetDocument document = codec.toDocument(tree, "test");
        String written = codec.write(document, List.of(), List.of());

        assertThat(document.cell().otherKeys()).containsOnlyKeys("newTable");
        assertThat(document.otherKeys()).containsOnlyKeys("newTopLevelKey");
        assertThat(yaml.readTree(written)).isEqualTo(tree);
    }

    @Test
    void aBadPresetFailsToReadWithTheLoadersMessage() throws IOException {
        Path bad = Files.writeString(
                dir.resolve("bad.yaml"), shippedText("psoa-ncm811").replace("  r0Ohms:", "  r0Ohm:"));

        assertThatThrownBy(() -> codec.read(bad.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("preset(" + bad + ").cell.r0Ohm: unknown key; allowed keys here are [");
        assertThatThrownBy(() -> new PresetCatalog().load(bad.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("preset(" + bad + ").cell.r0Ohm: unknown key; allowed keys here are [");
    }

    private static String shippedText(String name) throws IOException {
        try (InputStream in = PresetCodecTest.class.getClassLoader().getResourceAsStream("presets/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
