package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.telemetry.MqttTopics;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.MqttConfig;

/**
 * The ACL documented in docs/mqtt.md, on a real Mosquitto with password authentication: the BMS
 * logs in with a password file, a monitoring user reads telemetry but its commands never reach the
 * BMS, an operator's do. Skipped when mosquitto is absent.
 */
class MosquittoAclTest {
    @TempDir
    Path dir;

    @Test
    void monitorCanReadButNotCommandOperatorCanCommand() throws Exception {
        assumeTrue(
                Mosquitto.available() && Files.isExecutable(Path.of("/usr/bin/mosquitto_passwd")),
                "mosquitto is not installed");
        Path passwd = Files.createFile(dir.resolve("passwd"));
        for (String[] up : new String[][] {{"acl", "pack-pw"}, {"monitor", "mon-pw"}, {"operator", "op-pw"}}) {
            Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", passwd.toString(), up[0], up[1])
                    .redirectErrorStream(true)
                    .start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        Path acl = dir.resolve("acl");
        Files.writeString(acl, """
                pattern write qse-bms/%u/#
                pattern read  qse-bms/%u/cmd/+

                user monitor
                topic read qse-bms/#
                topic read homeassistant/#
                topic deny qse-bms/+/cmd/+

                user operator
                topic read qse-bms/#
                topic write qse-bms/+/cmd/+
                """);
        Path pw = dir.resolve("bms-password");
        Files.writeString(pw, "pack-pw\n");
        try (Mosquitto broker = new Mosquitto(dir, "password_file " + passwd + "\nacl_file " + acl + "\n", false)) {
            BmsConfig c = SimulatedBms.config("acl", dir, Duration.ofMillis(200));
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
            MqttTopics t = new MqttTopics("qse-bms", "acl");
            BmsRuntime bms = SimulatedBms.start(c, broker.url());
            MqttClient mon = login(broker.url(), "monitor", "mon-pw");
            MqttClient op = login(broker.url(), "operator", "op-pw");
            java.util.concurrent.ConcurrentLinkedQueue<String> seen =
                    new java.util.concurrent.ConcurrentLinkedQueue<>();
            mon.subscribe("qse-bms/#", 1, (topic, msg) -> seen.add(topic));
            try {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!seen.contains(t.state()) && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertThat(seen).as("monitor reads telemetry").contains(t.state());

                mon.publish(t.command("balancing"), "{\"enabled\":false,\"id\":\"mon\"}".getBytes(), 1, false);
                Thread.sleep(1500);
                assertThat(bms.publisher().commandsAccepted() + bms.publisher().commandsRejected())
                        .as("a monitor's command never reaches the BMS")
                        .isZero();
                assertThat(bms.wiring().controller().operatorSettings().balancingEnabled())
                        .isTrue();

                op.publish(t.command("balancing"), "{\"enabled\":false,\"id\":\"op\"}".getBytes(), 1, false);
                end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!seen.contains(t.commandResult("balancing")) && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertThat(seen).as("the operator's command is answered").contains(t.commandResult("balancing"));
                assertThat(bms.publisher().commandsAccepted()).isEqualTo(1);
                assertThat(bms.wiring().controller().operatorSettings().balancingEnabled())
                        .isFalse();
            } finally {
                mon.disconnect();
                op.disconnect();
                bms.close();
            }
        }
    }

    private static MqttClient login(String url, String user, String password) throws Exception {
        MqttClient c = new MqttClient(url, user + "-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        c.connect(o);
        return c;
    }
}
