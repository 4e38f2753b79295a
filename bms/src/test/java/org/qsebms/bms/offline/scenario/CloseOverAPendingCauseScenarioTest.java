package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23: a close is judged as a reset is. A close requested in STANDBY while a cause that would
 * trip the pack is present (a limit beyond its MSL inside its debounce, a sensor condition pending) is
 * refused with the cause, its value and its limit, and nothing is energised; the same close once the
 * cause has gone is taken. Before, such a close started PRECHARGE and the trip opened it again
 * within the debounce + one period (docs/safety.md).
 *
 * <p>Each case: the pack rests open in STANDBY, the hazard comes at 10 s and lasts up to the last
 * tick its debounce still leaves pending (so it never trips), a close comes at that tick and a
 * second close 1 s after the hazard has gone (for a sensor condition, held over gaps shorter than its
 * debounce, 1 s after its debounce without it).
 */
class CloseOverAPendingCauseScenarioTest {

    private static final double HAZARD_AT_S = 10.0;

    /** The last tick offset (ms) from the first sample beyond at which a debounce of {@code debounceMs} is still pending. */
    private static long lastPendingMs(long debounceMs, int periodMs) {
        return (debounceMs - periodMs) / periodMs * periodMs;
    }

    private static String head(String chemistry, int periodMs, double ambient) {
        return String.format(
                Locale.ROOT,
                "pack: {chemistry: %s, seriesCells: 4, capacityAh: 2.0}%nloop: {period: %dms}%n"
                        + "initial: {soc: 0.5, ambientCelsius: %.1f, close: false}%n",
                chemistry,
                periodMs,
                ambient);
    }

    private record Case(String faults, long debounceMs, String id) {}

