package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import picocli.CommandLine;

/**
 * The embedded broker bound beyond loopback ({@code --broker-host 0.0.0.0}) is never anonymous by
 * accident: it refuses to start without {@code --broker-password-file} or the explicit
 * {@code --allow-anonymous-remote} (which is printed and logged as a warning); with a password file
 * a client without the right login is refused over TCP.
 */
class EmbeddedBrokerExposureTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = BmsCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static String sha256Hex(String s) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    @Test
    void anonymousBeyondLoopbackIsRefusedWithWhatToDo() {
        int code = run(
                "run",
                "--simulated",
                "--broker-host",
                "0.0.0.0",
                "--broker-port",
                Integer.toString(EmbeddedBroker.freePort()),
                "--state-dir",
                dir.toString(),
                "--duration",
                "1s");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("--broker-host: '0.0.0.0' serves the embedded MQTT broker beyond this machine")
                .contains("--broker-password-file")
                .contains("--allow-anonymous-remote")
                .doesNotContain("\tat ");
    }

    @Test
    void allowAnonymousRemoteRunsButSaysSoLoudly() {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = run(
                    "run",
                    "--simulated",
                    "--broker-host",
                    "0.0.0.0",
                    "--broker-port",
                    Integer.toString(EmbeddedBroker.freePort()),
                    "--allow-anonymous-remote",
                    "--state-dir",
                    dir.toString(),
                    "--duration",
                    "1s");
        } finally {
            System.setErr(before);
        }
        assertThat(code).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("WARNING: --allow-anonymous-remote")
                .contains("WITHOUT a password");
    }

    @Test
    void aPasswordFileWithoutTheBmsOwnUserIsAClearError() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "viewer:" + sha256Hex("view-pw") + "\n");
        int code = run(
                "run",
                "--simulated",
                "--broker-host",
                "0.0.0.0",
                "--broker-password-file",
                users.toString(),
                "--state-dir",
                dir.toString(),
                "--duration",
                "1s");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("mqtt.username: is not set").contains("requires a login");
        Files.writeString(users, "viewer:not-a-hash\n");
        assertThat(run(
                        "run",
                        "--simulated",
                        "--broker-host",
                        "0.0.0.0",
                        "--broker-password-file",
                        users.toString(),
                        "--state-dir",
                        dir.toString(),
                        "--duration",
                        "1s"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("line 1 is not user:sha256-hex-of-password");
    }

    @Test
    void withAPasswordFileOnlyAValidLoginConnects() throws Exception {
        Path users = Files.writeString(
                dir.resolve("users"),
                "# embedded broker logins\nbms:" + sha256Hex("bms-pw") + "\nviewer:" + sha256Hex("view-pw") + "\n");
        Path bmsPassword = Files.writeString(dir.resolve("bms-password"), "bms-pw\n");
        String example = Files.readString(Path.of("..", "config", "examples", "simulated-4s-psoa-ncm811.yaml"));
        String yaml =
                example.replaceFirst("(?m)^  url: .*\n", "  username: bms\n  passwordFile: " + bmsPassword + "\n");
        assertThat(yaml).isNotEqualTo(example);
        Path config = Files.writeString(dir.resolve("bms.yaml"), yaml);
        int port = EmbeddedBroker.freePort();
        AtomicInteger exit = new AtomicInteger(-1);
        CountDownLatch done = new CountDownLatch(1);
        Thread bms = new Thread(() -> {
            exit.set(run(
                    "run",
                    "--config",
                    config.toString(),
                    "--broker-host",
                    "0.0.0.0",
                    "--broker-port",
                    Integer.toString(port),
                    "--broker-password-file",
                    users.toString(),
                    "--state-dir",
                    dir.toString(),
                    "--duration",
                    "8s"));
            done.countDown();
        });
        bms.start();
        String url = "tcp://127.0.0.1:" + port;
        MqttClient viewer = null;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        while (viewer == null && System.nanoTime() < until) {
            try {
                viewer = connect(url, "viewer", "view-pw");
            } catch (MqttException notYet) {
                Thread.sleep(100);
            }
        }
        assertThat(viewer).as("a valid login connects").isNotNull();
        CountDownLatch state = new CountDownLatch(1);
        viewer.subscribe("qse-bms/lab-pack-1/state", 1, (t, m) -> state.countDown());
        assertThat(state.await(5, TimeUnit.SECONDS))
                .as("the BMS logged in and publishes")
                .isTrue();
        viewer.disconnect();
        viewer.close();
        assertThatThrownBy(() -> connect(url, null, null)).as("anonymous").isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect(url, "viewer", "wrong"))
                .as("wrong password")
                .isInstanceOf(MqttException.class);
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(exit.get()).isZero();
    }

    private static MqttClient connect(String url, String user, String password) throws MqttException {
        MqttClient c = new MqttClient(url, "t-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setConnectionTimeout(3);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
        return c;
    }
}
