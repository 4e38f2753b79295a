package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
