package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/** {@code bms replay --filter ekf|spkf}: either filter replays a log; a wrong name is refused. */
class ReplayFilterOptionTest {
    @TempDir
    Path tmp;

    /** The shipped NCM811 cell simulated: 2 A discharge pulses with rests from SOC 0.9. */
    private Path simulatedLog() throws IOException {
        EcmParameters p = new PresetCatalog().load("psoa-ncm811").cell();
        EquivalentCircuitCell cell = new EquivalentCircuitCell(p, 0.9, 25);
        StringBuilder b = new StringBuilder("time_s,current_a,voltage_v,temperature_c,soc_ref\n");
        for (int k = 0; k < 1800; k++) {
            double amps = (k / 60) % 2 == 0 ? -2.0 : 0.0;
            cell.step(amps, 1.0);
            b.append(String.format(Locale.ROOT, "%d,%.4f,%.5f,25.0,%.6f%n", k, amps, cell.terminalVolts(), cell.soc()));
        }
        Path f = tmp.resolve("sim.csv");
        Files.writeString(f, b);
        return f;
    }

    @Test
    void theSigmaPointFilterReplaysALogFromAWrongStart() throws IOException {
        Path log = simulatedLog();
        for (String filter : new String[] {"ekf", "spkf"}) {
            SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                    new ReplayCommand(),
                    log.toString(),
                    "--chemistry",
                    "psoa-ncm811",
                    "--initial-soc",
                    "0.6",
                    "--filter",
                    filter,
                    "--time-filter",
                    "--out",
                    tmp.resolve(filter).toString());
            assertThat(r.exit()).as(r.err()).isZero();
            var summary = SharedDataValidationTest.json(r.out());
            assertThat(summary.get("soc_rmse_pct")).as(filter + " RMSE").isLessThan(1.0);
            assertThat(summary.get("bound_3sigma_coverage_pct"))
                    .as(filter + " coverage")
                    .isGreaterThanOrEqualTo(95.0);
            assertThat(r.out()).containsPattern(filter + " filter: [0-9.]+ us CPU time per update");
        }
    }

    @Test
    void anUnknownFilterIsRefusedNamingTheChoices() throws IOException {
        SharedDataValidationTest.Result r = SharedDataValidationTest.run(
                new ReplayCommand(), simulatedLog().toString(), "--chemistry", "psoa-ncm811", "--filter", "ukf");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("--filter: 'ukf' is not a SOC filter; use ekf (extended Kalman filter) or spkf "
                        + "(sigma-point Kalman filter)");
    }
}
