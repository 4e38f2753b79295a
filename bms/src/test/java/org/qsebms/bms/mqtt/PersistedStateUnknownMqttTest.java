package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.persistence.PersistedState;
import org.qsebms.bms.persistence.StateFile;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.bms.runtime.StatePersistence;
import org.qsebms.bms.telemetry.MqttTopics;
import org.qsebms.config.BmsConfig;

/**
 * {@code bms run --simulated}'s runtime started on a state directory whose two generations are both corrupt: the
 * PERSISTED_STATE_UNKNOWN alarm is published like any fault, the pack stays in FAULT although a close was requested at
 * start, and a reset over MQTT is accepted, after which a close reaches NORMAL.
 */
class PersistedStateUnknownMqttTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void bothGenerationsCorruptPublishTheAlarmAndHoldFaultUntilAResetOverMqtt() throws Exception {
        Path main = dir.resolve(StatePersistence.FILE_NAME);
        StateFile f = new StateFile(main);
        PersistedState s = PersistedState.defaults(4, 2.0, 0.035).withLatchedFaults(List.of("SOFT_SHORT.MSL"));
        f.write(s);
        f.write(s);
        for (Path p : List.of(main, dir.resolve(StatePersistence.FILE_NAME + StateFile.PREVIOUS_SUFFIX))) {
            byte[] b = Files.readAllBytes(p);
            b[b.length / 2] ^= 0x04;
            Files.write(p, b);
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort());
                RecordingSubscriber sub = RecordingSubscriber.subscribe(broker.url(), "qse-bms/psu/#")) {
            BmsConfig cfg = SimulatedBms.config("psu", dir, Duration.ofMillis(100));
            MqttTopics t = new MqttTopics("qse-bms", "psu");
            BmsRuntime bms = SimulatedBms.start(cfg, broker.url()); // asks for a close at start
            try {
                JsonNode alarm = sub.await(
                                r -> r.topic().equals(t.alarms())
                                        && r.json().get("id").asText().equals("PERSISTED_STATE_UNKNOWN.MSL"),
                                WAIT,
                                "PERSISTED_STATE_UNKNOWN alarm")
                        .json();
                assertThat(alarm.get("event").asText()).isEqualTo("raised");
                assertThat(alarm.get("code").asInt()).isEqualTo(404);
                assertThat(alarm.get("latched").asBoolean()).isTrue();
                assertThat(alarm.get("reason").asText())
                        .contains(main.toAbsolutePath() + " is corrupt")
                        .contains("then send a reset to acknowledge the lost state");
                sub.await(
                        r -> r.topic().equals(t.state())
                                && r.json().get("mode").asText().equals("FAULT"),
                        WAIT,
                        "FAULT");
                Thread.sleep(1000); // the close asked for at start had its chance
                assertThat(sub.on(t.state()))
                        .as("never closed before the reset")
                        .noneSatisfy(
                                r -> assertThat(r.json().get("mode").asText()).isIn("PRECHARGE", "NORMAL"));

                sub.publish(t.command("reset"), "{\"id\":\"ack\"}");
                JsonNode accepted = sub.await(
                                r -> r.topic().equals(t.commandResult("reset"))
                                        && r.payload().contains("\"ack\""),
                                WAIT,
                                "reset result")
                        .json();
                assertThat(accepted.get("accepted").asBoolean())
                        .as(accepted.toString())
                        .isTrue();
                bms.wiring().requests().requestClose();
                sub.await(
                        r -> r.topic().equals(t.state())
                                && r.json().get("mode").asText().equals("NORMAL"),
                        WAIT,
                        "NORMAL after the reset");
            } finally {
                bms.close();
            }
        }
    }
}
