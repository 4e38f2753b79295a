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
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;

/**
 * A preset's optional {@code cell.resistanceVsSoc} table, or list of tables one per test
 * temperature, as {@code bms characterize} writes them.
 */
class ResistanceVsSocPresetTest {
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
    void loadsTheTableAndTheModelUsesIt() throws IOException {
        Path preset = presetWith("""
                  resistanceVsSoc:
                    soc: [0.05, 0.2, 0.9]
                    factor: [3.5, 1.1, 1.0]
                    slowFactor: [2.5, 1.0, 0.9]
                """);
        EcmParameters cell = new PresetCatalog().load(preset.toString()).cell();
        assertThat(cell.socFactor(0.05, 25)).isEqualTo(3.5);
        assertThat(cell.slowSocFactor(0.9, 25)).isEqualTo(0.9);
        assertThat(cell.socFactor(0.125, 25)).isCloseTo(2.3, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void slowFactorDefaultsToTheFactorAndNoTableMeansFlat() throws IOException {
        EcmParameters cell =
                new PresetCatalog().load(presetWith("""
                  resistanceVsSoc: {soc: [0.1, 0.5], factor: [2.0, 1.0]}
                """).toString()).cell();
        assertThat(cell.slowSocFactor(0.1, 25)).isEqualTo(2.0);
        assertThat(new PresetCatalog().load("psoa-ncm811").cell().resistance().isFlat())
                .isTrue();
    }

    @Test
    void malformedTablesNameTheKeyAndTheFix() throws IOException {
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc: {soc: [0.1, 0.5, 0.9], factor: [2.0, 1.0]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.resistanceVsSoc")
                .hasMessageContaining("3 SOC points, 2 factors and 2 slowFactors; give the same number");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc: {soc: [0.5, 0.1], factor: [2.0, 1.0]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("resistanceVsSoc.soc[1]")
                .hasMessageContaining("list SOC points in increasing order");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc: {soc: [0.1, 0.5], factor: [2.0, "high"]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("resistanceVsSoc.factor[1]")
                .hasMessageContaining("expected a number");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc: {soc: [0.1, 0.5], factor: [2.0, 0]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("resistanceVsSoc.factor[1]")
                .hasMessageContaining("outside 0.01..100");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc: {soc: 0.5, factor: [2.0, 1.0]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("resistanceVsSoc.soc")
                .hasMessageContaining("expected a list of numbers");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc: {soc: [0.1, 0.5], factors: [2.0, 1.0]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("factors");
    }

    @Test
    void loadsOneTablePerTemperatureAndInterpolatesBetweenThem() throws IOException {
        EcmParameters cell =
                new PresetCatalog().load(presetWith("""
                  resistanceVsSoc:
                    - celsius: 0.5
                      soc: [0.1, 0.5]
                      factor: [6.0, 1.0]
                      slowFactor: [4.0, 0.8]
                    - celsius: 25.5
                      soc: [0.1, 0.5]
                      factor: [2.0, 1.0]
                """).toString()).cell();
        assertThat(cell.resistance().dependsOnTemperature()).isTrue();
        assertThat(cell.socFactor(0.1, 0.5)).isEqualTo(6.0);
        assertThat(cell.socFactor(0.1, 25.5)).isEqualTo(2.0);
        assertThat(cell.socFactor(0.1, 13)).isCloseTo(4.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(cell.slowSocFactor(0.1, 40))
                .as("slowFactor defaults to factor in each table")
                .isEqualTo(2.0);
        assertThat(cell.slowSocFactor(0.5, -10)).isEqualTo(0.8);
    }

    @Test
    void malformedTemperatureTablesNameTheEntryAndTheFix() throws IOException {
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc:
                    - {celsius: 25, soc: [0.1, 0.5], factor: [2.0, 1.0]}
                    - {celsius: 0, soc: [0.1, 0.5], factor: [6.0, 1.0]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.resistanceVsSoc[1].celsius")
                .hasMessageContaining("0.0 °C does not exceed the table before it (25.0 °C); list the tables in "
                        + "increasing temperature");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc:
                    - {soc: [0.1, 0.5], factor: [2.0, 1.0]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.resistanceVsSoc[0].celsius")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc: []
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.resistanceVsSoc")
                .hasMessageContaining("empty list");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc:
                    - {celsius: 0, soc: [0.1, 0.5, 0.9], factor: [2.0, 1.0]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.resistanceVsSoc[0]")
                .hasMessageContaining("3 SOC points, 2 factors and 2 slowFactors");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  resistanceVsSoc:
                    - 0.5
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.resistanceVsSoc[0]")
                .hasMessageContaining("expected a mapping");
    }

    @Test
    void loadsTimeConstantsPerTemperatureAndRejectsMalformedOnes() throws IOException {
        EcmParameters cell =
                new PresetCatalog().load(presetWith("""
                  timeConstantsVsTemperature:
                    celsius: [0.6, 25.8]
                    tau1Seconds: [0.21, 0.18]
                    tau2Seconds: [38.9, 31.2]
                """).toString()).cell();
        assertThat(cell.tau2SecondsAt(0.6)).isEqualTo(38.9);
        assertThat(cell.tau2SecondsAt(40)).isEqualTo(31.2);
        assertThat(cell.tau1SecondsAt(-5)).isEqualTo(0.21);
        assertThat(new PresetCatalog()
                        .load("psoa-ncm811")
                        .cell()
                        .timeConstants()
                        .isEmpty())
                .isTrue();
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  timeConstantsVsTemperature: {celsius: [0, 25], tau1Seconds: [0.2], tau2Seconds: [40, 30]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.timeConstantsVsTemperature")
                .hasMessageContaining("2 temperatures, 1 tau1Seconds and 2 tau2Seconds; give the same number");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  timeConstantsVsTemperature: {celsius: [25, 0], tau1Seconds: [0.2, 0.2], tau2Seconds: [40, 30]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.timeConstantsVsTemperature.celsius[1]")
                .hasMessageContaining("list temperatures in increasing order");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  timeConstantsVsTemperature: {celsius: [0], tau1Seconds: [0], tau2Seconds: [40]}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.timeConstantsVsTemperature.tau1Seconds[0]");
    }

    @Test
    void ocvTemperatureSpanLimitsTheEntropicTermAndRejectsAnInvertedSpan() throws IOException {
        OcvCurve unbounded = new PresetCatalog().load("psoa-ncm811").cell().ocv();
        assertThat(unbounded.hasEntropicSpan()).isFalse();
        OcvCurve spanned =
                new PresetCatalog().load(presetWith("""
                  ocvTemperatureSpan: {minCelsius: 0.6, maxCelsius: 25.8}
                """).toString()).cell().ocv();
        assertThat(spanned.hasEntropicSpan()).isTrue();
        double soc = 0.3;
        assertThat(unbounded.entropicVoltsPerKAt(soc))
                .as("the preset has a dU/dT to limit")
                .isNotZero();
        assertThat(spanned.voltsAt(soc, 10)).isEqualTo(unbounded.voltsAt(soc, 10));
        assertThat(spanned.voltsAt(soc, 45))
                .isEqualTo(unbounded.voltsAt(soc, 25.8))
                .isNotEqualTo(unbounded.voltsAt(soc, 45));
        assertThat(spanned.voltsAt(soc, -20)).isEqualTo(unbounded.voltsAt(soc, 0.6));
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  ocvTemperatureSpan: {minCelsius: 30, maxCelsius: 0}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.ocvTemperatureSpan.minCelsius")
                .hasMessageContaining("give the coldest OCV test's temperature as minCelsius");
        assertThatThrownBy(() -> new PresetCatalog().load(presetWith("""
                  ocvTemperatureSpan: {minCelsius: 0}
                """).toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.ocvTemperatureSpan");
    }
}
