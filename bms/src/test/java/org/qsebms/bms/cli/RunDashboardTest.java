package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bms run} and the dashboard: on with --simulated at 127.0.0.1 and printed at start, off on request. */
class RunDashboardTest {
    private static final Pattern ANNOUNCED = Pattern.compile("dashboard on (http://127\\.0\\.0\\.1:(\\d+)/)");

    /** Runs {@code bms run ...} as its own process until {@code until} is printed; returns the lines printed. */
    private static List<String> runUntil(String until, Path stateDir, String... args) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                javaBin,
                "-cp",
                System.getProperty("java.class.path"),
                "org.qsebms.bms.cli.BmsCommand",
                "run",
                "--simulated",
                "--broker-port",
                "0",
                "--state-dir",
                stateDir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    seen.add(line);
                    if (line.contains(until)) {
                        Matcher m = ANNOUNCED.matcher(String.join("\n", seen));
                        if (m.find()) {
                            assertThat(status(m.group(1) + "api/state")).isEqualTo(200);
                        }
                        return seen;
                    }
                }
            }
            throw new AssertionError("'" + until + "' not printed within 60 s; printed " + seen);
        } finally {
            p.destroy(); // SIGTERM: a clean stop
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static int status(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setReadTimeout(5_000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    @Test
    void simulatedRunServesTheDashboardOnLoopbackAndPrintsWhere(@TempDir Path dir) throws Exception {
        List<String> out = runUntil("NORMAL", dir);
        String joined = String.join("\n", out);
        Matcher m = ANNOUNCED.matcher(joined);
        assertThat(m.find()).as("announced in: " + joined).isTrue();
        assertThat(joined).contains("this machine only; read-only");
    }

    @Test
    void noDashboardTurnsItOff(@TempDir Path dir) throws Exception {
        List<String> out = runUntil("NORMAL", dir, "--no-dashboard");
        assertThat(String.join("\n", out)).doesNotContain("dashboard on");
    }

    @Test
    void everyInterfaceWithoutCredentialsIsRefusedBeforeAnythingRuns(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = BmsCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(
                "run",
                "--simulated",
                "--broker-port",
                "0",
                "--state-dir",
                dir.toString(),
                "--dashboard-host",
                "0.0.0.0",
                "--dashboard-port",
                "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("configuration error:")
                .contains("dashboard.host")
                .contains("without credentials")
                .contains("--dashboard-allow-anonymous-remote")
                .doesNotContain("\tat ");
    }

    @Test
    void contradictoryFlagsAndBadPortsAreClearErrors(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = BmsCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(
                        "run",
                        "--simulated",
                        "--no-dashboard",
                        "--dashboard-port",
                        "9000",
                        "--state-dir",
                        dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--no-dashboard: contradicts --dashboard-port");
        assertThat(cl.execute("run", "--simulated", "--dashboard-port", "99999", "--state-dir", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--dashboard-port: 99999 is outside 0..65535");
    }
}
