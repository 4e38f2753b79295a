package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, found by the independent checker check23x (defect 1): when the precharge stopped at a contactor it had
 * not closed that read closed (28951f2f), the move to STANDBY was logged "open requested during precharge" though no
 * open was sent, and the automatic restart a tick later "close requested" though no close was sent; with a one-tick
 * bounce nothing named the contactor. The stop now has its own reason naming the contactor, and drops the close: the
 * precharge does not start again by itself while a contactor may be welded; the operator closes again.
 */
class StrayClosedPrechargeScenarioTest {
    private static final String PACK = """
            pack: {chemistry: psoa-lfp, seriesCells: 5, capacityAh: 4.0}
            loop: {period: 50ms}
            initial: {soc: 0.5, ambientCelsius: 25, close: true}
            load: {type: idle}
            seed: 1
            """;

    private static List<JsonNode> into(ScenarioLog log, String state) {
        return log.of("state", n -> n.get("to").asText().equals(state));
    }

    private static JsonNode theStop(ScenarioLog log) {
        List<JsonNode> stops = log.of(
                "state",
                n -> n.get("from").asText().equals("PRECHARGE")
                        && n.get("to").asText().equals("STANDBY"));
        assertThat(stops).as(log.dump()).hasSize(1);
        return stops.get(0);
    }

    /** check23x's scenario: the main positive welds at 150 ms, during the precharge step, for 2.85 s. */
    @Test
    void aMainWeldedDuringThePrechargeStopsItWithAReasonNamingTheContactor() {
        ScenarioLog log = ScenarioLog.run(PACK + """
                faults:
                  - {at: 150ms, type: contactorWeld, contactor: MAIN_POSITIVE, for: 2850ms}
                commands:
                  - {at: 4000ms, type: reset}
                duration: 6s
                """);
        String reason = theStop(log).get("reason").asText();
        assertThat(reason)
                .as(log.dump())
                .doesNotContain("open requested")
                .contains("main positive reads closed")
                .contains("close again");
        assertThat(into(log, "PRECHARGE")).as("one precharge start").hasSize(1);
        assertThat(log.raised("CONTACTOR_WELDED.MSL")).isGreaterThan(0);
    }

    /** A one-tick bounce the weld check never sees: the stop still names the contactor, and nothing restarts. */
    @Test
    void aOneTickBounceStopsThePrechargeNamingTheContactorAndDoesNotRestartIt() {
        ScenarioLog log = ScenarioLog.run(PACK + """
                faults:
                  - {at: 150ms, type: contactorWeld, contactor: MAIN_POSITIVE, for: 50ms}
                duration: 3s
                """);
        assertThat(theStop(log).get("reason").asText()).as(log.dump()).contains("main positive reads closed");
        assertThat(into(log, "PRECHARGE")).as(log.dump()).hasSize(1);
        assertThat(log.raisedIds()).as(log.dump()).isEmpty();
        assertThat(log.result().finalState()).isEqualTo("STANDBY");
        assertThat(log.anyCommandedClosedAfter(0.2)).as(log.dump()).isFalse();
    }

    /** A close sent after the stop starts the precharge again, and its reason ("close requested") is true. */
    @Test
    void aNewCloseAfterTheStopClosesThePack() {
        ScenarioLog log = ScenarioLog.run(PACK + """
                faults:
                  - {at: 150ms, type: contactorWeld, contactor: MAIN_POSITIVE, for: 50ms}
                commands:
                  - {at: 1s, type: close}
                duration: 4s
                """);
        List<JsonNode> starts = into(log, "PRECHARGE");
        assertThat(starts).as(log.dump()).hasSize(2);
        assertThat(starts.get(1).get("t").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(starts.get(1).get("reason").asText()).isEqualTo("close requested");
        assertThat(log.result().finalState()).isEqualTo("NORMAL");
    }
}
