package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qsebms.bms.offline.cli.PulsedNcmLog.refusedOnce;
import static org.qsebms.bms.offline.cli.PulsedNcmLog.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.offline.cli.PulsedNcmLog.Row;

/**
 * Inputs no cell can have, which {@code bms replay} (and {@code bms characterize}) took with exit 0
 * (issue 20, tester's report 2026-12-06): soc_ref in percent or beyond 0..1, time in tenths of a
 * second, voltage in V/10. Each is refused with exit 2 and one message naming where, the value and
 * the likely mistake; every shared log still passes.
 */
class InputNoCellHasTest {
    @TempDir
    Path tmp;

    private Path log(String name, UnaryOperator<Row> units) throws IOException {
        return PulsedNcmLog.write(tmp, name, units);
    }

    @Test
    void theLogInTheRightUnitsIsReplayed() throws IOException {
        SharedDataValidationTest.Result r = replay(log("ok.csv", row -> row));
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void socRefInPercentIsNamed() throws IOException {
        Path pct = log("pct.csv", r -> new Row(r.seconds(), r.amps(), r.volts(), r.celsius(), 100 * r.soc()));
        refusedOnce(
                replay(pct), "pct.csv", "soc_ref = 90", "data row 1", "looks like percent", "divide the column by 100");
    }

    @Test
    void socRefBeyondZeroToOneIsNamed() throws IOException {
        Path high = log("high.csv", r -> new Row(r.seconds(), r.amps(), r.volts(), r.celsius(), r.soc() + 0.3));
        refusedOnce(replay(high), "high.csv", "soc_ref = 1.2", "data row 1", "outside 0..1");
        Path low = log("low.csv", r -> new Row(r.seconds(), r.amps(), r.volts(), r.celsius(), r.soc() - 1.2));
        refusedOnce(replay(low), "low.csv", "soc_ref = -0.3", "outside 0..1");
    }

    @Test
    void aTimeColumnInTenthsOfASecondIsNamed() throws IOException {
        Path ds = log("ds.csv", r -> new Row(10 * r.seconds(), r.amps(), r.volts(), r.celsius(), r.soc()));
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
        Path tenth = log("v10.csv", r -> new Row(r.seconds(), r.amps(), r.volts() / 10, r.celsius(), r.soc()));
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
                "zero.csv",
                row -> row.seconds() < 20 ? new Row(row.seconds(), row.amps(), 0.0, row.celsius(), row.soc()) : row));
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
