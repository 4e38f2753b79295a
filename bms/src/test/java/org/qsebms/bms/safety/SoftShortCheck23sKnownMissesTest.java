package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;
import org.qsebms.estimators.softshort.SoftShortDetector;

/**
 * What check23s found and is not fixed (docs/safety.md, "Cold rests, bleed steps and leaks that start mid-rest"):
 * each test states what should hold and is disabled with the figures measured.
 */
class SoftShortCheck23sKnownMissesTest {
    /**
     * N2: a 500 ohm short (7.4 mA) that starts 63 min into a rest, 43 min after the rest began, inside the rest fit's
     * first half hour: the fit is one least-squares line over the whole rest, so the onset is a kink in it and the
     * figure the flag is raised with is the line's slope across the kink (18.7 mA, +150 %).
     */
    @Disabled("known miss N2 (check23s): an onset inside the rest fit; docs/safety.md, figures there")
    @Test
    void aLeakStartingMidRestIsNamedWithinThirtyPercent() throws java.io.IOException {
        FirstFlag f = firstFlag(yaml("soft-short-check23s-midrest-onset-6s.yaml"), 2, 500);
        System.out.println("mid-rest onset: " + f);
        assertThat(f.hours()).as("flagged (h)").isFinite();
        assertThat(f.leakAmps())
                .as("leak named (A)")
                .isCloseTo(f.trueAmps(), org.assertj.core.api.Assertions.withinPercentage(30));
    }

    /**
     * N4: le-ncm811 16 x 2.5 Ah at 0 °C, balancing above 5 mV at full duty, 186 ohm (20 mA) in cell 16: the estimate was
     * right (17-21 mA) but its standard error (2.4 mA) and bleed doubt (8-12 mA) kept it under the 5-sigma test for the
     * whole 2.3 h rest (a known miss until 2026-12-06). Met since fix23ab (the voltage-mode balancer takes the lowest cell
     * only over cells relaxed from their own bleed, so the cold pack is no longer bled after its own bled cells): flagged
     * at 1.32 h naming 18.5 mA for 20.4 mA; on main before fix23ab (7a1d7500) never, as the test asserts.
     */
    @Test
    void aColdShortBehindAHardBalancerIsFlaggedWithinItsRest() throws java.io.IOException {
        FirstFlag f = firstFlag(yaml("soft-short-check23s-one-short-16s-cold.yaml"), 15, 186);
        System.out.println("cold 16s 186 ohm: " + f);
        assertThat(f.hours()).as("flagged (h)").isLessThan(2.8);
    }

    private static String yaml(String name) throws java.io.IOException {
        return Files.readString(Path.of("src/test/resources/scenarios/oracle", name));
    }

    /** When the detector first flagged the cell, the leak it named then and the short's true current (A). */
    record FirstFlag(double hours, double leakAmps, double trueAmps) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "flagged at %.2f h, named %.1f mA, true %.1f mA",
                    hours,
                    1e3 * leakAmps,
                    1e3 * trueAmps);
        }
    }

    static FirstFlag firstFlag(String yaml, int cell, double ohms) {
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), "check23s known miss");
        double[] first = {Double.POSITIVE_INFINITY, Double.NaN, Double.NaN};
        new ScenarioRunner().run(sc, s -> {}, (t, pack, ctl) -> {
            SoftShortDetector d = ctl.softShortDetector();
            if (Double.isInfinite(first[0]) && d.isFlagged(cell)) {
                first[0] = t / 3600;
                first[1] = d.leakAmps(cell);
                first[2] = pack.cellVolts(cell) / ohms;
            }
        });
        return new FirstFlag(first[0], first[1], first[2]);
    }
}
