package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.ScenarioLibraryTest.Log;

/**
 * Issue 23, check23y's s06 (fix23av): a current reading offset by 0.45 A, under the zero-drift limit, appearing while
 * the pack is closed and idle, was counted by the SOC (0.600 to 0.717 in 2 h) with every cell flat and nothing raised.
 * The cells' check of the reading's counted charge ({@code CurrentOffsetCheck}) raises CURRENT_OFFSET_IMPLAUSIBLE (212);
 * healthy packs (relaxation after a 1C discharge, a real standby load read correctly, an LFP pack on its plateau)
 * raise nothing.
 */
class CurrentOffsetOnAClosedPackScenarioTest {
    private static final String ID = "CURRENT_OFFSET_IMPLAUSIBLE.MSL";

    @Test
    void anOffsetAppearingOnAClosedIdlePackIsFoundAndOpensIt() {
        Log log = ScenarioLibraryTest.run("s06-current-offset-closed-idle-pack.yaml");
        double t = log.raised(ID);
        JsonNode raise = log.first(
                "fault",
                n -> n.get("id").asText().equals(ID) && n.get("event").asText().equals("raised"));
        System.out.printf(
                "s06: %s at %.1f s (offset at 300 s): %s%n",
                ID, t, raise.get("reason").asText());
        assertThat(raise.get("code").asInt()).isEqualTo(212);
        // the offset comes at 5 min; the check may judge once its settle and one window after the step are over
        assertThat(t).isGreaterThan(300.0).isLessThan(7200.0);
        assertThat(log.opened("MAIN_POSITIVE")).isEqualTo(t);
        // the MSL opens the path: the SOC stops counting the offset (nothing flows while open, CurrentSensorZero)
        java.util.List<JsonNode> limits = log.lines().stream()
                .filter(n -> n.get("type").asText().equals("limits"))
                .toList();
        double socAtTrip = limits.stream()
                .filter(n -> n.get("t").asDouble() >= t + 60)
                .findFirst()
                .orElseThrow()
                .get("soc")
                .asDouble();
        double socAtEnd = limits.getLast().get("soc").asDouble();
        System.out.printf(
                "s06: published SOC %.3f at the start, %.3f a minute after the trip, %.3f at %.0f s%n",
                limits.getFirst().get("soc").asDouble(),
                socAtTrip,
                socAtEnd,
                limits.getLast().get("t").asDouble());
        // it rises no further (on main it rose to 0.717 at 2 h, check23y); the filter pulls it back towards the OCV's
        assertThat(socAtEnd).isLessThanOrEqualTo(socAtTrip + 0.002);
    }

    @Test
    void relaxationAfterA1CDischargeIsNotChargeGoingIn() {
        Log log = ScenarioLibraryTest.run("current-offset-healthy-relaxation.yaml");
        double peak = log.result().currentOffsetPeakRatio();
        System.out.printf("relaxation after 1C: largest disagreement %.2f of its margin%n", peak);
        assertThat(log.raisedIds()).doesNotContain(ID);
        // judged (a verdict, not silent for want of a window: NaN), and within its margin
        assertThat(peak).isFinite().isLessThan(1);
    }

    @Test
    void relaxationAfterA1CDischargeAtZeroCelsiusIsNotChargeGoingIn() {
        Log log = ScenarioLibraryTest.run("current-offset-healthy-relaxation-cold.yaml");
        double peak = log.result().currentOffsetPeakRatio();
        System.out.printf("relaxation after 1C at 0 °C: largest disagreement %.2f of its margin%n", peak);
        assertThat(log.raisedIds()).doesNotContain(ID);
        assertThat(peak).isFinite().isLessThan(1);
    }

    @Test
    void aRealStandbyLoadReadCorrectlyIsNotAnOffset() {
        Log log = ScenarioLibraryTest.run("current-offset-healthy-standby.yaml");
        double peak = log.result().currentOffsetPeakRatio();
        System.out.printf("0.3 A standby: largest disagreement %.2f of its margin%n", peak);
        assertThat(log.raisedIds()).doesNotContain(ID);
        assertThat(peak).isFinite().isLessThan(1);
    }

    @Test
    void aColdStandbyLoadAfterA1CDischargeIsNotAnOffset() {
        // fix23az: the cells relax upwards against a real discharge the reading counts (NCM and LFP at -10 °C)
        for (String file : new String[] {
            "current-offset-healthy-standby-after-load-cold.yaml",
            "current-offset-healthy-standby-after-load-cold-lfp.yaml"
        }) {
            Log log = ScenarioLibraryTest.run(file);
            double peak = log.result().currentOffsetPeakRatio();
            System.out.printf("%s: largest evidence %.2f of its margin%n", file, peak);
            log.lines().stream()
                    .filter(n -> n.get("type").asText().equals("fault")
                            && n.get("id").asText().equals(ID))
                    .forEach(System.out::println);
            assertThat(log.raisedIds()).doesNotContain(ID);
            if (file.contains("lfp")) {
                // a verdict within the margin, or none (the plateau within the reach of the cells' voltage)
                assertThat(Double.isNaN(peak) || peak < 1).as("peak %s", peak).isTrue();
            } else {
                assertThat(peak).isFinite().isLessThan(1);
            }
        }
    }

    @Test
    void anLfpPackOnItsPlateauGivesNoVerdictAndNoFalseAlarm() {
        Log log = ScenarioLibraryTest.run("current-offset-lfp-plateau.yaml");
        System.out.printf(
                "LFP plateau with the offset: largest disagreement %.2f of its margin, raised %s%n",
                log.result().currentOffsetPeakRatio(), log.raisedIds());
        assertThat(log.raisedIds()).doesNotContain(ID);
        // the plateau is too flat to judge: no verdict at all (NaN), not a verdict of "agrees"
        assertThat(log.result().currentOffsetPeakRatio()).isNaN();
    }

    @Disabled("known miss, measured 2026-12-07: on the LFP plateau (SOC 0.5) a +0.45 A offset goes unfound over 2 h;"
            + " the OCV is too flat there for the cells to show the counted charge (the check gives no verdict)")
    @Test
    void anOffsetOnAnLfpPackOnItsPlateauIsFound() {
        Log log = ScenarioLibraryTest.run("current-offset-lfp-plateau.yaml");
        assertThat(log.raisedIds()).contains(ID);
    }
}
