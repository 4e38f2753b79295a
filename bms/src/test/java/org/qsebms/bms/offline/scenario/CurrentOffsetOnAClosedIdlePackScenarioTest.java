package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.ScenarioLibraryTest.Log;

/**
 * Issue 23, check23y's s06: a current reading offset by +0.45 A (under the 0.5 A zero-drift limit, which judges only
 * with the path open) appearing 5 min into a closed, idle pack. A user expects either a current-sensor fault or a SOC
 * that does not count charge the cells never took. fix23av built a check for it (fault 212) that was not merged: it
 * raised false alarms on healthy cold rests (docs/safety.md, "built, not merged"). This test keeps the miss visible.
 */
class CurrentOffsetOnAClosedIdlePackScenarioTest {
    @Test
    @Disabled("known miss, measured 2026-12-07: nothing raised in 2 h; published SOC 0.600 at the start, 0.719 at 2 h")
    void anOffsetAppearingOnAClosedIdlePackIsFoundOrNotCounted() {
        Log log = ScenarioLibraryTest.run("s06-current-offset-closed-idle-pack.yaml");
        List<JsonNode> limits = log.lines().stream()
                .filter(n -> n.get("type").asText().equals("limits"))
                .toList();
        double first = limits.getFirst().get("soc").asDouble();
        double last = limits.getLast().get("soc").asDouble();
        List<String> currentFaults = log.raisedIds().stream()
                .filter(id -> id.startsWith("CURRENT") && id.endsWith(".MSL"))
                .toList();
        System.out.printf(
                Locale.ROOT,
                "s06: current faults %s; published SOC %.3f at the start, %.3f at %.0f s%n",
                currentFaults,
                first,
                last,
                limits.getLast().get("t").asDouble());
        // the pack took no charge: either the reading is judged wrong, or the SOC stays where it was (within 2 %)
        assertThat(!currentFaults.isEmpty() || Math.abs(last - first) <= 0.02)
                .as("a current fault raised (%s) or the SOC held (%.3f -> %.3f)", currentFaults, first, last)
                .isTrue();
    }
}
