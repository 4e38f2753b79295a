package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import picocli.CommandLine;

/**
 * {@code bms run} given a password file that is a device or far too large, through the command line users run. Before
 * fix23ae each was read whole: {@code --broker-password-file /dev/zero} and {@code dashboard.passwordFile: /dev/zero}
 * ended in OutOfMemoryError and a stack trace (the dashboard's start then hung on). Now each is refused before it is
 * read, exit 2, with what, where, why and the fix, and never a word of the file.
 */
class SecretFileBoundsTest {
    private static final long TWO_GIB = 2L << 30;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = BmsCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cl.execute(args));
    }

    private static Path devZero() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        return zero;
    }

    private Path sparse(String name) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(TWO_GIB); // as truncate -s 2G: NULs, no disk
        }
        return file;
    }

    private int runWithBrokerPasswordFile(Path file) {
        return run(
                "run",
                "--simulated",
                "--no-dashboard",
                "--broker-port",
                Integer.toString(EmbeddedBroker.freePort()),
                "--broker-password-file",
                file.toString(),
                "--state-dir",
                dir.resolve("state").toString(),
                "--duration",
                "1s");
    }

    private int runWithDashboardPasswordFile(Path file) throws IOException {
        Path config = Files.writeString(
                dir.resolve("dashboard.yaml"),
                "pack: {id: sim-pack, chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n"
                        + "hal: {backend: simulated}\n"
                        + "dashboard: {enabled: true, port: 0, username: viewer, passwordFile: " + file + "}\n");
        return run(
                "run",
                "--config",
                config.toString(),
                "--broker-port",
                Integer.toString(EmbeddedBroker.freePort()),
                "--state-dir",
                dir.resolve("state").toString(),
                "--duration",
                "1s");
    }

    @Test
    void aBrokerPasswordFileThatIsADeviceIsRefusedWithExitTwo() {
        Path zero = devZero();

        int code = runWithBrokerPasswordFile(zero);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("configuration error: --broker-password-file: broker password file /dev/zero is not a"
                        + " regular file (a device such as /dev/zero, a pipe or a socket gives no end to read to); give"
                        + " the path of a file holding the broker password file" + System.lineSeparator());
    }

    @Test
    void aBrokerPasswordFileOfTwoGigabytesIsRefusedByItsSizeWithExitTwo() throws IOException {
        Path big = sparse("users");

        int code = runWithBrokerPasswordFile(big);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("configuration error: --broker-password-file: broker password file " + big
                        + " is 2048.0 MiB, more than the 1.0 MiB a broker password file can sensibly be (a line is a"
                        + " user and 64 hex digits")
                .doesNotContain("\tat ");
    }

    @Test
    void aDashboardPasswordFileThatIsADeviceIsRefusedWithExitTwo() throws IOException {
        Path zero = devZero();

        int code = runWithDashboardPasswordFile(zero);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("configuration error: dashboard.passwordFile: dashboard password file /dev/zero is not a"
                        + " regular file")
                .doesNotContain("\tat ");
    }

    /** A password file over its bound, made of the password itself: the refusal names its size, never its text. */
    @Test
    void aDashboardPasswordFileOverItsBoundIsRefusedWithoutAWordOfIt() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret-pw-".repeat(20_000)); // 200000 bytes, no line end

        int code = runWithDashboardPasswordFile(file);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("configuration error: dashboard.passwordFile: dashboard password file " + file
                        + " is 200000 bytes, more than the 128 KiB a dashboard password file can sensibly be (a"
                        + " password file holds one line, the password")
                .doesNotContain("s3cret");
    }
}
