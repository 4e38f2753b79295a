package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.calibration.CalibratedPreset;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.OcvDoubt;
import org.qsebms.estimators.model.QseCell;
import org.qsebms.estimators.model.QseCellParameters;

/**
 * The OCV doubt learnt per SOC region and test temperature by {@code bms characterize} (issue 20,
 * item 2), through the commands: the documented recipe for both shared-data cells, every shared
 * drive log replayed from a 30 % wrong start, coverage of the 3-sigma bound at least 95 % on each;
 * the simulated QSE cell (truth known) characterised and driven at 25 °C likewise. The median
 * bound on the 25 °C NCA logs went from 6.1-6.4 % (one 20 mV doubt) to 3.3-3.8 % (each region's
 * largest slow relaxation), then to 2.5-3.1 % (pooled per temperature, with the current sensor's
 * rated error in the bound): tighter, but LA92 stays above the 3 %, a disabled test with the
 * measured figures. With the slow polarisation branch learnt in the same run (split presets, the
 * doubt net of the branch) 2.27-3.01 %: LA92 still 0.01 % over, a second disabled test. With the slow
 * relaxation learnt only while the cell is at the doubt's temperature (the C/20 test's last rest no
 * longer counted across the chamber's 13.6 K cooling) 2.12-2.91 % with the branch and 2.37-3.00 %
 * without: both targets met, both tests enabled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LearntOcvDoubtTest {
    private Path tmp;

    private Path nca;
    private Path lfp;
    /** With the slow polarisation branch learnt on LA92 and Cycle_1 only: for US06, HWFTa and Cycle_2. */
    private Path ncaSlowFromLa92AndCycle1;
    /** With the slow polarisation branch learnt on US06, HWFTa and Cycle_2 only: for LA92 and Cycle_1. */
    private Path ncaSlowFromTheOthers;

    @BeforeAll
    void characteriseWithTheDocumentedRecipe(@TempDir Path dir) {
        tmp = dir;
        Path data = SharedDataValidationTest.locateSharedData();
        Path pan = data.resolve("panasonic_18650pf_nca");
        Path a123 = data.resolve("a123_lfp_plett");
        nca = DocumentedRecipe.nca(pan, tmp.resolve("nca.yaml"));
        ncaSlowFromLa92AndCycle1 = DocumentedRecipe.nca(pan, tmp.resolve("nca-slow-a.yaml"), "LA92", "Cycle_1");
        ncaSlowFromTheOthers = DocumentedRecipe.nca(pan, tmp.resolve("nca-slow-b.yaml"), "US06", "HWFTa", "Cycle_2");
        lfp = DocumentedRecipe.lfp(a123, tmp.resolve("lfp.yaml"));
    }

    /** The NCA preset whose slow branch was learnt without {@code cycle}'s 25 °C log (a fixed two-way split). */
    private Path slowPresetNotLearntOn(String cycle) {
        return cycle.equals("LA92") || cycle.equals("Cycle_1") ? ncaSlowFromTheOthers : ncaSlowFromLa92AndCycle1;
    }

    private Map<String, Double> replay(Path preset, Path log) {
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                log.toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--out",
                tmp.resolve("out-" + preset.getFileName() + "-" + log.getFileName())
                        .toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return SharedDataValidationTest.json(r.out());
    }

    @Test
    void thePresetsCarryTheLearntDoubtPerRegionAndTemperature() throws IOException {
        OcvDoubt ncaDoubt = new PresetCatalog().load(nca.toString()).cell().ocvDoubt();
        assertThat(ncaDoubt.celsius()).as("one table per OCV-test temperature").hasSize(2);
        assertThat(ncaDoubt.regions()).isEqualTo(10);
        // where the 25 °C rests measured the OCV the doubt is learnt below the 20 mV default; colder, it is wider
        double mid25 = ncaDoubt.sigmaVoltsAt(0.45, 25, Double.NaN);
        assertThat(mid25).isLessThan(0.020);
        assertThat(ncaDoubt.sigmaVoltsAt(0.25, 0.6, Double.NaN)).isGreaterThan(ncaDoubt.sigmaVoltsAt(0.25, 25, 0));
        assertThat(Files.readString(nca)).contains("ocvSigma:", "# OCV doubt (cell.ocvSigma) per SOC region");
        // the A123 tests hold no incremental OCV test: the doubt is what its C/30 pair brackets, and with one
        // pulse fitted the resistive drop is not taken off the branches (2.4-13.6 mV if it were), so every
        // region keeps at least 15 mV, and none more than the default (a wider bracket is not applied)
        OcvDoubt lfpDoubt = new PresetCatalog().load(lfp.toString()).cell().ocvDoubt();
        assertThat(lfpDoubt.isNone()).isFalse();
        for (double z = 0.05; z < 1; z += 0.1) {
            assertThat(lfpDoubt.sigmaVoltsAt(z, 25, Double.NaN))
                    .as("SOC %.2f", z)
                    .isBetween(0.015, 0.020);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "panasonic_18650pf_nca/pan18650pf_25C_US06.csv",
                "panasonic_18650pf_nca/pan18650pf_25C_HWFTa.csv",
                "panasonic_18650pf_nca/pan18650pf_25C_LA92.csv",
                "panasonic_18650pf_nca/pan18650pf_25C_Cycle_1.csv",
                "panasonic_18650pf_nca/pan18650pf_25C_Cycle_2.csv",
                "panasonic_18650pf_nca/pan18650pf_10C_US06.csv",
                "panasonic_18650pf_nca/pan18650pf_10C_Cycle_1.csv",
                "panasonic_18650pf_nca/pan18650pf_0C_US06.csv",
                "panasonic_18650pf_nca/pan18650pf_0C_LA92.csv",
                "panasonic_18650pf_nca/pan18650pf_0C_Cycle_1.csv",
                "a123_lfp_plett/a123_lfp_25C_script1_dyn.csv",
                "a123_lfp_plett/a123_lfp_5C_script1_dyn.csv",
                "a123_lfp_plett/a123_lfp_45C_script1_dyn.csv"
            })
    void everySharedLogKeepsTheTruthInsideTheBound(String log) {
        Path file = SharedDataValidationTest.locateSharedData().resolve(log);
        Map<String, Double> s = replay(log.startsWith("a123") ? lfp : nca, file);
        assertThat(s.get("bound_3sigma_coverage_pct")).as("coverage on " + log).isGreaterThanOrEqualTo(95.0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pan18650pf_25C_US06.csv",
                "pan18650pf_25C_HWFTa.csv",
                "pan18650pf_25C_LA92.csv",
                "pan18650pf_25C_Cycle_1.csv",
                "pan18650pf_25C_Cycle_2.csv"
            })
    void the25CelsiusNcaBoundIsFarTighterThanOneTwentyMillivoltDoubt(String log) {
        Path file = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca/" + log);
        // with one 20 mV doubt the median bound was 6.1-6.4 % on these logs (docs/estimation.md)
        assertThat(replay(nca, file).get("bound_3sigma_median_pct")).as(log).isLessThan(4.0);
    }

    /**
     * The target with the preset without a slow branch. Measured 2026-12-03 (la92bound), with the
     * slow relaxation learnt only while the cell is at the doubt's temperature
     * ({@code OcvDoubtLearner.restEvidenceEnd}): US06 2.37 %, HWFTa 2.56 %, LA92 3.00 % (2.995 %, met by
     * a hair), Cycle_1 2.84 %, Cycle_2 2.75 %. Before: 2.50 / 2.66 / 3.10 / 2.96 / 2.86 % (disabled, LA92
     * over); the history is in docs/estimation.md.
     */
    @Test
    void the25CelsiusNcaMedianBoundIsAtMostThreePercent() {
        Path pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        for (String log : new String[] {"US06", "HWFTa", "LA92", "Cycle_1", "Cycle_2"}) {
            Path file = pan.resolve("pan18650pf_25C_" + log + ".csv");
            assertThat(replay(nca, file).get("bound_3sigma_median_pct")).as(log).isLessThanOrEqualTo(3.0);
        }
    }

    /**
     * The target with the slow polarisation branch learnt in the same characterise run, before
     * the OCV doubt, which then leaves out of the pooled slow relaxation what the branch predicts: each
     * 25 °C log replayed with a preset whose branch was learnt WITHOUT it (learnt on LA92 and Cycle_1
     * for US06, HWFTa and Cycle_2; on US06, HWFTa and Cycle_2 for LA92 and Cycle_1). The preset
     * without a branch ({@link #the25CelsiusNcaMedianBoundIsAtMostThreePercent}) keeps its doubt as it was.
     * Measured 2026-12-03 (la92bound): US06 2.12 %, HWFTa 2.34 %, LA92 2.91 %, Cycle_1 2.64 %, Cycle_2
     * 2.51 %, coverage 100 % on all five (before, with the C/20 test's last rest counted across its
     * 13.6 K cooling: 2.27 / 2.46 / 3.01 / 2.76 / 2.63 %).
     */
    @ParameterizedTest
    @ValueSource(strings = {"US06", "HWFTa", "LA92", "Cycle_1", "Cycle_2"})
    void withTheSlowBranchThe25CelsiusNcaMedianBoundIsAtMostThreePercent(String cycle) {
        Path file = SharedDataValidationTest.locateSharedData()
                .resolve("panasonic_18650pf_nca/pan18650pf_25C_" + cycle + ".csv");
        Map<String, Double> s = replay(slowPresetNotLearntOn(cycle), file);
        System.out.println("slow branch not learnt on " + cycle + ": " + s);
        assertThat(s.get("bound_3sigma_coverage_pct"))
                .as("coverage on " + cycle)
                .isGreaterThanOrEqualTo(95.0);
        assertThat(s.get("bound_3sigma_median_pct")).as(cycle).isLessThanOrEqualTo(3.0);
    }

    /** Every NCA log at 10 and 0 °C keeps the truth inside the bound with either split preset's branch and doubt. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "pan18650pf_10C_US06.csv",
                "pan18650pf_10C_Cycle_1.csv",
                "pan18650pf_0C_US06.csv",
                "pan18650pf_0C_LA92.csv",
                "pan18650pf_0C_Cycle_1.csv"
            })
    void withTheSlowBranchTheColderNcaLogsKeepTheTruthInsideTheBound(String log) {
        Path file = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca/" + log);
        for (Path preset : new Path[] {ncaSlowFromLa92AndCycle1, ncaSlowFromTheOthers}) {
            Map<String, Double> s = replay(preset, file);
            System.out.println(preset.getFileName() + " on " + log + ": " + s);
            assertThat(s.get("bound_3sigma_coverage_pct"))
                    .as("coverage on " + log)
                    .isGreaterThanOrEqualTo(95.0);
        }
    }

    @Test
    void simulatedQseCellCharacterisedAndDrivenAt25KeepsTheTruthInsideTheBound() throws IOException {
        QseCellParameters qse = simulatedQse();
        Path preset = characteriseQse(qse, "qse25.yaml");
        Map<String, Double> s = replay(preset, drive(qse));
        System.out.printf(
                Locale.ROOT,
                "simulated QSE at 25 °C: coverage %.1f %%, median bound %.2f %%, RMSE %.2f %%%n",
                s.get("bound_3sigma_coverage_pct"),
                s.get("bound_3sigma_median_pct"),
                s.get("soc_rmse_pct"));
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    /**
     * The simulated QSE cell with a slow branch learnt (before the OCV doubt) on another simulated
     * drive, one of 60 s at 1 C and 60 s of rest, and scored on the drive of the test above: the truth
     * stays inside the bound.
     */
    @Test
    void simulatedQseCellWithASlowBranchLearntOnAnotherDriveKeepsTheTruthInsideTheBound() throws IOException {
        QseCellParameters qse = simulatedQse();
        double oneC = qse.capacityAh();
        Path learnt = simulate(qse, "qse-other-drive.csv", 0.95, 6000, 1, k -> k % 120 < 60 ? -oneC : 0);
        Path preset = characteriseQse(qse, "qse25-slow.yaml", "--slow-polarisation-log", learnt.toString());
        assertThat(Files.readString(preset)).contains("slowPolarisation:", "ocvSigma:");
        Map<String, Double> s = replay(preset, drive(qse));
        System.out.printf(
                Locale.ROOT,
                "simulated QSE at 25 °C, slow branch learnt on another drive: coverage %.1f %%, median bound %.2f %%, "
                        + "RMSE %.2f %%%n",
                s.get("bound_3sigma_coverage_pct"),
                s.get("bound_3sigma_median_pct"),
                s.get("soc_rmse_pct"));
        assertThat(s.get("bound_3sigma_coverage_pct")).isGreaterThanOrEqualTo(95.0);
    }

    private static QseCellParameters simulatedQse() {
        ChemistryPreset base = new PresetCatalog().load("psoa-ncm811");
        return QseCellParameters.of(
                PaperCalibration.calibrate(PaperData.bundled()).laws(Electrolyte.PSOA),
                Cathode.NCM811,
                CalibratedPreset.referencePouch(Cathode.NCM811),
                base.cell().ocv());
    }

    /** The simulated cell's C/20 OCV test and HPPC test, characterised; {@code extra} arguments appended. */
    private Path characteriseQse(QseCellParameters qse, String name, String... extra) throws IOException {
        double oneC = qse.capacityAh();
        int half = 20 * 360;
        Path ocv = simulate(qse, "qse-ocv.csv", 1.0, 2 * half, 10, k -> k < half ? -oneC / 20 : oneC / 20);
        // an HPPC test like the Panasonic one, with the tester's Ah counter: per level 30 min rest, then 30 s
        // discharge pulses of C/2, 1 C and 2 C each followed by 11 min of rest, then 6 min at 1 C to the next level
        int level = 1800 + 3 * 690 + 360;
        Path hppc = simulate(qse, "qse-hppc.csv", 1.0, 9 * level, 1, k -> {
            int p = k % level - 1800;
            if (p < 0) {
                return 0;
            }
            if (p >= 3 * 690) {
                return -oneC;
            }
            return p % 690 < 30 ? -0.5 * oneC * (1 << (p / 690)) : 0;
        });
        Path preset = tmp.resolve(name);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--ocv-test",
                ocv.toString(),
                "--ocv-test",
                hppc.toString(),
                "--pulse-test",
                hppc.toString(),
                "--capacity-ah",
                String.valueOf(oneC),
                "--base-preset",
                "psoa-ncm811",
                "--out",
                preset.toString()));
        args.addAll(java.util.List.of(extra));
        SharedDataValidationTest.Result c =
                SharedDataValidationTest.run(new CharacterizeCommand(), args.toArray(String[]::new));
        assertThat(c.exit()).as(c.err()).isZero();
        System.out.println(name + ": " + c.out());
        assertThat(Files.readString(preset)).contains("ocvSigma:");
        return preset;
    }

    /**
     * A 2.5 h drive from 95 % to about 10 % SOC at 25 °C: 40 s at C/2, 10 s at 1 C, 10 s of C/4
     * regeneration, 20 s rest.
     */
    private Path drive(QseCellParameters qse) throws IOException {
        double oneC = qse.capacityAh();
        return simulate(qse, "qse-drive.csv", 0.95, 9000, 1, k -> {
            int p = k % 80;
            return p < 40 ? -0.5 * oneC : p < 50 ? -oneC : p < 60 ? 0.25 * oneC : 0;
        });
    }

    /** Writes rows of the simulated QSE cell at 25 °C ambient, driven by {@code amps(k)}, at {@code dt} s per row. */
    private Path simulate(
            QseCellParameters qse,
            String name,
            double startSoc,
            int rows,
            double dt,
            java.util.function.IntToDoubleFunction amps)
            throws IOException {
        QseCell cell = new QseCell(qse, startSoc, 25);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c,capacity_ah,soc_ref\n");
        double ah = 0;
        for (int k = 0; k < rows; k++) {
            double a = amps.applyAsDouble(k);
            cell.step(a, dt);
            ah += a * dt / 3600;
            b.append(String.format(
                    Locale.ROOT,
                    "%.1f,%.5f,%.5f,%.3f,%.6f,%.6f%n",
                    k * dt,
                    a,
                    cell.terminalVolts(),
                    cell.celsius(),
                    ah - (1 - startSoc) * qse.capacityAh(),
                    cell.soc()));
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, b);
        return f;
    }
}
