package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.snapshot.PackSample;

/** softShortLeakMa in the cells payload: the leak of every flagged cell, null for the others (check23s). */
class CellSoftShortJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFlaggedCellCarriesItsLeakAndTheOthersNull() throws Exception {
        PackSample s = new PackSample(3, 3);
        s.cellSoftShortLeakAmps[0] = 0.0253;
        s.cellSoftShortLeakAmps[2] = 0.0104;
        PackSample copy = new PackSample(3, 3);
        copy.copyFrom(s);
        JsonNode cells = JSON.readTree(new TelemetryJson("p1", 0).cells(copy)).get("cells");
        assertThat(cells.get(0).get("softShortLeakMa").asDouble()).isEqualTo(25.3);
        assertThat(cells.get(1).get("softShortLeakMa").isNull()).isTrue();
        assertThat(cells.get(2).get("softShortLeakMa").asDouble()).isEqualTo(10.4);
    }
}
