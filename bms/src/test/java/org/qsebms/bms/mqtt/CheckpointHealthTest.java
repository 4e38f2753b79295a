package org.qsebms.bms.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.broker.EmbeddedBroker;
import org.qsebms.bms.record.CycleCsv;
import org.qsebms.bms.record.CycleEnd;
import org.qsebms.bms.record.CycleRecordFile;
import org.qsebms.bms.record.CycleRow;
import org.qsebms.bms.runtime.BmsRuntime;
import org.qsebms.config.BmsConfig;

/**
 * The {@code health} message carries the latest scheduled-diagnostic checkpoint of every cell, and
 * a restarted BMS takes it from its record: the real controller on the simulated pack, a real record
 * file, a real broker.
 */
class CheckpointHealthTest {
    @TempDir
    Path dir;

    @Test
    void healthCarriesTheRecordsLatestCheckpointAfterARestart() throws Exception {
        BmsConfig cfg = SimulatedBms.config("chk", dir, Duration.ofMillis(200));
        Path recordDir = BmsRuntime.defaultRecordDirectory(cfg);
        long t0 = 1_790_000_000_000L;
        List<String> lines = new ArrayList<>();
        // an older checkpoint, a cycle, the latest checkpoint, then a checkpoint cut short by a crash (2 of 4 rows)
        addCheckpoint(lines, 3, t0, 0.0040, 3.70);
        for (int cell = 1; cell <= 4; cell++) {
            lines.add(CycleCsv.format(CycleRow.builder()
                    .kind(CycleRow.Kind.CYCLE)
                    .cycle(3)
                    .cell(cell)
                    .startMillis(t0)
                    .endMillis(t0 + 3_600_000)
                    .chargeAh(1.0)
                    .dischargeAh(0.99)
                    .chargeWh(3.9)
                    .dischargeWh(3.7)
                    .r0At25Ohms(0.004)
                    .seiAt25Ohms(0.001)
                    .minCelsius(24)
                    .maxCelsius(27)
                    .capacityAh(2.0)
                    .end(CycleEnd.CUTOFF)
                    .build()));
        }
        long latestEnd = t0 + 7_200_000;
        addCheckpoint(lines, 4, latestEnd, 0.0045, 3.80);
        List<String> torn = new ArrayList<>();
        addCheckpoint(torn, 5, t0 + 9_000_000, 0.0050, 3.90);
        lines.addAll(torn.subList(0, 2));
        try (CycleRecordFile file = new CycleRecordFile(recordDir, 1 << 20, 4, w -> {})) {
            file.append(lines);
        }

        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort());
                RecordingSubscriber sub = RecordingSubscriber.subscribe(broker.url(), "qse-bms/chk/health")) {
            BmsRuntime bms = SimulatedBms.start(cfg, broker.url());
            try {
                JsonNode health = sub.awaitTopic("qse-bms/chk/health", Duration.ofSeconds(15))
                        .json();
                JsonNode c = health.get("checkpoint");
                assertThat(c.isObject()).as(health.toString()).isTrue();
                assertThat(c.get("cycle").asLong()).isEqualTo(4);
                assertThat(c.get("endMillis").asLong()).isEqualTo(latestEnd);
                assertThat(c.get("cells")).hasSize(4);
                for (int i = 0; i < 4; i++) {
                    JsonNode cell = c.get("cells").get(i);
                    assertThat(cell.get("cell").asInt()).isEqualTo(i + 1);
                    assertThat(cell.get("r0At25Ohm").asDouble()).isCloseTo(0.0045 + i * 1e-4, within(1e-6));
                    assertThat(cell.get("seiAt25Ohm").asDouble()).isCloseTo(0.0045 + i * 1e-4 - 0.002, within(1e-6));
                    assertThat(cell.get("ocvVolts").asDouble()).isCloseTo(3.80 + i * 0.001, within(1e-4));
                    assertThat(cell.get("soc").asDouble()).isCloseTo(0.5, within(1e-4));
                }
                assertThat(c.get("worstSeiAt25Ohm").asDouble()).isCloseTo(0.0048 - 0.002, within(1e-6));
            } finally {
                bms.close();
            }
        }
    }

    @Test
    void healthSaysNoCheckpointWhenTheRecordHasNone() throws Exception {
        BmsConfig cfg = SimulatedBms.config("nochk", dir, Duration.ofMillis(200));
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort());
                RecordingSubscriber sub = RecordingSubscriber.subscribe(broker.url(), "qse-bms/nochk/health")) {
            BmsRuntime bms = SimulatedBms.start(cfg, broker.url());
            try {
                JsonNode health = sub.awaitTopic("qse-bms/nochk/health", Duration.ofSeconds(15))
                        .json();
                assertThat(health.has("checkpoint")).as(health.toString()).isTrue();
                assertThat(health.get("checkpoint").isNull()).isTrue();
            } finally {
                bms.close();
            }
        }
    }

    private static void addCheckpoint(List<String> lines, long cycle, long endMillis, double r0, double ocv) {
        for (int i = 0; i < 4; i++) {
            lines.add(CycleCsv.format(CycleRow.builder()
                    .kind(CycleRow.Kind.CHECKPOINT)
                    .cycle(cycle)
                    .cell(i + 1)
                    .startMillis(endMillis - 1_800_000)
                    .endMillis(endMillis)
                    .chargeAh(0)
                    .dischargeAh(0)
                    .chargeWh(0)
                    .dischargeWh(0)
                    .r0At25Ohms(r0 + i * 1e-4)
                    .seiAt25Ohms(r0 + i * 1e-4 - 0.002)
                    .minCelsius(25)
                    .maxCelsius(25)
                    .capacityAh(2.0)
                    .end(CycleEnd.CHECKPOINT)
                    .ocvVolts(ocv + i * 0.001)
                    .socFraction(0.5)
                    .build()));
        }
    }
}
