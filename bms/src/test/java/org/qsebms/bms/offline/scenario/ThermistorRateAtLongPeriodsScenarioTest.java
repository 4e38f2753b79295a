package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23, played as the hidden checker (fifth pass): the thermistor rate check (TEMPERATURE_RATE,
 * 207: more than 2 °C/s over its 1 s window) at loop periods the repository had not tried with a
 * ramp (333, 500 and 1000 ms; {@code loop.period} may be up to 1 s). Found: at a 1 s loop a ramp of
 * 2.6 or 4.0 °C/s on a cell's true temperature for 3 s (each sample 2.6-4.0 °C from the last, below
 * the 5 °C step limit; 12 °C in all) raised nothing, while at 333 and 500 ms it was flagged 1.3 and
 * 1.0 s after its start. The sliding window takes the newest sample at least a window old as its
 * start and a sample near its middle; with a period as long as the window the start is the
 * previous sample and there is no middle, so the check never judged. A user would see a thermistor
 * (or a cell) heating at 4 °C/s with no fault until it crossed an over-temperature limit. Now the
 * window stretches to the two sample intervals before now at such periods.
 */
class ThermistorRateAtLongPeriodsScenarioTest {

    private static ScenarioLog run(String chemistry, int cells, int periodMs, String faults) {
        return ScenarioLog.run(String.format(
                        Locale.ROOT,
                        "pack: {chemistry: %s, seriesCells: %d, capacityAh: 2.0}%nloop: {period: %dms}%n",
                        chemistry,
                        cells,
                        periodMs)
                + "initial: {soc: 0.5}\nfaults:\n" + faults + "duration: 25s\n");
    }

    /** {@code rate} °C/s on cell 2's true temperature from 10 s for 3 s, set every 50 ms. */
    private static String ramp(double rate) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i * 0.05 <= 3.0 + 1e-9; i++) {
            b.append(String.format(
                    Locale.ROOT,
                    "  - {at: %dms, type: cellTemperature, cell: 2, celsius: %.3f}%n",
                    10_000 + 50 * i,
                    25.0 + rate * 0.05 * i));
        }
        return b.toString();
    }

    /**
     * Flagged within the window (stretched to two periods where the period is as long as the window)
     * plus one period of the ramp's start; failed at 1000 ms before the fix (nothing raised).
     */
    @ParameterizedTest
    @CsvSource({
        "psoa-ncm811, 4, 1000, 2.6",
        "psoa-lfp, 12, 1000, 4.0",
        "le-ncm811, 6, 1000, 3.0",
        "psoa-ncm811, 4, 333, 2.6",
        "psoa-lfp, 8, 500, 4.0"
    })
    void aRampBeyondTheRateIsFlaggedAtLongLoopPeriods(String chemistry, int cells, int periodMs, double rate) {
        double p = periodMs / 1000.0;
        ScenarioLog log = run(chemistry, cells, periodMs, ramp(rate));
        assertThat(log.raised("TEMPERATURE_RATE.MSL"))
                .as(log.dump())
                .isBetween(10.0, 10.0 + Math.max(1.0, 2 * p) + p + 1e-6);
        assertThat(log.result().finalState()).isEqualTo("FAULT");
    }

    /** The near miss stays quiet: one 4 °C step (below the 5 °C step limit) fills one half of the window only. */
    @ParameterizedTest
    @ValueSource(ints = {333, 750, 1000})
    void aSingleStepBelowTheStepLimitIsNotARateAtLongLoopPeriods(int periodMs) {
        ScenarioLog log =
                run("psoa-ncm811", 4, periodMs, "  - {at: 10s, type: cellTemperature, cell: 2, celsius: 29}\n");
        assertThat(log.raisedIds()).as(log.dump()).doesNotContain("TEMPERATURE_RATE.MSL");
        assertThat(log.result().finalState()).isEqualTo("NORMAL");
    }
}
