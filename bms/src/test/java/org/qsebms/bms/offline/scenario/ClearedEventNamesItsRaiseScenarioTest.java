package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, left by check23n and confirmed by check23u (probes p02, p14, p20): a limit taken over every cell (the
 * highest cell for an over-voltage, the spread for the imbalance) was raised naming the cell at its worst then, and
 * cleared naming the cell at its worst at the clearing, another one: "raised: cell 2 ... cleared: cell 3 ...". A
 * clearing now names the cell its raise named, with the value now and where it is at its worst.
 */
class ClearedEventNamesItsRaiseScenarioTest {

    private static List<JsonNode> edges(ScenarioLog log, String id, boolean raised) {
        return log.of(
                "fault",
                n -> n.get("id").asText().equals(id) && n.get("event").asText().equals(raised ? "raised" : "cleared"));
    }

    private static String cellOf(JsonNode edge) {
        String reason = edge.get("reason").asText();
        return reason.substring(0, reason.indexOf(':'));
    }

    @Test
    void anOverVoltageClearedNamesTheCellItWasRaisedOn() {
        ScenarioLog log = ScenarioLog.run("""
                pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}
                loop: {period: 200ms}
                initial: {soc: 0.6, ambientCelsius: 25, close: true}
                faults:
                  - {at: 5s, type: cellOverVoltage, cell: 2, volts: 0.7, for: 1s}
                duration: 10s
                """);
        for (String level : List.of("MOL", "RSL", "MSL")) {
            String id = "CELL_OVER_VOLTAGE." + level;
            JsonNode raised = edges(log, id, true).getFirst();
            JsonNode cleared = edges(log, id, false).getFirst();
            assertThat(cellOf(raised)).as(log.dump()).isEqualTo("cell 2");
            assertThat(cellOf(cleared)).as(log.dump()).isEqualTo("cell 2");
            // the value now is the highest cell's, which bounds cell 2's, and the text says which cell that is
            assertThat(cleared.get("reason").asText())
                    .startsWith("cell 2: cellOverVoltage back inside limit ")
                    .containsPattern("V: 3\\.9\\d\\d V now, at its worst on cell [134]$");
        }
    }

    @Test
    void anImbalanceClearedNamesTheCellItWasRaisedOn() {
        ScenarioLog log = ScenarioLog.run("""
                pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}
                loop: {period: 200ms}
                initial: {soc: 0.6, ambientCelsius: 25, close: true}
                faults:
                  - {at: 5s, type: cellOverVoltage, cell: 2, volts: 0.7, for: 1s}
                  - {at: 5s, type: cellOverVoltage, cell: 2, volts: 0.55, for: 10s}
                duration: 22s
                """);
        JsonNode raised = edges(log, "CELL_IMBALANCE.MSL", true).getFirst();
        JsonNode cleared = edges(log, "CELL_IMBALANCE.MSL", false).getFirst();
        assertThat(cellOf(cleared)).as(log.dump()).isEqualTo(cellOf(raised));
    }
}
