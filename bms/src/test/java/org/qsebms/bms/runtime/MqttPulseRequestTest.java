package org.qsebms.bms.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * A diagnostic's pulse on a pack whose load the BMS cannot switch: asked of the external load over
 * MQTT, through the running BMS's publisher and a real broker, start and stop.
 */
class MqttPulseRequestTest {
    @TempDir
    Path dir;

    @Test
    void theExternalLoadHearsTheStartAndTheStopOfThePulse() throws Exception {
        BmsConfig cfg =
                new ConfigLoader().defaultSimulated().withPackId("pulse1").withPersistenceDirectory(dir.toString());
        List<JsonNode> heard = new CopyOnWriteArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort())) {
            MqttClient load = new MqttClient(broker.url(), "external-load", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName("load");
            o.setPassword("x".toCharArray());
            load.connect(o);
            load.subscribe("qse-bms/pulse1/" + MqttPulseRequest.LEAF, 1, (topic, m) -> {
                heard.add(json.readTree(new String(m.getPayload(), StandardCharsets.UTF_8)));
            });
            SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
            BmsRuntime bms = BmsRuntime.start(
                    cfg, sim.hardware(), PackLinks.followingLimits(sim.pack()), broker.url(), s -> {}, false);
            try {
                MqttPulseRequest pulse = new MqttPulseRequest("pulse1");
                pulse.connect(bms.publisher());
                pulse.requestPulse(2.0);
                pulse.requestPulse(0.0);
                long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (heard.size() < 2 && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
            } finally {
                bms.close();
                load.disconnect();
                load.close();
            }
        }
        assertThat(heard).hasSize(2);
        assertThat(heard.get(0).get("dischargeAmps").asDouble()).isEqualTo(2.0);
        assertThat(heard.get(0).get("packId").asText()).isEqualTo("pulse1");
        assertThat(heard.get(1).get("dischargeAmps").asDouble()).isZero();
    }
}
