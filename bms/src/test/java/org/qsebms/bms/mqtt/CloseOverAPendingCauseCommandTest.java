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

/**
 * Issue 23, the MQTT path of a close judged as a reset is: the pack opened over MQTT, one cell then
 * reads 0.4 V under the others (the imbalance MSL is 0.30 V over 5 s), and a {@code contactors} close
 * sent inside that debounce is refused, in the command's own reply and on the {@code events} topic, with
 * the cause, its value and its limit; the pack stays in STANDBY with every contactor open. Once the cell is
 * back, the same close is taken and its reply says accepted. In FAULT, the reply says refused.
 */
class CloseOverAPendingCauseCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aCloseSentWhileAnImbalanceIsPendingIsRefusedOnTheEventsTopic() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort())) {
            BmsConfig cfg = SimulatedBms.config("cpc", dir, Duration.ofMillis(100));
            MqttTopics t = new MqttTopics("qse-bms", "cpc");
            SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
            BmsRuntime bms = BmsRuntime.start(
                    cfg, sim.hardware(), PackLinks.followingLimitsWithPulses(sim.pack()), broker.url(), s -> {}, true);
            try (RecordingSubscriber sub = RecordingSubscriber.subscribe(broker.url(), "qse-bms/cpc/#")) {
                sub.await(mode(t, "NORMAL"), WAIT, "NORMAL");
                int opened = sub.received.size();
                sub.publish(t.command("contactors"), "{\"id\":\"o1\",\"action\":\"open\"}");
                after(sub, opened, mode(t, "STANDBY"), "STANDBY after the open");

                sim.pack().driveCellVoltage(1, -0.4);
                Thread.sleep(500); // seen by the loop, well inside the 5 s debounce
                sub.publish(t.command("contactors"), "{\"id\":\"c1\",\"action\":\"close\"}");
                JsonNode result = sub.await(
                                r -> r.topic().equals(t.commandResult("contactors"))
                                        && r.payload().contains("\"c1\""),
                                WAIT,
                                "result of c1")
                        .json();
                assertThat(result.get("accepted").asBoolean())
                        .as(result.toString())
                        .isFalse();
                assertThat(result.get("reason").asText())
                        .startsWith("close refused: a cause that would trip the pack is present; nothing energised")
                        .contains("CELL_IMBALANCE.MSL: cell 2");
                JsonNode refused = sub.await(
                                r -> r.topic().equals(t.events())
                                        && r.json().path("event").asText().equals("close"),
                                WAIT,
                                "close refusal on events")
                        .json();
                assertThat(refused.get("accepted").asBoolean()).isFalse();
                assertThat(refused.get("reason").asText())
                        .startsWith("close refused: a cause that would trip the pack is present; nothing energised")
                        .containsPattern("CELL_IMBALANCE\\.MSL: cell 2: cellImbalance 0\\.[34]\\d\\d V above the MSL "
                                + "0\\.300 V, seen for \\d+ ms of its 5000 ms debounce");
                Thread.sleep(1_000);
                JsonNode state = sub.received.stream()
                        .filter(r -> r.topic().equals(t.state()))
                        .reduce((x, y) -> y)
                        .orElseThrow()
                        .json();
                assertThat(state.get("mode").asText()).as(state.toString()).isEqualTo("STANDBY");
                assertThat(state.get("contactors").toString()).doesNotContain("true");

                sim.pack().driveCellVoltage(1, 0.0); // before the debounce ends: no trip
                Thread.sleep(1_000); // and the command rate's bucket refilled
                int closed = sub.received.size();
                sub.publish(t.command("contactors"), "{\"id\":\"c2\",\"action\":\"close\"}");
                JsonNode taken = after(
                                sub,
                                closed,
                                r -> r.topic().equals(t.commandResult("contactors"))
                                        && r.payload().contains("\"c2\""),
                                "result of c2")
                        .json();
                assertThat(taken.get("accepted").asBoolean())
                        .as(taken.toString())
                        .isTrue();
                assertThat(taken.get("reason").asText()).startsWith("close accepted");
                after(sub, closed, mode(t, "NORMAL"), "NORMAL after the cause has gone");
                assertThat(sub.received.stream()
                                .filter(r -> r.topic().equals(t.alarms()))
                                .map(r -> r.json().path("id").asText())
                                .filter(id -> id.endsWith(".MSL")))
                        .isEmpty();

                // a latched fault: the close's reply says refused, and why
                sim.injectCurrentSensorFault(org.qsebms.hal.SensorStatus.BUS_ERROR);
                after(sub, closed, mode(t, "FAULT"), "FAULT");
                Thread.sleep(1_000); // the command rate's bucket
                int faulted = sub.received.size();
                sub.publish(t.command("contactors"), "{\"id\":\"c3\",\"action\":\"close\"}");
                JsonNode inFault = after(
                                sub,
                                faulted,
                                r -> r.topic().equals(t.commandResult("contactors"))
                                        && r.payload().contains("\"c3\""),
                                "result of c3")
                        .json();
                assertThat(inFault.get("accepted").asBoolean())
                        .as(inFault.toString())
                        .isFalse();
                assertThat(inFault.get("reason").asText()).startsWith("close refused: the pack is in FAULT");
            } finally {
                bms.close();
            }
        }
    }

    /** The first message after the first {@code skip} received that matches {@code p}. */
    private static RecordingSubscriber.Received after(
            RecordingSubscriber sub,
            int skip,
            java.util.function.Predicate<RecordingSubscriber.Received> p,
            String what)
            throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            java.util.Optional<RecordingSubscriber.Received> r =
                    sub.received.stream().skip(skip).filter(p).findFirst();
            if (r.isPresent()) {
                return r.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + WAIT);
    }

    private static java.util.function.Predicate<RecordingSubscriber.Received> mode(MqttTopics t, String mode) {
        return r -> r.topic().equals(t.state()) && r.json().get("mode").asText().equals(mode);
    }
}
