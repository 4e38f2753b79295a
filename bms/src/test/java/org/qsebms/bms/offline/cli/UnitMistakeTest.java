package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/**
 * Logs and capacities that no cell can have are refused by {@code bms replay} and
 * {@code bms characterize}, naming the column, the value and the likely unit mistake; the same log
 * in the right units is accepted.
 */
class UnitMistakeTest {
    @TempDir
    Path tmp;

    /** One row of a log, in the units the file will hold. */
    private record Row(double seconds, double amps, double volts, double celsius) {}

    /**
     * The shipped NCM811 cell from 90 % SOC: 60 s discharge pulses at 1 C with 60 s rests, then
     * 2 C pulses (so the characterizer finds pulses), at 25 °C, through {@code units}.
     */
    private Path log(String name, Function<Row, Row> units, String header) throws IOException {
        EcmParameters p = new PresetCatalog().load("psoa-ncm811").cell();
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.9, 25);
        StringBuilder b = new StringBuilder(header + "\n");
        for (int k = 0; k < 3600; k++) {
            double amps = (k / 60) % 2 == 0 ? 0.0 : -(k < 1800 ? 1 : 2) * p.capacityAh();
            cell.step(amps, 1.0);
            Row r = units.apply(new Row(k, amps, cell.terminalVolts(), 25.0));
            b.append(String.format(Locale.ROOT, "%.0f,%.4f,%.5f,%.2f%n", r.seconds, r.amps, r.volts, r.celsius));
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, b);
        return f;
    }

    private Path log(String name, Function<Row, Row> units) throws IOException {
        return log(name, units, "time_s,current_a,voltage_v,temperature_c");
    }

    private SharedDataValidationTest.Result replay(Path log, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = log.toString();
        args[1] = "--chemistry";
        args[2] = "psoa-ncm811";
        System.arraycopy(more, 0, args, 3, more.length);
        return SharedDataValidationTest.run(new ReplayCommand(), args);
    }

    @Test
    void theSameLogInTheRightUnitsIsReplayed() throws IOException {
        SharedDataValidationTest.Result r = replay(log("ok.csv", row -> row));
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void aFewGlitchRowsAreNotAUnitMistake() throws IOException {
        // like the NASA charge file that starts at 8.4 V for three rows
        SharedDataValidationTest.Result r = replay(
                log("glitch.csv", row -> row.seconds < 3 ? new Row(row.seconds, row.amps, 8.39, row.celsius) : row));
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void millivoltsAreNamed() throws IOException {
        SharedDataValidationTest.Result r =
                replay(log("mv.csv", row -> new Row(row.seconds, row.amps, 1000 * row.volts, row.celsius)));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("mv.csv", "voltage_v", "data row 1", "millivolts", "divide the column by 1000");
        assertThat(r.err()).containsPattern("voltage_v = 4\\d{3}(\\.\\d+)? V");
    }

    @Test
    void milliampsAreNamed() throws IOException {
        SharedDataValidationTest.Result r =
                replay(log("ma.csv", row -> new Row(row.seconds, 1000 * row.amps, row.volts, row.celsius)));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("ma.csv", "current_a", "looks like mA", "divide the column by 1000");
    }

    @Test
    void kelvinIsNamed() throws IOException {
        SharedDataValidationTest.Result r =
                replay(log("k.csv", row -> new Row(row.seconds, row.amps, row.volts, row.celsius + 273.15)));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("k.csv", "temperature_c = 298.15", "looks like kelvin", "subtract 273.15");
    }

    @Test
    void swappedCurrentAndVoltageAreNamed() throws IOException {
        SharedDataValidationTest.Result r =
                replay(log("swapped.csv", row -> row, "time_s,voltage_v,current_a,temperature_c"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("swapped.csv", "current_a and voltage_v look swapped", "swap the two column names");
    }

    @Test
    void theOppositeSignConventionIsNamed() throws IOException {
        // found by the adversarial check of 2026-12-03: a discharge-positive log was replayed (RMSE 56 %)
        SharedDataValidationTest.Result r =
                replay(log("sign.csv", row -> new Row(row.seconds, -row.amps, row.volts, row.celsius)));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("sign.csv", "current_a looks like the opposite sign convention", "negate the column");
        assertThat(r.err()).containsPattern("at \\d+ of \\d+ current steps");
    }

    /** A 40 min constant 1 C discharge of the shipped NCM811 cell (one current step), current times {@code sign}. */
    private Path constantCurrentLog(String name, double sign) throws IOException {
        EcmParameters p = new PresetCatalog().load("psoa-ncm811").cell();
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.9, 25);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c\n");
        for (int k = 0; k < 2400; k++) {
            double amps = k == 0 ? 0 : -p.capacityAh();
            cell.step(amps, k == 0 ? 0 : 1.0);
            b.append(String.format(Locale.ROOT, "%d,%.4f,%.5f,25.0%n", k, sign * amps, cell.terminalVolts()));
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, b);
        return f;
    }

    @Test
    void theOppositeSignOfAConstantCurrentLogIsNamedByTheVoltagesTrend() throws IOException {
        // one step only: judged by the OCV falling as the counted charge rises
        SharedDataValidationTest.Result r = replay(constantCurrentLog("cc-sign.csv", -1));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains(
                        "cc-sign.csv",
                        "opposite sign convention",
                        "the voltage falls as the counted charge rises",
                        "negate the column");
        SharedDataValidationTest.Result right = replay(constantCurrentLog("cc.csv", 1));
        assertThat(right.exit()).as(right.err()).isZero();
    }

    @Test
    void fahrenheitIsNamedAgainstThePresetsShutdown() throws IOException {
        // 25 °C is 77 °F: inside -60..150, but above the 60 °C at which psoa-ncm811 shuts the cell down
        SharedDataValidationTest.Result r =
                replay(log("f.csv", row -> new Row(row.seconds, row.amps, row.volts, row.celsius * 1.8 + 32)));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("f.csv", "temperature_c has a median of 77 °C", "preset 'psoa-ncm811'", "°F")
                .contains("(F - 32) / 1.8 gives a median of 25 °C");
    }

    @Test
    void aFewHotRowsAreNotFahrenheit() throws IOException {
        SharedDataValidationTest.Result r = replay(
                log("hot.csv", row -> row.seconds < 600 ? new Row(row.seconds, row.amps, row.volts, 70.0) : row));
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void aTimeColumnInMillisecondsIsNamed() throws IOException {
        SharedDataValidationTest.Result r =
                replay(log("ms.csv", row -> new Row(1000 * row.seconds, row.amps, row.volts, row.celsius)));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("ms.csv", "median time step is 1000 s", "time_s looks like milliseconds")
                .doesNotContain("current_a looks like mA");
    }

    @Test
    void aMissingReadingSaysHowToFixIt() throws IOException {
        List<String> lines = Files.readAllLines(log("ok.csv", row -> row));
        List<String> withNaN = new ArrayList<>(lines);
        withNaN.add(500, "NaN,NaN,NaN,NaN");
        Path nan = tmp.resolve("nan.csv");
        Files.write(nan, withNaN);
        SharedDataValidationTest.Result r = replay(nan);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nan.csv line 501", "(time_s): 'NaN' is not a finite number", "remove the row");

        List<String> withGap = new ArrayList<>(lines);
        withGap.set(799, "798,,3.9,25");
        Path gap = tmp.resolve("gap.csv");
        Files.write(gap, withGap);
        SharedDataValidationTest.Result g = replay(gap);
        assertThat(g.exit()).isEqualTo(2);
        assertThat(g.err()).contains("gap.csv line 800", "(current_a): '' is not a finite number", "fill the gap");
    }

    /**
     * A file the export or copy broke (found by an adversarial check, 2026-12-03, {@code check20}: an
     * empty file was "not a cell-log format bms knows", a cut-off last row "expected 6 columns, found
     * 4", a misspelt column only "header lacks column"): each is named with its fix, through both
     * commands.
     */
    @Test
    void aBrokenFileIsNamedWithItsFix() throws IOException {
        Path ok = log("ok.csv", row -> row);
        String text = Files.readString(ok);
        record Broken(String file, String content, String... named) {}
        List<Broken> cases = List.of(
                new Broken("empty.csv", "", "empty.csv: the file is empty (0 bytes"),
                new Broken("blank.csv", "\n\n", "blank.csv: the file is empty"),
                new Broken("header.csv", "time_s,current_a,voltage_v,temperature_c\n", "a header but no data rows"),
                new Broken(
                        "cut.csv",
                        text.substring(0, text.lastIndexOf(',', text.length() - 20)),
                        "in the file's last row: the file ends in the middle of a row, so it looks cut off"),
                new Broken(
                        "short.csv",
                        text.replaceFirst("\n1,([^,]*),([^,]*),([^\n]*)\n", "\n1,$1\n"),
                        "short.csv line 3: expected 4 columns, found 2; fill the missing columns of that row"),
                new Broken(
                        "typo.csv",
                        text.replaceFirst("current_a", "curent_a"),
                        "header lacks column 'current_a'",
                        "'curent_a' looks like a misspelling: rename it to 'current_a'"),
                new Broken(
                        "renamed.csv",
                        text.replaceFirst("temperature_c", "temp"),
                        "header lacks column 'temperature_c'",
                        "rename that column in the header to 'temperature_c'"));
        Path out = tmp.resolve("cell.yaml");
        for (Broken b : cases) {
            Path f = tmp.resolve(b.file());
            Files.writeString(f, b.content());
            SharedDataValidationTest.Result r = replay(f);
            assertThat(r.exit()).as(b.file()).isEqualTo(2);
            assertThat(r.err()).as(b.file()).contains(b.named());
            SharedDataValidationTest.Result c = SharedDataValidationTest.run(
                    new CharacterizeCommand(),
                    "--ocv-test",
                    ok.toString(),
                    "--pulse-test",
                    f.toString(),
                    "--capacity-ah",
                    "2.0",
                    "--out",
                    out.toString());
            assertThat(c.exit()).as(b.file()).isEqualTo(2);
            assertThat(c.err()).as(b.file()).contains(b.named());
        }
        assertThat(out).doesNotExist();
    }

    /**
     * A capacity ten or a hundred times too large, but under the 1000 Ah no cell reaches (the A123
     * cell's 2.05 Ah typed as 205, or a 0.5 Ah cell's 500 mAh): {@code bms characterize} said "no
     * current pulse after a rest was found" (an adversarial check, 2026-12-03, {@code check20}). The
     * tests, of which an OCV test runs the cell over most of its charge, now name it.
     */
    @Test
    void aCapacityTheOcvTestsCannotHaveRunThroughIsNamed() throws IOException {
        Path ok = log("ok.csv", row -> row);
        double capacityAh = new PresetCatalog().load("psoa-ncm811").cell().capacityAh();
        Path out = tmp.resolve("cell.yaml");
        for (double factor : new double[] {10, 100}) {
            SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                    new CharacterizeCommand(),
                    "--ocv-test",
                    ok.toString(),
                    "--pulse-test",
                    ok.toString(),
                    "--capacity-ah",
                    String.valueOf(factor * capacityAh),
                    "--out",
                    out.toString());
            assertThat(r.exit()).as("x" + factor).isEqualTo(2);
            assertThat(r.err())
                    .as("x" + factor)
                    .contains("--capacity-ah: ", "the tests move at most", "times too large")
                    .doesNotContain("no current pulse");
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void aCapacityInMilliampHoursIsNamed() throws IOException {
        SharedDataValidationTest.Result r = replay(log("ok.csv", row -> row), "--capacity-ah", "2900");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--capacity-ah: 2900 Ah", "looks like mAh", "give 2.9 for 2900 mAh");
    }

    @Test
    void aCurrentSensorErrorIsAppliedToTheLogAndCoulombCountingShowsIt() throws IOException {
        EcmParameters p = new PresetCatalog().load("psoa-ncm811").cell();
        Path log = tmp.resolve("ref.csv");
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.9, 25);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c,soc_ref\n");
        for (int k = 0; k <= 1800; k++) {
            double amps = k == 0 ? 0 : (k / 60) % 2 == 0 ? 0.0 : -p.capacityAh();
            cell.step(amps, k == 0 ? 0 : 1.0);
            b.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,25.0,%.8f%n", k, amps, cell.terminalVolts(), cell.soc()));
        }
        Files.writeString(log, b);
        SharedDataValidationTest.Result clean =
                replay(log, "--out", tmp.resolve("clean").toString(), "--convergence-window", "0");
        SharedDataValidationTest.Result offset = replay(
                log,
                "--current-offset-a",
                "0.1",
                "--current-gain",
                "0.98",
                "--out",
                tmp.resolve("offset").toString(),
                "--convergence-window",
                "0");
        assertThat(clean.exit()).as(clean.err()).isZero();
        assertThat(offset.exit()).as(offset.err()).isZero();
        assertThat(SharedDataValidationTest.json(clean.out()).get("coulomb_max_error_pct"))
                .isLessThan(0.01);
        // +0.1 A for 1800 s and -2 % of the 900 s at 1 C, over the capacity
        double expected = 100 * (0.1 * 1800 + 0.02 * p.capacityAh() * 900) / 3600 / p.capacityAh();
        assertThat(SharedDataValidationTest.json(offset.out()).get("coulomb_max_error_pct"))
                .isCloseTo(expected, org.assertj.core.api.Assertions.within(0.02));
        assertThat(offset.out()).contains("coulomb counting from a perfect start");

        SharedDataValidationTest.Result badGain = replay(log, "--current-gain", "3");
        assertThat(badGain.exit()).isEqualTo(2);
        assertThat(badGain.err()).contains("--current-gain: 3.0 is outside 0.5..1.5");
    }

    @Test
    void characterizeRefusesTheSameMistakes() throws IOException {
        Path ok = log("ok.csv", row -> row);
        Path ma = log("ma.csv", row -> new Row(row.seconds, 1000 * row.amps, row.volts, row.celsius));
        Path kelvin = log("k.csv", row -> new Row(row.seconds, row.amps, row.volts, row.celsius + 273.15));
        Path out = tmp.resolve("cell.yaml");

        SharedDataValidationTest.Result mah = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                ok.toString(),
                "--pulse-test",
                ok.toString(),
                "--capacity-ah",
                "2900",
                "--out",
                out.toString());
        assertThat(mah.exit()).isEqualTo(2);
        assertThat(mah.err()).contains("looks like mAh").doesNotContain("no current pulse");

        SharedDataValidationTest.Result milliamps = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                ok.toString(),
                "--pulse-test",
                ma.toString(),
                "--capacity-ah",
                "2.0",
                "--out",
                out.toString());
        assertThat(milliamps.exit()).isEqualTo(2);
        assertThat(milliamps.err()).contains("ma.csv", "current_a", "looks like mA");

        SharedDataValidationTest.Result k = SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                kelvin.toString(),
                "--pulse-test",
                ok.toString(),
                "--capacity-ah",
                "2.0",
                "--out",
                out.toString());
        assertThat(k.exit()).isEqualTo(2);
        assertThat(k.err()).contains("k.csv", "kelvin");
        assertThat(out).doesNotExist();
    }

    @Test
    void characterizeRefusesTheSignTimeAndFahrenheitMistakes() throws IOException {
        Path ok = log("ok.csv", row -> row);
        Path out = tmp.resolve("cell.yaml");
        record Mistake(Path log, String named) {}
        for (Mistake m : List.of(
                new Mistake(
                        log("sign.csv", row -> new Row(row.seconds, -row.amps, row.volts, row.celsius)),
                        "opposite sign convention"),
                new Mistake(
                        log("ms.csv", row -> new Row(1000 * row.seconds, row.amps, row.volts, row.celsius)),
                        "time_s looks like milliseconds"),
                new Mistake(
                        log("f.csv", row -> new Row(row.seconds, row.amps, row.volts, 1.8 * row.celsius + 32)),
                        "if the column is in °F"))) {
            SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                    new CharacterizeCommand(),
                    "--ocv-test",
                    ok.toString(),
                    "--pulse-test",
                    m.log().toString(),
                    "--capacity-ah",
                    "2.0",
                    "--out",
                    out.toString());
            assertThat(r.exit()).as(m.named()).isEqualTo(2);
            assertThat(r.err()).contains(m.log().getFileName().toString(), m.named());
        }
        assertThat(out).doesNotExist();
    }
}
