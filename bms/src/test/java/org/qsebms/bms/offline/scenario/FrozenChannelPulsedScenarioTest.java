package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A frozen reading under a load that pauses between pulses. Found by playing the checker for issue
 * 23 (third pass): the "while current flows" window (5 s for a cell channel, 1 min for a
 * thermistor) counted only an unbroken flow, so every pause of a pulsed load restarted it and a
 * cell channel frozen under 4 s pulses with 1 s pauses was found only by the at-rest window, after
 * 60 s (a thermistor after 10 min) instead of 5 s (1 min) of flow. The flowing time since the
 * reading last changed is now summed over the pulses, as the SOC floors' debounce is.
 */
class FrozenChannelPulsedScenarioTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";

    private static ScenarioLog run(int periodMs, String faults, String duration) {
        return ScenarioLog.run(
                PACK + "loop: {period: " + periodMs + "ms}\n" + """
                initial: {soc: 0.6, ambientCelsius: 25}
                load: {type: pulses, highAmps: -1.0, high: 4s, lowAmps: 0.0, low: 1s}
                """ + faults + "duration: " + duration + "\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 150, 250})
    void aCellChannelFrozenUnderPulsesIsFoundAfterFiveSecondsOfFlow(int periodMs) {
        // two channels frozen together: the relative check (one channel unchanged while every other changes)
        // cannot judge them, so the flowing window is what is tested
        ScenarioLog log = run(
                periodMs,
                "faults:\n  - {at: 10s, type: cellSensorStuck, cell: 1}\n  - {at: 10s, type: cellSensorStuck, cell: 2}\n",
                "90s");
        // 5 s of flow take at most 5 s + one 1 s pause + two periods (a pulse edge) of wall time
        assertThat(log.raised("CELL_VOLTAGE_STUCK.MSL")).as(log.dump()).isBetween(15.0, 16.0 + 2 * periodMs / 1000.0);
    }

    /**
     * Every thermistor frozen together under pulses. Before fix23aw nothing but the 60 s flowing window judged it (no
     * other thermistor changing: found at 70-86 s, the test this one replaces); since fix23aw (fix23bk: as a statement
     * of the front end) the simulated board's thermistor front end states its live repeat chance and the run is
     * judged by it, so the flowing window is not reached here (it stays the backstop for readings outside the stated
     * range, a channel whose own history contradicts the statement, and a front end that states none).
     */
    @ParameterizedTest
    @ValueSource(ints = {100, 150, 250})
    void everyThermistorFrozenUnderPulsesIsJudgedByTheSimulatedFrontEndsStatedRepeatChance(int periodMs) {
        StringBuilder frozen = new StringBuilder("faults:\n");
        for (int ch = 1; ch <= 4; ch++) {
            frozen.append("  - {at: 10s, type: temperatureSensorStuck, channel: ")
                    .append(ch)
                    .append("}\n");
        }
        ScenarioLog log = run(periodMs, frozen.toString(), "40s");
        // the readings the stated chance needs at the default false alarm (1e-12), after the first sample taken frozen
        int readings = org.qsebms.bms.sim.SimulatedBoardThermistors.readingsToJudge();
        assertThat(log.raised("TEMPERATURE_STUCK.MSL"))
                .as(log.dump())
                .isBetween(10.0 + readings * periodMs / 1000.0, 10.0 + (readings + 2) * periodMs / 1000.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 250})
    void liveChannelsUnderTheSamePulsesAreNeverFlagged(int periodMs) {
        ScenarioLog log = run(periodMs, "", "150s");
        assertThat(log.mslRaised()).as(log.dump()).isEmpty();
    }
}
