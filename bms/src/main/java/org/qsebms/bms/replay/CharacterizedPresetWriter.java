package org.qsebms.bms.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.qsebms.estimators.characterization.Characterization;
import org.qsebms.estimators.characterization.PulseFit;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.OcvDoubt;
import org.qsebms.estimators.model.ResistanceMap;
import org.qsebms.estimators.model.ResistanceVsSoc;
import org.qsebms.estimators.model.TimeConstantsVsTemperature;

/**
 * Writes a characterised cell as a preset YAML in the format of the shipped presets
 * ({@code presets/psoa-ncm811.yaml}) plus its OCV table as a CSV beside it (named relative to the
 * preset, which {@code PresetCatalog} resolves). Electrolyte, cathode, anodic limit and the limits
 * block are copied from a base preset: tests do not tell them. The pulse fits behind the medians
 * are kept as a comment table.
 */
public final class CharacterizedPresetWriter {
    private CharacterizedPresetWriter() {}

    /** @return the OCV table file written beside {@code yaml} */
    public static Path write(Characterization c, String name, List<String> sources, String basePreset, Path yaml)
            throws IOException {
        String stem = yaml.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path ocvFile = yaml.toAbsolutePath().resolveSibling(stem + ".ocv.csv");
        writeOcv(c.cell().ocv(), sources, ocvFile);
        List<String> base = baseLines(basePreset);
        EcmParameters p = c.cell();
        StringBuilder y = new StringBuilder();
        y.append("# Written by 'bms characterize' from: ")
                .append(String.join(", ", sources))
                .append('\n');
        for (String note : c.notes()) {
            y.append("# ").append(note).append('\n');
        }
        y.append("# Electrolyte, cathode and limits copied from preset '")
                .append(basePreset)
                .append("'.\n");
        y.append("name: ").append(name).append('\n');
        for (String line : base) {
            if (line.startsWith("electrolyte:")
                    || line.startsWith("cathode:")
                    || line.startsWith("anodicLimitVolts:")) {
                y.append(line).append('\n');
            }
        }
        y.append("cell:\n");
        y.append(f("  capacityAh: %.4f%n", p.capacityAh()));
        y.append(f("  r0Ohms: %.6f%n", p.r0Ohms()));
        y.append(f("  r1Ohms: %.6f%n", p.r1Ohms()));
        y.append(f("  tau1: %.4fs%n", p.tau1Seconds()));
        y.append(f("  r2Ohms: %.6f%n", p.r2Ohms()));
        y.append(f("  tau2: %.3fs%n", p.tau2Seconds()));
        y.append(f("  activationEnergyJPerMol: %.0f%n", p.activationEnergyJPerMol()));
        y.append("  activationEnergySource: \"")
                .append(c.activationEnergySource())
                .append("\"\n");
        if (p.characterisedCelsius().isKnown()) {
            y.append(
                    "  # the pulse tests' temperatures: outside them the SOC filter reports socQuality extrapolated\n");
            y.append(f(
                    "  characterisedTemperatureSpan: {minCelsius: %.1f, maxCelsius: %.1f}%n",
                    p.characterisedCelsius().minCelsius(),
                    p.characterisedCelsius().maxCelsius()));
        }
        y.append("  ocvTable: ").append(ocvFile.getFileName()).append('\n');
        if (p.ocv().hasEntropicSpan()) {
            y.append("  # the OCV table's dU/dT applies between the OCV tests' temperatures, not beyond them\n");
            y.append(f(
                    "  ocvTemperatureSpan: {minCelsius: %.1f, maxCelsius: %.1f}%n",
                    p.ocv().entropicMinCelsius(), p.ocv().entropicMaxCelsius()));
        }
        if (!p.ocvDoubt().isNone()) {
            y.append("  # the OCV table's sigma per SOC region, learnt from the OCV tests (see the notes above)\n");
            y.append("  ocvSigma:\n");
            OcvDoubt doubt = p.ocvDoubt();
            int regions = doubt.regions();
            boolean perTemperature = doubt.celsius().length > 1;
            String indent = perTemperature ? "      " : "    ";
            for (int t = 0; t < doubt.celsius().length; t++) {
                if (perTemperature) {
                    y.append(f("    - celsius: %.1f%n", doubt.celsius()[t]));
                }
                y.append(indent)
                        .append("socEdges: ")
                        .append(list(doubt.socEdges(), "%.3f"))
                        .append('\n');
                double[] volts = Arrays.copyOfRange(doubt.sigmaVolts(), t * regions, (t + 1) * regions);
                y.append(indent).append("volts: ").append(list(volts, "%.5f")).append('\n');
            }
        }
        if (c.hysteresis().magnitudeVolts() > 0) {
            y.append(f(
                    "  hysteresis: {magnitudeVolts: %.5f, ratePerSoc: %.1f}%n",
                    c.hysteresis().magnitudeVolts(), c.hysteresis().ratePerSoc()));
        }
        ResistanceMap map = p.resistance();
        if (!map.isFlat()) {
            y.append(
                    "  # factors on r0Ohms and r1Ohms (factor) and on r2Ohms (slowFactor) against SOC, from the pulse fits below\n");
            if (map.dependsOnTemperature()) {
                y.append("  # one table per test temperature, over the resistances the Arrhenius law gives there\n");
            }
            y.append("  resistanceVsSoc:\n");
            String indent = map.dependsOnTemperature() ? "      " : "    ";
            for (int t = 0; t < map.tables().size(); t++) {
                ResistanceVsSoc table = map.tables().get(t);
                if (map.dependsOnTemperature()) {
                    y.append(f("    - celsius: %.1f%n", map.celsius()[t]));
                }
                y.append(indent)
                        .append("soc: ")
                        .append(list(table.socFraction(), "%.3f"))
                        .append('\n');
                y.append(indent)
                        .append("factor: ")
                        .append(list(table.factor(), "%.3f"))
                        .append('\n');
                y.append(indent)
                        .append("slowFactor: ")
                        .append(list(table.slowFactor(), "%.3f"))
                        .append('\n');
            }
        }
        TimeConstantsVsTemperature taus = p.timeConstants();
        if (!taus.isEmpty()) {
            y.append(
                    "  # the two time constants at each pulse-test temperature (medians of the pulse fits over 20-95 % SOC)\n");
            y.append("  timeConstantsVsTemperature:\n");
            y.append("    celsius: ").append(list(taus.celsius(), "%.1f")).append('\n');
            y.append("    tau1Seconds: ")
                    .append(list(taus.tau1Seconds(), "%.4f"))
                    .append('\n');
            y.append("    tau2Seconds: ")
                    .append(list(taus.tau2Seconds(), "%.3f"))
                    .append('\n');
        }
        boolean inLimits = false;
        for (String line : base) {
            inLimits |= line.startsWith("limits:");
            if (inLimits) {
                y.append(line).append('\n');
            }
        }
        y.append("# Pulse fits (SOC, degC, pulse A, R0 ohm, R1 ohm, tau1 s, R2 ohm, tau2 s, rms V):\n");
        for (PulseFit pf : c.pulses()) {
            y.append(f(
                    "#   %.3f, %.1f, %.2f, %.5f, %.5f, %.2f, %.5f, %.1f, %.4f%n",
                    pf.socFraction(),
                    pf.celsius(),
                    pf.pulseAmps(),
                    pf.r0Ohms(),
                    pf.r1Ohms(),
                    pf.tau1Seconds(),
                    pf.r2Ohms(),
                    pf.tau2Seconds(),
                    pf.rmsVolts()));
        }
        Files.writeString(yaml, y.toString(), StandardCharsets.UTF_8);
        return ocvFile;
    }

