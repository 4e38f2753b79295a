package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 item 6, check23s: with two shorted cells the detector flagged both, but only the first appeared in the
 * log, since the {@code SOFT_SHORT} alarm names the cell with the highest score; a user would replace one cell and
 * keep the other. Each flagged cell now has its own line with the leak held for it (and its own figure in the
 * {@code cells} telemetry, {@code softShortLeakMa}).
 */
class EveryFlaggedCellIsNamedScenarioTest {

    @Test
    void bothShortedCellsAreNamedWithTheirLeaks() {
        ScenarioLog log = ScenarioLog.run("""
                pack: {chemistry: psoa-ncm811, seriesCells: 6, capacityAh: 2.0}
                initial: {soc: 0.7}
                load: {type: pulses, highAmps: -1.0, high: 10min, lowAmps: 0.0, low: 20h}
                faults:
                  - {at: 30s, type: softShort, cell: 2, ohms: 150}
                  - {at: 30s, type: softShort, cell: 5, ohms: 300}
                duration: 2h
                seed: 2
                limitsEvery: 1h
                """);
        List<JsonNode> flagged = log.of("softShortCell", n -> n.get("flagged").asBoolean());
        assertThat(flagged)
                .extracting(n -> n.get("cell").asInt())
                .as(log.dump())
                .containsExactlyInAnyOrder(2, 5);
        // against the simulated truth (about 3.8 V over 150 and 300 ohm: 25 and 12.6 mA), within 30 %
        for (JsonNode n : flagged) {
            double truthMa = n.get("cell").asInt() == 2 ? 3.8 / 150 * 1000 : 3.8 / 300 * 1000;
            assertThat(n.get("leakMa").asDouble()).as(n.toString()).isBetween(0.7 * truthMa, 1.3 * truthMa);
        }
    }
}
