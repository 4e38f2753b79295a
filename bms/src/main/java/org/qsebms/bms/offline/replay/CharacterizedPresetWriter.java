package org.qsebms.bms.offline.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qsebms.config.ConfigException;
import org.qsebms.config.PresetCellDocument;
import org.qsebms.config.PresetCodec;
import org.qsebms.config.PresetDocument;
import org.qsebms.estimators.characterization.Characterization;
import org.qsebms.estimators.characterization.PulseFit;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.OcvDoubt;
import org.qsebms.estimators.model.ResistanceMap;
import org.qsebms.estimators.model.ResistanceVsSoc;
import org.qsebms.estimators.model.SlowPolarisation;
import org.qsebms.estimators.model.TemperatureSpan;
import org.qsebms.estimators.model.TimeConstantsVsTemperature;
import org.qsebms.estimators.model.TopKneeChargeExcess;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * Writes a characterised cell as a preset with config's {@link PresetCodec} (the format of the
 * shipped presets) plus its OCV table as a CSV beside it (named relative to the preset, which
 * {@code PresetCatalog} resolves). Electrolyte, cathode, anodic limit, limits and supplementary
 * thresholds are copied from a base preset: tests do not tell them. The pulse fits behind the
 * medians are kept as a comment table at the end.
 */
public final class CharacterizedPresetWriter {
    private CharacterizedPresetWriter() {}