    private static Case hazard(String kind, String chemistry, long forMs) {
        boolean lfp = chemistry.endsWith("lfp");
        String at = String.format(Locale.ROOT, "%.0fms", HAZARD_AT_S * 1000);
        return switch (kind) {
            // one cell beyond its over-voltage MSL (NCM 4.30 V, LFP 3.65 V) from about 3.7 / 3.3 V
            case "overVoltage" ->
                new Case(
                        String.format(
                                Locale.ROOT,
                                "  - {at: %s, type: cellOverVoltage, cell: 3, volts: %.2f, for: %dms}%n",
                                at,
                                lfp ? 0.5 : 0.75,
                                forMs),
                        300,
                        "CELL_OVER_VOLTAGE.MSL");
            // one cell below its under-voltage MSL (NCM 2.80 V, LFP 2.50 V)
            case "underVoltage" ->
                new Case(
                        String.format(
                                Locale.ROOT,
                                "  - {at: %s, type: cellOverVoltage, cell: 3, volts: %.2f, for: %dms}%n",
                                at,
                                -1.3,
                                forMs),
                        300,
                        "CELL_UNDER_VOLTAGE.MSL");
            // one cell 0.4 V under the others, inside every voltage limit (imbalance MSL 0.30 V over 5 s)
            case "imbalance" ->
                new Case(
                        String.format(
                                Locale.ROOT,
                                "  - {at: %s, type: cellOverVoltage, cell: 3, volts: -0.40, for: %dms}%n",
                                at,
                                forMs),
                        5000,
                        "CELL_IMBALANCE.MSL");
            // cell 2 from the 59.5 °C ambient to 61 °C (MSL 60 °C over 2 s), a step below the rate and step limits
            case "overTemperature" ->
                new Case(
                        String.format(
                                Locale.ROOT,
                                "  - {at: %s, type: cellTemperature, cell: 2, celsius: 61.0}%n"
                                        + "  - {at: %dms, type: cellTemperature, cell: 2, celsius: 59.5}%n",
                                at,
                                (long) (HAZARD_AT_S * 1000) + forMs),
                        2000,
                        "DISCHARGE_OVER_TEMPERATURE.MSL");
            // a sensor condition: the current sensor's zero 0.9 A off at rest (0.5 A allowed over 2 s)
            case "zeroDrift" ->
                new Case(
                        String.format(
                                Locale.ROOT,
                                "  - {at: %s, type: currentSensorOffset, amps: 0.9, for: %dms}%n",
                                at,
                                forMs),
                        2000,
                        "CURRENT_ZERO_DRIFT");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} on {1} at {2} ms")
    @CsvSource({
        "overVoltage, psoa-ncm811, 100",
        "overVoltage, psoa-ncm811, 250",
        "overVoltage, psoa-lfp, 100",
        "overVoltage, psoa-lfp, 250",
        "underVoltage, psoa-ncm811, 100",
        "underVoltage, psoa-ncm811, 250",
        "underVoltage, psoa-lfp, 100",
        "underVoltage, psoa-lfp, 250",
        "overTemperature, psoa-ncm811, 100",
        "overTemperature, psoa-ncm811, 250",
        "overTemperature, psoa-lfp, 100",
        "overTemperature, psoa-lfp, 250",
        "imbalance, psoa-ncm811, 100",
        "imbalance, psoa-ncm811, 250",
        "imbalance, psoa-lfp, 100",
        "imbalance, psoa-lfp, 250",
        "zeroDrift, psoa-ncm811, 100",
        "zeroDrift, psoa-lfp, 250"
    })
    void aCloseInsideTheDebounceIsRefusedAndTheSameCloseOnceTheCauseHasGoneIsTaken(
            String kind, String chemistry, int periodMs) {
        double p = periodMs / 1000.0;
        long debounceMs = hazard(kind, chemistry, 0).debounceMs();
        long pendingMs = lastPendingMs(debounceMs, periodMs);
        long forMs = pendingMs + periodMs; // beyond on every tick up to the last pending one, never for the debounce
        Case c = hazard(kind, chemistry, forMs);
        double closeAt = HAZARD_AT_S + pendingMs / 1000.0;
        // a limit's cause is gone with the value back inside; a condition's once not seen for its debounce
        double againAt = HAZARD_AT_S + forMs / 1000.0 + (kind.equals("zeroDrift") ? debounceMs / 1000.0 : 0) + 1.0;
        ScenarioLog log = ScenarioLog.run(head(chemistry, periodMs, kind.equals("overTemperature") ? 59.5 : 25.0)
                + "faults:\n" + c.faults()
                + String.format(
                        Locale.ROOT,
                        "commands:%n  - {at: %.3fs, type: close}%n  - {at: %.3fs, type: close}%nduration: %.0fs%n",
                        closeAt,
                        againAt,
                        againAt + 6));

        List<JsonNode> refusals = log.of("close", n -> true);
        assertThat(refusals).as(log.dump()).hasSize(1);
        JsonNode refused = refusals.getFirst();
        assertThat(refused.get("t").asDouble())
                .as(log.dump())
                .isCloseTo(closeAt, org.assertj.core.data.Offset.offset(p / 2));
        assertThat(refused.get("accepted").asBoolean()).isFalse();
        String reason = refused.get("reason").asText();
        assertThat(reason).as(log.dump()).startsWith("close refused").contains(c.id());
        if (!kind.equals("zeroDrift")) { // a limit: its value, its MSL and how far into its debounce
            assertThat(reason)
                    .containsPattern(c.id().replace(".", "\\.") + ": [^;]* (above|below) the MSL [0-9.]+ ")
                    .contains("ms of its " + debounceMs + " ms debounce");
        } else {
            assertThat(reason).contains("0.500 A").contains("ms of its 2000 ms debounce");
        }
        // nothing energised by the refused close, no trip (the hazard never lasted its debounce)
        assertThat(log.reached("PRECHARGE", 0)).as(log.dump()).isGreaterThanOrEqualTo(againAt - 1e-9);
        assertThat(log.anyCommandedClosedAfter(againAt - p)).as(log.dump()).isFalse();
        assertThat(log.mslRaised()).as(log.dump()).isEmpty();
        // the close after the cause has gone is taken
        assertThat(log.reached("NORMAL", againAt)).as(log.dump()).isLessThan(againAt + 5.0);
    }

    /**
     * The same close while the hazard lasts beyond its debounce: refused at once, and the trip that
     * follows proves the cause was real; with the close taken, that trip would have counted towards
     * the lockout with the contactors closing into it.
     */
    @ParameterizedTest(name = "{0} on {1} at {2} ms")
    @CsvSource({
        "overVoltage, psoa-ncm811, 100",
        "underVoltage, psoa-lfp, 250",
        "overTemperature, psoa-lfp, 100",
        "imbalance, psoa-ncm811, 250"
    })
    void aCloseOverACauseThatLastsIsRefusedAndTheTripFollows(String kind, String chemistry, int periodMs) {
        double p = periodMs / 1000.0;
        long debounceMs = hazard(kind, chemistry, 0).debounceMs();
        Case c = hazard(kind, chemistry, debounceMs + 5000);
        double closeAt = HAZARD_AT_S + lastPendingMs(debounceMs, periodMs) / 1000.0;
        ScenarioLog log = ScenarioLog.run(head(chemistry, periodMs, kind.equals("overTemperature") ? 59.5 : 25.0)
                + "faults:\n" + c.faults()
                + String.format(Locale.ROOT, "commands:%n  - {at: %.3fs, type: close}%nduration: 20s%n", closeAt));
        assertThat(log.first("close", n -> true).get("reason").asText())
                .as(log.dump())
                .contains(c.id());
        assertThat(log.raised(c.id())).as(log.dump()).isBetween(closeAt, HAZARD_AT_S + debounceMs / 1000.0 + p + 1e-6);
        assertThat(log.statesReached()).as(log.dump()).doesNotContain("PRECHARGE");
        assertThat(log.anyCommandedClosedAfter(20)).isFalse();
    }
}
