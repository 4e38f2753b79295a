package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

class ReplayCommandTest {
    @TempDir
    Path tmp;

    /** A log simulated with the shipped NCM811 preset's own cell: 1 A discharge pulses with rests. */
    private Path simulatedLog(int rows) throws IOException {
        EcmParameters p = new PresetCatalog().load("psoa-ncm811").cell();
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.9, 25);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c,soc_ref\n");
        for (int k = 0; k < rows; k++) {
            double amps = (k / 60) % 2 == 0 ? -2.0 : 0.0;
            cell.step(amps, 1.0);
            b.append(String.format(Locale.ROOT, "%d,%.4f,%.5f,25.0,%.6f%n", k, amps, cell.terminalVolts(), cell.soc()));
        }
        Path f = tmp.resolve("sim.csv");
        Files.writeString(f, b);
        return f;
    }

    @Test
    void writesOneCsvRowPerInputRowAndAJsonSummary() throws IOException {
        Path log = simulatedLog(1800);
        Path out = tmp.resolve("out");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                log.toString(),
                "--chemistry",
                "psoa-ncm811",
                "--initial-soc",
                "0.6",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("replay.csv"));
        assertThat(rows).hasSize(1801);
        assertThat(rows.get(0))
                .isEqualTo("time_s,soc_est,soc_bound_3sigma,r0_ohm,capacity_ah_est,voltage_sigma_v,soc_ref");
        // the voltage sigma the filter used: never below its 80 mV design value
        assertThat(rows.subList(1, rows.size()))
                .allSatisfy(
                        row -> assertThat(Double.parseDouble(row.split(",")[5])).isGreaterThanOrEqualTo(0.08));
        assertThat(out.resolve("replay.png")).isNotEmptyFile();
        assertThat(r.out().lines().filter(l -> l.startsWith("{"))).hasSize(1);
        assertThat(SharedDataValidationTest.json(r.out()).get("soc_rmse_pct")).isLessThan(1.0);
    }

    @Test
    void theCurrentSensorsRatedLimitsWidenOnlyTheBound() throws IOException {
        Path log = simulatedLog(3600);
        java.util.Map<String, Double> rated = replaySummary(log, "rated");
        java.util.Map<String, Double> none =
                replaySummary(log, "none", "--current-sensor-offset-limit-a", "0", "--current-sensor-gain-limit", "0");
        java.util.Map<String, Double> tighter = replaySummary(
                log, "tighter", "--current-sensor-offset-limit-a", "0.01", "--current-sensor-gain-limit", "0.005");
        // the estimate does not read the sensor's share: the same error, a bound that grows with the limits
        assertThat(none.get("soc_rmse_pct")).isEqualTo(rated.get("soc_rmse_pct"));
        assertThat(none.get("bound_3sigma_median_pct"))
                .isLessThan(tighter.get("bound_3sigma_median_pct"))
                .isLessThan(rated.get("bound_3sigma_median_pct"));
        assertThat(tighter.get("bound_3sigma_median_pct")).isLessThan(rated.get("bound_3sigma_median_pct"));
        SharedDataValidationTest.Result bad = SharedDataValidationTest.run(
                new ReplayCommand(),
                log.toString(),
                "--chemistry",
                "psoa-ncm811",
                "--current-sensor-gain-limit",
                "-0.03");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--current-sensor-gain-limit").contains("currentGainErrorLimit");
    }

    private java.util.Map<String, Double> replaySummary(Path log, String name, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                log.toString(),
                "--chemistry",
                "psoa-ncm811",
                "--initial-soc",
                "0.6",
                "--out",
                tmp.resolve(name).toString()));
        args.addAll(List.of(extra));
        SharedDataValidationTest.Result r =
                SharedDataValidationTest.run(new ReplayCommand(), args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return SharedDataValidationTest.json(r.out());
    }

    /** A simulated CC-CV charge to 4.15 V, a rest and a 1 C discharge to 3.5 V, logged at 1 s. */
    private Path fullCycleLog() throws IOException {
        EcmParameters p = new PresetCatalog().load("psoa-ncm811").cell();
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.4, 25);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c\n");
        double amps = 0.5 * p.capacityAh();
        int k = 0;
        double socAtEndOfCharge = Double.NaN;
        double socAtCutoff = Double.NaN;
        for (String phase : new String[] {"charge", "rest", "discharge"}) {
            int stepsInPhase = 0;
            while (true) {
                double i = switch (phase) {
                    case "charge" -> amps;
                    case "rest" -> 0.0;
                    default -> -p.capacityAh();
                };
                cell.step(i, 1.0);
                double v = cell.terminalVolts();
                if (phase.equals("charge") && v > 4.15) {
                    amps -= (v - 4.15) / p.r0Ohms(); // constant voltage: the next step holds 4.15 V
                }
                b.append(String.format(Locale.ROOT, "%d,%.5f,%.5f,25.0%n", k++, i, v));
                stepsInPhase++;
                if (phase.equals("charge") && amps < 0.02 * p.capacityAh()) {
                    socAtEndOfCharge = cell.soc();
                    break;
                }
                if (phase.equals("rest") && stepsInPhase >= 600) {
                    break;
                }
                if (phase.equals("discharge") && v <= 3.5) {
                    socAtCutoff = cell.soc();
                    break;
                }
                assertThat(k).isLessThan(100_000);
            }
        }
        deliveredAh = (socAtEndOfCharge - socAtCutoff) * p.capacityAh();
        Path f = tmp.resolve("cycle.csv");
        Files.writeString(f, b);
        return f;
    }

    private double deliveredAh;

    @Test
    void measuresTheUsableCapacityOfALoggedFullCycleAndSaysWhyWhenItCannot() throws IOException {
        Path log = fullCycleLog();
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(),
                log.toString(),
                "--chemistry",
                "psoa-ncm811",
                "--charge-volts",
                "4.15",
                "--cutoff-volts",
                "3.5",
                "--out",
                tmp.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // the simulated cell's own charge between the end of the taper (C/50) and the cutoff; the meter marks full from
        // C/10
        assertThat(SharedDataValidationTest.json(r.out()).get("usable_capacity_ah"))
                .isCloseTo(deliveredAh, org.assertj.core.data.Offset.offset(0.01 * deliveredAh));
        assertThat(SharedDataValidationTest.json(r.out()).get("usable_capacity_c"))
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.out()).contains("usable capacity (full to the cutoff): ");
        // a cutoff the discharge never reached: nothing made up, and the reason
        SharedDataValidationTest.Result low = SharedDataValidationTest.run(
                new ReplayCommand(),
                log.toString(),
                "--chemistry",
                "psoa-ncm811",
                "--charge-volts",
                "4.15",
                "--cutoff-volts",
                "3.0");
        assertThat(low.exit()).isZero();
        assertThat(low.out())
                .contains("usable capacity: not measured (no discharge from a full charge reached the cutoff");
    }

    @Test
    void usableCapacityOptionsThatCannotWorkAreRefusedWithTheFix() throws IOException {
        Path log = simulatedLog(60);
        SharedDataValidationTest.Result crossed = SharedDataValidationTest.run(
                new ReplayCommand(), log.toString(), "--chemistry", "psoa-ncm811", "--cutoff-volts", "4.18");
        assertThat(crossed.exit()).isEqualTo(2);
        assertThat(crossed.err())
                .contains("--cutoff-volts: 4.18 V must be above 0 and more than 0.05 V below the charge "
                        + "voltage (4.2 V, the preset's over-voltage MOL; set it with --charge-volts)");
        SharedDataValidationTest.Result alone = SharedDataValidationTest.run(
                new ReplayCommand(), log.toString(), "--chemistry", "psoa-ncm811", "--starts-full");
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err()).contains("--starts-full needs --cutoff-volts");
    }

    @Test
    void namesLineAndColumnOfABadNumber() throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "time_s,current_a,voltage_v,temperature_c\n0,-1,3.9,25\n1,-1,3.9x,25\n");
        SharedDataValidationTest.Result r =
                SharedDataValidationTest.run(new ReplayCommand(), f.toString(), "--chemistry", "psoa-ncm811");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv line 3, column 3 (voltage_v): '3.9x' is not a finite number");
    }

    @Test
    void namesTheMissingHeaderColumn() throws IOException {
        Path f = tmp.resolve("nohdr.csv");
        Files.writeString(f, "time_s,current_a,temperature_c\n0,-1,25\n");
        SharedDataValidationTest.Result r =
                SharedDataValidationTest.run(new ReplayCommand(), f.toString(), "--chemistry", "psoa-ncm811");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nohdr.csv line 1: header lacks column 'voltage_v'");
    }

    @Test
    void rejectsAnInitialSocOutsideTheUnitInterval() throws IOException {
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(), simulatedLog(10).toString(), "--chemistry", "psoa-ncm811", "--initial-soc", "70");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--initial-soc: 70.0 is outside 0..1");
    }

    @Test
    void requiresExactlyOneOfChemistryAndPreset() throws IOException {
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(), simulatedLog(10).toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--chemistry").contains("--preset");
    }
}
