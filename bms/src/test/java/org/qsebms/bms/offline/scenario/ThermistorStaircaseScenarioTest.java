package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fast rise that arrives as one step per second (issue 23, check23r): every cell +4 °C each second from 10 s raised
 * no TEMPERATURE_RATE at a 100 ms loop, though faults.md says "faster than 2.0 °C/s over 1 s"; missed too at 200
 * and 250 ms (3 and 3.5 °C/s) and at 3.75 °C/s as 4.5 °C every 1.2 s. A thermistor refreshed once a second (an AFE
 * measuring at 1 Hz) looks exactly like this. The verdict took the slower of the two halves of one window, and a
 * staircase whose step period is about the window always leaves one half flat. The same test is now made over two
 * windows too, each half one window long, which any step period up to a window fills on both sides.
 */
class ThermistorStaircaseScenarioTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";

    /** Every cell's true temperature up {@code stepC} every {@code everyMs} from 10 s, {@code steps} times. */
    private static ScenarioLog staircase(int periodMs, double stepC, int everyMs, int steps) {
        StringBuilder b = new StringBuilder();
        for (int k = 1; k <= steps; k++) {
            for (int cell = 1; cell <= 4; cell++) {
                b.append(String.format(
                        Locale.ROOT,
                        "  - {at: %dms, type: cellTemperature, cell: %d, celsius: %.2f}%n",
                        10_000 + (k - 1) * everyMs,
                        cell,
                        25.0 + stepC * k));
            }
        }
        return ScenarioLog.run(PACK + "loop: {period: " + periodMs + "ms}\n" + """
                initial: {soc: 0.6, ambientCelsius: 25}
                load: {type: constant, amps: -1.0}
                faults:
                """ + b + "duration: 30s\n");
    }

    private static String firstRateReason(ScenarioLog log) {
        return log.first("fault", n -> n.get("id").asText().equals("TEMPERATURE_RATE.MSL"))
                .get("reason")
                .asText();
    }

    /** Flagged by the rate check within two windows + one period of the first step. */
    @ParameterizedTest(name = "loop {0} ms, {1} °C every {2} ms")
    @CsvSource({
        "100, 4.0, 1000",
        "200, 4.0, 1000",
        "250, 4.0, 1000",
        "100, 2.5, 1000",
        "200, 2.5, 1000",
        "250, 2.5, 1000",
        "100, 4.5, 1200",
        "250, 4.5, 1200"
    })
    void aStaircaseFasterThanTheRateIsFlagged(int periodMs, double stepC, int everyMs) {
        ScenarioLog log = staircase(periodMs, stepC, everyMs, 6);
        assertThat(log.raised("TEMPERATURE_RATE.MSL")).as(log.dump()).isBetween(10.0, 12.0 + periodMs / 1000.0 + 1e-6);
        assertThat(firstRateReason(log)).contains("changes at");
    }

    @ParameterizedTest(name = "loop {0} ms")
    @ValueSource(ints = {100, 200, 250})
    void aStaircaseSlowerThanTheRateIsNotFlagged(int periodMs) {
        ScenarioLog log = staircase(periodMs, 1.5, 1000, 12);
        assertThat(log.raisedIds()).as(log.dump()).doesNotContain("TEMPERATURE_RATE.MSL");
        assertThat(log.result().finalState()).isEqualTo("NORMAL");
    }

    /** A lone step of 5 °C (at the step limit, not beyond it) lies in one half of either span: no rate. */
    @ParameterizedTest(name = "loop {0} ms")
    @ValueSource(ints = {100, 200, 250})
    void aLoneStepAtTheStepLimitIsNotARate(int periodMs) {
        ScenarioLog log = staircase(periodMs, 5.0, 1000, 1);
        assertThat(log.of(
                        "fault",
                        n -> n.get("id").asText().equals("TEMPERATURE_RATE.MSL")
                                && n.get("reason").asText().contains("changes at")))
                .as(log.dump())
                .isEmpty();
    }
}
