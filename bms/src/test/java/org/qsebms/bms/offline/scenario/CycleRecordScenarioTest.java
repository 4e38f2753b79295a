package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.cli.BmsCommand;
import org.qsebms.bms.record.CellCycleSeries;
import org.qsebms.bms.record.CycleEnd;
import org.qsebms.bms.record.CycleRecordReader;
import org.qsebms.bms.record.CycleRow;

/**
 * 200 simulated cycles (cycling-200.yaml: two 2 Ah cells, 500 ms loop, 38 % deep cycles, one per
 * simulated hour; about 10 s of CPU) write the record; the record agrees with the simulated cells'
 * own charge counters, and the report's fade and CE agree with the same figures computed from that
 * truth. The simulated cells' truth is taken from the plant (their true current), never from an estimator.
 */
class CycleRecordScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static List<JsonNode> cycleLines = new ArrayList<>();
    static List<CycleRow> record;
    static ScenarioRunner.Result result;
    static List<String> warnings = new ArrayList<>();

    @BeforeAll
    static void runTwoHundredCycles() throws IOException {
        Scenario sc = new ScenarioLoader().load(ScenarioLibraryTest.scenario("cycling-200.yaml"));
        result = new ScenarioRunner()
                .run(
                        sc,
                        s -> {
                            try {
                                JsonNode n = JSON.readTree(s);
                                if (n.get("type").asText().equals("cycle")) {
                                    cycleLines.add(n);
                                }
                            } catch (IOException e) {
                                throw new AssertionError(e);
                            }
                        },
                        dir.resolve("record"));
        record = CycleRecordReader.read(dir.resolve("record"), warnings::add);
    }

    @Test
    void writesTwoHundredCyclesOfEveryCellEndedAtTheCutoffWithoutATrip() {
        assertThat(result.tripped()).isFalse();
        assertThat(warnings).isEmpty();
        long cutoffCycles = record.stream()
                .filter(r -> r.cell() == 1 && r.end() == CycleEnd.CUTOFF)
                .count();
        assertThat(cutoffCycles).as("cycles ended at the cutoff").isGreaterThanOrEqualTo(200);
        for (int k = 0; k < record.size(); k++) { // numbered 1, 2, 3 ... with one row per cell, none lost
            assertThat(record.get(k).cycle()).isEqualTo(k / 2 + 1);
            assertThat(record.get(k).cell()).isEqualTo(k % 2 + 1);
        }
        assertThat(cycleLines).hasSize(record.size() / 2);
    }

    @Test
    void everyCyclesChargeAndDischargeMatchWhatTheSimulatedCellsTrulyMoved() {
        double worst = 0;
        for (JsonNode line : cycleLines) {
            for (int c = 0; c < 2; c++) {
                double simCharge = line.get("simChargeAh").get(c).asDouble();
                double simDischarge = line.get("simDischargeAh").get(c).asDouble();
                double charge = line.get("chargeAh").get(c).asDouble();
                double discharge = line.get("dischargeAh").get(c).asDouble();
                // 1 mAh absolute floor: the first cycle of a run has next to no charge
                assertThat(charge)
                        .as("cycle %s cell %d charge", line.get("cycle"), c + 1)
                        .isCloseTo(simCharge, within(Math.max(0.001, 0.005 * simCharge)));
                assertThat(discharge)
                        .as("cycle %s cell %d discharge", line.get("cycle"), c + 1)
                        .isCloseTo(simDischarge, within(Math.max(0.001, 0.005 * simDischarge)));
                if (simDischarge > 0.1) {
                    worst = Math.max(worst, Math.abs(discharge / simDischarge - 1));
                }
            }
        }
        System.out.printf("worst per-cycle discharge error against the simulated truth: %.4f %%%n", 100 * worst);
    }

    @Test
    void reportFadeAndCoulombicEfficiencyAgreeWithTheSimulatedTruth() {
        List<CycleRow> truth = truthRows();
        for (int cell = 1; cell <= 2; cell++) {
            CellCycleSeries measured = CellCycleSeries.ofCell(record, cell);
            CellCycleSeries sim = CellCycleSeries.ofCell(truth, cell);
            assertThat(measured.size()).isEqualTo(sim.size()).isGreaterThanOrEqualTo(195);
            double fade = measured.fade().fadePercentPer100();
            double simFade = sim.fade().fadePercentPer100();
            double ce = measured.meanCoulombicEfficiency();
            double simCe = sim.meanCoulombicEfficiency();
            System.out.printf(
                    "cell %d: fade %.4f (truth %.4f) %% per 100 cycles, mean CE %.6f (truth %.6f)%n",
                    cell, fade, simFade, ce, simCe);
            assertThat(fade).as("fade per 100 cycles, %-points").isCloseTo(simFade, within(0.1));
            assertThat(ce).as("mean coulombic efficiency").isCloseTo(simCe, within(2e-4));
        }
    }

    @Test
    void theSimulatedCellsCapacityDoesNotFadeBeforeTheirLithiumReserveIsUsedUp() {
        // the cell model keeps its capacity until the lithium foil reserve is gone (docs/cell-model.md); over
        // these 200 cycles the reserve falls but stays positive, so the capacity truth is flat
        JsonNode first = cycleLines.getFirst();
        JsonNode last = cycleLines.getLast();
        for (int c = 0; c < 2; c++) {
            assertThat(last.get("simCapacityAh").get(c).asDouble())
                    .isEqualTo(first.get("simCapacityAh").get(c).asDouble());
            assertThat(last.get("simLithiumReserveAh").get(c).asDouble())
                    .isLessThan(first.get("simLithiumReserveAh").get(c).asDouble())
                    .isPositive();
        }
    }

    @Test
    void reportCyclesDrawsTheRecordAndSummarisesIt() throws IOException {
        Path out = dir.resolve("report");
        int code = BmsCommand.execute(
                "report", "cycles", "--record", dir.resolve("record").toString(), "--out", out.toString());
        assertThat(code).isZero();
        for (String who : List.of("cell-1", "cell-2", "pack")) {
            for (String what : List.of("capacity", "ce", "polarization", "resistance")) {
                Path png = out.resolve(who + "-" + what + ".png");
                assertThat(png).exists();
                assertThat(Files.size(png)).isGreaterThan(10_000);
            }
        }
        String md = Files.readString(out.resolve("summary.md"));
        CellCycleSeries cell1 = CellCycleSeries.ofCell(record, 1);
        assertThat(md)
                .contains("Cycles so far: **" + cell1.cyclesRecorded() + "**")
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "%.3f +- %.3f %%",
                        cell1.fade().fadePercentPer100(),
                        cell1.fade().fadeSigmaPercentPer100()))
                .contains("The cell that ages fastest: **cell ");
    }

    /** The record's rows with the charge and discharge the simulated cells truly moved instead of the measured ones. */
    private static List<CycleRow> truthRows() {
        List<CycleRow> rows = new ArrayList<>();
        for (JsonNode line : cycleLines) {
            for (int c = 0; c < 2; c++) {
                rows.add(CycleRow.builder()
                        .kind(CycleRow.Kind.CYCLE)
                        .cycle(line.get("cycle").asLong())
                        .cell(c + 1)
                        .startMillis(0)
                        .endMillis(0)
                        .chargeAh(line.get("simChargeAh").get(c).asDouble())
                        .dischargeAh(line.get("simDischargeAh").get(c).asDouble())
                        .chargeWh(0)
                        .dischargeWh(0)
                        .end(CycleEnd.ofWord(line.get("end").asText()))
                        .build());
            }
        }
        return rows;
    }
}
