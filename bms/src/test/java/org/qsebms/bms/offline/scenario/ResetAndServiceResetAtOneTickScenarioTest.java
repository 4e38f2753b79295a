package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, found by the independent checker check23u (probes p01 and p13): a reset and a service reset taken at
 * one control tick got ONE answer between them, worded "reset refused". Each command gets its own answer now,
 * judged in the order they arrived: the one sent first is judged first, and once one is accepted the other finds
 * nothing latched and says which one cleared the faults.
 */
class ResetAndServiceResetAtOneTickScenarioTest {

    private static final String PACK = """
            pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}
            loop: {period: 250ms}
            initial: {soc: 0.6, ambientCelsius: 25, close: true}
            """;

    /** The reset lines answered at time {@code t}, in order. */
    private static List<JsonNode> answersAt(ScenarioLog log, double t) {
        return log.of("reset", n -> Math.abs(n.get("t").asDouble() - t) < 1e-9);
    }

    private static String commandOf(JsonNode answer) {
        return answer.get("command").asText();
    }

    @Test
    void inNormalEachIsRefusedWithItsOwnAnswerAndNeitherIsKept() {
        ScenarioLog log = ScenarioLog.run(PACK + """
                commands:
                  - {at: 5s, type: serviceReset}
                  - {at: 5s, type: reset}
                faults:
                  - {at: 10s, type: cellOverVoltage, cell: 2, volts: 0.7, for: 600ms}
                duration: 20s
                """);
        List<JsonNode> answers = answersAt(log, 5.0);
        assertThat(answers).as(log.dump()).hasSize(2);
        assertThat(answers.stream().map(ResetAndServiceResetAtOneTickScenarioTest::commandOf))
                .containsExactly("serviceReset", "reset");
        assertThat(answers.get(0).get("accepted").asBoolean()).isFalse();
        assertThat(answers.get(0).get("reason").asText())
                .startsWith("service reset refused: no fault is latched (state NORMAL)")
                .endsWith("a service reset is not kept for a later fault");
        assertThat(answers.get(1).get("accepted").asBoolean()).isFalse();
        assertThat(answers.get(1).get("reason").asText())
                .startsWith("reset refused: no fault is latched (state NORMAL)");
        // neither is kept: the spike at 10 s trips and the pack stays in FAULT
        assertThat(log.result().finalState()).as(log.dump()).isEqualTo("FAULT");
    }

    @Test
    void overALatchedFaultTheFirstSentClearsItAndTheOtherSaysSo() {
        String faulted = PACK + """
                faults:
                  - {at: 3s, type: cellOverVoltage, cell: 2, volts: 0.7, for: 600ms}
                duration: 8s
                commands:
                """;
        ScenarioLog resetFirst = ScenarioLog.run(faulted + """
                  - {at: 6s, type: reset}
                  - {at: 6s, type: serviceReset}
                """);
        List<JsonNode> a = answersAt(resetFirst, 6.0);
        assertThat(a).as(resetFirst.dump()).hasSize(2);
        assertThat(a.stream().map(ResetAndServiceResetAtOneTickScenarioTest::commandOf))
                .containsExactly("reset", "serviceReset");
        assertThat(a.get(0).get("accepted").asBoolean()).isTrue();
        assertThat(a.get(0).get("reason").asText()).startsWith("reset accepted");
        assertThat(a.get(1).get("accepted").asBoolean()).isFalse();
        assertThat(a.get(1).get("reason").asText())
                .startsWith("service reset refused: no fault is latched (the reset sent before it, taken at the same "
                        + "tick, cleared them)");
        assertThat(resetFirst.reached("STANDBY", 6.0)).isEqualTo(6.0);

        ScenarioLog serviceFirst = ScenarioLog.run(faulted + """
                  - {at: 6s, type: serviceReset}
                  - {at: 6s, type: reset}
                """);
        List<JsonNode> b = answersAt(serviceFirst, 6.0);
        assertThat(b).as(serviceFirst.dump()).hasSize(2);
        assertThat(b.stream().map(ResetAndServiceResetAtOneTickScenarioTest::commandOf))
                .containsExactly("serviceReset", "reset");
        assertThat(b.get(0).get("accepted").asBoolean()).isTrue();
        assertThat(b.get(0).get("reason").asText()).startsWith("service reset accepted");
        assertThat(b.get(1).get("accepted").asBoolean()).isFalse();
        assertThat(b.get(1).get("reason").asText())
                .startsWith("reset refused: no fault is latched (the service reset sent before it, taken at the same "
                        + "tick, cleared them)");
        assertThat(serviceFirst.reached("STANDBY", 6.0)).isEqualTo(6.0);
    }

