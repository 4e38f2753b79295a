package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.offline.scenario.ScenarioLibraryTest.Log;

/**
 * Soft shorts in packs of one and two cells on the whole controller and the simulated pack (check23r): a 2-cell pack
 * is judged cell against cell, its leak within 30 % of the simulated truth (the cell's volts over the short's ohms);
 * a 1-cell pack has no reference: its own rest judges it (LoneCellSoftShortScenarioTest), and the BMS says at start
 * that its soft-short detection is limited to that.
 */
class SmallPackSoftShortScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEAK = Pattern.compile(
            "^cell (\\d+): leak about ([0-9.]+) mA (above the string median|from its own rest voltage)");

    private static Log run(String yaml) {
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), "small pack");
        List<JsonNode> lines = new ArrayList<>();
        ScenarioRunner.Result r = new ScenarioRunner().run(sc, (String s) -> {
            try {
                lines.add(JSON.readTree(s));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + s, e);
            }
        });
        return new Log(lines, r);
    }

    private static String pack(int cells, String initial, String load, String faults, String duration, long seed) {
        return "name: small pack\n"
                + "pack: {chemistry: psoa-ncm811, seriesCells: " + cells + ", capacityAh: 2.0}\n"
                + "initial: " + initial + "\n"
                + load
                + faults
                + "duration: " + duration + "\n"
                + "limitsEvery: 30min\n"
                + "seed: " + seed + "\n";
    }

    private static final String AT_REST = "{soc: 0.6, ambientCelsius: 25, close: true}";
    private static final String CYCLING_FROM = "{soc: 0.5, ambientCelsius: 25, close: true}";
    private static final String CYCLING = "load: {type: cycling}\n";

    private static String shortIn(int cell, double ohms) {
        return "faults:\n  - {at: 60s, type: softShort, cell: " + cell + ", ohms: " + ohms + "}\n";
    }

    private static List<JsonNode> softShortRaises(Log log) {
        return log.lines().stream()
                .filter(n -> n.get("type").asText().equals("fault")
                        && n.get("event").asText().equals("raised")
                        && n.get("id").asText().startsWith("SOFT_SHORT."))
                .toList();
    }

    /** Checks the first raise names {@code cell} with a leak within 30 % of the truth; returns it (mA). */
    private static double firstRaiseNamesTheCellWithItsLeak(Log log, String cell, double ohms, String what) {
        List<JsonNode> raises = softShortRaises(log);
        assertThat(raises).as("%s: SOFT_SHORT raised", what).isNotEmpty();
        JsonNode first = raises.getFirst();
        Matcher m = LEAK.matcher(first.get("reason").asText());
        assertThat(m.find()).as(first.get("reason").asText()).isTrue();
        double t = first.get("t").asDouble();
        double truth = 1000 * SoftShortScenarioTest.minCellVoltsAt(log, t) / ohms;
        double leak = Double.parseDouble(m.group(2));
        System.out.printf(
                "%s: SOFT_SHORT raised at %.0f s on cell %s, leak %.1f mA (true %.1f mA)%n",
                what, t, m.group(1), leak, truth);
        assertThat(m.group(1)).as("%s: the cell named", what).isEqualTo(cell);
        assertThat(raises)
                .as("%s: no other cell is named", what)
                .allMatch(n -> n.get("reason").asText().startsWith("cell " + cell + ":"));
        assertThat(leak)
                .as("%s: leak (mA) against the truth %.1f mA", what, truth)
                .isCloseTo(truth, within(0.3 * truth));
        return leak;
    }

    /** check23r: never flagged in 4 h before (the rest cue gave no leak below 3 cells). */
    @Test
    void aThreeHundredOhmShortInATwoCellPackAtRestIsFlaggedWithItsLeak() {
        Log log = run(pack(2, AT_REST, "", shortIn(1, 300), "4h", 1));
        firstRaiseNamesTheCellWithItsLeak(log, "1", 300, "2 cells at rest, 300 ohm in cell 1");
        assertThat(log.raised("SOFT_SHORT.RSL"))
                .as("RSL within 2 h of the short")
                .isLessThan(60 + 2 * 3600);
    }

    /** The short in the second cell after a discharge: the relaxation is common to both cells. */
    @Test
    void aThreeHundredOhmShortInTheSecondCellRestingAfterADischargeIsFlaggedWithItsLeak() {
        Log log = run(pack(
                2,
                "{soc: 0.8, ambientCelsius: 25, close: true}",
                "load: {type: pulses, highAmps: -1.6, high: 25min, lowAmps: 0.0, low: 20h}\n",
                shortIn(2, 300),
                "5h",
                1));
        firstRaiseNamesTheCellWithItsLeak(log, "2", 300, "2 cells resting after a discharge, 300 ohm in cell 2");
    }

    /** check23r: flagged at 17770 s with 11.5 mA for a true 25 mA before (the mean of both cells as reference). */
    @Test
    void aHundredFiftyOhmShortInACyclingTwoCellPackIsFlaggedWithItsLeak() {
        Log log = run(pack(2, CYCLING_FROM, CYCLING, shortIn(1, 150), "8h", 1));
        firstRaiseNamesTheCellWithItsLeak(log, "1", 150, "2 cells cycling, 150 ohm in cell 1");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aHealthyTwoCellPackRaisesNoSoftShortAtRestAfterADischargeOrCycling(long seed) {
        Log rest = run(pack(
                2,
                "{soc: 0.8, ambientCelsius: 25, close: true}",
                "load: {type: pulses, highAmps: -1.6, high: 25min, lowAmps: 0.0, low: 20h}\n",
                "",
                "5h",
                seed));
        assertThat(softShortRaises(rest))
                .as("healthy 2 cells at rest, seed %d", seed)
                .isEmpty();
        Log cycling = run(pack(2, CYCLING_FROM, CYCLING, "", "8h", seed));
        assertThat(softShortRaises(cycling))
                .as("healthy 2 cells cycling, seed %d", seed)
                .isEmpty();
    }

    /**
     * A lone cell has no reference: the start says its detection is its own rest only, with what that judges and what
     * not, and a 2-cell start says it is on.
     */
    @Test
    void aOneCellPackSaysAtStartThatItsSoftShortDetectionIsItsRestOnly() {
        Log one = run(pack(1, AT_REST, "", "", "1min", 1));
        JsonNode start = one.first("start", n -> true);
        assertThat(start.get("softShortDetection").asText()).isEqualTo("rest-only");
        assertThat(start.get("softShortDetectionNote").asText())
                .contains("needs at least 2 for that, this pack has 1")
                .contains("judged only at rest")
                .contains("Packs of one and two cells");
        Log two = run(pack(2, AT_REST, "", "", "1min", 1));
        assertThat(two.first("start", n -> true).get("softShortDetection").asText())
                .isEqualTo("on");
    }

    /**
     * check23r: never flagged in 4 h before (every cue compared a cell with the others); the lone cell's own rest cue
     * (the OCV's fall at rest with no current counted) flags it.
     */
    @Test
    void aThreeHundredOhmShortInAOneCellPackIsFlagged() {
        Log log = run(pack(1, AT_REST, "", shortIn(1, 300), "4h", 1));
        firstRaiseNamesTheCellWithItsLeak(log, "1", 300, "1 cell at rest, 300 ohm");
    }
}
