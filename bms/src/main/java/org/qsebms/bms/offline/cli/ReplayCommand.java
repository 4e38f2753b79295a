package org.qsebms.bms.offline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.qsebms.bms.offline.replay.CapacityDoubt;
import org.qsebms.bms.offline.replay.CapacityEvidence;
import org.qsebms.bms.offline.replay.CellLogPlausibility;
import org.qsebms.bms.offline.replay.CyclerFormat;
import org.qsebms.bms.offline.replay.CyclerLog;
import org.qsebms.bms.offline.replay.LogFormatException;
import org.qsebms.bms.offline.replay.LogReplay;
import org.qsebms.bms.offline.replay.ReplayCsv;
import org.qsebms.bms.offline.replay.ReplayPlot;
import org.qsebms.bms.offline.replay.ReplaySummary;
import org.qsebms.bms.record.LogCycleRecorder;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.config.ConfigException;
import org.qsebms.config.FileErrorText;
import org.qsebms.config.HealthConfig;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.health.HealthSettings;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.health.UsableCapacitySettings;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.soc.CurrentOffsetDoubt;
import org.qsebms.estimators.soc.EkfAdaptation;
import org.qsebms.estimators.soc.EkfTuning;
import org.qsebms.estimators.soc.SocFilterKind;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bms replay FILE.csv (--chemistry NAME | --preset PRESET.yaml) [--capacity-ah X] [--initial-soc S] [--out DIR]
 * [--cutoff-volts V [--charge-volts V] [--starts-full]] [--filter ekf|spkf] [--time-filter]}: runs the estimators over a recorded cell log and scores SOC
 * against its soc_ref; with a cutoff it also measures the usable capacity from full to that cutoff.
 * Exit codes: 0 done, 2 unreadable input or preset.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Run the SOC/R0/capacity estimators over a recorded cell log "
                + "(time_s,current_a,voltage_v,temperature_c[,soc_ref]; charge positive, or a BioLogic, Arbin, Neware or "
                + "Maccor export) and score SOC against soc_ref.")
