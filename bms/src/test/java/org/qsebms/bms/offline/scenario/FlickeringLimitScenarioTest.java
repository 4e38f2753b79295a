package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A condition beyond a limit most of the time, dipping briefly back inside (issue 23, check23r). One sample back
 * inside restarted the debounce, so a cell 0.2 V over its 4.30 V MSL two thirds of the time for 12 s raised nothing,
 * not even the MOL, and 8 A discharge pulses of 300 ms with 100 ms gaps against the 6 A / 500 ms MSL (2.6 A charge
 * pulses against the 2 A / 1 s MSL likewise) ran 60 s without a trip. A sample back inside now takes back the time
 * it lasted: beyond more than half of the time adds up (within debounce / (2 d - 1) + one period of the first
 * sample beyond, d the share of samples beyond), half of the time or less never does.
 */
class FlickeringLimitScenarioTest {
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";

    /** Cell 2 0.6 V up for {@code onMs} every {@code cycleMs} from 5 s to 17 s. */
    private static ScenarioLog overVoltageFlicker(int periodMs, int onMs, int cycleMs) {
        StringBuilder b = new StringBuilder(PACK + "loop: {period: " + periodMs + "ms}\n"
                + "initial: {soc: 0.6, ambientCelsius: 25}\nload: {type: constant, amps: 0.0}\nfaults:\n");
        for (int at = 5_000; at < 17_000; at += cycleMs) {
            b.append(String.format(
                    Locale.ROOT, "  - {at: %dms, type: cellOverVoltage, cell: 2, volts: 0.6, for: %dms}%n", at, onMs));
        }
        return ScenarioLog.run(b + "duration: 20s\n");
    }

    @ParameterizedTest(name = "loop {0} ms, {1} ms on every {2} ms")
    @CsvSource({"100, 200, 300", "150, 300, 450", "250, 500, 750"})
    void aCellOverVoltageBeyondTwoThirdsOfTheTimeTrips(int periodMs, int onMs, int cycleMs) {
        ScenarioLog log = overVoltageFlicker(periodMs, onMs, cycleMs);
        // 300 ms debounce, d = 2/3: 900 ms + one period after the first sample beyond (at most one period after 5 s)
        assertThat(log.raised("CELL_OVER_VOLTAGE.MSL"))
                .as(log.dump())
                .isBetween(5.0, 5.0 + 0.9 + 2 * periodMs / 1000.0 + 1e-6);
        assertThat(log.result().finalState()).isEqualTo("FAULT");
    }

    @ParameterizedTest(name = "loop {0} ms, {1} ms on every {2} ms")
    @CsvSource({"100, 200, 400", "100, 100, 200", "250, 250, 500"})
    void aCellOverVoltageBeyondHalfOfTheTimeDoesNotTrip(int periodMs, int onMs, int cycleMs) {
        ScenarioLog log = overVoltageFlicker(periodMs, onMs, cycleMs);
        assertThat(log.raisedIds()).as(log.dump()).noneMatch(id -> id.startsWith("CELL_OVER_VOLTAGE"));
    }

    private static ScenarioLog pulses(int periodMs, double amps, int highMs, int lowMs) {
        return ScenarioLog.run(PACK + "loop: {period: " + periodMs + "ms}\n"
                + "initial: {soc: 0.5, ambientCelsius: 25}\n"
                + String.format(
                        Locale.ROOT,
                        "load: {type: pulses, highAmps: %.2f, high: %dms, lowAmps: 0.0, low: %dms}%n",
                        amps,
                        highMs,
                        lowMs)
                + "duration: 60s\n");
    }

    /**
     * Pulses at 75 % duty: the net count grows at half the rate of a steady current, so 2 debounces + one period
     * after the first sample beyond, which comes at most one gap after the contactors close.
     */
    @ParameterizedTest(name = "loop {0} ms, {1} A, {2} ms on, {3} ms off: {4}")
    @CsvSource({
        "100, -8.0, 300, 100, DISCHARGE_OVER_CURRENT.MSL, 0.5",
        "150, -8.0, 450, 150, DISCHARGE_OVER_CURRENT.MSL, 0.5",
        "100, 2.6, 300, 100, CHARGE_OVER_CURRENT.MSL, 1.0"
    })
    void aPulsedOverCurrentBeyondThreeQuartersOfTheTimeTrips(
            int periodMs, double amps, int highMs, int lowMs, String id, double debounceSeconds) {
        ScenarioLog log = pulses(periodMs, amps, highMs, lowMs);
        double closed = log.first("state", n -> n.get("to").asText().equals("NORMAL"))
                .get("t")
                .asDouble();
        assertThat(log.raised(id))
                .as(log.dump())
                .isBetween(closed, closed + (lowMs + periodMs) / 1000.0 + 2 * debounceSeconds + 1e-6);
    }

    @ParameterizedTest(name = "loop {0} ms, {1} A, {2} ms on, {3} ms off")
    @CsvSource({"100, -8.0, 200, 200", "100, 2.6, 300, 300"})
    void aPulsedOverCurrentBeyondHalfOfTheTimeDoesNotTrip(int periodMs, double amps, int highMs, int lowMs) {
        ScenarioLog log = pulses(periodMs, amps, highMs, lowMs);
        assertThat(log.raisedIds()).as(log.dump()).noneMatch(id -> id.endsWith("OVER_CURRENT.MSL"));
    }
}
