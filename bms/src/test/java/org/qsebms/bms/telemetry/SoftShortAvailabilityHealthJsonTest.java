package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.snapshot.SoftShortAvailability;

/**
 * The {@code health} message says whether the soft-short detector judges the pack (check23r: a 1-cell pack had no
 * soft-short detection and nothing said so).
 */
class SoftShortAvailabilityHealthJsonTest {
    private static JsonNode health(int seriesCells) throws Exception {
        return new ObjectMapper()
                .readTree(new TelemetryJson("p1", 0)
                        .health(
                                PackHealth.nominal(2.0)
                                        .withSoftShort(SoftShortAvailability.forSeriesCells(seriesCells)),
                                1,
                                0));
    }

    @Test
    void aOneCellPackPublishesSoftShortDetectionRestOnlyWithWhatItJudges() throws Exception {
        JsonNode n = health(1);
        assertThat(n.get("softShortDetection").asText()).isEqualTo("rest-only");
        assertThat(n.get("softShortDetectionNote").asText())
                .contains("soft-short detection is limited for this pack")
                .contains("needs at least 2 for that, this pack has 1")
                .contains("judged only at rest")
                .contains("under load a short is seen only by its consequences");
    }

    @Test
    void aTwoCellPackPublishesSoftShortDetectionOn() throws Exception {
        JsonNode n = health(2);
        assertThat(n.get("softShortDetection").asText()).isEqualTo("on");
        assertThat(n.get("softShortDetectionNote").isNull()).isTrue();
    }
}
