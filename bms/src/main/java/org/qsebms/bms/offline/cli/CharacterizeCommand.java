package org.qsebms.bms.offline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qsebms.bms.offline.replay.CapacityEvidence;
import org.qsebms.bms.offline.replay.CellLogPlausibility;
import org.qsebms.bms.offline.replay.CharacterizedPresetWriter;
import org.qsebms.bms.offline.replay.CyclerFormat;
import org.qsebms.bms.offline.replay.CyclerLog;
import org.qsebms.bms.offline.replay.LogFormatException;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.config.ConfigException;
import org.qsebms.config.FileErrorText;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.characterization.ActivationEnergyPrior;
import org.qsebms.estimators.characterization.CellCharacterizer;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.characterization.Characterization;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvDoubt;
import org.qsebms.estimators.soc.EkfTuning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bms characterize --ocv-test FILE --pulse-test FILE [--pulse-test FILE ...] --capacity-ah X --out PRESET.yaml}:
 * learns a cell's OCV, R0 and two RC pairs (with their temperature law) from its own tests and
 * writes a preset. Exit codes: 0 done, 2 unreadable input, 3 the tests do not allow a fit.
 */
@Command(
        name = "characterize",
        mixinStandardHelpOptions = true,
        description = "Fit OCV, R0 and two RC pairs vs SOC and temperature from an OCV test and pulse/HPPC tests "
                + "(one file per temperature) and write a preset YAML.")
public final class CharacterizeCommand implements Callable<Integer> {

    @Option(
            names = "--ocv-test",
            required = true,
            paramLabel = "FILE",
            description = "slow (C/20..C/30) or incremental OCV test; repeat for tests split over files")
    List<Path> ocvTests;

    @Option(
            names = "--pulse-test",
            required = true,
            paramLabel = "FILE",
            description = "pulse/HPPC test, one file per temperature (temperature read from the file)")
    List<Path> pulseTests;

    @Option(
            names = "--capacity-ah",
            required = true,
            paramLabel = "X",
            description = "capacity that defines SOC (the same as soc_ref of your logs uses)")
    double capacityAh;

    /** The OCV tests reached full charge when they measured up to this SOC. */
    static final double FULL_CHARGE_SOC = 0.9;
    /**
     * Largest gap between a cell's rested full-charge OCV and its preset's over-voltage MOL: half the
     * gap between an NCM cell's 4.2 V and an LFP cell's 3.6 V charge voltage, so a preset of the one
     * is never taken for the other.
     */
    static final double FULL_CHARGE_MARGIN_V = 0.3;

    @Option(names = "--out", required = true, paramLabel = "PRESET.yaml", description = "preset to write")
    Path out;

    @Option(
            names = "--base-preset",
            defaultValue = "psoa-ncm811",
            paramLabel = "NAME",
            description = "preset whose electrolyte, cathode and limits are copied (default ${DEFAULT-VALUE})")
    String basePreset;

    @Option(
            names = "--activation-energy",
            paramLabel = "J_PER_MOL",
            description = "Arrhenius activation energy of the resistances, used when the pulse tests hold one "
                    + "temperature only (with two or more it is fitted from them); default then: the base preset's, "
                    + "recorded in the preset as an assumption")
    Double activationEnergy;

    @Option(
            names = "--hold-ocv-drift",
            description = "experimental: pulse fits hold the OCV's drift over their window at the slope of the OCV "
                    + "tests' relaxed points (an incremental OCV test such as HPPC rests) instead of fitting it, and "
                    + "the resistance-versus-SOC tables are refitted at the model's time constants "
                    + "(docs/estimation.md)")
    boolean holdOcvDrift;

