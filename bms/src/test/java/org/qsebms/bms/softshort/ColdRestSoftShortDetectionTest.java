package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;
import org.qsebms.estimators.softshort.SoftShortDetector;

/**
 * A short found in a cold rest, with the default balancer (issue 23 items 3 and 6; found by the independent checker
 * check23u, 2026-12-06, docs/safety.md "A twentieth independent check"): a 12 x 3 Ah psoa-ncm811 pack resting closed
 * from SOC 0.3, a short in cell 7 from 30 s. The soft-short oracle's claim at rest: a leak of 3.7 mA or more is flagged
 * within 2 h of the current stopping, and the figure named then is within 30 % of the truth. The oracle draws 25 °C
 * only.
 *
 * <p>At -10 °C the voltage-mode balancer used to take a cell read under its own bleed for the lowest and bleed every
 * other cell after it; the short was first flagged at 2.83 h naming 3.9 mA for 5.3 mA. Since fix23ab (the lowest cell
 * taken over cells relaxed from their bleed) and fix23z (the leaking cell located above its own interface drop), 1.84
 * h naming 4.63 mA for 5.26 mA (-12 %). At 0 °C: 1.01 h naming 5.35 mA for 5.27 mA before, 1.00 h naming 5.75 mA
 * (+9 %) after. Measured on main at a9ddbf36 (before) and 8cde9ed4 (after). Since fix23ad (the reference's capacity
 * error that of a median of independent cells) -10 °C is flagged at 1.10 h naming 5.81 mA (+10 %), 0 °C the same.
 */
class ColdRestSoftShortDetectionTest {
    @ParameterizedTest(name = "{0} °C, {1} ohm")
    @CsvSource({"0, 700", "-10, 700"})
    void aLeakAboveTheThresholdInAColdRestIsFlaggedWithinTwoHours(int celsius, int ohms) {
        assertFlaggedWithinTwoHoursNamingTheLeak(celsius, ohms);
    }

    /**
     * -15 °C, 700 ohm: on main with fix23ab and fix23z never flagged in 3 h (check23u: never in 5 h); the fit read
     * 3.1-4.0 mA for 5.25 mA from 1 h on, held under its 5-sigma test by a standard error of which 0.70 of 0.74 mA (2 h)
     * was the capacity spread of the median's bleed taken as one cell's. Since fix23ad (the median's capacity error that
     * of a median of independent cells): flagged at 1.87 h naming 3.88 mA for 5.25 mA (-26 %).
     */
    @ParameterizedTest(name = "{0} °C, {1} ohm")
    @CsvSource({"-15, 700"})
    void aLeakInAVeryColdRestIsFlaggedWithinTwoHours(int celsius, int ohms) {
        assertFlaggedWithinTwoHoursNamingTheLeak(celsius, ohms);
    }

    /**
     * -15 °C, 1000 ohm (3.68 mA, just under the oracle's 3.7 mA). A known miss measured 2026-12-06 with fix23ad:
     * flagged at 2.07 h naming 3.21 mA (-13 %), 0.07 h after the oracle's 2 h (never in 3 h before fix23ad). Met on
     * main since d47c2b08 (fix23bb, a suspected cell held from bleeding while it is judged; re-measured 2026-12-08,
     * check23bw, on c8cf9da8): flagged at 1.84 h naming 3.20 mA for 3.68 mA; 2.07 h on its first parent 0f370824.
     */
    @ParameterizedTest(name = "{0} °C, {1} ohm")
    @CsvSource({"-15, 1000"})
    void aSmallLeakInAVeryColdRestIsFlaggedWithinTwoHours(int celsius, int ohms) {
        assertFlaggedWithinTwoHoursNamingTheLeak(celsius, ohms);
    }

    private static void assertFlaggedWithinTwoHoursNamingTheLeak(int celsius, int ohms) {
        String yaml = String.format(
                Locale.ROOT,
                "name: cold rest %d C %d ohm\npack: {chemistry: psoa-ncm811, seriesCells: 12, capacityAh: 3.0}\n"
                        + "loop: {period: 1000ms}\ninitial: {soc: 0.3, ambientCelsius: %d, close: true}\n"
                        + "faults:\n  - {at: 30s, type: softShort, cell: 7, ohms: %d}\n"
                        + "duration: 3h\nseed: 31\n",
                celsius,
                ohms,
                celsius,
                ohms);
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), "cold rest soft short");
        int cell = 6;
        double[] flaggedAt = {Double.NaN};
        double[] leakAtFlag = {Double.NaN};
        double[] trueAtFlag = {Double.NaN};
        new ScenarioRunner().run(sc, s -> {}, (t, pack, ctl) -> {
            SoftShortDetector d = ctl.softShortDetector();
            if (Double.isNaN(flaggedAt[0]) && d.isFlagged(cell)) {
                flaggedAt[0] = t;
                leakAtFlag[0] = d.leakAmps(cell);
                trueAtFlag[0] = pack.cellVolts(cell) / ohms;
            }
        });
        System.out.printf(
                Locale.ROOT,
                "cold rest %d °C %d ohm: flagged at %.2f h naming %.2f mA for %.2f mA%n",
                celsius,
                ohms,
                flaggedAt[0] / 3600,
                1000 * leakAtFlag[0],
                1000 * trueAtFlag[0]);
        assertThat(flaggedAt[0])
                .as("time the shorted cell is first flagged (s); 2 h of rest is the oracle's deadline")
                .isLessThanOrEqualTo(7200.0);
        assertThat(leakAtFlag[0])
                .as("the leak named at the flag (A)")
                .isCloseTo(trueAtFlag[0], org.assertj.core.api.Assertions.withinPercentage(30));
    }
}
