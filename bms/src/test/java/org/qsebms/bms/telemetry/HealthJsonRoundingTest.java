package org.qsebms.bms.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.record.HealthCheckpoint;

/** The health topic publishes each figure to what its measurements resolve, as plain decimals. */
class HealthJsonRoundingTest {
    private static final PackHealth RAW = PackHealth.builder()
            .capacityAh(1.987654321)
            .capacitySource("estimated")
            .capacitySigmaAh(0.0123456789)
            .seiResistanceOhm(5.672697811281513E-5)
            .seiTrendOhmPerDay(1.23456789E-7)
            .seiState("growing")
            .lithiumInventoryFraction(0.912345678)
            .coulombicEfficiency(0.999843219)
            .cyclesToLithiumDepletion(1234.5678)
            .equivalentFullCycles(12.345678)
            .remainingUsefulLifeCycles(987.654)
            .remainingUsefulLifeEarly(812.3456)
            .remainingUsefulLifeLate(1163.99)
            .usable(new PackHealth.UsableCapacityHealth(1.80456789, 0.902283945, 0.6012345, 24.87654, 3, null))
            .checkpoint(new HealthCheckpoint(
                    12,
                    1_700_000_000_000L,
                    1_700_000_900_000L,
                    List.of(new HealthCheckpoint.Cell(1, 0.0041234567, 0.0021234567, 3.812345678, 0.61234567))))
            .build();

    @Test
    void figuresAreRoundedToTheirResolutionAndWrittenPlain() throws Exception {
        String json = new TelemetryJson("p1", 0).health(RAW, 7, 1_700_000_000_000L);

        assertThat(json)
                .contains("\"capacityAh\":1.9877")
                .contains("\"r0At25Ohm\":0.004123")
                .contains("\"seiAt25Ohm\":0.002123")
                .contains("\"worstSeiAt25Ohm\":0.002123")
                .contains("\"ocvVolts\":3.8123")
                .contains("\"soc\":0.6123")
                .contains("\"capacitySigmaAh\":0.0123")
                .contains("\"seiResistanceOhm\":0.000057")
                .contains("\"seiTrendOhmPerDay\":1.23E-7")
                .contains("\"lithiumInventoryFraction\":0.9123")
                .contains("\"coulombicEfficiency\":0.99984")
                .contains("\"cyclesToLithiumDepletion\":1235")
                .contains("\"equivalentFullCycles\":12.35")
                .contains("\"remainingUsefulLifeCycles\":988")
                .contains("\"remainingUsefulLifeEarlyCycles\":812")
                .contains("\"remainingUsefulLifeLateCycles\":1164")
                .contains(
                        "\"usableCapacity\":{\"capacityAh\":1.8046,\"soh\":0.9023,\"dischargeC\":0.6,\"celsius\":24.9,");
        assertThat(json).doesNotContain("5.672697811281513E-5");
        JsonNode n = new ObjectMapper().readTree(json);
        assertThat(n.get("seiResistanceOhm").asDouble()).isEqualTo(0.000057);
    }

    @Test
    void unknownFiguresStayNull() throws Exception {
        JsonNode n = new ObjectMapper().readTree(new TelemetryJson("p1", 0).health(PackHealth.nominal(2.0), 1, 0));
        assertThat(n.get("capacityAh").asDouble()).isEqualTo(2.0);
        assertThat(n.get("seiResistanceOhm").isNull()).isTrue();
        assertThat(n.get("usableCapacity").get("soh").isNull()).isTrue();
    }
}
