package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/**
 * Inputs no cell can have, which {@code bms replay} (and {@code bms characterize}) took with exit 0
 * (issue 20, tester's report 2026-12-06): soc_ref in percent or beyond 0..1, time in tenths of a
 * second, voltage in V/10. Each is refused with exit 2 and one message naming where, the value and
 * the likely mistake; every shared log still passes.
 */
class InputNoCellHasTest {
    @TempDir
    Path tmp;

    private static final String HEADER = "time_s,current_a,voltage_v,temperature_c,soc_ref";

    /** One row: time, current, voltage, temperature, soc_ref. */
    private record Row(double seconds, double amps, double volts, double celsius, double soc) {}

    /** The shipped NCM811 cell from 90 % SOC, 1 C discharge pulses of 60 s with 60 s rests, for 3600 s. */
    private Path log(String name, UnaryOperator<Row> units) throws IOException {
        EcmParameters p = new PresetCatalog().load("psoa-ncm811").cell();
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.9, 25);
        StringBuilder b = new StringBuilder(HEADER + "\n");
        for (int k = 0; k < 3600; k++) {
            double amps = (k / 60) % 2 == 0 ? 0.0 : -p.capacityAh();
            cell.step(amps, k == 0 ? 0 : 1.0);
            Row r = units.apply(new Row(k, amps, cell.terminalVolts(), 25.0, cell.soc()));
            b.append(String.format(
                    Locale.ROOT, "%.1f,%.4f,%.5f,%.2f,%.6f%n", r.seconds, r.amps, r.volts, r.celsius, r.soc));
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, b);
        return f;
    }

    private static SharedDataValidationTest.Result replay(Path log, String... more) {
        List<String> args = new ArrayList<>(List.of(log.toString(), "--chemistry", "psoa-ncm811"));
        args.addAll(List.of(more));
        return SharedDataValidationTest.run(new ReplayCommand(), args.toArray(String[]::new));
    }

    private static void refusedOnce(SharedDataValidationTest.Result r, String... named) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(named).doesNotContain("Exception", "\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }

    @Test
    void theLogInTheRightUnitsIsReplayed() throws IOException {
        SharedDataValidationTest.Result r = replay(log("ok.csv", row -> row));
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void socRefInPercentIsNamed() throws IOException {
        Path pct = log("pct.csv", r -> new Row(r.seconds, r.amps, r.volts, r.celsius, 100 * r.soc));
        refusedOnce(
                replay(pct), "pct.csv", "soc_ref = 90", "data row 1", "looks like percent", "divide the column by 100");
    }

    @Test
    void socRefBeyondZeroToOneIsNamed() throws IOException {
        Path high = log("high.csv", r -> new Row(r.seconds, r.amps, r.volts, r.celsius, r.soc + 0.3));
        refusedOnce(replay(high), "high.csv", "soc_ref = 1.2", "data row 1", "outside 0..1");
        Path low = log("low.csv", r -> new Row(r.seconds, r.amps, r.volts, r.celsius, r.soc - 1.2));
        refusedOnce(replay(low), "low.csv", "soc_ref = -0.3", "outside 0..1");
    }

    @Test
    void aTimeColumnInTenthsOfASecondIsNamed() throws IOException {
        Path ds = log("ds.csv", r -> new Row(10 * r.seconds, r.amps, r.volts, r.celsius, r.soc));
        refusedOnce(replay(ds), "ds.csv", "time_s looks like milliseconds or tenths of a second", "capacities");
    }

    @Test
    void theTestersDecisecondCycleIsNamed() throws IOException {
        // 0 °C Cycle_1 with time_s x10: 8.9 capacities through the 2.9 Ah cell, replayed with exit 0 before
        Path pan = SharedDataValidationTest.locateSharedData().resolve("panasonic_18650pf_nca");
        List<String> lines = Files.readAllLines(pan.resolve("pan18650pf_0C_Cycle_1.csv"));
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.indexOf(',');
            out.add(String.format(Locale.ROOT, "%.1f", 10 * Double.parseDouble(line.substring(0, comma)))
                    + line.substring(comma));
        }
        Path ds = tmp.resolve("cycle1-ds.csv");
        Files.write(ds, out);
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(), ds.toString(), "--chemistry", "psoa-ncm811", "--capacity-ah", "2.9");
        refusedOnce(r, "cycle1-ds.csv", "tenths of a second", "through a 2.9 Ah cell");
    }

    @Test
    void aVoltageInTenthsOfAVoltIsNamedByReplayAndCharacterize() throws IOException {
        Path ok = log("ok.csv", row -> row);
        Path tenth = log("v10.csv", r -> new Row(r.seconds, r.amps, r.volts / 10, r.celsius, r.soc));
        refusedOnce(
                replay(tenth),
                "v10.csv",
                "voltage_v has a median of 0.3",
                "V/10 or behind a divider",
                "multiply the column by 10");
        Path out = tmp.resolve("cell.yaml");
        SharedDataValidationTest.Result c = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                ok.toString(),
                "--pulse-test",
                tenth.toString(),
                "--capacity-ah",
                "1.845",
                "--out",
                out.toString());
        refusedOnce(c, "v10.csv", "V/10 or behind a divider");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFewRowsAtZeroVoltsAreNotAUnitMistake() throws IOException {
        SharedDataValidationTest.Result r = replay(log(
                "zero.csv", row -> row.seconds < 20 ? new Row(row.seconds, row.amps, 0.0, row.celsius, row.soc) : row));
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /**
     * Every shared log still passes the checks, against its own cell's capacity and against the
     * smallest shipped preset's (a replay without --capacity-ah): the tightened limits refuse no real log.
     */
    @Test
    void everySharedLogStillPasses() throws IOException {
        Path data = SharedDataValidationTest.locateSharedData();
        double smallest = 1.637; // ptpa-ncm811, the smallest shipped preset
        java.util.Map<String, Double> capacity =
                java.util.Map.of("panasonic_18650pf_nca", 2.9, "a123_lfp_plett", 2.05, "nasa_pcoe_aging_18650", 2.0);
        int checked = 0;
        try (var files = Files.walk(data)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                String name = f.getFileName().toString();
                String cell = data.relativize(f).getName(0).toString();
                if (!capacity.containsKey(cell) || !Files.readString(f).startsWith("time_s,current_a,voltage_v")) {
                    continue;
                }
                var log = org.qsebms.bms.offline.replay.CellLogCsv.read(f);
                for (double ah : new double[] {capacity.get(cell), smallest}) {
                    try {
                        org.qsebms.bms.offline.replay.CellLogPlausibility.check(log, ah);
                        org.qsebms.bms.offline.replay.CellLogPlausibility.checkSocRef(log);
                    } catch (org.qsebms.bms.offline.replay.LogFormatException e) {
                        throw new AssertionError(name + " at " + ah + " Ah: " + e.getMessage(), e);
                    }
                }
                checked++;
            }
        }
        assertThat(checked).as("shared logs checked").isGreaterThan(600);
    }
}
