package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qsebms.bms.offline.cli.PulsedNcmLog.refusedOnce;
import static org.qsebms.bms.offline.cli.PulsedNcmLog.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.offline.cli.PulsedNcmLog.Row;

/**
 * {@code bms replay} options in the wrong unit (issue 20, tester's report 2026-12-06): a gain limit
 * of 3 for 3 %, an offset limit of 50 for 50 mA and a convergence window of -5 s were taken with
 * exit 0; each is refused with exit 2 and one message naming the option, the value and the mistake.
 */
class ReplayOptionUnitsTest {
    @TempDir
    Path tmp;

    private Path log(String name, UnaryOperator<Row> units) throws IOException {
        return PulsedNcmLog.write(tmp, name, units);
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
