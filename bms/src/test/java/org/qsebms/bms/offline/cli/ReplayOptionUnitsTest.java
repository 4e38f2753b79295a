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
 * {@code bms replay} options in the wrong unit (issue 20, tester's report 2026-12-06): a gain limit
 * of 3 for 3 %, an offset limit of 50 for 50 mA and a convergence window of -5 s were taken with
 * exit 0; each is refused with exit 2 and one message naming the option, the value and the mistake.
 */
class ReplayOptionUnitsTest {
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
    void optionsInTheWrongUnitAreNamed() throws IOException {
        Path ok = log("ok.csv", row -> row);
        refusedOnce(
                replay(ok, "--current-sensor-gain-limit", "3"),
                "--current-sensor-gain-limit: 3 ",
                "looks like a percent",
                "give 0.03 for 3 %");
        refusedOnce(
                replay(ok, "--current-sensor-offset-limit-a", "50"),
                "--current-sensor-offset-limit-a: 50 A",
                "looks like mA",
                "give 0.05 for 50 mA");
        refusedOnce(replay(ok, "--convergence-window", "-5"), "--convergence-window: -5 s is negative", "0 or more");
        assertThat(replay(ok, "--current-sensor-gain-limit", "0.05", "--current-sensor-offset-limit-a", "0.2")
                        .exit())
                .isZero();
    }
}
