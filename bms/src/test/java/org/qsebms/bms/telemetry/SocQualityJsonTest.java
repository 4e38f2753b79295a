package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.snapshot.PackSample;

/** socQuality in the state and cells payloads: per cell, and the pack's the worst of its cells'. */
class SocQualityJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String packQuality(PackSample s) throws Exception {
        return JSON.readTree(new TelemetryJson("p1", 0).state(s, 1, 0))
                .get("socQuality")
                .asText();
    }

    private static String cellQuality(PackSample s, int i) throws Exception {
        JsonNode cells = JSON.readTree(new TelemetryJson("p1", 0).cells(s)).get("cells");
        return cells.get(i).get("socQuality").asText();
    }

    @Test
    void aCellThatDoesNotFitItsPresetReadsMismatchedAndOutranksAnExtrapolatedOne() throws Exception {
        PackSample s = new PackSample(3, 3);
        assertThat(packQuality(s)).isEqualTo("characterised");
        s.cellSocExtrapolated[0] = true;
        assertThat(packQuality(s)).isEqualTo("extrapolated");
        s.cellSocMismatched[2] = true;
        assertThat(packQuality(s)).isEqualTo("mismatched");
        assertThat(cellQuality(s, 0)).isEqualTo("extrapolated");
        assertThat(cellQuality(s, 1)).isEqualTo("characterised");
        assertThat(cellQuality(s, 2)).isEqualTo("mismatched");
    }

    @Test
    void aCopiedSampleKeepsTheMismatch() throws Exception {
        PackSample s = new PackSample(2, 2);
        s.cellSocMismatched[1] = true;
        PackSample copy = new PackSample(2, 2);
        copy.copyFrom(s);
        assertThat(cellQuality(copy, 1)).isEqualTo("mismatched");
    }
}
