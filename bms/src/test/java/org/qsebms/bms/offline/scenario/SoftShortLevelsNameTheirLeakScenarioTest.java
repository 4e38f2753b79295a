package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 item 6, check23s: the soft-short alarm carried the detector's reason as it stood when the cell was first
 * flagged, so an MSL raised half an hour after the RSL (a 500 ohm short, true 7.4 mA, starting 4 h into a rest)
 * named the RSL's 3.0 mA, below the 4.5 mA (1.5 times the threshold) that an MSL on the leak means. Each level now
 * names the leak as it stood when the score reached it.
 */
class SoftShortLevelsNameTheirLeakScenarioTest {
    private static final Pattern LEAK = Pattern.compile("leak about ([0-9.]+) mA");

    private static double leakNamed(JsonNode raise) {
        Matcher m = LEAK.matcher(raise.get("reason").asText());
        assertThat(m.find()).as(raise.toString()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void anMslRaisedAfterItsRslNamesTheLeakThatRaisedIt() {
        ScenarioLog log = ScenarioLog.run("""
                pack: {chemistry: psoa-ncm811, seriesCells: 6, capacityAh: 2.0}
                loop: {period: 500ms}
                initial: {soc: 0.80, ambientCelsius: 25, close: true}
                load: {type: pulses, highAmps: -1.5, high: 20min, lowAmps: 0.0, low: 20h}
                faults:
                  - {at: 4h, type: softShort, cell: 3, ohms: 500}
                duration: 5.2h
                seed: 9100500
                limitsEvery: 30min
                """);
        JsonNode rsl = log.first("fault", n -> n.get("id").asText().equals("SOFT_SHORT.RSL"));
        JsonNode msl = log.first("fault", n -> n.get("id").asText().equals("SOFT_SHORT.MSL"));
        assertThat(msl.get("t").asDouble())
                .as(log.dump())
                .isGreaterThan(rsl.get("t").asDouble());
        // the MSL on the leak is reached at 1.5 times the 3.0 mA threshold; the figure is rounded to 0.1 mA
        assertThat(leakNamed(msl)).as(log.dump()).isGreaterThanOrEqualTo(4.45);
    }
}