    /** @return the OCV table file written beside {@code yaml} */
    public static Path write(Characterization c, String name, List<String> sources, String basePreset, Path yaml)
            throws IOException {
        String stem = yaml.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path ocvFile = yaml.toAbsolutePath().resolveSibling(stem + ".ocv.csv");
        PresetCodec codec = new PresetCodec();
        PresetDocument base;
        try {
            base = codec.read(basePreset);
        } catch (ConfigException e) {
            throw new IOException("base preset '" + basePreset + "': " + e.getMessage(), e);
        }
        writeOcv(c.cell().ocv(), sources, ocvFile);
        EcmParameters p = c.cell();
        List<String> header = new ArrayList<>();
        header.add("Written by 'bms characterize' from: " + String.join(", ", sources));
        header.addAll(c.notes());
        header.add("Electrolyte, cathode, anodic limit, limits and supplementary thresholds copied from preset '"
                + basePreset + "'.");
        PresetCellDocument.Builder cell = PresetCellDocument.builder()
                .capacityAh(round(p.capacityAh(), 4))
                .r0Ohms(round(p.r0Ohms(), 6))
                .r1Ohms(round(p.r1Ohms(), 6))
                .tau1Seconds(round(p.tau1Seconds(), 4))
                .r2Ohms(round(p.r2Ohms(), 6))
                .tau2Seconds(round(p.tau2Seconds(), 3))
                .activationEnergyJPerMol(round(p.activationEnergyJPerMol(), 0))
                .activationEnergySource(c.activationEnergySource())
                .ocvTable(ocvFile.getFileName().toString());
        if (p.characterisedCelsius().isKnown()) {
            header.add("characterisedTemperatureSpan: the pulse tests' temperatures; outside them, or outside"
                    + " ocvTemperatureSpan, the SOC filter reports socQuality extrapolated.");
            cell.characterisedTemperatureSpan(new TemperatureSpan(
                    round(p.characterisedCelsius().minCelsius(), 1),
                    round(p.characterisedCelsius().maxCelsius(), 1)));
        }
        if (p.ocv().hasEntropicSpan()) {
            header.add("ocvTemperatureSpan: the OCV tests' temperatures; the OCV table's dU/dT applies between"
                    + " them, not beyond them, and outside them the SOC filter reports socQuality extrapolated.");
            cell.ocvTemperatureSpan(new OcvCurve(
                    p.ocv().socFraction(),
                    p.ocv().ocvVolts(),
                    p.ocv().entropicVoltsPerK(),
                    round(p.ocv().entropicMinCelsius(), 1),
                    round(p.ocv().entropicMaxCelsius(), 1)));
        }
        OcvDoubt doubt = p.ocvDoubt();
        if (!doubt.isNone()) {
            header.add("ocvSigma: the OCV table's sigma per SOC region, learnt from the OCV tests (see the notes"
                    + " above); the SOC filter's default sigma where none was learnt.");
            cell.ocvSigma(new OcvDoubt(doubt.celsius(), round(doubt.socEdges(), 3), round(doubt.sigmaVolts(), 5)));
        }
        SlowPolarisation slow = p.slowPolarisation();
        if (!slow.isNone()) {
            header.add("slowPolarisation: a third, slow RC branch (time constant, resistance per SOC region at"
                    + " 25 °C) fitted to the slow polarisation logs (see the notes above); both SOC filters run it"
                    + " open loop.");
            cell.slowPolarisation(new SlowPolarisation(
                    round(slow.tauSeconds(), 1), round(slow.socEdges(), 3), round(slow.ohms(), 6)));
        }
        TopKneeChargeExcess top = p.topKneeChargeExcess();
        if (!top.isNone()) {
            header.add("topKneeChargeExcess: the voltage under charge at the top knee beyond the OCV and the model's"
                    + " steady drop, learnt from an OCV test's charge and top-off (see the notes above); both SOC"
                    + " filters consider it in their gain while the cell charges at or above fromSoc.");
            cell.topKneeChargeExcess(new TopKneeChargeExcess(round(top.sigmaVolts(), 5), round(top.fromSoc(), 3)));
        }
        if (c.hysteresis().magnitudeVolts() > 0) {
            cell.hysteresis(new HysteresisModel(
                    round(c.hysteresis().magnitudeVolts(), 5),
                    round(c.hysteresis().ratePerSoc(), 1)));
        }
        ResistanceMap map = p.resistance();
        if (!map.isFlat()) {
            header.add("resistanceVsSoc: factors on r0Ohms and r1Ohms (factor) and on r2Ohms (slowFactor) against"
                    + " SOC, from the pulse fits below"
                    + (map.dependsOnTemperature()
                            ? "; one table per test temperature, over the resistances the Arrhenius law gives there."
                            : "."));
            cell.resistanceVsSoc(rounded(map));
        }
        TimeConstantsVsTemperature taus = p.timeConstants();
        if (!taus.isEmpty()) {
            header.add("timeConstantsVsTemperature: the two time constants at each pulse-test temperature"
                    + " (medians of the pulse fits over 20-95 % SOC).");
            cell.timeConstantsVsTemperature(new TimeConstantsVsTemperature(
                    round(taus.celsius(), 1), round(taus.tau1Seconds(), 4), round(taus.tau2Seconds(), 3)));
        }
        List<String> footer = new ArrayList<>();
        footer.add("Pulse fits (SOC, degC, pulse A, R0 ohm, R1 ohm, tau1 s, R2 ohm, tau2 s, rms V):");
        for (PulseFit pf : c.pulses()) {
            footer.add(f(
                    "  %.3f, %.1f, %.2f, %.5f, %.5f, %.2f, %.5f, %.1f, %.4f",
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
        Files.writeString(
                yaml, codec.write(base.withName(name).withCell(cell.build()), header, footer), StandardCharsets.UTF_8);
        return ocvFile;
    }

    /** The map with its temperatures to 0.1 °C and its SOC points and factors to three decimals. */
    private static ResistanceMap rounded(ResistanceMap map) {
        List<ResistanceVsSoc> tables = new ArrayList<>();
        for (ResistanceVsSoc t : map.tables()) {
            tables.add(new ResistanceVsSoc(round(t.socFraction(), 3), round(t.factor(), 3), round(t.slowFactor(), 3)));
        }
        return map.dependsOnTemperature()
                ? new ResistanceMap(round(map.celsius(), 1), tables)
                : ResistanceMap.of(tables.get(0));
    }

    /** {@code v} to {@code decimals} places, as the text {@code %.<decimals>f} would give it. */
    private static double round(double v, int decimals) {
        return Double.parseDouble(f("%." + decimals + "f", v));
    }

    private static double[] round(double[] values, int decimals) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = round(values[i], decimals);
        }
        return out;
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

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
