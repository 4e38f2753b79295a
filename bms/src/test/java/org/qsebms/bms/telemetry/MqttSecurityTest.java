package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.config.MqttConfig;

class MqttSecurityTest {
    @TempDir
    Path dir;

    private static MqttConfig cfg(String user, String file, String env, String ca) {
        return MqttConfig.builder()
                .url("")
                .topicRoot("qse-bms")
                .stateInterval(Duration.ofSeconds(1))
                .username(user)
                .passwordFile(file)
                .passwordEnv(env)
                .caFile(ca)
                .build();
    }

    @Test
    void readsThePasswordFromTheFirstLineOfAFile() throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "s3cret\r\nignored\n");
        MqttConnectOptions o = new MqttConnectOptions();

        MqttSecurity.apply(cfg("bms", f.toString(), "", ""), "tcp://h:1883", o, Map.of());

        assertThat(o.getUserName()).isEqualTo("bms");
        assertThat(new String(o.getPassword())).isEqualTo("s3cret");
    }

    @Test
    void readsThePasswordFromAnEnvironmentVariable() {
        MqttConnectOptions o = new MqttConnectOptions();

        MqttSecurity.apply(
                cfg("bms", "", "BMS_MQTT_PASSWORD", ""), "tcp://h:1883", o, Map.of("BMS_MQTT_PASSWORD", "p@ss"));

        assertThat(new String(o.getPassword())).isEqualTo("p@ss");
    }

    @Test
    void errorsNameTheSettingAndTheFixButNeverThePassword() throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "");
        assertThatThrownBy(() ->
                        MqttSecurity.apply(cfg("bms", "", "NOPE", ""), "tcp://h:1", new MqttConnectOptions(), Map.of()))
                .hasMessageContaining("mqtt.passwordEnv")
                .hasMessageContaining("NOPE")
                .hasMessageContaining("export it");
        assertThatThrownBy(() -> MqttSecurity.apply(
                        cfg("bms", empty.toString(), "", ""), "tcp://h:1", new MqttConnectOptions(), Map.of()))
                .hasMessageContaining("mqtt.passwordFile")
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> MqttSecurity.apply(
                        cfg("", "", "X", ""), "tcp://h:1", new MqttConnectOptions(), Map.of("X", "topsecret")))
                .hasMessageContaining("mqtt.username")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret"));
        assertThatThrownBy(() ->
                        MqttSecurity.apply(cfg("", "", "", "/ca.pem"), "tcp://h:1", new MqttConnectOptions(), Map.of()))
                .hasMessageContaining("use ssl://");
    }

    @Test
    void tlsUrlGetsAnSslSocketFactoryFromThePemCaFile() throws Exception {
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
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "openssl is not available");
        MqttConnectOptions o = new MqttConnectOptions();
        MqttConfig m = cfg("", "", "", ca.toString());
        MqttConfig withClient = MqttConfig.builder()
                .url(m.url())
                .topicRoot(m.topicRoot())
                .stateInterval(m.stateInterval())
                .username("")
                .passwordFile("")
                .passwordEnv("")
                .caFile(ca.toString())
                .clientCertFile(ca.toString())
                .clientKeyFile(key.toString())
                .deadband(m.deadband())
                .stateHeartbeat(m.stateHeartbeat())
                .spoolDirectory("")
                .spoolMaxMessages(100)
                .commandsPerSecond(5)
                .discoveryPrefix("")
                .build();

        MqttSecurity.apply(withClient, "ssl://h:8883", o, Map.of());

        assertThat(o.getSocketFactory()).isInstanceOf(javax.net.ssl.SSLSocketFactory.class);
    }
}
