package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.calibration.CalibratedPreset;
import org.qsebms.estimators.calibration.PaperCalibration;
import org.qsebms.estimators.calibration.PaperData;
import org.qsebms.estimators.model.Cathode;
import org.qsebms.estimators.model.Electrolyte;
import org.qsebms.estimators.model.QseCell;
import org.qsebms.estimators.model.QseCellParameters;

/**
 * The simulated QSE cell (truth known) characterised at 25 °C from its own C/20 and HPPC tests and
 * driven at 25 °C, its log read through an ADS1115 channel (the steps and noise of {@link
 * OddFilesAndNoisySensorsTest}) and replayed with the current sensor's rated errors together and the
 * offset state (a check of issue 20 items 2 and 3 on the truth, 2026-12-03, {@code check20c}). The
 * drive is {@code ExtrapolatedTemperatureTest}'s; the errors and seed were fixed before any replay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedCellThroughAnAds1115Test {
    private static final double VOLT_STEP = 125e-6;
    private static final double VOLT_NOISE = 1e-3;
    private static final double AMP_STEP = 3.125e-3;
    private static final double AMP_NOISE = 15e-3;

    private Path tmp;
    private QseCellParameters qse;
    private Path preset;
    private Path drive;
    private Path ocv;
    private Path hppc;

    @BeforeAll
    void characterise(@TempDir Path dir) throws IOException {
        tmp = dir;
        qse = QseCellParameters.of(
                PaperCalibration.calibrate(PaperData.bundled()).laws(Electrolyte.PSOA),
                Cathode.NCM811,
                CalibratedPreset.referencePouch(Cathode.NCM811),
                new PresetCatalog().load("psoa-ncm811").cell().ocv());
        double oneC = qse.capacityAh();
        int half = 20 * 360;
        ocv = simulate("qse-ocv.csv", 1.0, 2 * half, 10, false, k -> k < half ? -oneC / 20 : oneC / 20);
        int level = 1800 + 30 + 300 + 30 + 300 + 360;
        hppc = simulate("qse-hppc.csv", 1.0, 9 * level, 1, false, k -> {
            int p = k % level;
            return p < 1800 ? 0 : p < 1830 ? -oneC : p < 2130 ? 0 : p < 2160 ? 0.75 * oneC : p < 2460 ? 0 : -oneC;
        });
        preset = tmp.resolve("qse25.yaml");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                ocv.toString(),
                "--pulse-test",
                hppc.toString(),
                "--capacity-ah",
                String.valueOf(oneC),
                "--base-preset",
                "psoa-ncm811",
                "--out",
                preset.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        drive = simulate("qse-drive-ads1115.csv", 0.95, 9000, 1, true, k -> {
            int p = k % 80;
            return p < 40 ? -0.5 * oneC : p < 50 ? -oneC : p < 60 ? 0.25 * oneC : 0;
        });
    }

    /**
     * Rows of the simulated cell at 25 °C driven by {@code amps(k)}; with {@code ads1115} the logged
     * current and voltage are the channel's reading of the truth (noise, then its steps; seeded).
     */
    private Path simulate(String name, double startSoc, int rows, double dt, boolean ads1115, IntToDoubleFunction amps)
            throws IOException {
        QseCell cell = new QseCell(qse, startSoc, 25);
        Random rnd = new Random(20261205L);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c,soc_ref\n");
        for (int k = 0; k < rows; k++) {
            double a = amps.applyAsDouble(k);
            cell.step(a, dt);
            double loggedAmps = a;
            double loggedVolts = cell.terminalVolts();
            if (ads1115) {
                loggedAmps = Math.round((a + AMP_NOISE * rnd.nextGaussian()) / AMP_STEP) * AMP_STEP;
                loggedVolts = Math.round((loggedVolts + VOLT_NOISE * rnd.nextGaussian()) / VOLT_STEP) * VOLT_STEP;
            }
            b.append(String.format(
                    Locale.ROOT,
                    "%.1f,%.7f,%.7f,%.3f,%.6f%n",
                    k * dt,
                    loggedAmps,
                    loggedVolts,
                    cell.celsius(),
                    cell.soc()));
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, b);
        return f;
    }

    /**
     * The targets at 25 °C: coverage at least 95 %, median bound at most 3 %, RMSE at most 1 %.
     * Measured 2026-12-04 ({@code simbound}), the OCV doubt learnt from the C/20 pair's branches (6.5-6.6 mV
     * per region, "bracketed by the slow charge and discharge branches"): RMSE 0.64-0.65 %, max 0.79-0.90 %,
     * coverage 100 %, median bound 2.75-2.78 %. Before (a known miss, the C/20 test has no rests, so the
     * default 20 mV applied everywhere): the same RMSE and maximum, median bound 8.49-8.53 %.
     */
    @ParameterizedTest(name = "offset {0} A, gain {1}, {2}")
    @CsvSource({"0, 1, ekf", "0.05, 1.03, ekf", "-0.05, 0.97, ekf", "0.05, 1.03, spkf"})
    void theTargetsHoldOnTheTruth(String offset, String gain, String filter) {
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                drive.toString(),
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.65",
                "--current-offset-a",
                offset,
                "--current-gain",
                gain,
                "--estimate-current-offset",
                "--filter",
                filter,
                "--out",
                tmp.resolve("out" + offset + gain + filter).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        assertThat(s.get("bound_3sigma_coverage_pct")).as("coverage").isGreaterThanOrEqualTo(95.0);
        assertThat(s.get("bound_3sigma_median_pct")).as("median bound").isLessThanOrEqualTo(3.0);
        assertThat(s.get("soc_rmse_pct")).as("RMSE").isLessThanOrEqualTo(1.0);
    }

    /**
     * As the NCA recipe does, the HPPC test given as an OCV test too: the top of the curve (4.301 V at
     * SOC 1.00, from the pulses' IR-corrected samples in the slow branches) lies 1 mV over
     * psoa-ncm811's 4.30 V MSL, within the OCV's learnt doubt there (10.4 mV): characterised, not
     * refused (it was before 2026-12-04), and the truth stays inside the bound. Measured then: RMSE
     * 0.05-0.12 %, coverage 100 %, median bound 4.09-4.13 % in the four cases (the doubt is about 10 mV:
     * the pulses' samples move the table off the C/20 branches).
     */
    @org.junit.jupiter.api.Test
    void theHppcTestAsAnOcvTestTooIsNotRefusedAHairOverTheMsl() {
        Path withHppc = tmp.resolve("qse25-hppc.yaml");
        SharedDataValidationTest.Result c = characteriseWithHppcAsOcvTest("psoa-ncm811", withHppc);
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("bracketed by the slow charge and discharge branches");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                drive.toString(),
                "--preset",
                withHppc.toString(),
                "--initial-soc",
                "0.65",
                "--out",
                tmp.resolve("out-hppc").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Double> s = SharedDataValidationTest.json(r.out());
        assertThat(s.get("bound_3sigma_coverage_pct")).as("coverage").isGreaterThanOrEqualTo(95.0);
    }

    /** The same cell with a base preset whose MSL is 20 mV lower: 21 mV over it, twice the doubt, is refused. */
    @org.junit.jupiter.api.Test
    void aTopFartherOverTheMslThanTheOcvsDoubtIsStillRefused() throws IOException {
        Path base = tmp.resolve("ncm811-msl-428.yaml");
        String yaml = new String(
                getClass().getResourceAsStream("/presets/psoa-ncm811.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(yaml).contains("    msl: 4.3\n");
        Files.writeString(base, yaml.replace("    msl: 4.3\n", "    msl: 4.28\n"));
        SharedDataValidationTest.Result c = characteriseWithHppcAsOcvTest(base.toString(), tmp.resolve("refused.yaml"));
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err()).contains("above its over-voltage MSL of 4.28 V by more than the OCV's doubt there");
    }

    private SharedDataValidationTest.Result characteriseWithHppcAsOcvTest(String basePreset, Path out) {
        return SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                ocv.toString(),
                "--ocv-test",
                hppc.toString(),
                "--pulse-test",
                hppc.toString(),
                "--capacity-ah",
                String.valueOf(qse.capacityAh()),
                "--base-preset",
                basePreset,
                "--out",
                out.toString());
    }
}
