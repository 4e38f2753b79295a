package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultCodeTest {
    /** The published codes: telemetry, logs and persisted fault logs rely on these never changing. */
    private static final Map<String, Integer> PUBLISHED = new LinkedHashMap<>();

    static {
        PUBLISHED.put("CELL_OVER_VOLTAGE", 101);
        PUBLISHED.put("CELL_UNDER_VOLTAGE", 102);
        PUBLISHED.put("CHARGE_OVER_CURRENT", 103);
        PUBLISHED.put("DISCHARGE_OVER_CURRENT", 104);
        PUBLISHED.put("CHARGE_OVER_TEMPERATURE", 105);
        PUBLISHED.put("CHARGE_UNDER_TEMPERATURE", 106);
        PUBLISHED.put("DISCHARGE_OVER_TEMPERATURE", 107);
        PUBLISHED.put("DISCHARGE_UNDER_TEMPERATURE", 108);
        PUBLISHED.put("ELECTROLYTE_ANODIC_LIMIT", 109);
        PUBLISHED.put("CELL_IMBALANCE", 110);
        PUBLISHED.put("SOC_HIGH", 111);
        PUBLISHED.put("SOC_LOW", 112);
        PUBLISHED.put("SOFT_SHORT", 113);
        PUBLISHED.put("SHORT_CIRCUIT", 114);
        PUBLISHED.put("CELL_VOLTAGE_SENSOR", 201);
        PUBLISHED.put("CURRENT_SENSOR", 202);
        PUBLISHED.put("TEMPERATURE_SENSOR", 203);
        PUBLISHED.put("PACK_VOLTAGE_MISMATCH", 204);
        PUBLISHED.put("CURRENT_ZERO_DRIFT", 205);
        PUBLISHED.put("TEMPERATURE_SPREAD", 206);
        PUBLISHED.put("TEMPERATURE_RATE", 207);
        PUBLISHED.put("CELL_VOLTAGE_STUCK", 208);
        PUBLISHED.put("TEMPERATURE_STUCK", 209);
        PUBLISHED.put("CURRENT_STUCK", 210);
        PUBLISHED.put("CURRENT_SENSOR_IMPLAUSIBLE", 211);
        PUBLISHED.put("CURRENT_OFFSET_IMPLAUSIBLE", 212);
        PUBLISHED.put("CONTACTOR_WELDED", 301);
        PUBLISHED.put("CONTACTOR_FEEDBACK", 302);
        PUBLISHED.put("PRECHARGE_FAILED", 303);
        PUBLISHED.put("LOOP_OVERRUN", 401);
        PUBLISHED.put("LOOP_EXCEPTION", 402);
        PUBLISHED.put("REPEATED_TRIP_LOCKOUT", 403);
        PUBLISHED.put("PERSISTED_STATE_UNKNOWN", 404);
        PUBLISHED.put("HW_CELL_OVER_VOLTAGE", 501);
        PUBLISHED.put("HW_CELL_UNDER_VOLTAGE", 502);
        PUBLISHED.put("HW_CHARGE_OVER_CURRENT", 503);
        PUBLISHED.put("HW_DISCHARGE_OVER_CURRENT", 504);
        PUBLISHED.put("HW_SHORT_CIRCUIT", 505);
        PUBLISHED.put("HW_OVER_TEMPERATURE", 506);
        PUBLISHED.put("HW_UNDER_TEMPERATURE", 507);
        PUBLISHED.put("HW_HOST_WATCHDOG", 508);
        PUBLISHED.put("HW_ALERT_UNREAD", 509);
        PUBLISHED.put("HW_CONFIGURATION_LOST", 510);
    }

    @Test
    void everyCodeKeepsItsPublishedNumber() {
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (FaultCode c : FaultCode.values()) {
            actual.put(c.name(), c.number());
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(PUBLISHED);
    }

    @Test
    void numbersAreUniqueAndEveryCodeHasAMeaning() {
        assertThat(Arrays.stream(FaultCode.values()).map(FaultCode::number)).doesNotHaveDuplicates();
        assertThat(FaultCode.values()).allSatisfy(c -> assertThat(c.meaning()).isNotBlank());
    }
}
