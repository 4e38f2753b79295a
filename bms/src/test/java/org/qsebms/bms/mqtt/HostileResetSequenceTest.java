package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * Hostile but valid command sequences over a real broker (issue 23, fourth independent check,
 * check23d): bursts of resets with the cause present, just gone and with nothing latched, and a
 * close sent while in FAULT. Each reset is answered exactly once, with the answer of the loop's take
 * that took it: refused while the cause holds, one accepted once it has gone, and refused with
 * "no fault is latched" after that; the close sent in FAULT is not kept past the accepted reset (the
 * pack stays in STANDBY).
 */
class HostileResetSequenceTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private static void burst(RecordingSubscriber sub, MqttTopics t, String prefix, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            sub.publish(t.command("reset"), "{\"id\":\"" + prefix + i + "\"}");
        }
    }

    private static List<JsonNode> answers(RecordingSubscriber sub, MqttTopics t, String id) {
        return sub.received.stream()
                .filter(r -> r.topic().equals(t.commandResult("reset")))
                .map(RecordingSubscriber.Received::json)
                .filter(j -> j.path("id").asText().equals(id))
                .toList();
    }

    private static JsonNode awaitAnswer(RecordingSubscriber sub, MqttTopics t, String id) throws Exception {
        return sub.await(
                        r -> r.topic().equals(t.commandResult("reset"))
                                && r.payload().contains("\"" + id + "\""),
                        WAIT,
                        "answer to " + id)
                .json();
    }

    @Test
    void burstsOfResetsAreEachAnsweredOnceWithTheirOwnTake() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort())) {
            BmsConfig cfg = SimulatedBms.config("hrs", dir, Duration.ofMillis(100));
            MqttTopics t = new MqttTopics("qse-bms", "hrs");
            SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
            BmsRuntime bms = BmsRuntime.start(
                    cfg, sim.hardware(), PackLinks.followingLimitsWithPulses(sim.pack()), broker.url(), s -> {}, true);
            try (RecordingSubscriber sub = RecordingSubscriber.subscribe(broker.url(), "qse-bms/hrs/#")) {
                sub.await(
                        r -> r.topic().equals(t.state())
                                && r.json().get("mode").asText().equals("NORMAL"),
                        WAIT,
                        "NORMAL");
                sim.injectCurrentSensorFault(SensorStatus.BUS_ERROR);
                sub.await(
                        r -> r.topic().equals(t.state())
                                && r.json().get("mode").asText().equals("FAULT"),
                        WAIT,
                        "FAULT");

                // a close and a burst of resets while the cause holds: every reset refused, once each
                sub.publish(t.command("contactors"), "{\"id\":\"c0\",\"action\":\"close\"}");
                burst(sub, t, "a", 5);
                for (int i = 0; i < 5; i++) {
                    JsonNode a = awaitAnswer(sub, t, "a" + i);
                    assertThat(a.get("accepted").asBoolean()).as(a.toString()).isFalse();
                    assertThat(a.get("reason").asText()).contains("condition still present");
                }

                // the cause goes; a burst of resets: one take accepts, a later take finds nothing latched
                sim.injectCurrentSensorFault(SensorStatus.OK);
                Thread.sleep(2_000); // past the 300 ms proof, and the command rate's bucket refilled
                burst(sub, t, "b", 4);
                int accepted = 0;
                for (int i = 0; i < 4; i++) {
                    JsonNode b = awaitAnswer(sub, t, "b" + i);
                    if (b.get("accepted").asBoolean()) {
                        accepted++;
                        assertThat(b.get("reason").asText()).contains("accepted");
                    } else {
                        assertThat(b.get("reason").asText()).as(b.toString()).contains("no fault is latched");
                    }
                }
                assertThat(accepted).as("the first take accepts").isPositive();
                JsonNode firstB = answers(sub, t, "b0").getFirst();
                assertThat(firstB.get("accepted").asBoolean())
                        .as(firstB.toString())
                        .isTrue();

                // with nothing latched: refused, not kept
                Thread.sleep(1_000);
                burst(sub, t, "c", 3);
                for (int i = 0; i < 3; i++) {
                    JsonNode c = awaitAnswer(sub, t, "c" + i);
                    assertThat(c.get("accepted").asBoolean()).isFalse();
                    assertThat(c.get("reason").asText()).contains("no fault is latched");
                }
                Thread.sleep(1_000);
                for (String prefix : new String[] {"a", "b", "c"}) {
                    for (int i = 0; i < (prefix.equals("b") ? 4 : prefix.equals("a") ? 5 : 3); i++) {
                        assertThat(answers(sub, t, prefix + i))
                                .as("answers to %s%d", prefix, i)
                                .hasSize(1);
                    }
                }
                // the close sent in FAULT was not kept past the reset
                JsonNode last = sub.received.stream()
                        .filter(r -> r.topic().equals(t.state()))
                        .reduce((x, y) -> y)
                        .orElseThrow()
                        .json();
                assertThat(last.get("mode").asText()).as(last.toString()).isEqualTo("STANDBY");
            } finally {
                bms.close();
            }
        }
    }
}
