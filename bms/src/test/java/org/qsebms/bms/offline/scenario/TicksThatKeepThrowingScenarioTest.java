package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23, check23r: while every tick throws (3 s of them), {@code LOOP_EXCEPTION} was latched and the
 * contactors opened at the first, but the supervisor stayed NORMAL and the published limits stayed at their
 * normal values (1.5 A / 4.8 A) until the ticks ran again, and a reset sent meanwhile was answered only then.
 * Any MSL moves the supervisor to FAULT in its tick, with zero limits; a reset that no tick can judge is refused.
 */
class TicksThatKeepThrowingScenarioTest {

    @ParameterizedTest
    @ValueSource(ints = {100, 150, 250})
    void aFailingTickIsFaultWithZeroLimitsAndARefusedResetAtOnce(int periodMs) {
        double period = periodMs / 1000.0;
        ScenarioLog log = ScenarioLog.run(String.format(Locale.ROOT, """
                pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}
                loop: {period: %dms}
                load: {type: constant, amps: -1.0, obeysLimits: true}
                faults: [{at: 5s, type: tickException, for: 3s}]
                commands: [{at: 6s, type: reset}]
                duration: 12s
                limitsEvery: 1s
                """, periodMs));
        double raised = log.raised("LOOP_EXCEPTION.MSL");
        assertThat(raised).as(log.dump()).isBetween(5.0, 5.0 + period + 1e-6);
        assertThat(log.reached("FAULT", 0)).as(log.dump()).isEqualTo(raised);
        for (JsonNode n : log.of(
                "limits", x -> x.get("t").asDouble() > raised && x.get("t").asDouble() < 8.0)) {
            assertThat(n.get("chargeAmps").asDouble()).as(n.toString()).isZero();
            assertThat(n.get("dischargeAmps").asDouble()).as(n.toString()).isZero();
        }
        JsonNode reset = log.first("reset", n -> true);
        assertThat(reset.get("accepted").asBoolean()).as(log.dump()).isFalse();
        assertThat(reset.get("t").asDouble()).as(log.dump()).isBetween(6.0, 6.0 + period + 1e-6);
        assertThat(reset.get("reason").asText()).contains("tick failed");
    }
}
