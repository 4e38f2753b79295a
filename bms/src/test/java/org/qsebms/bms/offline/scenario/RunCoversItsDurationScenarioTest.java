package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23, check23r: a run ended at the last tick at or before its duration, so at a loop period that does not divide
 * it (8 s at 270 ms) it ended at 7.83 s, said {@code "durationS":8.0}, and an injection at 7.9 s, which the loader
 * accepts as inside the run, was silently dropped. The last tick is now the first at or after the duration: every
 * action up to it happens, and the end line's time is at or past the duration by less than a period.
 */
class RunCoversItsDurationScenarioTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";

    private static ScenarioLog run(int periodMs, String duration, String at) {
        return ScenarioLog.run(PACK + "loop: {period: " + periodMs + "ms}\n"
                + "initial: {soc: 0.6, ambientCelsius: 25}\n"
                + "faults:\n  - {at: " + at + ", type: currentSensorBusError}\n"
                + "duration: " + duration + "\n");
    }

    @ParameterizedTest(name = "{0} ms, {1}, injection at {2}")
    @CsvSource({"270, 8s, 7.9s", "270, 8s, 8s", "150, 47s, 47s", "100, 300ms, 300ms", "1000, 500ms, 500ms"})
    void everyActionUpToTheDurationHappensAndTheEndIsAtOrPastIt(int periodMs, String duration, String at) {
        ScenarioLog log = run(periodMs, duration, at);
        double durationS = log.first("start", n -> true).get("durationS").asDouble();
        // the inject line is written when the runner applies the action, before the first tick at or after it
        assertThat(log.of("inject", n -> true))
                .as("the injection at " + at + " was applied")
                .hasSize(1);
        double end = log.first("end", n -> true).get("t").asDouble();
        assertThat(end)
                .as("the end line: the run covers its duration, by less than a period past it")
                .isGreaterThanOrEqualTo(durationS)
                .isLessThan(durationS + periodMs / 1000.0);
        assertThat(log.result().ticks()).isEqualTo(Math.round(end * 1000 / periodMs) + 1);
    }

    /** A duration that is a whole number of periods runs to it exactly, without a tick more from rounding. */
    @Test
    void aWholeNumberOfPeriodsEndsAtTheDuration() {
        ScenarioLog log = run(100, "20s", "10s");
        assertThat(log.first("end", n -> true).get("t").asDouble()).isEqualTo(20.0);
        assertThat(log.result().ticks()).isEqualTo(201);
    }
}
