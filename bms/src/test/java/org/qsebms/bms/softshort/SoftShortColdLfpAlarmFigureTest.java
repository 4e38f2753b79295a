package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23 item 6 at the alarm on cold LFP (check23t, a known miss): the leak the first SOFT_SHORT names, the first
 * confirmed rest fit, against the simulated truth (4 x 2 Ah, 500 ms loop, short across cell 2 from the start,
 * resting closed).
 *
 * <p>Measured by check23t (after 3 h every case is within -11..+16 %; the same cases at 10-45 °C within -2 %, NCM at
 * -10..45 °C within -3 %): psoa-lfp 0.97 300 ohm seed 42 +51 % at 5 °C, +50 % at 0 °C, +89 % at -10 °C; seed 7 +53 %
 * (5 °C), +91 % (-10 °C); seed 9 +102 % (-10 °C); 600 ohm -10 °C +44 %; ptpa-lfp 300 ohm -10 °C +128 %; psoa-lfp 0.10
 * 300 ohm -10 °C +36 %; with the balancer off worse (26.3 mA for 11.4 mA at -10 °C).
 *
 * <p>The mechanism (fix23v, traced in the rest cue, psoa-lfp 0.97 300 ohm -10 °C seed 42): the leaking cell reads
 * 24 mV under its OCV (the leak's drop over the lithium interface, whose resistance rises about fourfold at -10 °C,
 * and the hysteresis it drives; 5-6 mV at 25 °C), so it is located at SOC 0.950 for a true 0.967, lower on the
 * near-exponential top knee where the OCV is about half as steep, and its fitted fall is read through that slope:
 * 27.6 mA of loss, 21.6 mA over the string median (6.0 mA, the others still relaxing), at the first confirmation 30
 * min into the fit. The trajectory's shape cannot show the offset that early (the SOC has moved 0.003): it takes 0
 * until 50 min of fit (then 6 mV, 12.1 mA) and 21 mV after 76 min (9.2 mA). At 25 °C the same offset is a quarter of
 * that and the figure is within 2 %. Not mended: naming no figure until the offset is resolved delays every top-knee
 * alarm, and the cue has no law for the interface's drop at the leak's current to correct it with. On 9c7ec316 (the
 * plateau fix leaves the top knee as it was) the three cases name 21.64 mA for 11.47 mA (+89 %), 17.63 mA for
 * 11.50 mA (+53 %) and 26.11 mA for 11.45 mA (+128 %).
 *
 * <p>Mended in part (fix23z, 2026-12-06): a cell whose excess clears its sigma test is located on its OCV above its
 * reading by its own leak's steady drop, over R0, the slow pair and the lithium interface by the preset's law
 * ({@code cell.lithiumInterface}, the simulated cell's), at its temperature, iterated with the leak it gives. At 5 and
 * 0 °C the alarm now names 10.9-11.0 mA for 11.5 mA (-4..-5 %). At -10 °C, where the balancer bleeds the other cells,
 * it names half the truth: the bled cells are located through a bleed drop the equivalent circuit underrates in the
 * same way (the interface's law at a bleed's tens of milliamps), and read 6 mA of loss that is not there, the median
 * the leaking cell is measured against. With the balancer off, -5 %. Taking the law into the bled cells' location too
 * met every case here (-20..-4 %) but lost two held near-empty NCM rest seeds (9360 late, 15235 never; docs/safety.md,
 * "Cold LFP leak figures from the lithium interface's law"), so it was not kept.
 */
class SoftShortColdLfpAlarmFigureTest {
    /**
     * Passes since fix23z: 5 °C seed 7 named 17.63 mA for 11.50 mA (+53 %) before, 11.04 mA (-4 %) now; 0 °C seed 42
     * (one of check23t's figures, added with the fix) 17.28 mA for 11.50 mA (+50 %) before, 10.87 mA (-5 %) now.
     */
    @ParameterizedTest(name = "{0} at {1} {2} ohm {3} C seed {4}")
    @CsvSource({"psoa-lfp, 0.97, 300, 5, 7", "psoa-lfp, 0.97, 300, 0, 42"})
    void theLeakTheAlarmNamesOnColdLfp(String chemistry, double soc, double ohms, double celsius, int seed) {
        assertTheAlarmNamesTheLeakWithinThirtyPercent(chemistry, soc, ohms, celsius, seed);
    }

    /**
     * Known miss at -10 °C with the balancer bleeding the other cells (measured 2026-12-06, fix23z): 5.34 mA for
     * 11.47 mA (-53 %) at 1.05 h on psoa-lfp seed 42 (before fix23z 21.64 mA, +89 %), 6.25 mA for 11.45 mA (-45 %) at
     * 1.25 h on ptpa-lfp (before 26.11 mA at 1.05 h, +128 %). On main with fix23ab's balancer (the lowest cell taken
     * over cells relaxed from their bleed) merged as well: 5.35 mA (-53 %) and 5.27 mA (-54 %).
     */
    @Disabled("re-measured 2026-12-08 on main: 5.52 mA for 11.47 mA (-52 %, psoa-lfp) and 4.26 mA for 11.45 mA"
            + " (-63 %, ptpa-lfp); earlier: "
            + "known miss (check23t, fix23z): at -10 C the alarm names -53 % (psoa-lfp) and -54 % (ptpa-lfp): the bled"
            + " cells' location, the reference, is off by the interface's drop at their bleed")
    @ParameterizedTest(name = "{0} at {1} {2} ohm {3} C seed {4}")
    @CsvSource({"psoa-lfp, 0.97, 300, -10, 42", "ptpa-lfp, 0.97, 300, -10, 42"})
    void theLeakTheAlarmNamesOnColdLfpWhileTheBalancerBleeds(
            String chemistry, double soc, double ohms, double celsius, int seed) {
        assertTheAlarmNamesTheLeakWithinThirtyPercent(chemistry, soc, ohms, celsius, seed);
    }

    private static void assertTheAlarmNamesTheLeakWithinThirtyPercent(
            String chemistry, double soc, double ohms, double celsius, int seed) {
        SoftShortRun run = new SoftShortRun("pack: {chemistry: " + chemistry + ", seriesCells: 4, capacityAh: 2.0}\n"
                + "loop: {period: 500ms}\ninitial: {soc: " + soc + ", ambientCelsius: " + celsius + ", close: true}\n"
                + "load: {type: idle}\nseed: " + seed + "\n");
        run.shortCell(1, ohms);
        for (double h = 0.05; h <= 3 + 1e-9 && run.estimatedLeakAmps() <= 0; h += 0.05) {
            run.runTo(h);
        }
        assertThat(run.estimatedLeakAmps())
                .as("the leak named at the alarm against the true %.2f mA", 1000 * run.trueLeakAmps())
                .isCloseTo(run.trueLeakAmps(), within(0.3 * run.trueLeakAmps()));
    }
}
