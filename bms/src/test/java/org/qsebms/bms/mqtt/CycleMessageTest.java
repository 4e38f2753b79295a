package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.record.CycleRecordReader;
import org.qsebms.bms.record.CycleRow;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.config.BmsConfig;

/**
 * bms run's record, end to end: the real controller on the simulated pack writes under its state
 * directory, and the cycle in progress when it stops is recorded (ended by the operator) and
 * published on {@code <root>/<id>/cycle} through a real broker.
 */
class CycleMessageTest {
    @TempDir
    Path dir;

    @Test
    void stoppingTheBmsRecordsThePartialCycleAndPublishesIt() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort());
                RecordingSubscriber sub = RecordingSubscriber.subscribe(broker.url(), "qse-bms/#")) {
            BmsConfig cfg = SimulatedBms.config("rec1", dir, Duration.ofMillis(200));
            BmsRuntime bms = SimulatedBms.start(cfg, broker.url());
            sub.await(
                    r -> r.topic().equals("qse-bms/rec1/state")
                            && r.json().get("packAmps").asDouble() < -0.5,
                    Duration.ofSeconds(15),
                    "the simulated load discharging");
            Thread.sleep(500);
            bms.close();
            Path recordDir = BmsRuntime.defaultRecordDirectory(cfg);
            assertThat(recordDir).isEqualTo(dir.resolve("record"));
            assertThat(Files.readAllLines(recordDir.resolve("cycles.csv")).getFirst())
                    .startsWith("kind,cycle,cell,");
            List<String> warnings = new ArrayList<>();
            List<CycleRow> rows = CycleRecordReader.read(recordDir, warnings::add);
            assertThat(warnings).isEmpty();
            assertThat(rows).hasSize(4);
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.cycle()).isEqualTo(1);
                assertThat(r.end().word()).isEqualTo("operator");
                assertThat(r.dischargeAh()).isPositive();
                assertThat(r.maxCelsius()).isBetween(10.0, 60.0);
            });
            JsonNode msg =
                    sub.awaitTopic("qse-bms/rec1/cycle", Duration.ofSeconds(10)).json();
            assertThat(msg.get("cycle").asLong()).isEqualTo(1);
            assertThat(msg.get("endReason").asText()).isEqualTo("operator");
            assertThat(msg.get("cells")).hasSize(4);
            assertThat(msg.get("cells").get(2).get("dischargeAh").asDouble())
                    .isCloseTo(rows.get(2).dischargeAh(), org.assertj.core.api.Assertions.within(1e-6));
            assertThat(msg.get("cells").get(0).get("coulombicEfficiency").isNull())
                    .isTrue(); // no charge yet
        }
    }
}
