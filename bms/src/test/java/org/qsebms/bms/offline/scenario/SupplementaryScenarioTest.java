package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.qsebms.config.ConfigException;

/**
 * A configuration's {@code supplementary:} section reaches Protection on the real controller
 * (through {@code bms simulate}): a tightened short-circuit factor trips a current that the
 * preset's default lets pass to the ordinary over-current path; a widened one is refused.
 */
class SupplementaryScenarioTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";
    // the discharge over-current MSL is 3 C = 6 A: the default short-circuit tier (2x) is 12 A, a 1.5x one is 9 A
    private static final String BODY = "initial: {soc: 0.6}\n"
            + "faults:\n  - {at: 5s, type: forceCurrent, amps: -11, for: 300ms}\nduration: 8s\n";

    @Test
    void aTightenedShortCircuitFactorTripsWhereTheDefaultDoesNot() {
        ScenarioLog byDefault = ScenarioLog.run(PACK + BODY);
        assertThat(byDefault.mslRaised()).as(byDefault.dump()).doesNotContain("SHORT_CIRCUIT.MSL");
        ScenarioLog tightened = ScenarioLog.run(PACK + "supplementary: {shortCircuitFactor: 1.5}\n" + BODY);
        assertThat(tightened.mslRaised()).as(tightened.dump()).contains("SHORT_CIRCUIT.MSL");
    }

    @Test
    void aWidenedShortCircuitFactorIsRefusedWithTheKeyAndTheFix() {
        assertThatThrownBy(() -> ScenarioLog.run(PACK + "supplementary: {shortCircuitFactor: 4}\n" + BODY))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("supplementary.shortCircuitFactor")
                .hasMessageContaining("so use a value in 1.01..2.0");
    }
}