    private static String list(double[] values, String format) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(f(format, values[i]));
        }
        return b.append(']').toString();
    }

    private static void writeOcv(OcvCurve ocv, List<String> sources, Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# OCV fitted by 'bms characterize' from ")
                .append(String.join(", ", sources))
                .append('\n');
        b.append(
                "# soc: fraction of the given capacity; ocv_V: open-circuit voltage at 25 °C (at the test temperature when "
                        + "all OCV tests were at one); dUdT_V_per_K: its change with temperature (0 when not measured)\n");
        b.append("soc,ocv_V,dUdT_V_per_K\n");
        for (int i = 0; i < ocv.socFraction().length; i++) {
            b.append(f("%.4f,%.5f,%.6f%n", ocv.socFraction()[i], ocv.ocvVolts()[i], ocv.entropicVoltsPerK()[i]));
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> baseLines(String basePreset) throws IOException {
        Path p = Path.of(basePreset);
        List<String> lines = new ArrayList<>();
        if (Files.isRegularFile(p)) {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        }
        try (InputStream in = CharacterizedPresetWriter.class
                .getClassLoader()
                .getResourceAsStream("presets/" + basePreset + ".yaml")) {
            if (in == null) {
                throw new IOException("base preset '" + basePreset + "' is neither a shipped preset nor a file");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
