package org.qsebms.bms.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latest checkpoint for the health message: from the record at start, then from each new checkpoint. */
class LatestCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aNewCheckpointReplacesTheOneFromTheRecordAndCycleRowsDoNot() {
        LatestCheckpoint latest = LatestCheckpoint.fromRecord(dir.resolve("missing"), 2, w -> {});
        assertThat(latest.get()).isNull();
        latest.offer(new CycleRow[] {
            row(CycleRow.Kind.CHECKPOINT, 1, 1, 100, 0.004), row(CycleRow.Kind.CHECKPOINT, 1, 2, 100, 0.006)
        });
        assertThat(latest.get().cycle()).isEqualTo(1);
        assertThat(latest.get().worstSeiAt25Ohms()).isEqualTo(0.006 - 0.002);
        latest.offer(
                new CycleRow[] {row(CycleRow.Kind.CYCLE, 2, 1, 200, 0.009), row(CycleRow.Kind.CYCLE, 2, 2, 200, 0.009)
                });
        assertThat(latest.get().cycle()).as("a cycle is no checkpoint").isEqualTo(1);
    }

    @Test
    void theLastCompleteCheckpointIsTakenAndATornOneIsPassedOver() {
        List<CycleRow> rows = new ArrayList<>();
        rows.add(row(CycleRow.Kind.CHECKPOINT, 1, 1, 100, 0.004));
        rows.add(row(CycleRow.Kind.CHECKPOINT, 1, 2, 100, 0.005));
        rows.add(row(CycleRow.Kind.CYCLE, 1, 1, 150, 0.004));
        rows.add(row(CycleRow.Kind.CYCLE, 1, 2, 150, 0.004));
        rows.add(row(CycleRow.Kind.CHECKPOINT, 2, 1, 200, 0.007));
        rows.add(row(CycleRow.Kind.CHECKPOINT, 2, 2, 200, 0.008));
        rows.add(row(CycleRow.Kind.CHECKPOINT, 3, 1, 300, 0.009)); // cell 2's row never reached the disk
        HealthCheckpoint c = HealthCheckpoint.last(rows, 2);
        assertThat(c.cycle()).isEqualTo(2);
        assertThat(c.endMillis()).isEqualTo(200);
        assertThat(c.cells()).extracting(HealthCheckpoint.Cell::r0At25Ohms).containsExactly(0.007, 0.008);
        assertThat(HealthCheckpoint.last(rows.subList(2, 4), 2))
                .as("cycles only")
                .isNull();
    }

    @Test
    void anUnreadableRecordStartsWithoutACheckpointAndSaysWhy() throws Exception {
        Path rec = Files.createDirectories(dir.resolve("rec"));
        Files.writeString(rec.resolve(CycleRecordFile.ACTIVE), "not a record\n");
        List<String> warnings = new ArrayList<>();
        LatestCheckpoint latest = LatestCheckpoint.fromRecord(rec, 2, warnings::add);
        assertThat(latest.get()).isNull();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("not the record's header"));
    }

    private static CycleRow row(CycleRow.Kind kind, long cycle, int cell, long end, double r0) {
        return CycleRow.builder()
                .kind(kind)
                .cycle(cycle)
                .cell(cell)
                .startMillis(end - 10)
                .endMillis(end)
                .chargeAh(0)
                .dischargeAh(0)
                .chargeWh(0)
                .dischargeWh(0)
                .r0At25Ohms(r0)
                .seiAt25Ohms(r0 - 0.002)
                .minCelsius(25)
                .maxCelsius(25)
                .capacityAh(2)
                .end(kind == CycleRow.Kind.CHECKPOINT ? CycleEnd.CHECKPOINT : CycleEnd.CUTOFF)
                .ocvVolts(3.8)
                .socFraction(0.5)
                .build();
    }
}
