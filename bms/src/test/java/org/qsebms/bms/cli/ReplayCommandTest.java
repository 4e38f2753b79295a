package org.qsebms.bms.cli;

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
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(new ReplayCommand(), log.toString(),
                "--chemistry", "psoa-ncm811", "--initial-soc", "0.6", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("replay.csv"));
        assertThat(rows).hasSize(1801);
        assertThat(rows.get(0)).isEqualTo("time_s,soc_est,soc_bound_3sigma,r0_ohm,capacity_ah_est,soc_ref");
        assertThat(out.resolve("replay.png")).isNotEmptyFile();
        assertThat(r.out().lines().filter(l -> l.startsWith("{"))).hasSize(1);
        assertThat(SharedDataValidationTest.json(r.out()).get("soc_rmse_pct")).isLessThan(1.0);
    }

    @Test
    void namesLineAndColumnOfABadNumber() throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "time_s,current_a,voltage_v,temperature_c\n0,-1,3.9,25\n1,-1,3.9x,25\n");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(new ReplayCommand(), f.toString(),
                "--chemistry", "psoa-ncm811");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv line 3, column 3 (voltage_v): '3.9x' is not a finite number");
    }

    @Test
    void namesTheMissingHeaderColumn() throws IOException {
        Path f = tmp.resolve("nohdr.csv");
        Files.writeString(f, "time_s,current_a,temperature_c\n0,-1,25\n");
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(new ReplayCommand(), f.toString(),
                "--chemistry", "psoa-ncm811");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nohdr.csv line 1: header lacks column 'voltage_v'");
    }

    @Test
    void rejectsAnInitialSocOutsideTheUnitInterval() throws IOException {
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(new ReplayCommand(),
                simulatedLog(10).toString(), "--chemistry", "psoa-ncm811", "--initial-soc", "70");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--initial-soc: 70.0 is outside 0..1");
    }

    @Test
    void requiresExactlyOneOfChemistryAndPreset() throws IOException {
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(new ReplayCommand(), simulatedLog(10).toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--chemistry").contains("--preset");
    }
}
