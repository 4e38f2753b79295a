package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.snapshot.ControllerEvent;

/** A current sensor zero beyond its rating, and back, is published on the events topic as {@code "currentZero"}. */
class CurrentZeroRatingEventJsonTest {
    @ParameterizedTest(name = "beyond {0}")
    @ValueSource(booleans = {true, false})
    void theEventCarriesWhetherTheZeroIsBeyondItsRatingAndWhy(boolean beyond) throws Exception {
        String reason = "current sensor zero beyond its rating: it read 0.200 A over 6 s with the contactors open";
        JsonNode n = new ObjectMapper()
                .readTree(new TelemetryJson("p1", 0)
                        .event(new ControllerEvent.CurrentZeroRating(beyond, reason, 5L), 3, 0));
        assertThat(n.get("event").asText()).isEqualTo("currentZero");
        assertThat(n.get("beyondRating").asBoolean()).isEqualTo(beyond);
        assertThat(n.get("reason").asText()).isEqualTo(reason);
    }
}
