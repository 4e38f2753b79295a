package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.MqttConfig;

/**
 * TLS end to end: a throw-away CA signs a broker certificate (SAN IP 127.0.0.1) and a client
 * certificate; Mosquitto requires both; the BMS connects with mqtt.caFile, clientCertFile and
 * clientKeyFile over ssl:// with host name verification, and mosquitto_sub reads its state over TLS.
 * Skipped without mosquitto or openssl.
 */
class MosquittoTlsTest {
    @TempDir
    Path dir;

    private void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    private void certificate(String name, String subject, String extFile) throws Exception {
        run(
                "openssl",
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                subject);
        run(
                "openssl",
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                name + ".pem",
                "-days",
                "2",
                "-extfile",
                extFile);
    }

    private Mosquitto tlsBroker(String serverSan) throws Exception {
        assumeTrue(
                Mosquitto.available() && Files.isExecutable(Path.of("/usr/bin/openssl")),
                "mosquitto or openssl missing");
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "2",
                "-subj",
                "/CN=qse-bms test CA");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=" + serverSan + "\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        certificate("server", "/CN=127.0.0.1", "server.ext");
        certificate("client", "/CN=tls-pack", "client.ext");
        String tls = "cafile " + dir.resolve("ca.pem") + "\ncertfile " + dir.resolve("server.pem") + "\nkeyfile "
                + dir.resolve("server.key") + "\nrequire_certificate true\n";
        return new Mosquitto(dir, tls);
    }

    private BmsConfig tlsConfig(String url) {
        BmsConfig c = SimulatedBms.config("tls-pack", dir, Duration.ofMillis(200));
        MqttConfig m = c.mqtt();
        return c.withMqtt(MqttConfig.builder()
                .url(url)
                .topicRoot(m.topicRoot())
                .stateInterval(m.stateInterval())
                .username("")
                .passwordFile("")
                .passwordEnv("")
                .caFile(dir.resolve("ca.pem").toString())
                .clientCertFile(dir.resolve("client.pem").toString())
                .clientKeyFile(dir.resolve("client.key").toString())
                .deadband(m.deadband())
                .stateHeartbeat(m.stateHeartbeat())
                .spoolDirectory("")
                .spoolMaxMessages(1000)
                .commandsPerSecond(m.commandsPerSecond())
                .discoveryPrefix("")
                .build());
    }

    @Test
    void refusesABrokerWhoseCertificateDoesNotNameTheHost() throws Exception {
        try (Mosquitto broker = tlsBroker("IP:127.0.0.2")) {
            String url = "ssl://127.0.0.1:" + broker.port;
            BmsRuntime bms = SimulatedBms.start(tlsConfig(url), url);
            try {
                Thread.sleep(3000);
                assertThat(bms.publisher().connected()).isFalse();
                assertThat(bms.publisher().spooled())
                        .as("telemetry is kept for later")
                        .isPositive();
            } finally {
                bms.close();
            }
        }
    }

    @Test
    void bmsPublishesOverMutualTlsWithHostnameVerification() throws Exception {
        try (Mosquitto broker = tlsBroker("IP:127.0.0.1")) {
            String url = "ssl://127.0.0.1:" + broker.port;
            BmsRuntime bms = SimulatedBms.start(tlsConfig(url), url);
            try {
                Process sub = new ProcessBuilder(List.of(
                                Mosquitto.SUB.toString(),
                                "-h",
                                "127.0.0.1",
                                "-p",
                                Integer.toString(broker.port),
                                "--cafile",
                                dir.resolve("ca.pem").toString(),
                                "--cert",
                                dir.resolve("client.pem").toString(),
                                "--key",
                                dir.resolve("client.key").toString(),
                                "-t",
                                "qse-bms/tls-pack/state",
                                "-C",
                                "3",
                                "-W",
                                "20"))
                        .redirectErrorStream(true)
                        .start();
                String out = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                sub.waitFor(25, TimeUnit.SECONDS);

                assertThat(out.lines()
                                .filter(l -> l.contains("\"packId\":\"tls-pack\""))
                                .count())
                        .as(out)
                        .isEqualTo(3);
                assertThat(bms.publisher().connected()).isTrue();
            } finally {
                bms.close();
            }
        }
    }
}
