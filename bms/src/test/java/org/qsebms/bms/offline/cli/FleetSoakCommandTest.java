package org.qsebms.bms.offline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.cli.BmsCommand;
import picocli.CommandLine;

class FleetSoakCommandTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = BmsCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aDurationThatIsNoDurationIsAClearErrorNamingTheOption() {
        assertThat(run("fleet-soak", "--duration", "20x")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--duration")
                .contains("'20x' is not a duration")
                .contains("2s, 5min")
                .doesNotContain("DateTimeParseException");
    }

    @Test
    void aPeriodOutsideItsRangeIsRefused() {
        assertThat(run("fleet-soak", "--period", "1ms")).isEqualTo(2);
        assertThat(err.toString()).contains("--period").contains("outside 10ms..10s");
    }

    /**
     * The command as a user runs it, in its own JVM (so its logging is configured the way the jar's
     * is): "2s" is accepted as by run, the log has no line per pack, the temporary state folder goes.
     * Nothing here depends on timing (the machine may be loaded).
     */
    @Test
    void shortRunAcceptsRunStyleDurationsLogsNoWarningPerPackAndCleansItsTemporaryFolder(@TempDir Path tmp)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-Djava.io.tmpdir=" + tmp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        BmsCommand.class.getName(),
                        "fleet-soak",
                        "--packs",
                        "3",
                        "--duration",
                        "2s"))
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("fleet-soak finished").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("fleet soak: 3 packs, ").contains(" 0 lost");
        // no per-pack start-up lines: neither the first-start WARN nor the INFO transitions (a WARN of
        // real trouble, such as a precharge timing out on an overloaded machine, may still appear)
        assertThat(output).doesNotContain("no persisted state");
        assertThat(output.lines().filter(l -> l.matches(".*\\bINFO\\b.*")).toList())
                .as(output)
                .isEmpty();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(Path::getFileName).map(Path::toString).filter(n -> n.startsWith("qse-bms-soak")))
                    .as("temporary folders left in " + tmp + File.separator)
                    .isEmpty();
        }
    }
}
