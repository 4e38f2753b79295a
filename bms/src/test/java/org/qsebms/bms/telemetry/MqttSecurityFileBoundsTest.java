package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.ConfigException;
import org.qsebms.config.MqttConfig;

/**
 * The MQTT password and PEM files, a device or far too large. Before fix23ae {@code bms run} read each whole: a
 * password file of {@code /dev/zero} or 2 GB ended in OutOfMemoryError (exit 1, a stack trace), {@code caFile:
 * /dev/zero} hung the start. Each is now refused before it is read with a {@link ConfigException} (exit 2: "configuration
 * error: mqtt.passwordFile: ..."), naming the file, its size, the bound and why, and never a word of a password file.
 */
class MqttSecurityFileBoundsTest {
    @TempDir
    Path dir;

    private static MqttConfig cfg(String user, String passwordFile, String ca, String clientCert, String clientKey) {
        return MqttConfig.builder()
                .url("")
                .topicRoot("qse-bms")
                .stateInterval(Duration.ofSeconds(1))
                .username(user)
                .passwordFile(passwordFile)
                .passwordEnv("")
                .caFile(ca)
                .clientCertFile(clientCert)
                .clientKeyFile(clientKey)
                .build();
    }

    private static Throwable apply(MqttConfig cfg, String url) {
        return assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> catchThrowable(() -> MqttSecurity.apply(cfg, url, new MqttConnectOptions(), Map.of())));
    }

    private static Path devZero() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        return zero;
    }

    private Path sparse(String name, long bytes) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes); // as truncate -s: NULs, no disk
        }
        return file;
    }

    @Test
    void aPasswordFileThatIsADeviceIsAConfigurationError() {
        Throwable e = apply(cfg("bms", devZero().toString(), "", "", ""), "tcp://h:1883");

        assertThat(e)
                .isInstanceOf(ConfigException.class)
                .hasMessage("mqtt.passwordFile: mqtt password file /dev/zero is not a regular file (a device such as"
                        + " /dev/zero, a pipe or a socket gives no end to read to); give the path of a file holding"
                        + " the mqtt password file");
    }

    @Test
    void aPasswordFileOfTwoGigabytesIsAConfigurationErrorNamingItsSize() throws IOException {
        Path big = sparse("pw", 2L << 30);

        Throwable e = apply(cfg("bms", big.toString(), "", "", ""), "tcp://h:1883");

        assertThat(e)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mqtt.passwordFile: mqtt password file " + big + " is 2048.0 MiB, more than"
                        + " the 128 KiB a mqtt password file can sensibly be (a password file holds one line");
    }

    /** The password repeated past the bound: refused by its size, and the message holds none of it. */
    @Test
    void aPasswordFileOverItsBoundIsRefusedWithoutAWordOfIt() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret-pw-".repeat(20_000));

        Throwable e = apply(cfg("bms", file.toString(), "", "", ""), "tcp://h:1883");

        assertThat(e)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is 200000 bytes, more than the 128 KiB");
        assertThat(e.getMessage()).doesNotContain("s3cret");
    }

    @Test
    void aCaFileThatIsADeviceIsAConfigurationErrorNotAHang() {
        Throwable e = apply(cfg("", "", devZero().toString(), "", ""), "ssl://h:8883");

        assertThat(e)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mqtt.caFile: PEM file /dev/zero is not a regular file");
    }

    @Test
    void aClientKeyFileOfTwoGigabytesIsAConfigurationErrorNamingItsSize() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Path key = dir.resolve("ca.key");
        Process p = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        ca.toString(),
                        "-days",
                        "2",
                        "-subj",
                        "/CN=qse-bms-test-ca")
                .redirectErrorStream(true)
                .start();
        assumeTrue(p.waitFor() == 0, "openssl is not available");
        Path big = sparse("client.key", 2L << 30);

        Throwable e = apply(cfg("", "", ca.toString(), ca.toString(), big.toString()), "ssl://h:8883");

        assertThat(e)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mqtt.clientKeyFile: PEM file " + big + " is 2048.0 MiB, more than the 1.0 MiB"
                        + " a PEM file can sensibly be (a PEM file holds a key or a few certificates");
    }
}
