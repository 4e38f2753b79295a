package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23, check23n: what is decided in a tick acts in that tick. A loop overrun judged after a tick ended (the loop's
 * timing supervision) latched {@code LOOP_OVERRUN.MSL} and the pack went to FAULT only at the next tick: a full second
 * with an MSL latched, the contactors closed and non-zero limits at a 1 s loop. And the tick an open request began
 * {@code OPENING} still published the limits of {@code NORMAL}, zero only a tick later.
 */
class ActInTheTickItIsDecidedScenarioTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";

    private static ScenarioLog run(int periodMs, String tail) {
        return ScenarioLog.run(PACK + "loop: {period: " + periodMs + "ms}\n" + """
                initial: {soc: 0.6, ambientCelsius: 25}
                load: {type: constant, amps: -1.0}
                """ + tail + "duration: 20s\n");
    }

    /** The last limits line at time {@code t}: what the charger and load were left with at the end of that tick. */
    private static JsonNode limitsAt(ScenarioLog log, double t) {
        List<JsonNode> at = log.of("limits", n -> Math.abs(n.get("t").asDouble() - t) < 1e-9);
        assertThat(at).as("a limits line at %.3f s%n%s", t, log.dump()).isNotEmpty();
        return at.get(at.size() - 1);
    }

    @ParameterizedTest(name = "loop period {0} ms")
    @ValueSource(ints = {100, 250, 1000})
    void aLoopOverrunOpensThePackInTheTickItIsRaised(int periodMs) {
        ScenarioLog log = run(
                periodMs, "faults:\n  - {at: 10s, type: loopOverrun, tick: " + (periodMs * 3 / 2) + "ms, for: 8s}\n");
        double raised = log.raised("LOOP_OVERRUN.MSL");
        assertThat(raised).as(log.dump()).isBetween(10.0, 19.0);
        // opened when the overrunning tick ended (1.5 periods after its deadline, the time the raise carries), before
        // the next tick: the opens carry the time they were sent, from which the weld check's release time runs
        double fault = log.reached("FAULT", 0);
        assertThat(fault).as(log.dump()).isBetween(raised, raised + 1.5 * periodMs / 1000.0 + 1e-6);
        assertThat(log.anyCommandedClosedAfter(fault)).as(log.dump()).isFalse();
        List<JsonNode> limits = log.of("limits", n -> n.get("t").asDouble() >= raised - 1e-9);
        assertThat(limits).as(log.dump()).isNotEmpty();
        assertThat(limits.get(0).get("t").asDouble()).as(log.dump()).isLessThanOrEqualTo(fault + 1e-6);
        assertThat(limits.get(0).get("chargeAmps").asDouble()).as(log.dump()).isZero();
        assertThat(limits.get(0).get("dischargeAmps").asDouble()).as(log.dump()).isZero();
    }

    @ParameterizedTest(name = "loop period {0} ms")
    @ValueSource(ints = {100, 250})
    void anOpenRequestZeroesTheLimitsInTheTickOpeningBegins(int periodMs) {
        ScenarioLog log = run(periodMs, "commands:\n  - {at: 10s, type: open}\n");
        double opening = log.reached("OPENING", 0);
        assertThat(opening).as(log.dump()).isBetween(10.0, 10.0 + periodMs / 1000.0);
        JsonNode limits = limitsAt(log, opening);
        assertThat(limits.get("chargeAmps").asDouble()).as(log.dump()).isZero();
        assertThat(limits.get("dischargeAmps").asDouble()).as(log.dump()).isZero();
    }
}
