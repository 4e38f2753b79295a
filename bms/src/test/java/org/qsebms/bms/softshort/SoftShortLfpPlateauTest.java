package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23 item 6 on the LFP plateau (check23t): the plateau cannot show a leak, so the rest cue names none, or one
 * within 30 % of the truth; never a figure read through a knee the cell is not on. The leaking cell reads 6-14 mV
 * under the plateau (its leak's interface drop and the hysteresis the leak drives), which the OCV inverts onto the
 * bottom knee (SOC 0.11-0.12). Before the fix (seed 42, 4 x 2 Ah, 500 ms loop, 8 h at rest): 300 ohm from 0.40, 0.50
 * or 0.70 named 5.58 mA for 11.40 mA at 6.20 h (-51 %), 150 ohm -39 % at 3.90 h, ptpa-lfp -37 % at 7.0 h, each with
 * SOFT_SHORT.MSL latched.
 */
class SoftShortLfpPlateauTest {
    @ParameterizedTest(name = "{0} at {1} {2} ohm seed {3}")
    @CsvSource({
        "psoa-lfp, 0.50, 300, 42",
        "psoa-lfp, 0.40, 300, 42",
        "psoa-lfp, 0.70, 300, 42",
        "psoa-lfp, 0.50, 150, 42",
        "ptpa-lfp, 0.50, 300, 42"
    })
    void aLeakOnThePlateauIsNamedRightOrNotAtAll(String chemistry, double soc, double ohms, int seed) {
        SoftShortRun run = new SoftShortRun("pack: {chemistry: " + chemistry + ", seriesCells: 4, capacityAh: 2.0}\n"
                + "loop: {period: 500ms}\ninitial: {soc: " + soc + ", ambientCelsius: 25, close: true}\n"
                + "load: {type: idle}\nseed: " + seed + "\n");
        run.shortCell(1, ohms);
        double firstAt = -1;
        double first = 0;
        double firstTruth = 0;
        for (double h = 0.05; h <= 8 + 1e-9; h += 0.05) {
            run.runTo(h);
            if (firstAt < 0 && run.estimatedLeakAmps() > 0) {
                firstAt = h;
                first = run.estimatedLeakAmps();
                firstTruth = run.trueLeakAmps();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "plateau | %s | %.2f | %.0f ohm | seed %d | first figure at %.2f h: %.2f mA for %.2f mA | 8 h: %.2f mA"
                        + " for %.2f mA | %s%n",
                chemistry,
                soc,
                ohms,
                seed,
                firstAt,
                1000 * first,
                1000 * firstTruth,
                1000 * run.estimatedLeakAmps(),
                1000 * run.trueLeakAmps(),
                run.raised.stream()
                        .filter(x -> x.contains("SOFT_SHORT"))
                        .findFirst()
                        .orElse("no SOFT_SHORT"));
        assertThat(run.otherFlaggedTicks).as("ticks a healthy cell was flagged").isZero();
        if (firstAt >= 0) {
            assertThat(first)
                    .as("the first leak figure named on the plateau")
                    .isCloseTo(firstTruth, within(0.3 * firstTruth));
        }
        if (run.estimatedLeakAmps() > 0) {
            assertThat(run.estimatedLeakAmps())
                    .as("the leak figure after 8 h")
                    .isCloseTo(run.trueLeakAmps(), within(0.3 * run.trueLeakAmps()));
        }
    }
}