public final class ReplayCommand implements Callable<Integer> {
    /** How far past a rated limit a sensor error given in decimals may read and still be at the limit. */
    private static final double DECIMAL_SLACK = 1e-9;

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "cell log to replay")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    CellModel model;

    static final class CellModel {
        @Option(
                names = "--chemistry",
                paramLabel = "NAME",
                description = "shipped preset, e.g. psoa-ncm811 or psoa-lfp")
        String chemistry;

        @Option(
                names = "--preset",
                paramLabel = "PRESET.yaml",
                description = "preset file, e.g. from 'bms characterize'")
        Path preset;
    }

    @Mixin
    CellLogOptions logOptions;

    @Option(names = "--capacity-ah", paramLabel = "X", description = "cell capacity (default: the preset's)")
    Double capacityAh;

    @Option(
            names = "--initial-soc",
            paramLabel = "S",
            description = "initial SOC 0..1 (default: from the first voltage)")
    Double initialSoc;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "write DIR/replay.csv and DIR/replay.png, print a JSON summary")
    Path out;

    @Option(
            names = "--record",
            paramLabel = "DIR",
            description = "also write the log's per-cycle record to DIR (docs/record.md); the cycle cutoff is "
                    + "--cutoff-volts or the preset's under-voltage MOL")
    Path record;

    @Option(
            names = "--capacity-prior-ah",
            paramLabel = "X",
            description = "prior of the capacity estimator (default: the cell capacity); to test that it learns")
    Double capacityPriorAh;

    @Option(
            names = "--convergence-window",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "rows in the first SECONDS are left out of the error metrics (default ${DEFAULT-VALUE})")
    double convergenceWindowSeconds;

    @Option(
            names = "--cutoff-volts",
            paramLabel = "V",
            description = "also measure the usable capacity: the charge from a full charge to this cell voltage "
                    + "(where the log's discharge ended)")
    Double cutoffVolts;

    @Option(
            names = "--charge-volts",
            paramLabel = "V",
            description =
                    "constant-voltage charge voltage that makes the cell full (default: the preset's over-voltage MOL)")
    Double chargeVolts;

    @Option(
            names = "--current-offset-a",
            paramLabel = "A",
            defaultValue = "0",
            description = "add this offset to every logged current before the estimators see it, as a current "
                    + "sensor's zero error would (charging positive; default ${DEFAULT-VALUE})")
    double currentOffsetAmps;

    @Option(
            names = "--current-gain",
            paramLabel = "G",
            defaultValue = "1",
            description = "multiply every logged current by this before the offset, as a current sensor's gain "
                    + "error would (e.g. 0.98 for -2 %%; default ${DEFAULT-VALUE})")
    double currentGain;

    @Option(
            names = "--current-sensor-offset-limit-a",
            paramLabel = "A",
            description = "the current sensor's rated zero-offset limit, carried in the SOC bound as a consider term "
                    + "(0 leaves it out; default 0.05, a Pi INA240 + ADS1115 channel: docs/estimation.md)")
    Double currentSensorOffsetLimitAmps;

    @Option(
            names = "--current-sensor-gain-limit",
            paramLabel = "FRACTION",
            description = "the current sensor's rated gain-error limit, carried likewise (e.g. 0.01 for 1 %%; 0 "
                    + "leaves it out; default 0.03)")
    Double currentSensorGainLimit;

    @Option(
            names = "--capacity-error-limit",
            paramLabel = "FRACTION",
            description = "how far the cell's capacity may lie from the one the filter counts against (e.g. 0.05 "
                    + "for 5 %%; default: how far --capacity-ah lies from a characterised --preset's capacity, else "
                    + "0): with a preset that models the slow polarisation the filter learns the capacity within it, "
                    + "else the SOC bound carries it as a consider term")
    Double capacityErrorLimit;

    @Option(
            names = "--filter",
            paramLabel = "ekf|spkf",
            defaultValue = "ekf",
            description = "SOC filter: ekf (extended Kalman filter) or spkf (sigma-point Kalman filter); both run "
                    + "the same cell model (default ${DEFAULT-VALUE}, docs/estimation.md compares them)")
    String filter;

    @Option(
            names = "--time-filter",
            description = "also print the SOC filter's CPU time per update (the filter alone over the log, 5 "
                    + "passes after a warm-up; the JMH EstimatorUpdateBenchmark is the measurement)")
    boolean timeFilter;

    @Option(
            names = "--estimate-current-offset",
            description = "estimate the current sensor's zero offset as a filter state (Plett's bias augmentation, "
                    + "50 mA doubt at start, 10 mA per sqrt(hour) drift) and print it (current_offset_a_est)")
    boolean estimateCurrentOffset;

    @Option(
            names = "--estimate-slow-branch",
            description = "correct the preset's slow polarisation branch by the voltage as a filter state (its start "
                    + "doubt in the covariance) instead of running it from its start value with that doubt "
                    + "considered in the bound (the default); no effect without cell.slowPolarisation")
    boolean estimateSlowBranch;

    @Option(
            names = "--starts-full",
            description = "the log starts right after a full charge (otherwise a full charge "
                    + "is found in the log: held at the charge voltage until the current tapers to C/10)")
    boolean startsFull;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (initialSoc != null && !(initialSoc >= 0 && initialSoc <= 1)) {
            stderr.println("--initial-soc: " + initialSoc + " is outside 0..1; give SOC as a fraction, e.g. 0.7");
            return 2;
        }
        if (!(currentGain >= 0.5 && currentGain <= 1.5)) {
            stderr.println("--current-gain: " + currentGain + " is outside 0.5..1.5; give the sensor's gain as a "
                    + "factor, e.g. 0.97 for -3 %");
            return 2;
        }
        Optional<String> badOption = ReplayOptionUnits.convergenceWindow(convergenceWindowSeconds)
                .or(() -> ReplayOptionUnits.gainLimit(currentSensorGainLimit));
        if (badOption.isPresent()) {
            stderr.println(badOption.get());
            return 2;
        }
        if (!Double.isFinite(currentOffsetAmps)) {
            stderr.println("--current-offset-a: " + currentOffsetAmps + " is not a finite number of amperes");
            return 2;
        }
        EkfTuning tuning = EkfTuning.defaults();
        try {
            tuning = tuning.toBuilder()
                    .currentOffsetLimitAmps(
                            currentSensorOffsetLimitAmps == null
                                    ? tuning.currentOffsetLimitAmps()
                                    : currentSensorOffsetLimitAmps)
                    .currentGainErrorLimit(
                            currentSensorGainLimit == null ? tuning.currentGainErrorLimit() : currentSensorGainLimit)
                    .build();
        } catch (IllegalArgumentException e) {
            stderr.println("--current-sensor-offset-limit-a / --current-sensor-gain-limit: " + e.getMessage());
            return 2;
        }
        if (capacityAh != null && !(capacityAh > 0)) {
            stderr.println("--capacity-ah: " + capacityAh + " must be > 0 Ah");
            return 2;
        }
        SocFilterKind filterKind;
        try {
            filterKind = SocFilterKind.parse(filter);
        } catch (IllegalArgumentException e) {
            stderr.println("--filter: " + e.getMessage());
            return 2;
        }
        try {
            if (capacityAh != null) {
                CellLogPlausibility.checkCapacity("--capacity-ah", capacityAh);
            }
            if (capacityPriorAh != null) {
                CellLogPlausibility.checkCapacity("--capacity-prior-ah", capacityPriorAh);
            }
            ChemistryPreset preset =
                    new PresetCatalog().load(model.chemistry != null ? model.chemistry : model.preset.toString());
            if (capacityAh != null && model.preset != null) {
                // a characterised cell's preset holds that cell's capacity; a chemistry preset is any cell's
                CapacityEvidence.checkAgainstPreset(
                        "--capacity-ah", capacityAh, preset.cell().capacityAh(), model.preset.toString());
            }
            EcmParameters cell = withCapacity(preset.cell(), capacityAh);
            CapacityDoubt capacityDoubt = CapacityDoubt.of(
                    capacityErrorLimit,
                    capacityAh,
                    model.preset != null ? preset.cell().capacityAh() : Double.NaN);
            tuning =
                    tuning.toBuilder().capacityErrorLimit(capacityDoubt.limit()).build();
            Optional<String> badLimit = ReplayOptionUnits.offsetLimit(currentSensorOffsetLimitAmps, cell.capacityAh());
            if (badLimit.isPresent()) {
                stderr.println(badLimit.get());
                return 2;
            }
            CyclerLog read = logOptions.read(file);
            if (read.format() != CyclerFormat.QSE) {
                stdout.println(read.describe());
            }
            CellTestLog log = read.log();
            CellLogPlausibility.check(log, cell.capacityAh());
            CellLogPlausibility.checkSocRef(log);
            CellLogPlausibility.checkTemperatureAgainst(log, preset);
            if (Math.abs(currentOffsetAmps) > cell.capacityAh()) {
                stderr.println(
                        "--current-offset-a: " + currentOffsetAmps + " A is more than 1 C of the " + cell.capacityAh()
                                + " Ah cell; a sensor's zero error is a few percent of that (give amperes)");
                return 2;
            }
            log = withCurrentSensorError(log, currentGain, currentOffsetAmps);
            UsableCapacityMeter usable = null;
            if (cutoffVolts != null) {
                double charge = chargeVolts != null
                        ? chargeVolts
                        : preset.limits().cellOverVoltage().mol();
                if (!(cutoffVolts > 0 && cutoffVolts < charge - 0.05)) {
                    stderr.println(
                            "--cutoff-volts: " + cutoffVolts + " V must be above 0 and more than 0.05 V below the "
                                    + "charge voltage (" + charge + " V"
                                    + (chargeVolts == null
                                            ? ", the preset's over-voltage MOL; " + "set it with --charge-volts"
                                            : "")
                                    + ")");
                    return 2;
                }
                usable = new UsableCapacityMeter(
                        UsableCapacitySettings.defaults(cell.capacityAh(), charge, cutoffVolts));
            } else if (startsFull || chargeVolts != null) {
                stderr.println((startsFull ? "--starts-full" : "--charge-volts") + " needs --cutoff-volts: the usable "
                        + "capacity is measured from full to that cutoff");
                return 2;
            }
            EkfAdaptation adaptation = estimateCurrentOffset
                    ? EkfAdaptation.resistance().withCurrentOffset(CurrentOffsetDoubt.piCurrentChannel())
                    : EkfAdaptation.resistance();
            // a capacity the evidence doubts is learnt within that doubt (its consider term then stays idle)
            adaptation = capacityDoubt.adaptation(adaptation.withSlowBranchState(estimateSlowBranch), cell);
            LogReplay.Result result = new LogReplay(
                            cell, preset.hysteresis(), tuning, adaptation, convergenceWindowSeconds, filterKind)
                    .run(
                            log,
                            initialSoc == null ? Double.NaN : initialSoc,
                            capacityPriorAh == null ? cell.capacityAh() : capacityPriorAh,
                            usable,
                            startsFull);
            ReplaySummary s = result.summary();
            // a corner given in decimals (gain 0.97: 1 - 0.97 = 0.030000000000000027) is at the limit, not beyond it
            if (Math.abs(currentOffsetAmps) > tuning.currentOffsetLimitAmps() + DECIMAL_SLACK
                    || Math.abs(currentGain - 1) > tuning.currentGainErrorLimit() + DECIMAL_SLACK) {
                stdout.println(String.format(
                        Locale.ROOT,
                        "note: the sensor error replayed (offset %s%s A, gain %s) is beyond the rated limits the "
                                + "3-sigma bound carries (%s A, %s %%), so the bound is not meant to cover it; give "
                                + "--current-sensor-offset-limit-a and --current-sensor-gain-limit to carry it",
                        currentOffsetAmps >= 0 ? "+" : "",
                        plain(currentOffsetAmps),
                        plain(currentGain),
                        plain(tuning.currentOffsetLimitAmps()),
                        plain(100 * tuning.currentGainErrorLimit())));
            }
            capacityDoubt.note(preset.name(), cell).ifPresent(stdout::println);
            if (model.chemistry != null) {
                stdout.println(shippedPresetNote(model.chemistry));
            }
            stdout.println(human(s, preset.name(), cell, log));
            if (timeFilter) {
                stdout.println(String.format(
                        Locale.ROOT,
                        "%s filter: %.3f us CPU time per update (the filter alone, 5 passes over the log after one "
                                + "to warm up)",
                        filterKind.configName(),
                        new LogReplay(
                                        cell,
                                        preset.hysteresis(),
                                        tuning,
                                        EkfAdaptation.resistance(),
                                        convergenceWindowSeconds,
                                        filterKind)
                                .filterCpuMicrosPerUpdate(log, initialSoc == null ? Double.NaN : initialSoc, 6)));
            }
            if (out != null) {
                Files.createDirectories(out);
                ReplayCsv.write(result.trace(), out.resolve("replay.csv"));
                ReplayPlot.write(result.trace(), log.source() + " (" + preset.name() + ")", out.resolve("replay.png"));
                stdout.println(s.toJson());
            }
            if (record != null) {
                HealthConfig h = HealthConfig.of(preset, preset.limits());
                double scale = cell.capacityAh() / preset.cell().capacityAh();
                long cycles = LogCycleRecorder.record(
                        record,
                        log,
                        cell,
                        HealthSettings.defaults(
                                        cell, h.bulkOhms() / scale, h.npRatio(), h.endOfLifeResistanceMultiple())
                                .withLithiumInterface(preset.lithiumInterface().scaled(scale)),
                        cutoffVolts != null
                                ? cutoffVolts
                                : preset.limits().cellUnderVoltage().mol());
                stdout.println(cycles + " cycles recorded in " + record.resolve("cycles.csv"));
            }
            stdout.flush();
            return 0;
        } catch (LogFormatException | ConfigException e) {
            stderr.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            stderr.println("cannot write to " + out + ": " + FileErrorText.reason(out, e));
            return 2;
        } catch (UncheckedIOException e) {
            stderr.println(e.getMessage());
            return 2;
        }
    }

    /**
     * What a shipped chemistry preset's bound rests on: its OCV table and resistances are a reference cell's, not
     * this cell's, and the bound holds only where the cell follows them (a known miss on another cell,
     * docs/estimation.md "A shipped preset on another cell").
     */
    static String shippedPresetNote(String chemistry) {
        return "note: --chemistry " + chemistry + " is a shipped preset, not a characterisation of this cell: the "
                + "SOC bound assumes the cell follows its OCV table and resistances, and does not hold on a cell "
                + "that does not (the Panasonic NCA logs with le-ncm811: 7-79 % coverage); characterise the cell "
                + "(bms characterize, the recipe in docs/estimation.md) for a bound that holds";
    }

    /** The log as a current sensor with this gain and zero offset would have recorded it. */
    static CellTestLog withCurrentSensorError(CellTestLog log, double gain, double offsetAmps) {
        if (gain == 1 && offsetAmps == 0) {
            return log;
        }
        double[] amps = log.currentA().clone();
        for (int k = 0; k < amps.length; k++) {
            amps[k] = gain * amps[k] + offsetAmps;
        }
        return new CellTestLog(
                log.source(), log.timeS(), amps, log.voltageV(), log.temperatureC(), log.capacityAh(), log.socRef());
    }

    /** {@code x} to four significant digits without trailing zeros (0.2, 1, 3). */
    private static String plain(double x) {
        return new java.math.BigDecimal(x)
                .round(new java.math.MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }

    static EcmParameters withCapacity(EcmParameters p, Double capacityAh) {
        if (capacityAh == null) {
            return p;
        }
        return p.withCapacityAh(capacityAh);
    }

    /**
     * When the SOC error came below 2 % and when it came below for good: a first dip that the error
     * leaves again (a filter crossing the truth on its way elsewhere) is no convergence.
     */
    static String convergenceLine(ReplaySummary s) {
        if (Double.isNaN(s.convergedAfterSeconds())) {
            return "SOC error never fell below 2 %";
        }
        String first = String.format(Locale.ROOT, "SOC error first below 2 %% after %.0f s", s.convergedAfterSeconds());
        if (Double.isNaN(s.stayedConvergedAfterSeconds())) {
            return first + ", but not below it at the end of the log (it never stayed there)";
        }
        return first
                + String.format(Locale.ROOT, "; below it for good from %.0f s on", s.stayedConvergedAfterSeconds());
    }

    private static String human(ReplaySummary s, String presetName, EcmParameters cell, CellTestLog log) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%s: %d rows replayed with preset %s (capacity %.3f Ah)%n",
                s.file(),
                s.rows(),
                presetName,
                cell.capacityAh()));
        if (Double.isNaN(s.socRmse()) && log.hasSocRef()) {
            double lastsS = log.timeS()[log.size() - 1] - log.timeS()[0];
            b.append(String.format(
                    Locale.ROOT,
                    "SOC error not scored: the log lasts %.0f s, no longer than the first %.0f s that are left out of "
                            + "the metrics while the filter converges; give --convergence-window 0 (or less than "
                            + "%.0f) to score it%n",
                    lastsS,
                    s.convergenceWindowSeconds(),
                    lastsS));
        } else if (Double.isNaN(s.socRmse())) {
            b.append("no soc_ref column: SOC error not scored").append(System.lineSeparator());
        } else {
            b.append(String.format(
                    Locale.ROOT,
                    "SOC after the first %.0f s: RMSE %.2f %%, max error %.2f %%, true SOC inside the 3-sigma bound %.1f %% of the time%n",
                    s.convergenceWindowSeconds(),
                    100 * s.socRmse(),
                    100 * s.socMaxError(),
                    100 * s.boundCoverage()));
            b.append(String.format(
                    Locale.ROOT,
                    "median 3-sigma bound %.2f %%; coulomb counting from a perfect start: "
                            + "RMSE %.2f %%, max error %.2f %%%n",
                    100 * s.medianBound3Sigma(),
                    100 * s.coulombRmse(),
                    100 * s.coulombMaxError()));
            b.append(convergenceLine(s));
            b.append(System.lineSeparator());
        }
        if (s.currentOffsetSigmaAmps() > 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "current sensor offset (filter state): %+.1f mA +- %.1f mA (1 sigma)%n",
                    1000 * s.currentOffsetAmps(),
                    1000 * s.currentOffsetSigmaAmps()));
        }
        if (Double.isFinite(s.capacityLearntAh())) {
            b.append(String.format(
                    Locale.ROOT,
                    "capacity learnt by the SOC filter: %.3f Ah +- %.3f Ah (1 sigma; counted from %.3f Ah)%n",
                    s.capacityLearntAh(),
                    s.capacityLearntSigmaAh(),
                    cell.capacityAh()));
        }
        if (s.extrapolatedShare() > 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "socQuality extrapolated on %.1f %% of the rows: the cell was outside "
                            + "the temperatures the preset was characterised over (its bound is widened there)%n",
                    100 * s.extrapolatedShare()));
        }
        if (s.mismatchedShare() > 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "socQuality mismatched on %.1f %% of the rows: the cell's voltage steps at current steps "
                            + "are not the preset's (another cell's preset?); its bound is widened by the "
                            + "resistance error they show. Characterise this cell (bms characterize)%n",
                    100 * s.mismatchedShare()));
        }
        b.append(String.format(
                Locale.ROOT,
                "R0 (online, at 25 °C): %.2f mOhm; capacity: %.3f Ah +- %.3f (%d windows)",
                1000 * s.r0At25Ohms(),
                s.capacityAh(),
                s.capacitySigmaAh(),
                s.capacityWindows()));
        ReplaySummary.UsableCapacityResult u = s.usable();
        if (u.asked()) {
            b.append(System.lineSeparator());
            if (Double.isFinite(u.capacityAh())) {
                b.append(String.format(
                        Locale.ROOT,
                        "usable capacity (full to the cutoff): %.4f Ah at %.2f C",
                        u.capacityAh(),
                        u.dischargeC()));
            } else {
                b.append("usable capacity: not measured (")
                        .append(
                                u.note().isEmpty()
                                        ? "no discharge from a full charge reached the cutoff; give --starts-full if the log starts full"
                                        : u.note())
                        .append(')');
            }
        }
        return b.toString();
    }
}
