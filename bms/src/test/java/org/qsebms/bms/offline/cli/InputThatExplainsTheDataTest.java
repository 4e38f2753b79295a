package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qsebms.bms.offline.cli.PulsedNcmLog.refusedOnce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes the checker check20z (2026-12-06) made by hand on the shared logs and that the commands took,
 * or refused naming the wrong cause: a capacity off by a factor against the preset or the OCV tests,
 * columns swapped (current with capacity, current with temperature, voltage with temperature or
 * soc_ref), a temperature in tenths of a degree, a time column in minutes or hours. Each is refused (exit 2, one line) naming
 * the column or option, the value and the mistake that explains the data, first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputThatExplainsTheDataTest {
    @TempDir
    Path tmp;

    Path pan;
    Path a123;

    @BeforeAll
    void data() {
        Path data = SharedDataValidationTest.locateSharedData();
        pan = data.resolve("panasonic_18650pf_nca");
        a123 = data.resolve("a123_lfp_plett");
    }

    /** A shared log with its header's column names rewritten (a swap) or its rows mapped. */
    private Path rewrite(Path log, String name, String header, UnaryOperator<String[]> row) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> out = new ArrayList<>(List.of(header == null ? lines.get(0) : header));
        for (String line : lines.subList(1, lines.size())) {
            out.add(String.join(",", row.apply(line.split(",", -1))));
        }
        Path f = tmp.resolve(name);
        Files.write(f, out);
        return f;
    }

    private static UnaryOperator<String[]> scaled(int column, double factor) {
        return fields -> {
            fields[column] = String.format(Locale.ROOT, "%.8g", factor * Double.parseDouble(fields[column]));
            return fields;
        };
    }

    private static SharedDataValidationTest.Result replay(Path log, String... more) {
        List<String> args = new ArrayList<>(List.of(log.toString()));
        args.addAll(List.of(more));
        return SharedDataValidationTest.run(new ReplayCommand(), args.toArray(String[]::new));
    }

    private SharedDataValidationTest.Result characterizeNca(String capacity, String pulseTest) {
        return SharedDataValidationTest.run(
                new CharacterizeCommand(),
                "--ocv-test",
                pan.resolve("pan18650pf_25C_C20_OCV_native.csv").toString(),
                "--pulse-test",
                pulseTest,
                "--capacity-ah",
                capacity,
                "--base-preset",
                "psoa-ncm811",
                "--out",
                tmp.resolve("nca-" + capacity + ".yaml").toString());
    }

    @Test
    void aCapacityFarFromTheCharacterisedPresetsIsRefused() {
        // check20z: --capacity-ah 29 on the 2.9 Ah preset ran with RMSE 43 %, coverage 1-6 %
        Path preset = DocumentedRecipe.nca(pan, tmp.resolve("nca.yaml"));
        Path hwfta = pan.resolve("pan18650pf_25C_HWFTa.csv");
        refusedOnce(
                replay(hwfta, "--preset", preset.toString(), "--initial-soc", "0.7", "--capacity-ah", "29"),
                "--capacity-ah: 29 Ah is 10 times the 2.9 Ah of preset",
                "misplaced decimal point",
                "give the capacity of this cell in Ah");
        refusedOnce(
                replay(hwfta, "--preset", preset.toString(), "--initial-soc", "0.7", "--capacity-ah", "5.8"),
                "--capacity-ah: 5.8 Ah is 2 times the 2.9 Ah",
                "another cell's capacity");
        // an aged cell's capacity is the user's to give
        SharedDataValidationTest.Result aged = replay(
                hwfta,
                "--preset",
                preset.toString(),
                "--initial-soc",
                "0.7",
                "--capacity-ah",
                "2.3",
                "--out",
                tmp.resolve("aged").toString());
        assertThat(aged.exit()).as(aged.err()).isZero();
    }

    @Test
    void aCapacityTheOcvTestContradictsIsRefusedNamingTheCapacityFirst() {
        String hppc = pan.resolve("pan18650pf_25C_HPPC_native.csv").toString();
        // check20z: 5.8 (2x) wrote a preset that replayed at coverage 0.0 %
        refusedOnce(
                characterizeNca("5.8", hppc),
                "--capacity-ah: 5.8 Ah, but the OCV test pan18650pf_25C_C20_OCV_native.csv moves 2.99",
                "running the cell from full to empty",
                "another cell's capacity");
        // 1.45 was refused leading with "time_s looks like milliseconds"
        SharedDataValidationTest.Result half = characterizeNca("1.45", hppc);
        refusedOnce(half, "--capacity-ah: 1.45 Ah", "a cell gives no more charge than it holds");
        assertThat(half.err()).doesNotContain("milliseconds");
        assertThat(Files.exists(tmp.resolve("nca-1.45.yaml"))).isFalse();
    }

    @Test
    void aCapacityLikeNoUnitIsNamedBeforeATimeUnitInAReplay() {
        // a log that spans 2-5 capacities: no unit's factor, so the capacity leads
        SharedDataValidationTest.Result r = replay(
                pan.resolve("pan18650pf_25C_C20_OCV_native.csv"),
                "--chemistry",
                "psoa-ncm811",
                "--capacity-ah",
                "1.2",
                "--initial-soc",
                "1");
        refusedOnce(r, "the capacity looks too small");
        assertThat(r.err().indexOf("capacity looks too small"))
                .isLessThan(r.err().indexOf("ms or tenths"));
    }

    @Test
    void currentAndCapacitySwappedIsNamed() throws IOException {
        // check20z: replayed at 56 % coverage
        Path swapped = rewrite(
                pan.resolve("pan18650pf_25C_HWFTa.csv"),
                "swIC.csv",
                "time_s,capacity_ah,voltage_v,temperature_c,current_a,soc_ref",
                f -> f);
        refusedOnce(
                replay(swapped, "--chemistry", "psoa-ncm811", "--capacity-ah", "2.9", "--initial-soc", "0.7"),
                "swIC.csv: current_a and capacity_ah look swapped",
                "swap the two column names in the header");
    }

    @Test
    void currentAndTemperatureSwappedIsNamedNotMilliamps() throws IOException {
        // check20z: refused as "current_a looks like mA: divide by 1000"; following that replayed at 53 %
        for (Path log :
                List.of(pan.resolve("pan18650pf_25C_HWFTa.csv"), a123.resolve("a123_lfp_45C_script1_dyn.csv"))) {
            Path swapped = rewrite(
                    log,
                    "swIT-" + log.getFileName(),
                    "time_s,temperature_c,voltage_v,current_a,capacity_ah,soc_ref",
                    f -> f);
            boolean lfp = log.startsWith(a123);
            SharedDataValidationTest.Result r = replay(
                    swapped,
                    "--chemistry",
                    lfp ? "psoa-lfp" : "psoa-ncm811",
                    "--capacity-ah",
                    lfp ? "2.05" : "2.9",
                    "--initial-soc",
                    "0.7");
            refusedOnce(r, "current_a and temperature_c look swapped", "swap the two column names in the header");
            assertThat(r.err()).doesNotContain("mA");
        }
    }

    @Test
    void aRestWhileTheChamberCoolsIsNoSwap() throws IOException {
        // the 0 °C LA92's first 400 rows: no current, the temperature falling 18 -> 2 °C with the relaxing
        // voltage (their steps correlate by 0.90), which a first version of the swap check took for a current
        List<String> lines = Files.readAllLines(pan.resolve("pan18650pf_0C_LA92.csv"));
        Path rest = tmp.resolve("rest.csv");
        Files.write(rest, lines.subList(0, 401));
        SharedDataValidationTest.Result r = replay(
                rest,
                "--chemistry",
                "psoa-ncm811",
                "--capacity-ah",
                "2.9",
                "--initial-soc",
                "1",
                "--convergence-window",
                "0");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void voltageSwappedWithTemperatureOrSocRefIsNamed() throws IOException {
        Path hwfta = pan.resolve("pan18650pf_25C_HWFTa.csv");
        // check20z: "no cell reaches it", and "multiply the column by 10"
        Path vt = rewrite(hwfta, "swVT.csv", "time_s,current_a,temperature_c,voltage_v,capacity_ah,soc_ref", f -> f);
        refusedOnce(
                replay(vt, "--chemistry", "psoa-ncm811", "--capacity-ah", "2.9", "--initial-soc", "0.7"),
                "voltage_v and temperature_c look swapped",
                "swap the two column names");
        Path vs = rewrite(hwfta, "swVS.csv", "time_s,current_a,soc_ref,temperature_c,capacity_ah,voltage_v", f -> f);
        SharedDataValidationTest.Result r =
                replay(vs, "--chemistry", "psoa-ncm811", "--capacity-ah", "2.9", "--initial-soc", "0.7");
        refusedOnce(r, "voltage_v and soc_ref look swapped", "swap the two column names");
        assertThat(r.err()).doesNotContain("multiply");
    }

    @Test
    void aTemperatureInTenthsOfADegreeIsNamed() throws IOException {
        // check20z: a 25 °C log in tenths (250) was told "looks like kelvin: subtract 273.15" (-8.55 °C)
        Path tenths = rewrite(pan.resolve("pan18650pf_25C_HWFTa.csv"), "dC.csv", null, scaled(3, 10));
        SharedDataValidationTest.Result r =
                replay(tenths, "--chemistry", "psoa-ncm811", "--capacity-ah", "2.9", "--initial-soc", "0.7");
        refusedOnce(r, "tenths of a degree: divide the column by 10 (a median of 26.46 °C)", "or kelvin");
        assertThat(r.err().indexOf("tenths")).isLessThan(r.err().indexOf("kelvin"));
        // 45 °C in tenths (450) is no kelvin at all: it was "no cell is operated there"
        Path hot = rewrite(a123.resolve("a123_lfp_45C_script1_dyn.csv"), "dC45.csv", null, scaled(3, 10));
        SharedDataValidationTest.Result h =
                replay(hot, "--chemistry", "psoa-lfp", "--capacity-ah", "2.05", "--initial-soc", "0.7");
        refusedOnce(h, "temperature_c = 450 °C", "tenths of a degree: divide the column by 10 (a median of 45 °C)");
        assertThat(h.err()).doesNotContain("kelvin");
    }

    @Test
    void aTimeColumnInMinutesOrHoursIsNamed() throws IOException {
        // check20z: LFP 45 °C in minutes replayed with RMSE 88.6 % and "coverage 100 %"
        Path lfp45 = a123.resolve("a123_lfp_45C_script1_dyn.csv");
        Path minutes = rewrite(lfp45, "min.csv", null, scaled(0, 1 / 60.0));
        refusedOnce(
                replay(minutes, "--chemistry", "psoa-lfp", "--capacity-ah", "2.05", "--initial-soc", "0.7"),
                "min.csv: the charge counted from current_a over time_s",
                "is 1/60 of the charge the log records",
                "time_s looks like minutes: multiply the column by 60");
        Path hours = rewrite(pan.resolve("pan18650pf_25C_HWFTa.csv"), "h.csv", null, scaled(0, 1 / 3600.0));
        refusedOnce(
                replay(hours, "--chemistry", "psoa-ncm811", "--capacity-ah", "2.9", "--initial-soc", "0.7"),
                "time_s looks like hours: multiply the column by 3600");
    }

    @Test
    void anHppcTestInMinutesIsRefusedByCharacterize() throws IOException {
        // check20z: written with R0 27 mOhm and tau2 0.5 s (right: 17.5 mOhm, 31.2 s)
        Path minutes =
                rewrite(pan.resolve("pan18650pf_25C_HPPC_native.csv"), "hppc-min.csv", null, scaled(0, 1 / 60.0));
        refusedOnce(
                characterizeNca("2.9", minutes.toString()),
                "hppc-min.csv",
                "time_s looks like minutes: multiply the column by 60");
        assertThat(Files.exists(tmp.resolve("nca-2.9.yaml"))).isFalse();
    }
}
