package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;

/**
 * The default (voltage-mode) balancer in a cold rest, judged from the simulated truth (issue 23 items 2 and 3, found
 * by check23u). A bled cell reads low by the drop its own bleed causes (psoa-ncm811 at -15 °C: about 40 mV within 10 s
 * of a 110 mA bleed, four times the 10 mV threshold; 8 mV at 25 °C); taken for the lowest cell, it had every other cell
 * bled after it. Measured before the fix on a healthy 8 x 2 Ah pack whose levelling takes 219 mAh: 665 mAh bled in a
 * 3 h rest at -15 °C and 866 mAh at -19 °C (96 mAh at 25 °C); in a 12 x 3 Ah pack with a 1000 ohm short in cell 7 at
 * -15 °C the leaking cell itself was bled 11.9 mAh, and in 8 x 2 Ah with 500 ohm at -19 °C 90.9 mAh.
 */
class ColdRestBalancingTest {
    /** The pack's cell 7 (index) in the leak cases. */
    private static final int LEAKING = 6;

    /**
     * A passive balancer removes charge only from cells above the lowest, so all it may usefully bleed is the charge
     * that brings every cell down to the lowest cell's SOC (the levelling charge, from the truth at the start of the
     * rest): bleeding more can only push cells below the lowest and widen the spread again. The bound is that charge,
     * with no margin (a threshold balancer stops short of it), and the SOC spread must not widen.
     */
    @ParameterizedTest(name = "{0} °C")
    @CsvSource({"25", "0", "-10", "-15", "-19"})
    void aHealthyPackIsBledNoMoreThanTheChargeThatLevelsIt(int celsius) {
        String yaml = String.format(
                Locale.ROOT,
                "name: healthy rest %d C\npack: {chemistry: psoa-ncm811, seriesCells: 8, capacityAh: 2.0}\n"
                        + "loop: {period: 1000ms}\ninitial: {soc: 0.8, ambientCelsius: %d, close: true}\n"
                        + "load: {type: pulses, highAmps: -1.0, high: 40min, lowAmps: 0.0, low: 20h}\n"
                        + "duration: 220min\nseed: 31\nlimitsEvery: 10min\n",
                celsius,
                celsius);
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), "cold balancing test");
        int n = sc.config().pack().seriesCells();
        double restStart = 2405;
        double end = 13200;
        double[] socAtRest = new double[n];
        double[] capacity = new double[n];
        double[] ahAtRest = new double[n];
        double[] ahAtEnd = new double[n];
        double[] spread = new double[2];
        new ScenarioRunner().run(sc, s -> {}, (t, pack, ctl) -> {
            boolean atRest = Math.abs(t - restStart) < 0.5;
            if (atRest || Math.abs(t - end) < 0.5) {
                double lo = 1;
                double hi = 0;
                for (int i = 0; i < n; i++) {
                    (atRest ? ahAtRest : ahAtEnd)[i] = pack.cellSoc(i) * pack.cellCapacityAh(i);
                    if (atRest) {
                        socAtRest[i] = pack.cellSoc(i);
                        capacity[i] = pack.cellCapacityAh(i);
                    }
                    lo = Math.min(lo, pack.cellSoc(i));
                    hi = Math.max(hi, pack.cellSoc(i));
                }
                spread[atRest ? 0 : 1] = hi - lo;
            }
        });
        double lowest = Double.MAX_VALUE;
        for (double s : socAtRest) {
            lowest = Math.min(lowest, s);
        }
        double levelling = 0;
        double lost = 0;
        for (int i = 0; i < n; i++) {
            levelling += (socAtRest[i] - lowest) * capacity[i];
            lost += ahAtRest[i] - ahAtEnd[i];
        }
        System.out.printf(
                Locale.ROOT,
                "healthy rest %d °C: levelling charge %.1f mAh, bled in 3 h %.1f mAh, SOC spread %.4f -> %.4f%n",
                celsius,
                1000 * levelling,
                1000 * lost,
                spread[0],
                spread[1]);
        assertThat(lost).as("charge bled in the 3 h rest (Ah)").isLessThanOrEqualTo(levelling);
        assertThat(spread[1]).as("true SOC spread after the rest").isLessThanOrEqualTo(spread[0]);
    }

    /**
     * A cell that leaks has the least charge of its pack; the balancer must not bleed it. Bound: one duty period's
     * bleed of the cell (8 s at about 110 mA, 0.25 mAh), twice over, for a decision taken on the tick the leak's
     * drop has not yet settled.
     */
    @ParameterizedTest(name = "{0} °C, {1} ohm, {2} x {3} Ah, SOC {4}")
    @CsvSource({"-15, 1000, 12, 3.0, 0.3", "-15, 700, 8, 2.0, 0.6", "-19, 500, 8, 2.0, 0.8"})
    void aLeakingCellIsNotBledInAColdRest(int celsius, int ohms, int cells, double ah, double soc) {
        double[] bled = leakingRest(celsius, ohms, cells, ah, soc);
        assertThat(bled[LEAKING]).as("charge the leaking cell was bled (Ah)").isLessThanOrEqualTo(0.0005);
    }

    /**
     * Known miss (kept visible): the leaking cell reads low by the drop its leak causes over its lithium interface,
     * which the preset's linear cell model does not hold (the simulated truth: 20 mV at 3.7 mA at -15 °C, 16 mV at
     * -10 °C, 4 mV at 25 °C, against the preset's 0.5 mV), so the healthy cells are still bled below it. Measured
     * after the fix (true SOC at 3 h, healthy / leaking): -15 °C 1000 ohm 0.2804 / 0.2965 (before 0.2755 / 0.2927),
     * -10 °C 700 ohm 0.2867 / 0.2950 (before 0.2809 / 0.2950).
     */
    @Disabled("re-measured 2026-12-08 on main: lowest healthy 0.2802 vs leaking 0.2965 at -15 °C, 0.2916 vs 0.2950"
            + " at -10 °C (0.2867 before); earlier: "
            + "known miss: the leak's interface drop reads as charge; healthy 0.2804 vs leaking 0.2965 at -15 °C")
    @ParameterizedTest(name = "{0} °C, {1} ohm")
    @CsvSource({"-15, 1000", "-10, 700"})
    void theHealthyCellsAreNotBledBelowALeakingOne(int celsius, int ohms) {
        double[] soc = new double[12];
        leakingRest(celsius, ohms, 12, 3.0, 0.3, soc);
        double lowestHealthy = Double.MAX_VALUE;
        for (int i = 0; i < soc.length; i++) {
            if (i != LEAKING) {
                lowestHealthy = Math.min(lowestHealthy, soc[i]);
            }
        }
        assertThat(lowestHealthy).as("lowest healthy true SOC at 3 h").isGreaterThanOrEqualTo(soc[LEAKING] - 0.002);
    }

    private static double[] leakingRest(int celsius, int ohms, int cells, double ah, double soc) {
        return leakingRest(celsius, ohms, cells, ah, soc, new double[cells]);
    }

    /** Runs the 3 h rest with a short in cell 7 from 30 s; fills the true SOCs at the end, returns each cell's bleed. */
    private static double[] leakingRest(int celsius, int ohms, int cells, double ah, double soc, double[] socAtEnd) {
        String yaml = String.format(
                Locale.ROOT,
                "name: cold rest %d C %d ohm\npack: {chemistry: psoa-ncm811, seriesCells: %d, capacityAh: %s}\n"
                        + "loop: {period: 1000ms}\ninitial: {soc: %s, ambientCelsius: %d, close: true}\n"
                        + "faults:\n  - {at: 30s, type: softShort, cell: 7, ohms: %d}\n"
                        + "duration: 3h\nseed: 31\nlimitsEvery: 10min\n",
                celsius,
                ohms,
                cells,
                ah,
                soc,
                celsius,
                ohms);
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), "cold rest leak test");
        double[] bled = new double[cells];
        new ScenarioRunner().run(sc, s -> {}, (t, pack, ctl) -> {
            if (Math.abs(t - 3 * 3600) < 0.5) {
                for (int i = 0; i < cells; i++) {
                    bled[i] = ctl.softShortDetector().bleedAh(i);
                    socAtEnd[i] = pack.cellSoc(i);
                }
            }
        });
        System.out.printf(
                Locale.ROOT,
                "cold rest %d °C %d ohm %d x %s Ah: leaking cell bled %.2f mAh, a healthy one %.2f mAh; "
                        + "true SOC healthy %.4f, leaking %.4f%n",
                celsius,
                ohms,
                cells,
                ah,
                1000 * bled[LEAKING],
                1000 * bled[0],
                socAtEnd[0],
                socAtEnd[LEAKING]);
        return bled;
    }
}
