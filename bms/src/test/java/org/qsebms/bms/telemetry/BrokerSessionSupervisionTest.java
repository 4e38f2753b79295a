package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.mqtt.Mosquitto;
import org.qsebms.config.ConfigLoader;
import org.qsebms.config.MqttConfig;

/**
 * The session supervision against a real Mosquitto, with the wildcard subscription the BMS used to make
 * ({@code cmd/+}): a command topic Paho cannot decode kills Paho's receive thread while the client still
 * says it is connected; the session notices (no PUBACK within 3 s), closes the client and connects a new
 * one, and publishing goes on. (The BMS itself now subscribes to the exact command names, so such a topic
 * never reaches it; this shows the second line of defence.) Skipped when mosquitto is absent.
 */
class BrokerSessionSupervisionTest {
    @TempDir
    Path dir;

    private static boolean receiveThreadAlive(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("MQTT Rec: " + clientId));
    }

    @Test
    void aDeadReceiveThreadIsDetectedAndTheSessionRebuiltWithinSeconds() throws Exception {
        assumeTrue(Mosquitto.available(), "mosquitto is not installed (apt-get install mosquitto mosquitto-clients)");
        try (Mosquitto broker = new Mosquitto(dir, "")) {
            MqttConfig mqtt = new ConfigLoader().defaultSimulated().mqtt();
            ConcurrentLinkedQueue<String> arrived = new ConcurrentLinkedQueue<>();
            String clientId = "qse-bms-supervised";
            BrokerSession session = new BrokerSession(
                    broker.url(),
                    clientId,
                    BrokerSession.options(mqtt, broker.url(), "qse-bms/sv/status", Map.of()),
                    "qse-bms/sv/status",
                    List.of("qse-bms/sv/cmd/+"),
                    (topic, payload, retained) -> arrived.add(topic),
                    List::of,
                    System::nanoTime);
            try {
                assertThat(session.connect()).isNull();
                assertThat(receiveThreadAlive(clientId)).isTrue();
                assertThat(broker.publish("qse-bms/sv/cmd/reset", "{}", false)).isZero();
                long until = System.nanoTime() + 5_000_000_000L;
                while (!arrived.contains("qse-bms/sv/cmd/reset") && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                assertThat(arrived).contains("qse-bms/sv/cmd/reset");

                // when a topic Paho cannot decode arrives
                long poisonAt = System.nanoTime();
                assertThat(broker.publish("qse-bms/sv/cmd/\uD83D\uDCA5", "{}", false))
                        .isZero();
                until = System.nanoTime() + 5_000_000_000L;
                while (receiveThreadAlive(clientId) && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                boolean killed = !receiveThreadAlive(clientId);
                System.out.printf(
                        "supervision: Paho's receive thread %s by the poison topic; client says " + "connected: %s%n",
                        killed ? "killed" : "survived", session.connected());
                assertThat(killed)
                        .as("the poison topic kills Paho's receive thread (the defect this guards against)")
                        .isTrue();

                // then publishing every 200 ms (as telemetry does) finds the stall and rebuilds the session
                long recoveredAt = -1;
                long failedPublishes = 0;
                until = System.nanoTime() + 30_000_000_000L;
                while (System.nanoTime() < until) {
                    if (session.maintain()) {
                        try {
                            session.publish(new OutboundMessage(
                                    "qse-bms/sv/state",
                                    "{}".getBytes(StandardCharsets.UTF_8),
                                    1,
                                    true,
                                    OutboundMessage.Lane.PERIODIC));
                            if (session.rebuilds() > 0) {
                                recoveredAt = System.nanoTime();
                                break;
                            }
                        } catch (MqttException e) {
                            failedPublishes++;
                        }
                    }
                    Thread.sleep(200);
                }
                double recoverySeconds = (recoveredAt - poisonAt) / 1e9;
                System.out.printf(
                        "supervision: session rebuilt %d time(s); first acknowledged publish %.2f s after "
                                + "the poison message (%d publishes failed meanwhile)%n",
                        session.rebuilds(), recoverySeconds, failedPublishes);
                assertThat(recoveredAt).as("publishing recovered").isPositive();
                assertThat(session.rebuilds()).isEqualTo(1);
                assertThat(receiveThreadAlive(clientId))
                        .as("the new session has a receive thread")
                        .isTrue();
                // well under the keep-alive timeout (10 s keep-alive: Paho alone notices after 15-20 s)
                assertThat(recoverySeconds).isLessThan(10);

                arrived.clear();
                assertThat(broker.publish("qse-bms/sv/cmd/reset", "{}", false)).isZero();
                until = System.nanoTime() + 5_000_000_000L;
                while (!arrived.contains("qse-bms/sv/cmd/reset") && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                assertThat(arrived)
                        .as("commands arrive again on the new session")
                        .contains("qse-bms/sv/cmd/reset");
            } finally {
                session.close();
            }
        }
    }
}
