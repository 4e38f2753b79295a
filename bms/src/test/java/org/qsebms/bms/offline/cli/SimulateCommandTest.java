package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cl = new CommandLine(new SimulateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static Path scenario(String name) throws Exception {
        return Path.of(
                SimulateCommandTest.class.getResource("/scenarios/" + name).toURI());
    }

    @Test
    void printsTheJsonLinesEventLogOnStandardOutput() throws Exception {
        int code = execute("--scenario", scenario("overvoltage-msl.yaml").toString());
        assertThat(code).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.getFirst())
                .startsWith("{\"t\":0.0,\"type\":\"start\",\"scenario\":\"cell over-voltage at MSL\"");
        assertThat(lines)
                .anyMatch(l -> l.contains("\"type\":\"fault\"")
                        && l.contains("\"id\":\"CELL_OVER_VOLTAGE.MSL\"")
                        && l.contains("\"code\":101"));
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"contactor\"") && l.contains("\"commanded\":\"open\""));
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"limits\""));
        assertThat(lines.getLast()).contains("\"type\":\"end\"").contains("\"state\":\"FAULT\"");
        assertThat(err.toString()).startsWith("simulated 20.0 s in ");
    }

    @Test
    void writesTheLogToAFileWithOut() throws Exception {
        Path log = dir.resolve("events.jsonl");
        assertThat(execute("--scenario", scenario("cell-sensor-open.yaml").toString(), "--out", log.toString()))
                .isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains("CELL_VOLTAGE_SENSOR.MSL"));
    }

    @Test
    void aBadScenarioGivesExitCodeTwoAndNamesTheKey() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                "pack: {chemistry: psoa-ncm811, seriesCells: 4}\nduration: 10s\n"
                        + "faults:\n  - {at: 1s, type: cellOverVoltage, cell: 9, volts: 0.5}\n");
        assertThat(execute("--scenario", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("faults[0].cell: 9 is outside 1..4 (cells and channels count from 1)");
    }

    @Test
    void anUnknownFaultTypeListsTheKnownOnes() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                "pack: {chemistry: psoa-ncm811, seriesCells: 4}\nduration: 10s\n"
                        + "faults:\n  - {at: 1s, type: meteorStrike}\n");
        assertThat(execute("--scenario", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("faults[0].type: 'meteorStrike' is not known; use one of [brokerOutage, ");
    }

    @Test
    void widenedSafetyLimitsInAScenarioAreRejectedLikeInTheConfig() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                "pack: {chemistry: psoa-ncm811, seriesCells: 4}\nduration: 10s\n"
                        + "limits:\n  cellOverVoltage: {msl: 4.5}\n");
        assertThat(execute("--scenario", bad.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "limits.cellOverVoltage.msl: 4.5 V is beyond the psoa-ncm811 chemistry's maximum safety limit");
    }
}
