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
 */
class SoftShortColdLfpAlarmFigureTest {
    @Disabled("known miss (check23t): the alarm's leak figure on cold LFP is +36..+128 % of the truth")
    @ParameterizedTest(name = "{0} at {1} {2} ohm {3} C seed {4}")
    @CsvSource({"psoa-lfp, 0.97, 300, -10, 42", "psoa-lfp, 0.97, 300, 5, 7", "ptpa-lfp, 0.97, 300, -10, 42"})
    void theLeakTheAlarmNamesOnColdLfp(String chemistry, double soc, double ohms, double celsius, int seed) {
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
