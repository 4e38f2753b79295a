package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.snapshot.ControllerEvent;

/** Cells that refused their restored SOC doubt are published on the events topic as {@code "event":"socRestore"}. */
class SocRestoreRefusedEventJsonTest {
    @Test
    void aRefusedRestoreIsAnEventWithItsReason() throws Exception {
        String reason = "the SOC saved before the restart does not fit the first reading (cell 2 at 3.041 V starts at "
                + "SOC 0.031 (3-sigma 0.006))";
        JsonNode n = new ObjectMapper()
                .readTree(new TelemetryJson("p1", 0).event(new ControllerEvent.SocRestoreRefused(reason, 5L), 3, 0));
        assertThat(n.get("event").asText()).isEqualTo("socRestore");
        assertThat(n.get("refused").asBoolean()).isTrue();
        assertThat(n.get("reason").asText()).isEqualTo(reason);
    }
}
