package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.qsebms.estimators.calibration.CalibratedPreset;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.LithiumInterface;
import org.qsebms.estimators.model.QseCellParameters;

/**
 * A preset's optional {@code cell.lithiumInterface} (the lithium interface's law {@code eta = b asinh(I / 2 I0) + R
 * I} over the preset cell's area, which {@code r1Ohms} linearises at 1 C). The calibrated presets carry the law the
 * simulated cell runs (the soft-short rest cue reads a leak's own drop over it: docs/safety.md, "Cold LFP leak figures
 * from the lithium interface's law"); presets without it have none.
 */
class LithiumInterfacePresetTest {
    static final java.util.List<String> NAMES = PresetCatalog.SHIPPED;

    @TempDir
    Path dir;

    /** At a soft short's 1-30 mA the shipped law drops what the simulated cell's interface does, to the rounding. */
    @ParameterizedTest
    @FieldSource("NAMES")
    void everyShippedPresetCarriesTheSimulatedCellsInterfaceLaw(String name) {
        ChemistryPreset preset = new PresetCatalog().load(name);
        Electrolyte e = Electrolyte.valueOf(preset.electrolyte().toUpperCase(Locale.ROOT));
        Cathode c = Cathode.valueOf(preset.cathode().toUpperCase(Locale.ROOT));
        LithiumInterface simulated = QseCellParameters.of(
                        PaperCalibration.calibrate(PaperData.bundled()).laws(e),
                        c,
                        CalibratedPreset.referencePouch(c),
                        preset.cell().ocv())
                .lithiumInterface();
        for (double amps : new double[] {0.001, 0.01, 0.03}) {
            double truth = simulated.volts(amps);
            assertThat(preset.lithiumInterface().volts(amps))
                    .as("%s at %.0f mA: the simulated cell's %.3f mV", name, 1000 * amps, 1000 * truth)
                    .isCloseTo(truth, within(1e-3 * truth));
        }
    }

    @Test
    void absentMeansNoneAndScalingKeepsTheDropPerArea() throws IOException {
        ChemistryPreset without = new PresetCatalog().load(presetWith("").toString());
        assertThat(without.lithiumInterface()).isEqualTo(LithiumInterface.NONE);
        LithiumInterface law = new PresetCatalog().load("psoa-lfp").lithiumInterface();
        // a cell twice the size passes twice the current at the same current density: the same drop
        assertThat(law.scaled(2.0).volts(0.02)).isCloseTo(law.volts(0.01), within(1e-12));
    }

    @Test
    void aMalformedLawNamesTheKeyAndTheRange() throws IOException {
        assertThatThrownBy(() -> new PresetCatalog()
                        .load(presetWith(
                                        "  lithiumInterface: {tafelVolts: -0.001, exchangeAmps: 3.0e-5, ohms: 0.004}\n")
                                .toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.lithiumInterface.tafelVolts");
        assertThatThrownBy(() -> new PresetCatalog()
                        .load(presetWith("  lithiumInterface: {tafelVolts: 0.001, ohms: 0.004}\n")
                                .toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.lithiumInterface.exchangeAmps");
        assertThatThrownBy(() -> new PresetCatalog()
                        .load(presetWith("  lithiumInterface: {tafelVolts: 0.001, exchangeAmps: 3.0e-5, ohm: 0.004}\n")
                                .toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ohm");
    }

    /** psoa-ncm811's preset with its law taken out and {@code law} put in its cell section. */
    private Path presetWith(String law) throws IOException {
        String base;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("presets/psoa-ncm811.yaml")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String without = base.replaceAll("  lithiumInterface:\\n(    .*\\n){3}", "");
        assertThat(without).as("the shipped law was taken out").doesNotContain("lithiumInterface");
        String text = without.replace("  npRatio: 6.85\n", "  npRatio: 6.85\n" + law);
        return Files.writeString(dir.resolve("cell.yaml"), text);
    }
}
