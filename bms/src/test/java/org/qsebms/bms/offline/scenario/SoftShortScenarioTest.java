package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.ScenarioLibraryTest.Log;

/**
 * The soft-short detector in the whole controller on the simulated pack (issue 17 item 6, issue 23
 * items 2, 3 and 6): each scenario reproduces a defect found by the independent scenarios and
 * asserts against the simulated truth.
 */
class SoftShortScenarioTest {
    private static final Pattern LEAK =
            Pattern.compile("^cell (\\d+): leak about ([0-9.]+) mA above the string median");

    private static JsonNode firstSoftShortRaise(Log log) {
        return log.first(
                "fault",
                n -> n.get("event").asText().equals("raised")
                        && n.get("id").asText().startsWith("SOFT_SHORT."));
    }

    /** The lowest cell voltage of the last limits line at or before {@code t} (the leaking cell is the lowest). */
    static double minCellVoltsAt(Log log, double t) {
        double v = Double.NaN;
        for (JsonNode n : log.lines()) {
            if (n.get("t").asDouble() > t) {
                break;
            }
            if (n.get("type").asText().equals("limits")) {
                v = n.get("minCellVolts").asDouble();
            }
        }
        return v;
    }

    @Test
    void aNineHundredOhmShortStaysRaisedForAsLongAsItIsThere() {
        Log log = run("soft-short-900-ohm-held.yaml");
        double t = log.raised("SOFT_SHORT.RSL");
        String reason = log.first("fault", n -> n.get("id").asText().equals("SOFT_SHORT.RSL"))
                .get("reason")
                .asText();
        Matcher m = LEAK.matcher(reason);
        assertThat(m.find()).as(reason).isTrue();
        double trueMilliamps = 1000 * minCellVoltsAt(log, t) / 900;
        System.out.printf(
                "900 ohm held: raised %.1f min after injection, leak %s mA (true %.2f mA)%n",
                (t - 60) / 60, m.group(2), trueMilliamps);
        assertThat(m.group(1)).isEqualTo("3");
        assertThat(t).as("seconds from start (short at 60 s)").isLessThan(60 + 2 * 3600);
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(trueMilliamps, within(0.3 * trueMilliamps));
        assertThat(log.lines())
                .as("SOFT_SHORT never clears while the short is there")
                .noneMatch(n -> n.get("type").asText().equals("fault")
                        && n.get("event").asText().equals("cleared")
                        && n.get("id").asText().startsWith("SOFT_SHORT."));
    }

    @Test
    void aHealthyEightCellPackBalancingAtRestRaisesNoSoftShort() {
        Log log = run("soft-short-balancing-rest-8s.yaml");
        assertThat(log.raisedIds()).noneMatch(id -> id.startsWith("SOFT_SHORT"));
    }

    @Test
    void aHealthyEightCellPackBalancingAtRestRaisesNoSoftShortOnAnotherSeed() {
        Log log = run("soft-short-balancing-rest-8s-seed11.yaml");
        assertThat(log.raisedIds()).noneMatch(id -> id.startsWith("SOFT_SHORT"));
    }

    @Test
    void aShortTheBalancerHidesIsFlaggedOnTheRightCellThroughTheBleedLedger() {
        Log log = run("soft-short-150-ohm-cycling-balancing.yaml");
        JsonNode first = firstSoftShortRaise(log);
        String reason = first.get("reason").asText();
        System.out.printf(
                "150 ohm cycling with balancing: raised at %.1f h: %s%n",
                first.get("t").asDouble() / 3600, reason);
        Matcher m = LEAK.matcher(reason);
        assertThat(m.find()).as(reason).isTrue();
        assertThat(m.group(1)).as("the cell flagged first").isEqualTo("3");
        assertThat(log.lines())
                .as("no other cell is ever named")
                .noneMatch(n -> n.get("type").asText().equals("fault")
                        && n.get("id").asText().startsWith("SOFT_SHORT.")
                        && n.get("event").asText().equals("raised")
                        && !n.get("reason").asText().startsWith("cell 3:"));
    }

    /**
     * LFP at 60 % rests on its OCV plateau (flat to 0.1 mV from 20 to 80 %): the voltage cannot
     * show the leak, and the detector must not invent one (it reported 3 A for 11 mA, and then
     * flagged the wrong cell through the SOC drift of the plateau).
     */
    @Test
    void anLfpPackOnItsPlateauNamesNoWrongCellAndNoWrongLeak() {
        assertNoWrongCellAndNoWrongLeak(run("soft-short-300-ohm-lfp.yaml"));
    }

    /**
     * check23t: the same at the 500 ms loop for 8 h. The leaking cell reads 6-14 mV under the plateau (its leak's
     * interface drop and the hysteresis the leak drives, which the rest cue tracks only once it has measured the
     * leak), which the OCV inverted onto the bottom knee: SOFT_SHORT.MSL at 22300 s named 5.6 mA for a true 11.4 mA
     * (-50 %). The cell's place under the plateau is ambiguous, and it now gives no rest measurement.
     */
    @Test
    void anLfpPackOnItsPlateauForEightHoursNamesNoWrongLeak() {
        assertNoWrongCellAndNoWrongLeak(run("soft-short-300-ohm-lfp-8h.yaml"));
    }

    private static void assertNoWrongCellAndNoWrongLeak(Log log) {
        for (JsonNode n : log.lines()) {
            if (n.get("type").asText().equals("fault")
                    && n.get("id").asText().startsWith("SOFT_SHORT.")
                    && n.get("event").asText().equals("raised")) {
                Matcher m = LEAK.matcher(n.get("reason").asText());
                assertThat(m.find()).isTrue();
                assertThat(m.group(1)).isEqualTo("2");
                double truth = 1000 * minCellVoltsAt(log, n.get("t").asDouble()) / 300;
                assertThat(Double.parseDouble(m.group(2))).isCloseTo(truth, within(0.3 * truth));
            }
        }
    }

    private static Log run(String name) {
        return ScenarioLibraryTest.run(name);
    }
}
