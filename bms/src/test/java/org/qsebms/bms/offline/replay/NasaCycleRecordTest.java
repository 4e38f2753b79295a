package org.qsebms.bms.offline.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.cli.BmsCommand;
import org.qsebms.bms.record.CellCycleSeries;
import org.qsebms.bms.record.CycleEnd;
import org.qsebms.bms.record.CycleRecordReader;
import org.qsebms.bms.record.CycleRow;
import org.qsebms.bms.record.LogCycleRecorder;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.health.HealthSettings;
import org.qsebms.estimators.model.EcmParameters;

/**
 * The per-cycle record of a real run-to-failure campaign: NASA PCoE cell B0005 (168 CC-CV charges
 * and 2 A discharges to 2.7 V, rated 2.0 Ah), every charge and discharge file in time order as one
 * log, recorded by the same counter as the live loop. Each recorded discharge is compared with
 * NASA's measured capacity of that discharge (two discharges with no charge between them, 89 and 90,
 * are one cycle), and the record's fade per 100 cycles with the same fit over NASA's capacities.
 */
class NasaCycleRecordTest {
    @TempDir
    Path dir;

    @Test
    void recordsEveryDischargeOfB0005WithNasasCapacityAndFade() throws IOException {
        Path summary = SharedData.file("nasa_pcoe_aging_18650/summary.csv");
        List<String> lines = Files.readAllLines(summary);
        List<String> h = List.of(lines.get(0).split(","));
        List<double[]> rows = new ArrayList<>(); // time_s, amps, volts, celsius
        List<Double> nasa = new ArrayList<>();
        long t0 = Long.MIN_VALUE;
        boolean chargedSinceDischarge = false;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String type = f[h.indexOf("type")];
            if (!f[h.indexOf("battery")].equals("B0005") || type.equals("impedance")) {
                continue;
            }
            long start = LocalDateTime.parse(f[h.indexOf("start_time")])
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
            t0 = t0 == Long.MIN_VALUE ? start : t0;
            CellTestLog part = CellLogCsv.read(summary.getParent().resolve(f[h.indexOf("file")]));
            double last = rows.isEmpty() ? -1 : rows.getLast()[0];
            for (int k = 0; k < part.size(); k++) {
                double t = (start - t0) / 1000.0 + part.timeS()[k];
                if (t > last) {
                    rows.add(new double[] {t, part.currentA()[k], part.voltageV()[k], part.temperatureC()[k]});
                    last = t;
                }
            }
            if (type.equals("discharge")) {
                double ah = Double.parseDouble(f[h.indexOf("capacity_ah_nasa")]);
                if (chargedSinceDischarge || nasa.isEmpty()) {
                    nasa.add(ah);
                } else { // discharges 89 and 90 have no charge between them in the data: one cycle of the record
                    nasa.set(nasa.size() - 1, nasa.getLast() + ah);
                }
                chargedSinceDischarge = false;
            } else {
                chargedSinceDischarge = true;
            }
        }
        int n = rows.size();
        double[][] c = new double[4][n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < 4; j++) {
                c[j][k] = rows.get(k)[j];
            }
        }
        double[] nan = new double[n];
        Arrays.fill(nan, Double.NaN);
        CellTestLog log = new CellTestLog("B0005", c[0], c[1], c[2], c[3], nan, nan);
        // the health tracker's columns need a cell: a shipped preset at 2.0 Ah (its R0 and OCV are not NASA's cell's)
        EcmParameters preset = new PresetCatalog().load("psoa-ncm811").cell();
        EcmParameters cell = preset.scaled(2.0 / preset.capacityAh(), preset.capacityAh() / 2.0);
        LogCycleRecorder.record(
                dir, log, cell, HealthSettings.defaults(cell, 0.5 * cell.r0Ohms(), Double.NaN, 2.0), 2.7);

        List<String> warnings = new ArrayList<>();
        List<CycleRow> record = CycleRecordReader.read(dir, warnings::add);
        assertThat(warnings).isEmpty();
        // the campaign starts with a charge: cycle k holds NASA's discharge(s) after charge k
        List<CycleRow> cycles =
                record.stream().filter(r -> r.dischargeAh() > 0.5).toList();
        assertThat(cycles).hasSize(nasa.size());
        double worst = 0;
        for (int k = 0; k < cycles.size(); k++) {
            double err = cycles.get(k).dischargeAh() / nasa.get(k) - 1;
            worst = Math.max(worst, Math.abs(err));
        }
        long cutoff = cycles.stream().filter(r -> r.end() == CycleEnd.CUTOFF).count();
        // NASA's fade by the same fit: rows with NASA's capacity as the discharge
        List<CycleRow> nasaRows = new ArrayList<>();
        for (int k = 0; k < cycles.size(); k++) {
            CycleRow r = cycles.get(k);
            nasaRows.add(CycleRow.builder()
                    .kind(r.kind())
                    .cycle(r.cycle())
                    .cell(1)
                    .startMillis(0)
                    .endMillis(0)
                    .chargeAh(r.chargeAh())
                    .dischargeAh(nasa.get(k))
                    .chargeWh(0)
                    .dischargeWh(0)
                    .end(r.end())
                    .build());
        }
        CellCycleSeries recorded = CellCycleSeries.ofCell(record, 1);
        CellCycleSeries truth = CellCycleSeries.ofCell(nasaRows, 1);
        System.out.printf(
                "B0005: %d cycles recorded, %d ended at the cutoff, worst discharge vs NASA %.2f %%, "
                        + "fade %.2f +- "
                        + "%.2f (NASA %.2f) %% per 100 cycles, mean CE %.4f, %d comparable%n",
                record.size(),
                cutoff,
                100 * worst,
                recorded.fade().fadePercentPer100(),
                recorded.fade().fadeSigmaPercentPer100(),
                truth.fade().fadePercentPer100(),
                recorded.meanCoulombicEfficiency(),
                recorded.size());
        assertThat(worst).as("largest discharge error against NASA's capacity").isLessThan(0.01);
        assertThat(cutoff).as("discharges ended at the 2.7 V cutoff").isGreaterThanOrEqualTo(nasa.size() - 2);
        assertThat(recorded.fade().fadePercentPer100()).isCloseTo(truth.fade().fadePercentPer100(), within(0.5));
        int code = BmsCommand.execute(
                "report",
                "cycles",
                "--record",
                dir.toString(),
                "--out",
                dir.resolve("report").toString());
        assertThat(code).isZero();
        assertThat(Files.readString(dir.resolve("report/summary.md"))).contains("| cell 1 | ");
    }
}
