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
 * Found by fix23bv, fixed by fix23by (issue 23, "safety where parts meet"): the seed-5023710 run (7 cells at -3.3 °C,
 * cell 2 heated from outside to 62 °C, the current reading stuck at 0 A from 5.5 s, the path open 3.4-16.3 s, 0.52 A
 * pulses, 1000 ms loop). The cells' cross-check of the current sensor (CURRENT_STUCK) judged the least move of every
 * cell, so the heated cell, of lower resistance, moving less than the cold ones under the unread pulses, vetoed it: never
 * raised in 59 s, while with cell 2 cooled instead it fired at 22 s. It now judges the move all but
 * {@code currentCrossCheckLaggingFraction} of the cells (rounded down: here all but one) exceed.
 *
 * <p>The bound: the path closes at 16.3 s; a current of at least 0.25 C is found within half the window left after
 * the debounce plus the debounce (docs/safety.md, (10 - 1) / 2 + 1 s), plus one loop period, plus one period for
 * the first sample after the close: 23.8 s.
 */
class CurrentStuckBehindAHeatedCellTest {
    private static final Path SEED =
            Path.of("src/test/resources/scenarios/oracle/soft-short-behind-frozen-thermistors-seed-5023710.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double CLOSED_AT_S = 16.291;
    private static final double BOUND_S = CLOSED_AT_S + (10.0 - 1.0) / 2 + 1.0 + 1.0 + 1.0;

    @Test
    void oneHeatedCellDoesNotHideACurrentReadingStuckAtZeroUnderLoad() throws IOException {
        Scenario sc = new ScenarioLoader().parse(Files.readString(SEED), Path.of("."), "seed-5023710");
        List<Double> stuckAt = new ArrayList<>();
        new ScenarioRunner()
                .run(
                        sc,
                        s -> {
                            try {
                                JsonNode l = JSON.readTree(s);
                                if ("fault".equals(l.path("type").asText())
                                        && "raised".equals(l.path("event").asText())
                                        && l.path("id").asText().startsWith("CURRENT_STUCK")) {
                                    stuckAt.add(l.path("t").asDouble());
                                }
                            } catch (IOException e) {
                                throw new AssertionError(e);
                            }
                        },
                        Files.createTempDirectory("seed-5023710-stuck-"));
        System.out.println("fix23by seed 5023710: CURRENT_STUCK raised at " + stuckAt + " s (bound " + BOUND_S + " s)");
        assertThat(stuckAt).as("CURRENT_STUCK raised (s)").isNotEmpty();
        assertThat(stuckAt.get(0)).as("first CURRENT_STUCK (s)").isLessThanOrEqualTo(BOUND_S);
    }
}
