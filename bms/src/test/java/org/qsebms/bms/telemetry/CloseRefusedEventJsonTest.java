package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.snapshot.ControllerEvent;

/** A refused close is published on the events topic as {@code "event":"close","accepted":false} with its reason. */
class CloseRefusedEventJsonTest {
    @Test
    void aRefusedCloseIsAnEventWithItsReason() throws Exception {
        String reason = "close refused: a cause that would trip the pack is present; nothing energised: "
                + "CELL_IMBALANCE.MSL: cell 3: cellImbalance 0.400 V above the MSL 0.300 V, seen for 200 ms of its "
                + "5000 ms debounce";
        JsonNode n = new ObjectMapper()
                .readTree(new TelemetryJson("p1", 0).event(new ControllerEvent.CloseRefused(reason, 5L), 3, 0));
        assertThat(n.get("event").asText()).isEqualTo("close");
        assertThat(n.get("accepted").asBoolean()).isFalse();
        assertThat(n.get("reason").asText()).isEqualTo(reason);
    }
}
