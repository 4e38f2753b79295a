package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
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

/** The reset command over MQTT: refused while the fault condition is present, accepted once it cleared. */
class ResetCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void resetIsRefusedWhileTheConditionIsPresentAndAcceptedAfterItCleared() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort())) {
            BmsConfig cfg = SimulatedBms.config("rst", dir, Duration.ofMillis(100));
            MqttTopics t = new MqttTopics("qse-bms", "rst");
            SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
            BmsRuntime bms = BmsRuntime.start(
                    cfg, sim.hardware(), PackLinks.followingLimitsWithPulses(sim.pack()), broker.url(), s -> {}, true);
            try (RecordingSubscriber sub = RecordingSubscriber.subscribe(broker.url(), "qse-bms/rst/#")) {
                sub.await(
                        r -> r.topic().equals(t.state())
                                && r.json().get("mode").asText().equals("NORMAL"),
                        WAIT,
                        "NORMAL");

                // given a latched fault whose condition is still present
                sim.injectCurrentSensorFault(SensorStatus.BUS_ERROR);
                JsonNode alarm = sub.await(
                                r -> r.topic().equals(t.alarms())
                                        && r.json().get("event").asText().equals("raised"),
                                WAIT,
                                "raised alarm")
                        .json();
                sub.await(
                        r -> r.topic().equals(t.state())
                                && r.json().get("mode").asText().equals("FAULT"),
                        WAIT,
                        "FAULT");

                // when a reset is requested, then it is refused with the reason
                sub.publish(t.command("reset"), "{\"id\":\"early\"}");
                JsonNode refused = sub.await(
                                r -> r.topic().equals(t.commandResult("reset"))
                                        && r.payload().contains("\"early\""),
                                WAIT,
                                "refused reset")
                        .json();
                assertThat(refused.get("accepted").asBoolean()).isFalse();
                assertThat(refused.get("reason").asText()).contains("condition still present");

                // when the condition clears, a reset is accepted
                sim.injectCurrentSensorFault(SensorStatus.OK);
                Thread.sleep(500);
                sub.publish(t.command("reset"), "{\"id\":\"late\"}");
                JsonNode accepted = sub.await(
                                r -> r.topic().equals(t.commandResult("reset"))
                                        && r.payload().contains("\"late\""),
                                WAIT,
                                "accepted reset")
                        .json();
                assertThat(accepted.get("accepted").asBoolean())
                        .as(accepted.toString())
                        .isTrue();
                assertThat(alarm.get("severity").asText()).isNotBlank();
                sub.await(
                        r -> r.topic().equals(t.state())
                                && !r.json().get("mode").asText().equals("FAULT")
                                && !r.json().get("tripped").asBoolean(),
                        WAIT,
                        "state out of FAULT");
            } finally {
                bms.close();
            }
        }
    }
}