    @Option(
            names = "--slow-polarisation-log",
            paramLabel = "FILE",
            description = "a drive or constant-current log with soc_ref (repeatable): fits a slow third RC branch "
                    + "(slowPolarisation) and the hysteresis magnitude to what the model leaves unexplained on it; "
                    + "figures on these logs are then not evidence (docs/estimation.md)")
    List<Path> slowPolarisationLogs = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "preset name (default: the output file name)")
    String name;

    @Mixin
    CellLogOptions logOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!(capacityAh > 0)) {
            stderr.println("--capacity-ah: " + capacityAh + " must be > 0 Ah");
            return 2;
        }
        List<CellTestLog> ocv = new ArrayList<>();
        List<CellTestLog> pulses = new ArrayList<>();
        List<CellTestLog> slowLogs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        try {
            CellLogPlausibility.checkCapacity("--capacity-ah", capacityAh);
            for (Path p : ocvTests) {
                ocv.add(read(p, stdout));
                sources.add(p.getFileName().toString());
            }
            for (Path p : pulseTests) {
                pulses.add(read(p, stdout));
                sources.add(p.getFileName().toString());
            }
            for (Path p : slowPolarisationLogs) {
                CellTestLog log = read(p, stdout);
                if (!log.hasSocRef()) {
                    stderr.println("--slow-polarisation-log " + p + ": the log has no soc_ref column; the slow branch"
                            + " is fitted with the model run at the tester's SOC, so give a drive or constant-current"
                            + " log that has one (counted over the same capacity as --capacity-ah)");
                    return 2;
                }
                slowLogs.add(log); // named in the fit's note, not among the OCV table's sources
            }
            // the capacity against the charge the OCV tests moved first: a capacity off by a factor that is no
            // unit's explains the data, and the per-log checks would name a unit for it
            ChemistryPreset limitsOf;
            try {
                limitsOf = new PresetCatalog().load(basePreset);
            } catch (ConfigException e) {
                stderr.println("--base-preset: " + e.getMessage());
                return 2;
            }
            CapacityEvidence.checkAgainstOcvTests(
                    "--capacity-ah",
                    capacityAh,
                    ocv,
                    limitsOf.limits().cellOverVoltage().mol(),
                    limitsOf.limits().cellUnderVoltage().mol());
            for (CellTestLog log : slowLogs) {
                CellLogPlausibility.check(log, capacityAh);
                CellLogPlausibility.checkSocRef(log); // the slow branch is fitted at this SOC
            }
            for (CellTestLog log : ocv) {
                CellLogPlausibility.check(log, capacityAh);
            }
            for (CellTestLog log : pulses) {
                CellLogPlausibility.check(log, capacityAh);
            }
            List<CellTestLog> tests = new ArrayList<>(ocv);
            tests.addAll(pulses);
            CellLogPlausibility.checkCapacityAgainstTests("--capacity-ah", capacityAh, tests);
        } catch (LogFormatException | UncheckedIOException e) {
            stderr.println(e.getMessage());
            return 2;
        }
        ChemistryPreset base;
        try {
            // the base preset's limits are the characterised preset's (copied), so its shutdown applies
            base = new PresetCatalog().load(basePreset);
            for (List<CellTestLog> logs : List.of(slowLogs, ocv, pulses)) {
                for (CellTestLog log : logs) {
                    CellLogPlausibility.checkTemperatureAgainst(log, base);
                }
            }
        } catch (ConfigException e) {
            stderr.println("--base-preset: " + e.getMessage());
            return 2;
        } catch (LogFormatException e) {
            stderr.println(e.getMessage());
            return 2;
        }
        if (activationEnergy != null && !(activationEnergy >= 0 && activationEnergy <= 200_000)) {
            stderr.println("--activation-energy: " + activationEnergy + " J/mol is outside 0..200000; give the "
                    + "Arrhenius activation energy of the cell's resistance (typically 20000..50000 J/mol)");
            return 2;
        }
        ActivationEnergyPrior prior;
        if (activationEnergy != null) {
            prior = new ActivationEnergyPrior(activationEnergy, "--activation-energy option");
        } else {
            // one pulse temperature: the base preset's temperature law, never a silent zero
            try {
                prior = new ActivationEnergyPrior(
                        new PresetCatalog().load(basePreset).cell().activationEnergyJPerMol(),
                        "base preset '" + basePreset + "'");
            } catch (ConfigException e) {
                stderr.println("--base-preset: " + e.getMessage());
                return 2;
            }
        }
        Characterization c;
        try {
            CellCharacterizer characterizer = CellCharacterizer.forCapacity(capacityAh);
            // the slow branch is fitted before the OCV doubt is learnt, which then leaves out what it explains
            c = (holdOcvDrift ? characterizer.holdingOcvDrift() : characterizer)
                    .withSlowPolarisationLogs(slowLogs)
                    .characterize(ocv, pulses, capacityAh, prior);
        } catch (IllegalArgumentException e) {
            stderr.println("cannot characterise: " + e.getMessage());
            return 3;
        }
        String mismatch = limitsMismatch(c, base);
        if (mismatch != null) {
            stderr.println(mismatch);
            return 2;
        }
        String presetName = name != null ? name : out.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        try {
            Path ocvFile = CharacterizedPresetWriter.write(c, presetName, sources, basePreset, out);
            String refused = refusedByTheLoader(out, ocvFile);
            if (refused != null) {
                stderr.println(refused);
                return 3;
            }
            EcmParameters p = c.cell();
            c.notes().forEach(stdout::println);
            stdout.println(String.format(
                    Locale.ROOT,
                    "wrote %s (OCV table %s): R0 %.2f mOhm, R1 %.2f mOhm / %.2f s, R2 %.2f mOhm / %.1f s at 25 °C, "
                            + "Ea %.0f J/mol, hysteresis %.1f mV",
                    out,
                    ocvFile.getFileName(),
                    1000 * p.r0Ohms(),
                    1000 * p.r1Ohms(),
                    p.tau1Seconds(),
                    1000 * p.r2Ohms(),
                    p.tau2Seconds(),
                    p.activationEnergyJPerMol(),
                    1000 * c.hysteresis().magnitudeVolts()));
            stdout.println(temperaturesLine(p));
            if (c.activationEnergyAssumed()) {
                stdout.println(String.format(
                        Locale.ROOT,
                        "ASSUMPTION: Ea %.0f J/mol is %s; the preset says so " + "(activationEnergySource)",
                        p.activationEnergyJPerMol(),
                        c.activationEnergySource()));
            }
            stdout.flush();
            return 0;
        } catch (IOException e) {
            stderr.println("cannot write " + out + ": " + FileErrorText.reason(out, e));
            return 2;
        }
    }

    /**
     * The preset just written, read back through the loader {@code bms replay} uses: a preset its own
     * loader refuses is deleted (with its OCV table) and the refusal returned, so that characterize never
     * leaves a preset nothing can use. Found by check20z (2026-12-06): a hysteresis of 1.21 V was written
     * with exit 0, and the replay then refused the preset.
     *
     * @return the refusal's text, or null when the loader takes the preset
     */
    static String refusedByTheLoader(Path yaml, Path ocvFile) throws IOException {
        try {
            new PresetCatalog().load(yaml.toString());
            return null;
        } catch (ConfigException e) {
            java.nio.file.Files.deleteIfExists(yaml);
            java.nio.file.Files.deleteIfExists(ocvFile);
            return "cannot characterise: the preset characterised from these tests would be refused by the loader "
                    + "bms replay uses (" + e.getMessage() + "), so none was written; the tests or the logs given "
                    + "do not describe one cell (check the --slow-polarisation-log and --capacity-ah against the "
                    + "OCV tests)";
        }
    }

    /**
     * Which temperatures the pulse tests and the OCV came from: the cell counts as characterised
     * only where both were measured (beyond {@code EkfTuning.extrapolationMarginKelvin} of either,
     * the SOC is published as extrapolated and its bound grows).
     */
    static String temperaturesLine(EcmParameters p) {
        var pulse = p.characterisedCelsius();
        var ocv = p.ocv();
        return String.format(
                Locale.ROOT,
                "temperatures: pulse tests %s, OCV from the OCV tests at %s; the SOC counts as characterised only"
                        + " where both were measured (socQuality extrapolated elsewhere)",
                pulse.isKnown() ? span(pulse.minCelsius(), pulse.maxCelsius()) : "not recorded",
                ocv.hasEntropicSpan() ? span(ocv.entropicMinCelsius(), ocv.entropicMaxCelsius()) : "not recorded");
    }

    private static String span(double min, double max) {
        return min == max
                ? String.format(Locale.ROOT, "%.1f °C", min)
                : String.format(Locale.ROOT, "%.1f..%.1f °C", min, max);
    }

    /** One test log as the cycler wrote it; a cycler export is described in one line. */
    private CellTestLog read(Path file, PrintWriter stdout) {
        CyclerLog read = logOptions.read(file);
        if (read.format() != CyclerFormat.QSE) {
            stdout.println(read.describe());
        }
        return read.log();
    }

    /**
     * The OCV table's one-sigma doubt at {@code soc}: the largest over the learnt tables' temperatures,
     * or the SOC filter's default where nothing was learnt.
     */
    static double topDoubtVolts(OcvDoubt doubt, double soc) {
        double fallback = EkfTuning.defaults().ocvSigmaVolts();
        if (doubt.isNone()) {
            return fallback;
        }
        double largest = 0;
        for (double celsius : doubt.celsius()) {
            largest = Math.max(largest, doubt.sigmaVoltsAt(soc, celsius, fallback));
        }
        return largest;
    }

    /**
     * The base preset's limits are copied into the characterised preset, so they must be this cell's:
     * its measured full-charge OCV may not lie above the base preset's over-voltage MSL (the cell
     * could not be charged) by more than the OCV table's own learnt doubt there ({@link
     * #topDoubtVolts}: a measurement at the top of a curve that ends at the MSL, as the bundled NCM811
     * one does at 4.2999 V, is not another chemistry), nor, when the OCV tests reached full charge, more than
     * {@link #FULL_CHARGE_MARGIN_V} below its over-voltage MOL (the over-voltage protection would sit
     * above anything this cell reaches: an LFP cell given an NCM preset's 4.2 / 4.3 V).
     *
     * @return the refusal's text, or null when the limits fit the cell
     */
    static String limitsMismatch(Characterization c, ChemistryPreset base) {
        double socHigh = c.ocvFit().measuredSocHigh();
        double full = c.ocvFit().curve().voltsAt(socHigh);
        double mol = base.limits().cellOverVoltage().mol();
        double msl = base.limits().cellOverVoltage().msl();
        String why;
        double doubt = topDoubtVolts(c.cell().ocvDoubt(), socHigh);
        if (full > msl + doubt) {
            why = String.format(
                    Locale.ROOT,
                    "above its over-voltage MSL of %.2f V by more than the OCV's doubt there (%.1f mV): this cell "
                            + "could never be charged full",
                    msl,
                    1000 * doubt);
        } else if (socHigh >= FULL_CHARGE_SOC && full < mol - FULL_CHARGE_MARGIN_V) {
            why = String.format(
                    Locale.ROOT,
                    "more than %.2f V below its over-voltage MOL of %.2f V (MSL %.2f V): its over-voltage protection "
                            + "would never act on this cell",
                    FULL_CHARGE_MARGIN_V,
                    mol,
                    msl);
        } else {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "--base-preset %s: the cell's OCV reaches %.3f V at SOC %.2f (the OCV tests' highest), %s; the base "
                        + "preset's limits (cathode %s) are another chemistry's, and they would be copied into the "
                        + "preset. Give --base-preset with this cell's chemistry (e.g. psoa-lfp for an LFP cell, "
                        + "psoa-ncm811 for NCM or NCA)",
                base.name(),
                full,
                socHigh,
                why,
                base.cathode());
    }
}
