package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.telemetry.MqttTopics;
import org.qsebms.config.BmsConfig;
import org.qsebms.hal.SensorStatus;

/**
 * Issue 23 (check23f), where MQTT meets a latched trip: while the pack is in FAULT with its cause present, a
 * close published retained (live: the broker delivers it without the flag), the same close twice (as a QoS 1 redelivery would), an oversized close and a malformed one
 * each get their own refusal, and none of them is kept: after the cause has gone and a reset is accepted the
 * pack stays in STANDBY with every contactor open until a new close, whose reply says accepted.
 */
class ContactorsCommandsDuringATripTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void closesSentDuringATripAreEachRefusedAndNoneIsKeptForAfterTheReset() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort())) {
            BmsConfig cfg = SimulatedBms.config("cdt", dir, Duration.ofMillis(100));
            MqttTopics t = new MqttTopics("qse-bms", "cdt");
            SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
            BmsRuntime bms = BmsRuntime.start(
                    cfg, sim.hardware(), PackLinks.followingLimitsWithPulses(sim.pack()), broker.url(), s -> {}, true);
            try (RecordingSubscriber sub = RecordingSubscriber.subscribe(broker.url(), "qse-bms/cdt/#")) {
                sub.await(mode(t, "NORMAL"), WAIT, "NORMAL");
                sim.injectCurrentSensorFault(SensorStatus.BUS_ERROR);
                sub.await(mode(t, "FAULT"), WAIT, "FAULT");
                String close = t.command("contactors");

                sub.publishRetained(close, "{\"id\":\"r1\",\"action\":\"close\"}");
                JsonNode retained = result(sub, t, "r1");
                sub.publishRetained(close, ""); // cleared, as the refusal tells
                Thread.sleep(300);
                sub.publish(close, "{\"id\":\"d1\",\"action\":\"close\"}");
                sub.publish(close, "{\"id\":\"d1\",\"action\":\"close\"}");
                Thread.sleep(300);
                sub.publish(close, "{\"id\":\"big\",\"action\":\"close\",\"note\":\"" + "x".repeat(3000) + "\"}");
                Thread.sleep(300);
                sub.publish(close, "{\"id\":\"m1\",\"action\":\"close\"");
                awaitCount(sub, r -> r.topic().equals(t.commandResult("contactors")), 5, "five close results");

                // published retained while the BMS is subscribed, it arrives live: MQTT clears the retain flag on
                // delivery to an established subscription, so it is judged as a live close (refused in FAULT); only
                // its replay at a later (re)subscription carries the flag and is not executed
                assertThat(retained.get("accepted").asBoolean()).isFalse();
                assertThat(retained.get("reason").asText()).startsWith("close refused: the pack is in FAULT");
                List<JsonNode> dup = sub.received.stream()
                        .filter(r -> r.topic().equals(t.commandResult("contactors"))
                                && r.payload().contains("\"d1\""))
                        .map(RecordingSubscriber.Received::json)
                        .toList();
                assertThat(dup).hasSize(2).allSatisfy(d -> {
                    assertThat(d.get("accepted").asBoolean()).isFalse();
                    assertThat(d.get("reason").asText()).startsWith("close refused: the pack is in FAULT");
                });
                List<JsonNode> all = sub.received.stream()
                        .filter(r -> r.topic().equals(t.commandResult("contactors")))
                        .map(RecordingSubscriber.Received::json)
                        .toList();
                assertThat(all)
                        .as(all.toString())
                        .noneMatch(r -> r.get("accepted").asBoolean());

                // the cause gone and reset: nothing sent during the trip closes the pack
                sim.injectCurrentSensorFault(SensorStatus.OK);
                Thread.sleep(1_000);
                sub.publish(t.command("reset"), "{\"id\":\"x1\"}");
                JsonNode reset = sub.await(
                                r -> r.topic().equals(t.commandResult("reset"))
                                        && r.payload().contains("\"x1\""),
                                WAIT,
                                "reset result")
                        .json();
                assertThat(reset.get("accepted").asBoolean())
                        .as(reset.toString())
                        .isTrue();
                Thread.sleep(2_000);
                JsonNode state = last(sub, t.state());
                assertThat(state.get("mode").asText()).as(state.toString()).isEqualTo("STANDBY");
                assertThat(state.get("contactors").toString()).doesNotContain("true");

                sub.publish(close, "{\"id\":\"c9\",\"action\":\"close\"}");
                JsonNode taken = result(sub, t, "c9");
                assertThat(taken.get("accepted").asBoolean())
                        .as(taken.toString())
                        .isTrue();
                sub.await(mode(t, "NORMAL"), WAIT, "NORMAL after the new close");
            } finally {
                bms.close();
            }
        }
    }

    private static JsonNode result(RecordingSubscriber sub, MqttTopics t, String id) throws InterruptedException {
        return sub.await(
                        r -> r.topic().equals(t.commandResult("contactors"))
                                && r.payload().contains("\"" + id + "\""),
                        WAIT,
                        "result of " + id)
                .json();
    }

    private static JsonNode last(RecordingSubscriber sub, String topic) {
        return sub.received.stream()
                .filter(r -> r.topic().equals(topic))
                .reduce((x, y) -> y)
                .orElseThrow()
                .json();
    }

    private static void awaitCount(
            RecordingSubscriber sub, Predicate<RecordingSubscriber.Received> p, int n, String what)
            throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (sub.received.stream().filter(p).count() >= n) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + WAIT);
    }

    private static Predicate<RecordingSubscriber.Received> mode(MqttTopics t, String mode) {
        return r -> r.topic().equals(t.state()) && r.json().get("mode").asText().equals(mode);
    }
}
