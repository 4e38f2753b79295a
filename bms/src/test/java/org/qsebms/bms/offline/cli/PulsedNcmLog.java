package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/**
 * A cell log in the replay's format from the shipped NCM811 cell, for the input-refusal tests: from 90 % SOC, 1 C
 * discharge pulses of 60 s with 60 s rests for 3600 s, each row passed through a change of units first.
 */
final class PulsedNcmLog {
    private static final String HEADER = "time_s,current_a,voltage_v,temperature_c,soc_ref";

    /** One row: time, current, voltage, temperature, soc_ref. */
    record Row(double seconds, double amps, double volts, double celsius, double soc) {}

    private PulsedNcmLog() {}

    static Path write(Path dir, String name, UnaryOperator<Row> units) throws IOException {
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
        Path f = dir.resolve(name);
        Files.writeString(f, b);
        return f;
    }

    /** {@code bms replay LOG --chemistry psoa-ncm811 MORE...}. */
    static SharedDataValidationTest.Result replay(Path log, String... more) {
        List<String> args = new ArrayList<>(List.of(log.toString(), "--chemistry", "psoa-ncm811"));
        args.addAll(List.of(more));
        return SharedDataValidationTest.run(new ReplayCommand(), args.toArray(String[]::new));
    }

    /** Refused with exit 2 and one line naming every one of {@code named}, with no stack trace. */
    static void refusedOnce(SharedDataValidationTest.Result r, String... named) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(named).doesNotContain("Exception", "\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }
}
