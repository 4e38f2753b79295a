package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.MqttConfig;

/**
 * Client-id takeover on a real Mosquitto. A read-only user who connects with the BMS's client id
 * ({@code qse-bms-<packId>}) kicks the BMS off the broker unless the broker names every client after
 * its user ({@code use_username_as_clientid true}, as config/examples/mosquitto-qse-bms.conf now has; the test
 * runs that file's broker-wide lines and its ACL);
 * and two BMS with one pack id, which fight the same way, are reported as a takeover, not as an
 * unreachable broker. Skipped when mosquitto is absent.
 */
class MosquittoClientIdTakeoverTest {
    /** The shipped example configuration (config/examples), the files a user copies. */
    private static final Path EXAMPLES = Path.of("..", "config", "examples");

    @TempDir
    Path dir;

    private long bmsReconnectsWhileMonitorUsesItsClientId(boolean useUsernameAsClientId, Path sub) throws Exception {
        Files.createDirectories(sub);
        Path passwd = Files.createFile(sub.resolve("passwd"));
        for (String[] up : new String[][] {{"acl", "pack-pw"}, {"monitor", "mon-pw"}}) {
            Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", passwd.toString(), up[0], up[1])
                    .redirectErrorStream(true)
                    .start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        Path acl = Files.copy(EXAMPLES.resolve("mosquitto-qse-bms.acl"), sub.resolve("acl"));
        Path pw = Files.writeString(sub.resolve("bms-password"), "pack-pw\n");
        // the example's broker-wide settings (not its TLS listener, which needs certificates)
        String shipped = Files.readAllLines(EXAMPLES.resolve("mosquitto-qse-bms.conf")).stream()
                .filter(l -> l.startsWith("use_username_as_clientid") || l.startsWith("message_size_limit"))
                .reduce("", (a, l) -> a + l + "\n");
        assertThat(shipped).contains("use_username_as_clientid true").contains("message_size_limit");
        String extra = "password_file " + passwd + "\nacl_file " + acl + "\n" + (useUsernameAsClientId ? shipped : "");
        try (Mosquitto broker = new Mosquitto(sub, extra, false)) {
            BmsConfig c = SimulatedBms.config("acl", sub, Duration.ofMillis(200));
            MqttConfig m = c.mqtt();
            c = c.withMqtt(MqttConfig.builder()
                    .url(m.url())
                    .topicRoot(m.topicRoot())
                    .stateInterval(m.stateInterval())
                    .username("acl")
                    .passwordFile(pw.toString())
                    .passwordEnv("")
                    .caFile("")
                    .clientCertFile("")
                    .clientKeyFile("")
                    .deadband(m.deadband())
                    .stateHeartbeat(m.stateHeartbeat())
                    .spoolDirectory("")
                    .spoolMaxMessages(1000)
                    .commandsPerSecond(m.commandsPerSecond())
                    .discoveryPrefix("")
                    .build());
            BmsRuntime bms = SimulatedBms.start(c, broker.url());
            try {
                assertThat(bms.publisher().connected()).isTrue();
                for (int i = 0; i < 8; i++) { // a monitoring tool, misconfigured with the BMS's client id
                    MqttClient mon = new MqttClient(broker.url(), "qse-bms-acl", new MemoryPersistence());
                    // the BMS can take the session back between the broker's CONNACK and Paho's completion of the
                    // connect, and Paho then waits for that completion for ever (a run hung 26 min there): every
                    // wait of the monitor's is bounded, and a connect cut short counts as taken back
                    mon.setTimeToWait(5000);
                    MqttConnectOptions o = new MqttConnectOptions();
                    o.setUserName("monitor");
                    o.setPassword("mon-pw".toCharArray());
                    o.setConnectionTimeout(5);
                    try {
                        mon.connect(o);
                    } catch (MqttException takenBack) {
                        // the BMS, reconnecting with the same id, took it back before the connect completed
                    }
                    Thread.sleep(400);
                    if (mon.isConnected()) { // else the BMS, reconnecting with the same id, took it back
                        mon.disconnectForcibly(1000, 1000);
                    }
                    mon.close(true);
                    Thread.sleep(100);
                }
                Thread.sleep(1000);
                return bms.publisher().reconnects();
            } finally {
                bms.close();
            }
        }
    }

    @Test
    void useUsernameAsClientIdKeepsAMonitorFromKickingTheBmsOff() throws Exception {
        assumeTrue(
                Mosquitto.available() && Files.isExecutable(Path.of("/usr/bin/mosquitto_passwd")),
                "mosquitto is not installed");
        long without = bmsReconnectsWhileMonitorUsesItsClientId(false, dir.resolve("without"));
        long with = bmsReconnectsWhileMonitorUsesItsClientId(true, dir.resolve("with"));
        System.out.printf(
                "client-id takeover: 8 monitor logins with the BMS's client id -> %d BMS reconnects without "
                        + "use_username_as_clientid, %d with it%n",
                without, with);
        assertThat(without)
                .as("the defect: the old configuration lets the monitor take the session over")
                .isPositive();
        assertThat(with).as("the documented configuration").isZero();
    }

    @Test
    void twoBmsWithOnePackIdAreReportedAsATakeover() throws Exception {
        assumeTrue(Mosquitto.available(), "mosquitto is not installed");
        try (Mosquitto broker = new Mosquitto(dir, "")) {
            BmsRuntime a = SimulatedBms.start(
                    SimulatedBms.config("twin", dir.resolve("a"), Duration.ofMillis(500)), broker.url());
            BmsRuntime b = SimulatedBms.start(
                    SimulatedBms.config("twin", dir.resolve("b"), Duration.ofMillis(500)), broker.url());
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (a.publisher().sessionTakeovers() + b.publisher().sessionTakeovers() == 0
                        && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                System.out.printf(
                        "two BMS with one pack id: takeovers reported %d and %d; reconnects %d and %d%n",
                        a.publisher().sessionTakeovers(),
                        b.publisher().sessionTakeovers(),
                        a.publisher().reconnects(),
                        b.publisher().reconnects());
                assertThat(a.publisher().sessionTakeovers() + b.publisher().sessionTakeovers())
                        .isPositive();
                assertThat(a.publisher().sessionRebuilds() + b.publisher().sessionRebuilds())
                        .as("a takeover is not mistaken for a stalled session")
                        .isZero();
            } finally {
                a.close();
                b.close();
            }
        }
    }
}
