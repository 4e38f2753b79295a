package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;

/**
 * Found by fix23aw's extended oracle (seed 5023710, default periods, drawn at a 1000 ms loop): a 7-cell pack at -3.3 °C
 * whose every thermistor freezes at 11.1 s while cell 2 is heated from outside to 62 °C (and the current sensor is
 * stuck from 5.5 s). TEMPERATURE_STUCK.MSL (the prior) at 39.0 s; then the soft-short detector names cell 2 at
 * 48 s from "4 abrupt drops of more than 21 mV" (SOFT_SHORT.MOL and RSL), a cell with no short. The same with the
 * thermistors' prior switched off (the control run): not caused by fix23aw's prior, seen only since the oracle draws
 * this run at long loop periods.
 *
 * <p>Traced by fix23bv (2026-12-08): the rule was the abrupt-drop cue ({@code VoltageDropCue}). With the current
 * reading stuck at 0 A it saw no current step; on four samples (22, 30, 33, 38 s) the cold cells rose as one by 27-45
 * mV (their resistance at -3.3 °C times the unread step) and the heated cell 2 much less, so its own step against the
 * string median was -23 to -39 mV against a bound of 21-24 mV. Not the OCV's entropic change (cell 2's own step at
 * most 4.6 mV where the string did not move) nor the loop period as such. Met on main by fix23be (ae81527d: the
 * string's rise added to the drop bound, since a cell of lower resistance rises less than the string by at most the
 * whole rise), merged after this known miss was recorded: with that term taken out this test fails again
 * (SOFT_SHORT.MOL and .RSL at 48.0 s); with it no drop is counted on any cell of the run (docs/safety.md, "A heated
 * cell behind frozen thermistors named a soft short").
 */
class SoftShortBehindFrozenThermistorsTest {
    private static final Path SEED =
            Path.of("src/test/resources/scenarios/oracle/soft-short-behind-frozen-thermistors-seed-5023710.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCellHeatedBehindFrozenThermistorsIsNotNamedASoftShort() throws IOException {
        Scenario sc = new ScenarioLoader().parse(Files.readString(SEED), Path.of("."), "seed-5023710");
        List<String> raised = new ArrayList<>();
        new ScenarioRunner()
                .run(
                        sc,
                        s -> {
                            try {
                                JsonNode l = JSON.readTree(s);
                                if ("fault".equals(l.path("type").asText())
                                        && "raised".equals(l.path("event").asText())) {
                                    raised.add(l.path("id").asText() + " at "
                                            + l.path("t").asText());
                                }
                            } catch (IOException e) {
                                throw new AssertionError(e);
                            }
                        },
                        Files.createTempDirectory("seed-5023710-"));
        assertThat(raised).as("faults raised").isNotEmpty().noneMatch(f -> f.startsWith("SOFT_SHORT"));
    }
}
