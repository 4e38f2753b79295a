package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.offline.replay.CellLogCsv;
import org.qsebms.bms.testing.RealData;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.limits.CurrentLimitEstimator;
import org.qsebms.estimators.limits.CurrentLimitSettings;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.ResistanceMap;
import picocli.CommandLine;

/**
 * The accuracy targets of issue 4, measured end to end through {@code bms characterize} and
 * {@code bms replay} on the real data in {@code shared/data}: each cell is characterised from its
 * own OCV and pulse tests, then its drive cycles are replayed. Thresholds are the targets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RealData.class)
class SharedDataValidationTest {
    Path tmp;
    Path data;
    Path ncaPreset;
    Path lfpPreset;

    @BeforeAll
    void characteriseBothCells(@TempDir Path dir) {
        tmp = dir;
        data = RealData.find().orElse(null);
        if (data == null) {
            return; // every test is skipped by RealData with the reason (aborting here would report 0 tests)
        }
        String pan = data.resolve("panasonic_18650pf_nca").toString();
        ncaPreset = tmp.resolve("pan18650pf.yaml");
        assertThat(run(
                                new CharacterizeCommand(),
                                "--ocv-test",
                                pan + "/pan18650pf_25C_C20_OCV_native.csv",
                                "--ocv-test",
                                pan + "/pan18650pf_25C_HPPC_native.csv",
                                "--ocv-test",
                                pan + "/pan18650pf_0C_HPPC_native.csv",
                                "--pulse-test",
                                pan + "/pan18650pf_25C_HPPC_native.csv",
                                "--pulse-test",
                                pan + "/pan18650pf_0C_HPPC_native.csv",
                                "--capacity-ah",
                                "2.9",
                                "--base-preset",
                                "psoa-ncm811",
                                "--out",
                                ncaPreset.toString())
                        .exit)
                .isZero();
        String a123 = data.resolve("a123_lfp_plett").toString();
        lfpPreset = tmp.resolve("a123.yaml");
        assertThat(run(
                                new CharacterizeCommand(),
                                "--ocv-test",
                                a123 + "/a123_lfp_25C_ocvtest_S1.csv",
                                "--ocv-test",
                                a123 + "/a123_lfp_25C_ocvtest_S2.csv",
                                "--ocv-test",
                                a123 + "/a123_lfp_25C_ocvtest_S3.csv",
                                "--ocv-test",
                                a123 + "/a123_lfp_25C_ocvtest_S4.csv",
                                "--pulse-test",
                                a123 + "/a123_lfp_25C_script1_dyn.csv",
                                "--capacity-ah",
                                "2.05",
                                "--base-preset",
                                "psoa-lfp",
                                "--out",
                                lfpPreset.toString())
                        .exit)
                .isZero();
    }

    @Test
    void characterisedPresetsLoadWithThePresetCatalog() {
        assertThat(new PresetCatalog().load(ncaPreset.toString()).cell().capacityAh())
                .isEqualTo(2.9);
        assertThat(new PresetCatalog().load(lfpPreset.toString()).cell().capacityAh())
                .isEqualTo(2.05);
    }

    @ParameterizedTest
    @ValueSource(strings = {"25C_US06", "25C_HWFTa", "25C_LA92", "25C_Cycle_1", "25C_Cycle_2"})
    void ncaDriveCycleAt25CMeetsTheSocTargetsFromThirtyPercentInitialError(String cycle) throws Exception {
        Path log = data.resolve("panasonic_18650pf_nca/pan18650pf_" + cycle + ".csv");
        Path out = tmp.resolve(cycle);
        Result r = run(
                new ReplayCommand(),
                log.toString(),
                "--preset",
                ncaPreset.toString(),
                "--initial-soc",
                "0.7",
                "--out",
                out.toString());
        assertThat(r.exit).as(r.err).isZero();
        Map<String, Double> s = json(r.out);
        assertThat(s.get("soc_rmse_pct")).as(cycle + " RMSE %").isLessThanOrEqualTo(1.0);
        assertThat(s.get("soc_max_error_pct")).as(cycle + " max error %").isLessThanOrEqualTo(3.0);
        assertThat(s.get("stayed_converged_after_s"))
                .as(cycle + " convergence s")
                .isLessThanOrEqualTo(600.0);
        assertThat(s.get("bound_3sigma_coverage_pct"))
                .as(cycle + " 3-sigma coverage %")
                .isGreaterThanOrEqualTo(95.0);
        List<String> rows = Files.readAllLines(out.resolve("replay.csv"));
        assertThat(rows).hasSize(Files.readAllLines(log).size());
        assertThat(rows.get(0)).startsWith("time_s,soc_est,soc_bound_3sigma,r0_ohm,capacity_ah_est");
        assertThat(out.resolve("replay.png")).isNotEmptyFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"25C_US06", "25C_HWFTa", "25C_LA92", "25C_Cycle_1", "25C_Cycle_2"})
    void capacityLearntWithinThreePercentFromATenPercentWrongPriorOverOneDischarge(String cycle) {
        Path log = data.resolve("panasonic_18650pf_nca/pan18650pf_" + cycle + ".csv");
        Result r = run(
                new ReplayCommand(),
                log.toString(),
                "--preset",
                ncaPreset.toString(),
                "--capacity-prior-ah",
                "3.19",
                "--out",
                tmp.resolve("cap" + cycle).toString());
        assertThat(r.exit).as(r.err).isZero();
        Map<String, Double> s = json(r.out);
        assertThat(s.get("capacity_windows")).isGreaterThanOrEqualTo(1.0);
        // 2.9 Ah is the capacity behind the data's soc_ref and the characterised OCV table
        assertThat(s.get("capacity_ah_est"))
                .as(cycle + " capacity Ah")
                .isCloseTo(2.9, org.assertj.core.data.Percentage.withPercentage(3));
    }

    /**
     * The LFP dynamic test is one discharge from full to a few percent SOC: capacity is learnt from
     * priors 10 % high and 10 % low to within 3 % of Plett's capacity at that temperature
     * ({@code Q_ah_plett} in the data's manifest.csv).
     */
    @ParameterizedTest
    @CsvSource({"25C, 1.1", "25C, 0.9", "5C, 1.1", "5C, 0.9", "45C, 1.1", "45C, 0.9"})
    void lfpCapacityLearntWithinThreePercentFromATenPercentWrongPrior(String temperature, double priorFactor)
            throws java.io.IOException {
        String file = "a123_lfp_" + temperature + "_script1_dyn.csv";
        List<String> manifest = Files.readAllLines(data.resolve("a123_lfp_plett/manifest.csv"));
        List<String> header = List.of(manifest.get(0).split(","));
        double q = manifest.stream()
                .map(l -> l.split(",", -1))
                .filter(f -> f[0].equals(file))
                .mapToDouble(f -> Double.parseDouble(f[header.indexOf("Q_ah_plett")]))
                .findFirst()
                .orElseThrow();
        Result r = run(
                new ReplayCommand(),
                data.resolve("a123_lfp_plett/" + file).toString(),
                "--preset",
                lfpPreset.toString(),
                "--initial-soc",
                "0.7",
                "--capacity-prior-ah",
                String.valueOf(priorFactor * 2.05),
                "--out",
                tmp.resolve("lfpcap" + temperature + priorFactor).toString());
        assertThat(r.exit).as(r.err).isZero();
        Map<String, Double> s = json(r.out);
        assertThat(s.get("capacity_windows")).isGreaterThanOrEqualTo(1.0);
        assertThat(s.get("capacity_ah_est"))
                .as(temperature + " capacity Ah from a prior x" + priorFactor)
                .isCloseTo(q, org.assertj.core.data.Percentage.withPercentage(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"25C", "5C", "45C"})
    void lfpDynamicTestMeetsTheSocRmseTarget(String temperature) {
        Map<String, Double> s = replayLfp(temperature);
        assertThat(s.get("soc_rmse_pct")).as(temperature + " RMSE %").isLessThanOrEqualTo(2.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"25C", "5C", "45C"})
    void lfpDynamicTestKeepsTrueSocInsideTheBound(String temperature) {
        Map<String, Double> s = replayLfp(temperature);
        assertThat(s.get("bound_3sigma_coverage_pct"))
                .as(temperature + " 3-sigma coverage %")
                .isGreaterThanOrEqualTo(95.0);
    }

    /**
     * The LFP dynamic log is sampled every second: a time constant below that is not identified by it.
     * Fitted freely, its one pulse from rest gave R1 28.2 mOhm at 0.03 s, an instant 30.7 mOhm against
     * the 17.1 mOhm the log steps by in its first second, and the filter's voltage steps read 0.27-0.48
     * of the preset's on the LFP logs (docs/estimation.md, "A fast pair below the sample interval"). The
     * preset's time constants are at least the log's median sample interval (less the preset's written
     * precision, 0.5 ms).
     */
    @Test
    void lfpPresetsTimeConstantsAreAtLeastItsPulseLogsSampleInterval() {
        CellTestLog log = CellLogCsv.read(data.resolve("a123_lfp_plett/a123_lfp_25C_script1_dyn.csv"));
        double[] t = log.timeS();
        double[] intervals = new double[t.length - 1];
        for (int k = 1; k < t.length; k++) {
            intervals[k - 1] = t[k] - t[k - 1];
        }
        java.util.Arrays.sort(intervals);
        double sampleSeconds = intervals[intervals.length / 2];
        EcmParameters cell = new PresetCatalog().load(lfpPreset.toString()).cell();
        assertThat(cell.tau1Seconds()).as("tau1 s").isGreaterThanOrEqualTo(sampleSeconds - 0.0005);
        assertThat(cell.tau2Seconds()).as("tau2 s").isGreaterThanOrEqualTo(sampleSeconds - 0.0005);
    }

    /** The coverage target names no temperature: every cold NCA log. */
    @ParameterizedTest
    @ValueSource(strings = {"10C_US06", "10C_Cycle_1", "0C_LA92", "0C_US06", "0C_Cycle_1"})
    void coldNcaDriveCyclesKeepTrueSocInsideTheBound(String cycle) {
        assertThat(replayNca(cycle).get("bound_3sigma_coverage_pct"))
                .as(cycle + " 3-sigma coverage %")
                .isGreaterThanOrEqualTo(95.0);
    }

    /**
     * The OCV temperature coefficient checked on data it was not fitted to: it comes from the relaxed
     * ends of the 0 and 25 °C HPPC tests' rests (given as OCV tests), and the cold drive cycles are
     * replayed with the preset as written and with the same preset whose dU/dT column is zeroed (the
     * 25 °C OCV at every temperature, as when only 25 °C OCV tests are given). The SOC error is lower
     * with the coefficient on every cold log.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0C_US06", "0C_Cycle_1", "0C_LA92", "10C_US06", "10C_Cycle_1"})
    void ocvTemperatureCoefficientLowersTheColdSocError(String cycle) throws java.io.IOException {
        Path without = presetWithoutOcvTemperatureCoefficient();
        double withRmse = replayNca(cycle).get("soc_rmse_pct");
        double withoutRmse = replayNca(cycle, without).get("soc_rmse_pct");
        System.out.printf(
                java.util.Locale.ROOT,
                "%s SOC RMSE: %.2f %% with dU/dT, %.2f %% with the 25 °C OCV%n",
                cycle,
                withRmse,
                withoutRmse);
        assertThat(withRmse).as(cycle + " SOC RMSE % with the fitted dU/dT").isLessThan(withoutRmse);
    }

    /** A copy of the NCA preset with its OCV table's dU/dT column set to zero. */
    private synchronized Path presetWithoutOcvTemperatureCoefficient() throws java.io.IOException {
        Path yaml = tmp.resolve("pan18650pf-25C-ocv.yaml");
        if (Files.isRegularFile(yaml)) {
            return yaml;
        }
        Path table = tmp.resolve("pan18650pf.ocv.csv");
        List<String> zeroed = Files.readAllLines(table).stream()
                .map(line ->
                        line.matches("[0-9.]+,[0-9.]+,-?[0-9.]+") ? line.replaceFirst(",[^,]+$", ",0.000000") : line)
                .toList();
        assertThat(zeroed).isNotEqualTo(Files.readAllLines(table));
        Files.write(tmp.resolve("pan18650pf-25C-ocv.ocv.csv"), zeroed);
        Files.writeString(
                yaml,
                Files.readString(ncaPreset)
                        .replace("ocvTable: pan18650pf.ocv.csv", "ocvTable: pan18650pf-25C-ocv.ocv.csv"));
        assertThat(Files.readString(yaml)).contains("ocvTable: pan18650pf-25C-ocv.ocv.csv");
        return yaml;
    }

    /**
     * The per-temperature resistance tables checked on data they were not fitted to: each 0 °C
     * drive cycle is run open loop through the characterised cell model at the data's own SOC, and
     * below 25 % SOC (where the cold cell's resistance rises far more steeply than at 25 °C) the
     * characterised map predicts the terminal voltage better than the 25 °C table times the one
     * Arrhenius factor, the model before the map.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0C_US06", "0C_Cycle_1", "0C_LA92"})
    void coldResistanceTablePredictsTheColdVoltageNearEmptyBetterThanTheScaledWarmTable(String cycle) {
        EcmParameters mapped = new PresetCatalog().load(ncaPreset.toString()).cell();
        ResistanceMap map = mapped.resistance();
        assertThat(map.dependsOnTemperature())
                .as("tables from the 25 and 0 °C HPPC tests")
                .isTrue();
        EcmParameters warmOnly = mapped.withResistance(
                ResistanceMap.of(map.tables().get(map.tables().size() - 1)));
        Path log = data.resolve("panasonic_18650pf_nca/pan18650pf_" + cycle + ".csv");
        double withMap = openLoopVoltageRms(mapped, log, 0.25);
        double withWarmTable = openLoopVoltageRms(warmOnly, log, 0.25);
        System.out.printf(
                java.util.Locale.ROOT,
                "%s below 25 %% SOC: voltage RMS %.1f mV with the map, %.1f mV with the " + "25 °C table%n",
                cycle,
                1000 * withMap,
                1000 * withWarmTable);
        assertThat(withMap)
                .as(cycle + " open-loop voltage RMS below 25 % SOC, V")
                .isLessThan(withWarmTable);
    }

    /**
     * The current limits with the per-temperature tables, against the 0 °C HPPC pulses that drove
     * the cell to the tester's 2.5 V floor within their 10 s: at each such pulse's SOC and
     * temperature the 10 s discharge limit (2.5 V floor) is below the pulse's current. These are
     * the pulses the 0 °C table was fitted from (the floor cut them short, and short or poorly
     * fitted pulses are left out of the fit), so this checks the limit logic with the learnt
     * preset rather than validating the table. The 25 °C table times one Arrhenius factor would
     * have allowed more than the cell could carry.
     */
    @Test
    void coldDischargeLimitStaysBelowTheColdPulsesThatHitTheVoltageFloor() {
        EcmParameters mapped = new PresetCatalog().load(ncaPreset.toString()).cell();
        ResistanceMap map = mapped.resistance();
        EcmParameters warmOnly = mapped.withResistance(
                ResistanceMap.of(map.tables().get(map.tables().size() - 1)));
        CurrentLimitSettings tenSecondsToTheFloor = CurrentLimitSettings.builder()
                .minCellVolts(2.5)
                .maxCellVolts(4.2)
                .horizonSeconds(10)
                .maxChargeAmps(2.9)
                .maxDischargeAmps(60)
                .chargeZeroCelsius(0)
                .chargeFullCelsius(10)
                .hotFullCelsius(45)
                .hotZeroCelsius(60)
                .build();
        CellTestLog hppc = CellLogCsv.read(data.resolve("panasonic_18650pf_nca/pan18650pf_0C_HPPC_native.csv"));
        double[] amps = hppc.currentA();
        int floored = 0;
        int warmAllowed = 0;
        for (int k = 0; k < amps.length; k++) {
            if (amps[k] >= -1) {
                continue;
            }
            double peak = 0;
            double lowest = Double.MAX_VALUE;
            int end = k;
            for (; end < amps.length && amps[end] < -1; end++) {
                peak = Math.min(peak, amps[end]);
                lowest = Math.min(lowest, hppc.voltageV()[end]);
            }
            double seconds = hppc.timeS()[end - 1] - hppc.timeS()[k];
            if (lowest <= 2.505 && seconds < 9.5) {
                double soc = hppc.socRef()[k];
                double celsius = hppc.temperatureC()[k];
                double limit =
                        new CurrentLimitEstimator(mapped, tenSecondsToTheFloor).dischargeLimitAmps(soc, 0, celsius, 1);
                double warmLimit = new CurrentLimitEstimator(warmOnly, tenSecondsToTheFloor)
                        .dischargeLimitAmps(soc, 0, celsius, 1);
                System.out.printf(
                        java.util.Locale.ROOT,
                        "0 °C pulse at SOC %.3f, %.1f °C: %.2f A reached 2.5 V after "
                                + "%.1f s; 10 s limit %.2f A with the map, %.2f A with the 25 °C table%n",
                        soc,
                        celsius,
                        -peak,
                        seconds,
                        limit,
                        warmLimit);
                assertThat(limit)
                        .as("10 s discharge limit at SOC %.3f, %.1f °C", soc, celsius)
                        .isLessThan(-peak);
                floored++;
                warmAllowed += warmLimit >= -peak ? 1 : 0;
            }
            k = end;
        }
        assertThat(floored).as("0 °C pulses cut short by the 2.5 V floor").isGreaterThanOrEqualTo(3);
        assertThat(warmAllowed)
                .as("of those, pulses the 25 °C table's limit would have allowed")
                .isPositive();
    }

    /** RMS of model minus measured terminal voltage over the rows whose soc_ref is below {@code maxSoc}. */
    private static double openLoopVoltageRms(EcmParameters params, Path path, double maxSoc) {
        CellTestLog log = CellLogCsv.read(path);
        EquivalentCircuitCell cell = new EquivalentCircuitCell(params, log.socRef()[0], log.temperatureC()[0]);
        double sum = 0;
        int n = 0;
        for (int k = 1; k < log.timeS().length; k++) {
            cell.setCelsius(log.temperatureC()[k]);
            cell.step(log.currentA()[k], log.timeS()[k] - log.timeS()[k - 1]);
            cell.setSoc(log.socRef()[k]);
            if (log.socRef()[k] < maxSoc) {
                double error = cell.terminalVolts() - log.voltageV()[k];
                sum += error * error;
                n++;
            }
        }
        assertThat(n).as("rows below SOC " + maxSoc).isGreaterThan(100);
        return Math.sqrt(sum / n);
    }

    private Map<String, Double> replayNca(String cycle) {
        return replayNca(cycle, ncaPreset);
    }

    private Map<String, Double> replayNca(String cycle, Path preset) {
        Path log = data.resolve("panasonic_18650pf_nca/pan18650pf_" + cycle + ".csv");
        Result r = run(
                new ReplayCommand(),
                log.toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--out",
                tmp.resolve(preset.getFileName() + "-" + cycle).toString());
        assertThat(r.exit).as(r.err).isZero();
        return json(r.out);
    }

    /**
     * The capacity target on the NASA cells through {@code bms replay}: each discharge file starts
     * from a full CC-CV charge and ends at the cell's cutoff; the usable capacity replay measures
     * on it is compared with NASA's capacity of that discharge (from the data's summary.csv), for
     * a fresh and an aged discharge of each cell.
     */
    @ParameterizedTest
    @CsvSource({"B0005, 2.7, 1", "B0005, 2.7, 168", "B0006, 2.5, 1", "B0006, 2.5, 168"})
    void replayMeasuresTheNasaCapacityOfOneDischargeFromFull(String battery, String cutoff, int discharge)
            throws java.io.IOException {
        Path dir = data.resolve("nasa_pcoe_aging_18650");
        assumeTrue(Files.isRegularFile(dir.resolve("summary.csv")), "NASA data absent");
        String file = String.format("%s/discharge_%03d.csv", battery, discharge);
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        double nasa = lines.stream()
                .map(l -> l.split(",", -1))
                .filter(f -> f[header.indexOf("file")].equals(file))
                .mapToDouble(f -> Double.parseDouble(f[header.indexOf("capacity_ah_nasa")]))
                .findFirst()
                .orElseThrow();
        Result r = run(
                new ReplayCommand(),
                dir.resolve(file).toString(),
                "--chemistry",
                "psoa-ncm811",
                "--capacity-ah",
                "2.0",
                "--charge-volts",
                "4.2",
                "--cutoff-volts",
                cutoff,
                "--starts-full",
                "--out",
                tmp.resolve("nasa-" + battery + "-" + discharge).toString());
        assertThat(r.exit).as(r.err).isZero();
        double usable = json(r.out).get("usable_capacity_ah");
        System.out.printf(
                java.util.Locale.ROOT,
                "%s usable %.4f Ah, NASA %.4f Ah (%+.2f %%)%n",
                file,
                usable,
                nasa,
                100 * (usable / nasa - 1));
        assertThat(Math.abs(usable / nasa - 1))
                .as("usable capacity against NASA's")
                .isLessThanOrEqualTo(0.03);
    }

    private Map<String, Double> replayLfp(String temperature) {
        Path log = data.resolve("a123_lfp_plett/a123_lfp_" + temperature + "_script1_dyn.csv");
        Result r = run(
                new ReplayCommand(),
                log.toString(),
                "--preset",
                lfpPreset.toString(),
                "--initial-soc",
                "0.7",
                "--out",
                tmp.resolve("lfp" + temperature).toString());
        assertThat(r.exit).as(r.err).isZero();
        return json(r.out);
    }

    static Path locateSharedData() {
        var found = RealData.find();
        assumeTrue(found.isPresent(), RealData::missing);
        return found.get();
    }

    record Result(int exit, String out, String err) {}

    static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        System.out.println(out);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Numbers of the JSON summary line (the line that starts with '{'). */
    static Map<String, Double> json(String stdout) {
        String line = stdout.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        Map<String, Double> values = new java.util.HashMap<>();
        Matcher m = Pattern.compile("\"([a-z0-9_]+)\":(-?[0-9.eE+-]+|null)").matcher(line);
        while (m.find()) {
            values.put(m.group(1), m.group(2).equals("null") ? Double.NaN : Double.parseDouble(m.group(2)));
        }
        return values;
    }
}
