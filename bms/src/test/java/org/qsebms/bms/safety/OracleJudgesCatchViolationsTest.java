package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;

/**
 * Each judgement of the oracles can fail: made-up traces that break a rule are fed to
 * {@link ScenarioOracle} and {@link SoftShortOracle} (no controller), and each must report the
 * violation, while the same trace kept within the rule reports nothing.
 */
class OracleJudgesCatchViolationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PACK = "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n";
    private static final boolean[] OPEN = {false, false, false};
    /** MAIN_NEGATIVE, PRECHARGE, MAIN_POSITIVE (ContactorId order). */
    private static final boolean[] CLOSED = {true, false, true};

    private static Scenario scenario(String body) {
        return new ScenarioLoader().parse(PACK + body, Path.of("."), "judge test");
    }

    /** A tick of a trace whose highest cell is at {@code maxV}, NORMAL (closed) or FAULT (open). */
    private static ScenarioOracle.Truth tick(double t, String state, double maxV) {
        boolean[] c = state.equals("NORMAL") ? CLOSED : OPEN;
        return new ScenarioOracle.Truth(t, maxV, 3.7, -0.5, 25, 25, 0.5, 0.51, state, c.clone(), c.clone());
    }

    private static ScenarioOracle.Truth truth(
            double t, String state, double minV, double amps, double minSoc, boolean[] contacts, boolean[] coils) {
        return new ScenarioOracle.Truth(
                t, 3.75, minV, amps, 25, 25, minSoc, minSoc + 0.01, state, contacts.clone(), coils.clone());
    }

    private static List<JsonNode> lines(String... json) {
        List<JsonNode> out = new ArrayList<>();
        for (String s : json) {
            try {
                out.add(JSON.readTree(s));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static String msl(double t, String id) {
        return "{\"t\":" + t + ",\"type\":\"fault\",\"event\":\"raised\",\"id\":\"" + id
                + ".MSL\",\"severity\":\"MSL\",\"reason\":\"test\"}";
    }

    private static String reset(double t, boolean accepted) {
        return "{\"t\":" + t + ",\"type\":\"reset\",\"accepted\":" + accepted + ",\"reason\":\""
                + (accepted ? "reset accepted" : "reset refused") + "\"}";
    }

    /**
     * Runs the trace: NORMAL until {@code faultAt}, when a cell reaches 4.35 V (over the 4.30 V MSL) and
     * the pack is in FAULT at once; returns the violations.
     */
    private static List<String> judge(Scenario sc, double faultAt, double endS, List<JsonNode> lines) {
        ScenarioOracle o = new ScenarioOracle(sc);
        for (int k = 0; k * 0.1 <= endS + 1e-9; k++) {
            double t = Math.round(k * 100) / 1000.0;
            boolean over = t >= faultAt;
            o.observe(tick(t, over ? "FAULT" : "NORMAL", over ? 4.35 : 3.75));
        }
        o.judge(lines);
        return o.violations();
    }

    @Test
    void aResetKeptForALaterFaultIsAViolation() {
        Scenario sc = scenario("commands:\n  - {at: 2s, type: reset}\nduration: 10s\n");
        // kept: no answer at 2 s, accepted when a fault trips at 6 s
        assertThat(judge(sc, 6.0, 10, lines(msl(6.0, "CELL_OVER_VOLTAGE"), reset(6.0, true))))
                .anyMatch(v -> v.contains("no reset sent at that tick"))
                .anyMatch(v -> v.contains("got no answer at that tick"));
        // answered at its tick (refused: nothing latched), the later trip stays latched
        assertThat(judge(sc, 6.0, 10, lines(reset(2.0, false), msl(6.0, "CELL_OVER_VOLTAGE"))))
                .isEmpty();
    }

    @Test
    void aResetAcceptedWithNothingLatchedIsAViolation() {
        Scenario sc = scenario("commands:\n  - {at: 2s, type: reset}\nduration: 10s\n");
        assertThat(judge(sc, 99, 10, lines(reset(2.0, true)))).anyMatch(v -> v.contains("with no fault latched"));
    }

    /**
     * A reset accepted that clears a fault raised after it was sent (seed 112081: sent 50 ms before the trip,
     * answered in the trip's own tick) is a violation; a reset sent after the trip is not.
     */
    @Test
    void aResetThatClearsAFaultRaisedAfterItWasSentIsAViolation() {
        for (double sentAt : new double[] {0.95, 1.5}) {
            Scenario sc = scenario("faults:\n  - {at: 0.8s, type: contactorFailsToClose, contactor: MAIN_POSITIVE, "
                    + "for: 0.1s}\ncommands:\n  - {at: " + sentAt + "s, type: reset}\nduration: 3s\n");
            double answeredAt = Math.ceil(sentAt * 10 - 1e-9) / 10;
            ScenarioOracle o = new ScenarioOracle(sc);
            for (int k = 0; k <= 30; k++) {
                double t = k * 0.1;
                String state = k < 10 ? "NORMAL" : t < answeredAt + 1e-9 ? "FAULT" : "STANDBY";
                boolean[] c = k < 10 ? CLOSED : OPEN;
                o.observe(truth(t, state, 3.70, 0, 0.5, c, c));
            }
            o.judge(lines(msl(1.0, "CONTACTOR_FEEDBACK"), reset(answeredAt, true)));
            if (sentAt < 1.0) {
                assertThat(o.violations())
                        .anyMatch(v -> v.startsWith("a reset sent at 0.950 s accepted at 1.000 s clears "
                                + "CONTACTOR_FEEDBACK, raised at 1.000 s after it was sent"));
            } else {
                assertThat(o.violations()).isEmpty();
            }
        }
    }

    /**
     * A reset accepted while a cell is beyond an MSL that has not been raised yet (its debounce still
     * running; issue 23, sixth pass) is a violation; the same reset once the cells are back together is not.
     */
    @Test
    void aResetAcceptedDuringALimitsDebounceIsAViolation() {
        Scenario sc = scenario("faults:\n  - {at: 1s, type: contactorFailsToClose, contactor: MAIN_POSITIVE, for: 1s}\n"
                + "commands:\n  - {at: 5s, type: reset}\nduration: 6s\n");
        List<JsonNode> trace = lines(msl(1.0, "CONTACTOR_FEEDBACK"), reset(5.0, true));
        for (double minV : new double[] {3.35, 3.70}) { // 0.40 V under the highest cell (3.75 V), then 0.05 V
            ScenarioOracle o = new ScenarioOracle(sc);
            for (int k = 0; k <= 60; k++) {
                o.observe(truth(k * 0.1, k >= 10 ? "FAULT" : "NORMAL", k >= 40 ? minV : 3.70, 0, 0.5, OPEN, OPEN));
            }
            o.judge(trace);
            if (minV < 3.5) {
                assertThat(o.violations()).anyMatch(v -> v.contains("beyond the imbalance MSL"));
            } else {
                assertThat(o.violations()).isEmpty();
            }
        }
    }

    /**
     * A close taken (STANDBY to PRECHARGE) while a cell is beyond an MSL not raised yet (issue 23: a close
     * is judged as a reset is) is a violation; the same close once the cells are back together is not.
     */
    @Test
    void aCloseTakenDuringALimitsDebounceIsAViolation() {
        Scenario sc = scenario("initial: {close: false}\ncommands:\n  - {at: 4s, type: close}\nduration: 6s\n");
        List<JsonNode> trace = lines("{\"t\":4.0,\"type\":\"state\",\"from\":\"STANDBY\",\"to\":\"PRECHARGE\","
                + "\"reason\":\"close requested\"}");
        for (double minV : new double[] {3.35, 3.70}) { // 0.40 V under the highest cell (3.75 V), then 0.05 V
            ScenarioOracle o = new ScenarioOracle(sc);
            for (int k = 0; k <= 60; k++) {
                o.observe(truth(k * 0.1, k >= 40 ? "PRECHARGE" : "STANDBY", k >= 35 ? minV : 3.70, 0, 0.5, OPEN, OPEN));
            }
            o.judge(trace);
            if (minV < 3.5) {
                assertThat(o.violations())
                        .anyMatch(v -> v.startsWith("close taken (STANDBY to PRECHARGE) at 4.000 s")
                                && v.contains("beyond the imbalance MSL"));
            } else {
                assertThat(o.violations()).isEmpty();
            }
        }
    }

    /**
     * A cell beyond the over-temperature MSL behind its frozen thermistor (frozen at 10 s, beyond from 35 s)
     * with the pack not in FAULT by the over-temperature's debounce + one period is a violation; in FAULT
     * at 36 s it is not.
     */
    @Test
    void anOverTemperatureBehindAFrozenThermistorNotFoundIsAViolation() {
        Scenario sc =
                scenario("loop: {period: 100ms}\nfaults:\n  - {at: 10s, type: temperatureSensorStuck, channel: 2}\n"
                        + "duration: 40s\n");
        for (double faultAt : new double[] {99, 36}) {
            ScenarioOracle o = new ScenarioOracle(sc);
            for (int k = 0; k <= 400; k++) {
                double t = k / 10.0;
                String state = t >= faultAt ? "FAULT" : "STANDBY";
                o.observe(new ScenarioOracle.Truth(
                        t, 3.7, 3.7, 0, t >= 35 ? 65 : 25, 25, 0.5, 0.5, state, OPEN.clone(), OPEN.clone()));
            }
            o.judge(lines());
            if (faultAt > 40) {
                assertThat(o.violations())
                        .anyMatch(v -> v.startsWith("over-temperature behind thermistor 2 frozen from 10.0 s")
                                && v.contains("not detected by its deadline"));
            } else {
                assertThat(o.violations()).isEmpty();
            }
            assertThat(o.coverage()).containsEntry("over-temperature behind a frozen thermistor", 1);
        }
    }

    /**
     * A cell that crosses a limit behind its own frozen channel is judged as the BMS can know it: at
     * the frozen value while the truth stays within the pack-voltage mismatch's tolerance (and twice
     * the cell accuracy) of it, and at the truth once the mismatch can see the gap. A cell whose
     * channel is not frozen is always judged at its truth.
     */
    @Test
    void aCellLimitBehindItsFrozenChannelCountsOnceTheMismatchCanSeeIt() {
        Scenario sc = scenario("faults:\n  - {at: 2s, type: cellSensorStuck, cell: 2}\nduration: 10s\n");
        ScenarioOracle o = new ScenarioOracle(sc);
        double tolerance = 0.06;
        assertThat(o.seenCellVolts(1, 1.9, 2.82, tolerance)).isEqualTo(2.82);
        // frozen at 2.82 V (the tick before the freeze), the truth drops through the 2.8 V MSL behind it
        assertThat(o.seenCellVolts(1, 2.0, 2.80, tolerance)).isEqualTo(2.82);
        assertThat(o.seenCellVolts(1, 2.1, 2.78, tolerance)).isEqualTo(2.82);
        assertThat(o.seenCellVolts(1, 2.2, 2.751, tolerance)).isEqualTo(2.82); // 69 mV: within 60 + 10 mV
        assertThat(o.seenCellVolts(1, 2.3, 2.749, tolerance)).isEqualTo(2.749); // 71 mV: the mismatch sees it
        assertThat(o.coverage()).containsEntry("cell limit hidden behind its frozen channel", 2);
        // cell 1's channel is not frozen: its truth
        assertThat(o.seenCellVolts(0, 2.3, 2.70, tolerance)).isEqualTo(2.70);
    }

    @Test
    void aCloseWhileAContactorReadsClosedWithItsCoilOpenIsAViolation() {
        Scenario sc = scenario("duration: 10s\n");
        boolean[] prechargeWelded = {false, true, false};
        boolean[] negativeCoil = {true, false, false};
        boolean[] negativeAndPrecharge = {true, true, false};
        ScenarioOracle o = new ScenarioOracle(sc);
        o.observe(truth(0.0, "STANDBY", 3.7, 0, 0.5, prechargeWelded, OPEN));
        o.observe(truth(0.1, "PRECHARGE", 3.7, 0, 0.5, negativeAndPrecharge, negativeCoil));
        assertThat(o.violations())
                .anyMatch(v -> v.contains("MAIN_NEGATIVE commanded closed at 0.100 s while PRECHARGE"));

        ScenarioOracle fine = new ScenarioOracle(sc);
        fine.observe(truth(0.0, "STANDBY", 3.7, 0, 0.5, OPEN, OPEN));
        fine.observe(truth(0.1, "PRECHARGE", 3.7, 0, 0.5, negativeCoil, negativeCoil));
        assertThat(fine.violations()).isEmpty();
    }

    /**
     * The contactor being closed reads closed after its close whatever it did before: a close onto its own weld is
     * judged by the weld (seed 4401328: a weld at start that ended before the close, at the tick the controller read
     * it open, is no violation).
     */
    @Test
    void aCloseOfAContactorOntoItsOwnWeldIsAViolationAndAfterTheWeldEndedIsNot() {
        Scenario sc = scenario("duration: 10s\n");
        boolean[] negativeWelded = {true, false, false};
        boolean[] negativeCoil = {true, false, false};
        for (boolean stillWelded : new boolean[] {true, false}) {
            ScenarioOracle o = new ScenarioOracle(sc);
            o.observe(truth(0.0, "STANDBY", 3.7, 0, 0.5, negativeWelded, OPEN));
            o.observe(new ScenarioOracle.Truth(
                    0.1,
                    3.75,
                    3.7,
                    3.75,
                    3.7,
                    0,
                    25,
                    25,
                    0.5,
                    0.51,
                    "PRECHARGE",
                    negativeWelded.clone(),
                    negativeCoil.clone(),
                    stillWelded ? negativeWelded.clone() : OPEN.clone()));
            if (stillWelded) {
                assertThat(o.violations())
                        .anyMatch(v -> v.contains("MAIN_NEGATIVE commanded closed at 0.100 s while MAIN_NEGATIVE"));
            } else {
                assertThat(o.violations()).isEmpty();
            }
        }
    }

    /**
     * An MSL must command every contactor open; a reset accepted before the contacts' deadline (seed 2151959) moves
     * the judgement to the coils at the tick before the reset, and what the contactors do after it is the close's.
     */
    @Test
    void anMslWhoseCoilsStayClosedUntilAnEarlyResetIsAViolation() {
        Scenario sc = scenario("faults:\n  - {at: 150ms, type: cellOverVoltage, cell: 1, volts: 0.6, for: 100ms}\n"
                + "commands:\n  - {at: 220ms, type: reset}\nduration: 10s\n");
        List<JsonNode> log = lines(msl(0.2, "CELL_OVER_VOLTAGE"), reset(0.3, true));
        ScenarioOracle o = new ScenarioOracle(sc);
        for (int k = 0; k <= 6; k++) { // the coils never opened: closed throughout
            o.observe(truth(k * 0.1, k == 2 ? "FAULT" : "NORMAL", 3.7, -1.0, 0.5, CLOSED, CLOSED));
        }
        o.judge(log);
        assertThat(o.violations())
                .anyMatch(v -> v.startsWith("CELL_OVER_VOLTAGE.MSL raised at 0.200 s but MAIN_NEGATIVE still commanded"
                        + " closed at 0.200 s, before the reset taken at 0.300 s"));

        ScenarioOracle fine = new ScenarioOracle(sc);
        for (int k = 0;
                k <= 6;
                k++) { // coils opened at the trip, contacts released a tick later; a close after the reset
            boolean[] coils = k == 2 || k == 3 ? OPEN : CLOSED;
            boolean[] contacts = k == 3 ? OPEN : CLOSED;
            fine.observe(truth(k * 0.1, k == 2 ? "FAULT" : "NORMAL", 3.7, -1.0, 0.5, contacts, coils));
        }
        fine.judge(log);
        assertThat(fine.violations()).isEmpty();

        ScenarioOracle noReset = new ScenarioOracle(sc);
        for (int k = 0; k <= 6; k++) { // the same contacts without the reset: still closed at the deadline
            boolean[] coils = k >= 2 ? OPEN : CLOSED;
            noReset.observe(truth(k * 0.1, k >= 2 ? "FAULT" : "NORMAL", 3.7, -1.0, 0.5, CLOSED, coils));
        }
        noReset.judge(lines(msl(0.2, "CELL_OVER_VOLTAGE")));
        assertThat(noReset.violations())
                .anyMatch(v -> v.startsWith("CELL_OVER_VOLTAGE.MSL raised at 0.200 s but MAIN_NEGATIVE still closed"));
    }

    /**
     * A cell over-voltage that began behind a frozen channel is judged, once the channel reads again, from its
     * first sample after the freeze (its debounce and a period), never later than the pack-voltage mismatch's
     * deadline from the onset (seed 2194253). Here: frozen 1.0-2.0 s, over from 1.5 s (dated from the tick before,
     * 1.4 s, as the oracle dates every onset), the first sample at 2.0 s: 2.4 s at the latest, 1.0 s after the
     * onset, where the direct deadline alone is 0.4 s.
     */
    @Test
    void aCellLimitThatBeganBehindAFrozenChannelIsJudgedFromItsFirstSampleAfter() {
        Scenario sc = scenario("faults:\n  - {at: 1s, type: cellSensorStuck, cell: 1, for: 1s}\nduration: 10s\n");
        assertThat(overVoltageFrom1500msTrippedAt(sc, 2.3)).isEmpty();
        assertThat(overVoltageFrom1500msTrippedAt(sc, 2.5))
                .anyMatch(v -> v.startsWith(
                        "cell over-voltage from 1.400 s detected only at 2.500 s, after its deadline" + " 1.000 s"));
        assertThat(overVoltageFrom1500msTrippedAt(scenario("duration: 10s\n"), 2.3))
                .as("with no frozen channel the direct deadline, 1.8 s")
                .anyMatch(v -> v.startsWith("cell over-voltage from 1.400 s not detected by its deadline 0.400 s"));
    }

    private static List<String> overVoltageFrom1500msTrippedAt(Scenario sc, double tripS) {
        ScenarioOracle o = new ScenarioOracle(sc);
        for (int k = 0; k <= 40; k++) {
            double t = Math.round(k * 100) / 1000.0;
            o.observe(tick(t, t >= tripS - 1e-9 ? "FAULT" : "NORMAL", t >= 1.5 - 1e-9 ? 4.35 : 3.75));
        }
        o.judge(lines(msl(tripS, "CELL_OVER_VOLTAGE")));
        return o.violations();
    }

    @Test
    void aFloorCrossedWithoutATripByItsDeadlineIsAViolation() {
        Scenario sc = scenario("duration: 20s\n");
        ScenarioOracle o = new ScenarioOracle(sc);
        for (int k = 0; k <= 100; k++) { // 10 s discharging below the under-voltage MSL (2.80 V) and through empty
            o.observe(truth(k * 0.1, "NORMAL", 2.70, -1.0, -0.03, CLOSED, CLOSED));
        }
        assertThat(o.violations())
                .anyMatch(v -> v.startsWith("cell under-voltage from 0.000 s not detected by its deadline 0.400 s"))
                .anyMatch(
                        v -> v.startsWith("discharge through empty from 0.000 s not detected by its deadline 5.100 s"));

        ScenarioOracle tripped = new ScenarioOracle(sc);
        for (int k = 0; k <= 100; k++) { // the same, in FAULT from 0.4 s (debounce 300 ms + one period)
            tripped.observe(
                    truth(k * 0.1, k >= 4 ? "FAULT" : "NORMAL", 2.70, k >= 4 ? 0 : -1.0, -0.03, CLOSED, CLOSED));
        }
        assertThat(tripped.violations()).isEmpty();
    }

    @Test
    void aSoftShortAlarmOnACellWithoutAShortIsAViolation() {
        String alarm =
                "{\"t\":5.0,\"type\":\"fault\",\"event\":\"raised\",\"id\":\"SOFT_SHORT.RSL\",\"severity\":\"RSL\","
                        + "\"reason\":\"cell 2: leak about 5.0 mA above the string median\"}";
        assertThat(judge(scenario("duration: 10s\n"), 99, 10, lines(alarm))).anyMatch(v -> v.contains("false alarm"));
        Scenario shorted = scenario("faults:\n  - {at: 1s, type: softShort, cell: 2, ohms: 300}\nduration: 10s\n");
        assertThat(judge(shorted, 99, 10, lines(alarm))).isEmpty();
        Scenario elsewhere = scenario("faults:\n  - {at: 1s, type: softShort, cell: 3, ohms: 300}\nduration: 10s\n");
        assertThat(judge(elsewhere, 99, 10, lines(alarm))).anyMatch(v -> v.contains("false alarm"));
    }

    /** A shorted NCM pack resting 3 h: the rest claim (3.7 mA and above, flagged within 2 h of the rest). */
    private static List<String> softShortAtRest(String chemistry, double ohms, String... raised) {
        Scenario sc = new ScenarioLoader()
                .parse(
                        "pack: {chemistry: " + chemistry + ", seriesCells: 4, capacityAh: 2.0}\n"
                                + "faults:\n  - {at: 60s, type: softShort, cell: 3, ohms: " + ohms + "}\n"
                                + "duration: 3h\n",
                        Path.of("."),
                        "soft-short judge test");
        SoftShortOracle o = new SoftShortOracle(sc, false);
        for (int s = 0; s <= 3 * 3600; s += 10) {
            o.observe(s, s < 600 ? -2.0 : 0.0, 3.8); // 10 min of discharge, then rest
        }
        o.judge(lines(raised));
        return o.violations();
    }

    private static String softShort(double t, int cell) {
        return "{\"t\":" + t
                + ",\"type\":\"fault\",\"event\":\"raised\",\"id\":\"SOFT_SHORT.RSL\",\"severity\":\"RSL\","
                + "\"reason\":\"cell " + cell + ": leak about 7.6 mA above the string median\"}";
    }

    @Test
    void aDetectableShortAtRestNotFlaggedInTimeOrFlaggedOnAnotherCellIsAViolation() {
        assertThat(softShortAtRest("psoa-ncm811", 500)).anyMatch(v -> v.contains("flagged never, deadline 2.17 h"));
        assertThat(softShortAtRest("psoa-ncm811", 500, softShort(3 * 3600 - 60, 3)))
                .anyMatch(v -> v.contains("flagged only at 2.98 h"));
        assertThat(softShortAtRest("psoa-ncm811", 500, softShort(5400, 1)))
                .anyMatch(v -> v.contains("naming cell 1 (the short is in cell 3)"))
                .anyMatch(v -> v.contains("flagged never"));
        assertThat(softShortAtRest("psoa-ncm811", 500, softShort(5400, 3))).isEmpty();
        // below the detectable leak (3.8 V / 2 kohm = 1.9 mA), and on the LFP plateau: no claim
        assertThat(softShortAtRest("psoa-ncm811", 2000)).isEmpty();
        assertThat(softShortAtRest("psoa-lfp", 500)).isEmpty();
    }

    /**
     * A current sensor frozen at rest at 5 s, a rest to 20 s, then 1.2 A (0.6 C on 2 Ah) from 20 s: the
     * pack must be in FAULT within (10 s - 1 s) / 2 + 1 s + one period of the step (20.0 s here, the tick
     * before it); FAULT at {@code faultAt}, or never (NaN).
     */
    private static List<String> frozenAtRestThenALoad(double faultAt) {
        Scenario sc = scenario("faults:\n  - {at: 5s, type: currentSensorStuck}\nduration: 40s\n");
        ScenarioOracle o = new ScenarioOracle(sc);
        for (int k = 0; k <= 400; k++) {
            double t = k / 10.0;
            boolean fault = t >= faultAt;
            double amps = fault || t <= 20 + 1e-9 ? 0.0 : -1.2;
            o.observe(
                    truth(t, fault ? "FAULT" : "NORMAL", 3.6, amps, 0.5, fault ? OPEN : CLOSED, fault ? OPEN : CLOSED));
        }
        o.judge(lines(msl(Double.isNaN(faultAt) ? 60 : faultAt, "CURRENT_STUCK")));
        return o.violations();
    }

    @Test
    void aCurrentSensorFrozenAtRestNotFoundWhenTheLoadComesIsAViolation() {
        assertThat(frozenAtRestThenALoad(Double.NaN))
                .anySatisfy(v -> assertThat(v).contains("frozen at rest").contains("not detected by its deadline"));
        assertThat(frozenAtRestThenALoad(27.0))
                .anySatisfy(v -> assertThat(v)
                        .contains("frozen at rest")
                        .contains("from 20.000 s not detected by its deadline"));
        assertThat(frozenAtRestThenALoad(25.5)).isEmpty();
    }
}
