package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BmsCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = BmsCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheRunCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: bms").contains("run");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("qse-bms ").doesNotContain("unknown");
    }

    @Test
    void unknownOptionIsAClearUsageErrorNotAStackTrace() {
        assertThat(run("run", "--simulatd")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--simulatd'").doesNotContain("Exception");
    }

    @Test
    void missingConfigFileIsAClearError(@TempDir Path dir) {
        assertThat(run("run", "--config", dir.resolve("missing.yaml").toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("configuration error:")
                .contains("missing.yaml does not exist")
                .doesNotContain("\tat ");
    }

    @Test
    void malformedConfigFileNamesTheLine(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), "pack:\n  id: x\n   chemistry: [\n");
        assertThat(run("run", "--config", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("configuration error:").contains("is not valid YAML at line");
    }

    @Test
    void runWithoutSimulatedOrConfigSaysWhatToGive() {
        assertThat(run("run")).isEqualTo(2);
        assertThat(err.toString()).contains("give --simulated");
    }

    @Test
    void badMqttUrlIsRejected() {
        assertThat(run("run", "--simulated", "--mqtt-url", "localhost")).isEqualTo(2);
        assertThat(err.toString()).contains("--mqtt-url: 'localhost' is not a broker URL");
    }

    @Test
    void brokerPortOutsideTheTcpRangeNamesTheRange() {
        assertThat(run("run", "--simulated", "--broker-port", "99999")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--broker-port: 99999 is outside 0..65535")
                .doesNotContain("port out of range");
    }

    @Test
    void missingScenarioSaysNoSuchFileNotJustItsName(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        run("simulate", "--scenario", missing.toString());
        assertThat(err.toString())
                .contains("cannot read scenario " + missing + ": no such file")
                .doesNotContain(missing + ": " + missing);
    }

    @Test
    void missingCellLogSaysNoSuchFileNotJustItsName(@TempDir Path dir) {
        Path missing = dir.resolve("cell.csv");
        assertThat(run("replay", missing.toString(), "--chemistry", "psoa-ncm811"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("cannot read cell log " + missing + ": no such file")
                .doesNotContain(missing + ": " + missing);
    }

    @Test
    void takenBrokerPortIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = run(
                    "run",
                    "--simulated",
                    "--broker-port",
                    Integer.toString(taken.getLocalPort()),
                    "--state-dir",
                    dir.toString());
            assertThat(code).isEqualTo(1);
            assertThat(err.toString())
                    .contains("port " + taken.getLocalPort())
                    .contains("already in use")
                    .contains("--broker-port");
        }
    }

    @Test
    void unreachableBrokerIsReportedButTheBmsStillRunsAndStopsCleanly(@TempDir Path dir) throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            freePort = s.getLocalPort();
        }
        int code = run(
                "run",
                "--simulated",
                "--mqtt-url",
                "tcp://127.0.0.1:" + freePort,
                "--duration",
                "2s",
                "--state-dir",
                dir.toString());
        assertThat(code).isZero();
    }
}
