package org.qsebms.bms.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record's files on a real file system: torn lines, bad lines, foreign files, rotation. */
class CycleRecordFileTest {
    @TempDir
    Path dir;

    final List<String> warnings = new ArrayList<>();

    private static String row(long cycle, int cell) {
        ClosedCycle c = new ClosedCycle(1);
        c.cycle = cycle;
        c.startMillis = 1_700_000_000_000L + cycle * 3_600_000L;
        c.endMillis = c.startMillis + 3_600_000L;
        c.end = CycleEnd.CUTOFF;
        c.chargeAh[0] = 1.0;
        c.dischargeAh[0] = 0.999;
        c.chargeWh[0] = 4.0;
        c.dischargeWh[0] = 3.6;
        CycleRow r = c.rows()[0];
        return CycleCsv.format(CycleRow.builder()
                .kind(r.kind())
                .cycle(r.cycle())
                .cell(cell)
                .startMillis(r.startMillis())
                .endMillis(r.endMillis())
                .chargeAh(r.chargeAh())
                .dischargeAh(r.dischargeAh())
                .chargeWh(r.chargeWh())
                .dischargeWh(r.dischargeWh())
                .r0At25Ohms(0.003)
                .seiAt25Ohms(0.001)
                .minCelsius(24.5)
                .maxCelsius(30.25)
                .excessLithiumAh(11.5)
                .capacityAh(1.99)
                .end(r.end())
                .build());
    }

    @Test
    void aRowReadsBackAsWritten() throws IOException {
        try (CycleRecordFile f = new CycleRecordFile(dir, 1 << 20, 2, warnings::add)) {
            f.append(List.of(row(7, 2)));
        }
        List<CycleRow> rows = CycleRecordReader.read(dir, warnings::add);
        assertThat(rows).hasSize(1);
        CycleRow r = rows.getFirst();
        assertThat(r.cycle()).isEqualTo(7);
        assertThat(r.cell()).isEqualTo(2);
        assertThat(r.coulombicEfficiency()).isEqualTo(0.999);
        assertThat(r.polarizationVolts()).isCloseTo(4.0 - 3.6 / 0.999, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(r.maxCelsius()).isEqualTo(30.25);
        assertThat(r.ocvVolts()).isNaN();
        assertThat(warnings).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("cycles.csv")).getFirst()).isEqualTo(CycleCsv.HEADER);
    }

    @Test
    void aTornLastLineIsSkippedOnReadAndCutOffWhenTheRecordIsOpenedAgain() throws IOException {
        try (CycleRecordFile f = new CycleRecordFile(dir, 1 << 20, 2, warnings::add)) {
            f.append(List.of(row(1, 1)));
        }
        String torn = row(2, 1);
        // power lost mid-append
        Files.writeString(dir.resolve("cycles.csv"), torn.substring(0, 40), StandardOpenOption.APPEND);
        assertThat(CycleRecordReader.read(dir, warnings::add)).hasSize(1);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("cycles.csv line 3")
                .contains("torn last line");
        warnings.clear();
        try (CycleRecordFile f = new CycleRecordFile(dir, 1 << 20, 2, warnings::add)) {
            f.append(List.of(row(2, 1)));
        }
        assertThat(warnings).singleElement().asString().contains("cut off a torn last line of 40 bytes");
        warnings.clear();
        assertThat(CycleRecordReader.read(dir, warnings::add))
                .extracting(CycleRow::cycle)
                .containsExactly(1L, 2L);
        assertThat(warnings).isEmpty();
        assertThat(CycleRecordReader.lastCycle(dir, warnings::add)).isEqualTo(2);
    }

    @Test
    void aBadLineIsSkippedWithWhereAndWhy() throws IOException {
        try (CycleRecordFile f = new CycleRecordFile(dir, 1 << 20, 2, warnings::add)) {
            f.append(List.of(row(1, 1), row(2, 1).replace("cutoff", "exploded"), row(3, 1)));
        }
        assertThat(CycleRecordReader.read(dir, warnings::add))
                .extracting(CycleRow::cycle)
                .containsExactly(1L, 3L);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("cycles.csv line 3: skipped, end 'exploded' is not one of");
    }

    @Test
    void aForeignCyclesCsvIsMovedAsideNotOverwritten() throws IOException {
        Files.writeString(dir.resolve("cycles.csv"), "time,volts\n1,3.7\n", StandardCharsets.UTF_8);
        try (CycleRecordFile f = new CycleRecordFile(dir, 1 << 20, 2, warnings::add)) {
            f.append(List.of(row(1, 1)));
        }
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("does not start with the record's header; moved it to");
        try (var s = Files.list(dir)) {
            Path aside = s.filter(p -> p.getFileName().toString().startsWith("cycles.csv.unrecognised-"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(aside)).isEqualTo("time,volts\n1,3.7\n");
        }
        assertThat(CycleRecordReader.read(dir, w -> {})).hasSize(1);
    }

    @Test
    void rotationKeepsTheRecordBoundedAndReadsInOrder() throws IOException {
        int rows = 0;
        try (CycleRecordFile f = new CycleRecordFile(dir, 4096, 2, warnings::add)) {
            for (long c = 1; c <= 200; c++) {
                f.append(List.of(row(c, 1)));
                rows++;
            }
        }
        long total = 0;
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                total += Files.size(p);
                assertThat(p.getFileName().toString()).matches("cycles(-\\d{6})?\\.csv");
            }
        }
        assertThat(CycleRecordReader.rotatedFiles(dir)).hasSize(2);
        assertThat(total).isLessThanOrEqualTo(3 * (4096 + 300));
        List<CycleRow> read = CycleRecordReader.read(dir, warnings::add);
        assertThat(read.getLast().cycle()).isEqualTo(rows);
        for (int i = 1; i < read.size(); i++) {
            assertThat(read.get(i).cycle()).isEqualTo(read.get(i - 1).cycle() + 1);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void readingADirectoryWithoutARecordSaysWhatToPass() {
        assertThatThrownBy(() -> CycleRecordReader.read(dir.resolve("nope"), warnings::add))
                .hasMessageContaining("does not exist")
                .hasMessageContaining("--record");
        assertThatThrownBy(() -> CycleRecordReader.read(dir, warnings::add)).hasMessageContaining("holds no record");
    }
}
