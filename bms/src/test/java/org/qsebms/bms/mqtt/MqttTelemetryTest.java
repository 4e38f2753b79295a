package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.telemetry.MqttTopics;
import org.qsebms.config.BmsConfig;
import org.qsebms.estimators.health.UsableCapacity;

/** The documented topics and payloads, end to end: real controller, embedded broker, Paho subscriber. */
class MqttTelemetryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    EmbeddedBroker broker;
    BmsRuntime bms;
    RecordingSubscriber sub;
    MqttTopics topics = new MqttTopics("qse-bms", "p1");

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort());
        sub = RecordingSubscriber.subscribe(broker.url(), "qse-bms/#", "homeassistant/#");
        BmsConfig cfg = SimulatedBms.config("p1", dir, Duration.ofMillis(200));
        bms = SimulatedBms.start(cfg, broker.url());
    }

    @AfterEach
    void stop() throws Exception {
        if (bms != null) {
            bms.close();
        }
        sub.close();
        broker.close();
    }

    @Test
    void publishesStatusStateCellsAndHealthWithHeaderOnEveryPayload() throws Exception {
        sub.await(r -> r.topic().equals(topics.state()) && r.json().get("seq").asLong() >= 3, WAIT, "third state");
        sub.awaitTopic(topics.health(), WAIT);

        assertThat(sub.awaitTopic(topics.status(), WAIT).payload()).isEqualTo("online");
        JsonNode state = sub.on(topics.state()).get(0).json();
        assertThat(state.get("schema").asInt()).isEqualTo(MqttTopics.SCHEMA_VERSION);
        assertThat(state.get("packId").asText()).isEqualTo("p1");
        assertThat(state.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(state.get("boot").asLong()).isPositive();
        for (String field : new String[] {
            "packVolts",
            "packAmps",
            "soc",
            "socBound3Sigma",
            "chargeLimitAmps",
            "dischargeLimitAmps",
            "mode",
            "contactors",
            "minCelsius",
            "maxCelsius",
            "droppedSamples",
            "modelVoltageSigma",
            "modelVoltageSigmaCell"
        }) {
            assertThat(state.has(field)).as(field).isTrue();
        }
        // the SOC filter's largest voltage sigma (the controller runs the EKF): its 80 mV design value or more,
        // on a cell of the 4-cell pack
        assertThat(state.get("modelVoltageSigma").asDouble()).isGreaterThanOrEqualTo(0.08);
        assertThat(state.get("modelVoltageSigmaCell").asInt()).isBetween(0, 3);
        assertThat(sub.on(topics.state()).stream()
                        .map(r -> r.json().get("seq").asLong())
                        .toList())
                .startsWith(1L, 2L, 3L);
        JsonNode cells = sub.awaitTopic(topics.cells(), WAIT).json();
        assertThat(cells.get("cells")).hasSize(4);
        assertThat(cells.get("cells").get(0).has("balancing")).isTrue();
        assertThat(cells.has("seq") && cells.has("ts") && cells.has("schema")).isTrue();
        JsonNode health = sub.awaitTopic(topics.health(), WAIT).json();
        assertThat(health.get("capacityAh").asDouble()).isEqualTo(2.0);
        assertThat(health.get("capacitySource").asText()).isEqualTo("nominal");
        // the health tracker runs from the first tick: R0 from its prior on, nothing cycle-based before a cycle closed
        assertThat(health.get("seiResistanceOhm").isNumber()).isTrue();
        assertThat(health.get("seiResistanceOhm").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(health.get("seiState").asText()).isEqualTo("unknown");
        assertThat(health.get("coulombicEfficiency").isNull()).isTrue();
        assertThat(health.get("remainingUsefulLifeCycles").isNull()).isTrue();
        assertThat(health.get("lithiumInventoryFraction").asDouble()).isEqualTo(1.0);
        // no discharge from full to the cutoff yet: the usable capacity is not made up
        JsonNode usable = health.get("usableCapacity");
        assertThat(usable.get("capacityAh").isNull()).isTrue();
        assertThat(usable.get("soh").isNull()).isTrue();
        assertThat(usable.get("measurements").asInt()).isZero();
        assertThat(usable.get("note").isNull()).isTrue();
        assertThat(cells.get("cells").get(0).get("resistanceOhm").asDouble()).isPositive();
        assertThat(sub.on(topics.state()).getFirst().json().get("soh").asDouble())
                .isEqualTo(1.0);
        assertThat(health.has("seq") && health.has("ts") && health.has("schema"))
                .isTrue();
    }

    @Test
    void usableCapacityMeasurementsAndVoidedDischargesArePublishedAsEvents() throws Exception {
        sub.awaitTopic(topics.state(), WAIT);
        // the controller offers these when its meter measures or voids a discharge (ScenarioLibraryTest drives that)
        var events = bms.wiring().events();
        events.offer(new ControllerEvent.UsableCapacityChange(new UsableCapacity(1.60751, 0.6012, 25.59, 1L), "", 1L));
        events.offer(new ControllerEvent.UsableCapacityChange(
                null, "discharge not measured: 0.201 Ah charged back after full: a partial cycle", 2L));
        JsonNode measured = sub.await(
                        r -> r.topic().equals(topics.events())
                                && r.json().get("event").asText().equals("usableCapacity")
                                && r.json().get("voided").isNull(),
                        WAIT,
                        "usable-capacity event")
                .json();
        assertThat(measured.get("capacityAh").asDouble()).isEqualTo(1.6075);
        assertThat(measured.get("dischargeC").asDouble()).isEqualTo(0.601);
        assertThat(measured.get("celsius").asDouble()).isEqualTo(25.59);
        JsonNode voided = sub.await(
                        r -> r.topic().equals(topics.events())
                                && r.json().get("event").asText().equals("usableCapacity")
                                && r.json().get("voided").isTextual(),
                        WAIT,
                        "voided event")
                .json();
        assertThat(voided.get("voided").asText()).contains("charged back after full");
        assertThat(voided.has("capacityAh")).isFalse();
    }

    @Test
    void statusTurnsOfflineOnCleanStop() throws Exception {
        sub.await(r -> r.topic().equals(topics.state()), WAIT, "state");

        bms.close();
        bms = null;

        RecordingSubscriber.Received offline = sub.await(
                r -> r.topic().equals(topics.status()) && r.payload().equals("offline"), WAIT, "offline status");
        assertThat(offline.qos()).as("status is published at QoS 1").isEqualTo(1);
    }

    @Test
    void publishesHomeAssistantDiscoveryWithUnitsDeviceClassAndAvailability() throws Exception {
        sub.awaitTopic("homeassistant/sensor/qse-bms_p1/pack_voltage/config", WAIT);
        sub.awaitTopic("homeassistant/sensor/qse-bms_p1/cell_4_voltage/config", WAIT);
        RecordingSubscriber.Received voltage;
        try (RecordingSubscriber late = RecordingSubscriber.subscribe(broker.url(), "homeassistant/#")) {
            // discovery is sent once per connection, so a late subscriber only gets it if it was retained
            // (Moquette 0.17 delivers retained messages without the retain flag; MosquittoInteropTest checks the flag)
            voltage = late.await(r -> r.topic().endsWith("/pack_voltage/config"), WAIT, "retained discovery config");
        }

        JsonNode c = voltage.json();
        assertThat(c.get("unit_of_measurement").asText()).isEqualTo("V");
        assertThat(c.get("device_class").asText()).isEqualTo("voltage");
        assertThat(c.get("availability_topic").asText()).isEqualTo(topics.status());
        assertThat(c.get("state_topic").asText()).isEqualTo(topics.state());
        assertThat(c.get("device").get("identifiers").get(0).asText()).isEqualTo("qse-bms_p1");
        JsonNode usable = sub.awaitTopic("homeassistant/sensor/qse-bms_p1/usable_capacity/config", WAIT)
                .json();
        assertThat(usable.get("state_topic").asText()).isEqualTo(topics.health());
        assertThat(usable.get("unit_of_measurement").asText()).isEqualTo("Ah");
        assertThat(usable.get("value_template").asText()).contains("value_json.usableCapacity.capacityAh");
    }

    @Test
    void chargeLimitCommandLowersTheLimitAndAnswers() throws Exception {
        sub.await(r -> r.topic().equals(topics.state()), WAIT, "state");

        sub.publish(topics.command("charge-limit"), "{\"id\":\"c1\",\"amps\":0.5}");

        JsonNode result =
                sub.awaitTopic(topics.commandResult("charge-limit"), WAIT).json();
        assertThat(result.get("accepted").asBoolean()).isTrue();
        assertThat(result.get("id").asText()).isEqualTo("c1");
        assertThat(result.has("seq") && result.has("ts") && result.has("schema"))
                .isTrue();
        sub.await(
                r -> r.topic().equals(topics.state())
                        && r.json().get("chargeLimitAmps").asDouble() <= 0.5,
                WAIT,
                "state with the charge limit at or below 0.5 A");
        assertThat(bms.wiring().controller().currentLimits().chargeAmps()).isLessThanOrEqualTo(0.5);
    }

    @Test
    void commandsAreAnsweredIncludingRejections() throws Exception {
        assertThat(sub.await(r -> r.topic().equals(topics.state()), WAIT, "state")
                        .json()
                        .get("balancingEnabled")
                        .asBoolean())
                .as("balancing enabled at start, as configured")
                .isTrue();

        sub.publish(topics.command("reset"), "{\"id\":\"r1\"}");
        sub.publish(topics.command("balancing"), "{\"id\":\"b1\",\"enabled\":false}");
        sub.publish(topics.command("snapshot"), "{}");
        sub.publish(topics.command("self-destruct"), "{}");
        sub.publish(topics.command("discharge-limit"), "{\"amps\":1e9}");

        JsonNode reset = sub.awaitTopic(topics.commandResult("reset"), WAIT).json();
        assertThat(reset.get("accepted").asBoolean()).isFalse();
        assertThat(reset.get("reason").asText()).contains("reset refused: no fault is latched");
        assertThat(sub.awaitTopic(topics.commandResult("balancing"), WAIT)
                        .json()
                        .get("accepted")
                        .asBoolean())
                .isTrue();
        assertThat(sub.awaitTopic(topics.commandResult("snapshot"), WAIT)
                        .json()
                        .get("accepted")
                        .asBoolean())
                .isTrue();
        assertThat(sub.awaitTopic(topics.commandResult("discharge-limit"), WAIT)
                        .json()
                        .get("reason")
                        .asText())
                .contains("outside 0..");
        Thread.sleep(300);
        assertThat(bms.wiring().controller().balancer().enabled()).isFalse();
        // and a remote user sees it in the state message (published on the change)
        assertThat(sub.await(
                                r -> r.topic().equals(topics.state())
                                        && !r.json().get("balancingEnabled").asBoolean(),
                                WAIT,
                                "a state message with balancing off")
                        .json()
                        .get("balancingEnabled")
                        .asBoolean())
                .isFalse();
        // the BMS subscribes to the exact command names only: an unknown one never reaches it, so it has no answer
        assertThat(sub.on(topics.commandResult("self-destruct"))).isEmpty();
        assertThat(bms.publisher().commandsAccepted() + bms.publisher().commandsRejected())
                .isEqualTo(4);
    }
}
