package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The thermistor rate check (TEMPERATURE_RATE, 207: more than 2 °C/s over 1 s) at loop periods
 * other than 100 ms (issue 23: does every time-based setting scale with the loop period?). Found
 * by playing the checker: a single 4 °C step (below the 5 °C step limit, the fault table's own
 * near miss) tripped at 150 ms and not at 100, 200 or 250 ms, and a 3 °C/s ramp lasting 1.5 s was
 * never flagged at 100 ms: the verdict came from 1 s blocks of samples, debounced by another
 * 1 s, so what it saw depended on where the blocks fell.
 */
class ThermistorRateScenarioTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";

    private static ScenarioLog run(int periodMs, String faults) {
        return ScenarioLog.run(PACK + "loop: {period: " + periodMs + "ms}\n" + """
                initial: {soc: 0.6, ambientCelsius: 25}
                load: {type: constant, amps: -1.0}
                faults:
                """ + faults + "duration: 20s\n");
    }

    /** A ramp of {@code rate} °C/s on cell 2's true temperature from 10 s for {@code seconds}, set every 50 ms. */
    private static String ramp(double rate, double seconds) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i * 0.05 <= seconds + 1e-9; i++) {
            b.append(String.format(
                    Locale.ROOT,
                    "  - {at: %dms, type: cellTemperature, cell: 2, celsius: %.3f}%n",
                    10_000 + 50 * i,
                    25.0 + rate * 0.05 * i));
        }
        return b.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 150, 200, 250})
    void aSingleStepBelowTheStepLimitIsNotARateAtAnyLoopPeriod(int periodMs) {
        ScenarioLog log = run(periodMs, "  - {at: 10s, type: cellTemperature, cell: 2, celsius: 29}\n");
        assertThat(log.raisedIds()).doesNotContain("TEMPERATURE_RATE.MSL");
        assertThat(log.result().finalState()).isEqualTo("NORMAL");
    }

    /** 3 °C/s for 1.5 s: beyond 2 °C/s over a whole second, so flagged within 1 s + one period of its first second. */
    @ParameterizedTest
    @ValueSource(ints = {100, 150, 200, 250})
    void aRampFasterThanTheRateForOneSecondIsFlaggedAtAnyLoopPeriod(int periodMs) {
        ScenarioLog log = run(periodMs, ramp(3.0, 1.5));
        assertThat(log.raised("TEMPERATURE_RATE.MSL")).as(log.dump()).isBetween(10.0, 11.0 + periodMs / 1000.0 + 1e-6);
    }

    /**
     * A thermistor that drops out for a sample (its status not OK, shorter than the 300 ms sensor
     * debounce) and comes back 12 °C away. Found by playing the checker for issue 23 (third pass):
     * the step check compared only consecutive valid samples, so the jump across the gap was never
     * judged, at any loop period. Now it is compared with the last valid reading, allowing the step
     * limit plus the rate limit over the time missed.
     */
    @ParameterizedTest
    @ValueSource(ints = {100, 150, 200, 250})
    void aReadingThatComesBackFromADropoutFarFromWhereItLeftIsAStep(int periodMs) {
        ScenarioLog log = run(
                periodMs,
                String.format(
                        Locale.ROOT,
                        "  - {at: 10s, type: temperatureSensorBusError, channel: 2, for: %dms}%n"
                                + "  - {at: 10s, type: cellTemperature, cell: 2, celsius: 37}%n",
                        periodMs));
        assertThat(log.raised("TEMPERATURE_RATE.MSL"))
                .as(log.dump())
                .isBetween(10.0, 10.0 + 3 * periodMs / 1000.0 + 1e-6);
    }

    /** Its near miss: across the same dropout, 4 °C (below the 5 °C step limit) is not a step. */
    @ParameterizedTest
    @ValueSource(ints = {100, 150, 200, 250})
    void aSmallChangeAcrossADropoutIsNotAStep(int periodMs) {
        ScenarioLog log = run(
                periodMs,
                String.format(
                        Locale.ROOT,
                        "  - {at: 10s, type: temperatureSensorBusError, channel: 2, for: %dms}%n"
                                + "  - {at: 10s, type: cellTemperature, cell: 2, celsius: 29}%n",
                        periodMs));
        assertThat(log.mslRaised()).as(log.dump()).isEmpty();
        assertThat(log.result().finalState()).isEqualTo("NORMAL");
    }
}