    @Test
    void afterALockoutTheResetIsRefusedAndTheServiceResetTakenWithItIsAccepted() {
        ScenarioLog log = ScenarioLog.run("""
                pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}
                loop: {period: 100ms}
                initial: {soc: 0.5}
                faults:
                  - {at: 3s, type: cellOverVoltage, cell: 2, volts: 1.2, for: 600ms}
                  - {at: 8s, type: cellOverVoltage, cell: 2, volts: 1.2, for: 600ms}
                  - {at: 13s, type: cellOverVoltage, cell: 2, volts: 1.2, for: 600ms}
                commands:
                  - {at: 6s, type: reset}
                  - {at: 6.5s, type: close}
                  - {at: 11s, type: reset}
                  - {at: 11.5s, type: close}
                  - {at: 16s, type: reset}
                  - {at: 16s, type: serviceReset}
                  - {at: 16.5s, type: close}
                duration: 20s
                """);
        assertThat(log.raised("REPEATED_TRIP_LOCKOUT.MSL")).as(log.dump()).isBetween(13.0, 16.0);
        List<JsonNode> answers = answersAt(log, 16.0);
        assertThat(answers).as(log.dump()).hasSize(2);
        assertThat(answers.stream().map(ResetAndServiceResetAtOneTickScenarioTest::commandOf))
                .containsExactly("reset", "serviceReset");
        assertThat(answers.get(0).get("accepted").asBoolean()).isFalse();
        assertThat(answers.get(0).get("reason").asText()).startsWith("reset refused: locked out after repeated");
        assertThat(answers.get(1).get("accepted").asBoolean()).isTrue();
        assertThat(answers.get(1).get("reason").asText()).startsWith("service reset accepted");
        assertThat(log.reached("NORMAL", 16.0)).as(log.dump()).isBetween(16.5, 20.0);
    }

    /**
     * Issue 23, found by check23w (defect 4, probe flood-resets.yaml): of two service resets taken at one tick only
     * the last was judged, in its place; the first sent got no answer and a reset sent after it was the one
     * accepted. Every command gets its own answer now, in the order sent, and the first sent clears the fault.
     */
    @Test
    void aFloodOfResetsAndServiceResetsGetsOneAnswerEachTheFirstSentAccepted() {
        ScenarioLog log = ScenarioLog.run(PACK + """
                faults:
                  - {at: 3s, type: cellOverVoltage, cell: 2, volts: 0.7, for: 600ms}
                commands:
                  - {at: 6s, type: serviceReset}
                  - {at: 6s, type: reset}
                  - {at: 6s, type: serviceReset}
                  - {at: 6s, type: reset}
                  - {at: 6s, type: close}
                duration: 8s
                """);
        List<JsonNode> answers = answersAt(log, 6.0);
        assertThat(answers.stream().map(ResetAndServiceResetAtOneTickScenarioTest::commandOf))
                .as(log.dump())
                .containsExactly("serviceReset", "reset", "serviceReset", "reset");
        assertThat(answers.get(0).get("accepted").asBoolean()).isTrue();
        assertThat(answers.get(0).get("reason").asText()).startsWith("service reset accepted");
        assertThat(answers.get(1).get("reason").asText())
                .startsWith("reset refused: no fault is latched (the service reset sent before it, taken at the same "
                        + "tick, cleared them)");
        assertThat(answers.get(2).get("reason").asText())
                .startsWith("service reset refused: no fault is latched (the service reset sent before it");
        assertThat(answers.get(3).get("reason").asText())
                .startsWith("reset refused: no fault is latched (the service reset sent before it");
        // the close, taken in FAULT, is refused (never judged on the reset's new state) and says so, not "reset"
        List<JsonNode> closes = log.of("close", n -> Math.abs(n.get("t").asDouble() - 6.0) < 1e-9);
        assertThat(closes).as(log.dump()).singleElement().satisfies(c -> {
            assertThat(c.get("accepted").asBoolean()).isFalse();
            assertThat(c.get("reason").asText())
                    .isEqualTo("close refused: the pack was in FAULT when this close was taken; the service reset "
                            + "taken at the same tick cleared the faults (state STANDBY now), and a close is not "
                            + "kept for after a reset: send the close again");
        });
        assertThat(log.reached("STANDBY", 6.0)).isEqualTo(6.0);
        assertThat(log.result().finalState()).isEqualTo("STANDBY");
    }

    /** check23w's defect 4 after a lockout: two service resets at one tick, each answered, the first accepted. */
    @Test
    void afterALockoutTwoServiceResetsAtOneTickAreEachAnswered() {
        ScenarioLog log = ScenarioLog.run("""
                pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}
                loop: {period: 100ms}
                initial: {soc: 0.5}
                faults:
                  - {at: 3s, type: cellOverVoltage, cell: 2, volts: 1.2, for: 600ms}
                  - {at: 8s, type: cellOverVoltage, cell: 2, volts: 1.2, for: 600ms}
                  - {at: 13s, type: cellOverVoltage, cell: 2, volts: 1.2, for: 600ms}
                commands:
                  - {at: 6s, type: reset}
                  - {at: 6.5s, type: close}
                  - {at: 11s, type: reset}
                  - {at: 11.5s, type: close}
                  - {at: 16s, type: serviceReset}
                  - {at: 16s, type: reset}
                  - {at: 16s, type: serviceReset}
                  - {at: 16.5s, type: close}
                duration: 20s
                """);
        assertThat(log.raised("REPEATED_TRIP_LOCKOUT.MSL")).as(log.dump()).isBetween(13.0, 16.0);
        List<JsonNode> answers = answersAt(log, 16.0);
        assertThat(answers.stream().map(ResetAndServiceResetAtOneTickScenarioTest::commandOf))
                .as(log.dump())
                .containsExactly("serviceReset", "reset", "serviceReset");
        assertThat(answers.get(0).get("reason").asText()).startsWith("service reset accepted");
        assertThat(answers.get(1).get("accepted").asBoolean()).isFalse();
        assertThat(answers.get(2).get("accepted").asBoolean()).isFalse();
        assertThat(answers.get(2).get("reason").asText())
                .startsWith("service reset refused: no fault is latched (the service reset sent before it");
        assertThat(log.reached("NORMAL", 16.0)).as(log.dump()).isBetween(16.5, 20.0);
    }
}
