package org.qsebms.bms.offline.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23, played as the hidden checker (fourth pass): a floor reached by a wrong estimate. A
 * healthy {@code psoa-lfp} pack discharged at 1 C for 40 min from 90 % (its true SOC never below
 * about 20 %, the cells' capacities spread by a few %) must raise neither {@code SOC_LOW.RSL} (which
 * sets the published discharge limit to 0 A) nor {@code SOC_LOW.MSL}. The SOC filter starts from the
 * voltage on the plateau (about 0.62 for a true 0.90) and its estimate then falls about five times
 * faster than the charge drawn: the lowest cell reads 0.009 at 888-1123 s, when the true SOC is about
 * 0.59-0.65, and the pack's SOC reads 0.0000 for the rest of the discharge. The MSL (0.00) was not
 * raised in these runs only because the estimate stayed a few thousandths above 0. The cause was the
 * start (one noisy first sample under the plateau seeded a cell on the bottom knee, where its SOC
 * doubt collapsed); since 2026-12-03 ({@code lfpstart}) a start on a flat OCV covers the span the
 * table allows and keeps that doubt while the span is open ({@code StartSpan}, docs/estimation.md, "A
 * start below the LFP plateau"). Seeds 1, 2 and 17 are the ones the miss was found on; 3-10 and the
 * 16-cell rows were added after the fix, on which nothing was chosen. {@code SOC_LOW.MOL} (0.05, a
 * warning) is printed, not asserted.
 */
class SocFloorOnAHealthyLfpPackScenarioTest {

    @ParameterizedTest
    @CsvSource({
        "1, 8", "2, 8", "17, 8", "3, 8", "4, 8", "5, 8", "6, 8", "7, 8", "8, 8", "9, 8", "10, 8", "1, 16", "2, 16",
        "17, 16"
    })
    void aHealthyLfpPackDischargedToAboutTwentyPercentRaisesNoSocFloor(int seed, int cells) {
        ScenarioLog log = ScenarioLog.run(String.format(Locale.ROOT, """
                pack: {chemistry: psoa-lfp, seriesCells: %d, capacityAh: 2.0}
                loop: {period: 500ms}
                initial: {soc: 0.9}
                load: {type: pulses, highAmps: -2.0, high: 40min, lowAmps: 0.0, low: 30h}
                duration: 45min
                seed: %d
                limitsEvery: 1min
                """, cells, seed));
        double rsl = log.raised("SOC_LOW.RSL");
        System.out.printf(
                Locale.ROOT,
                "healthy LFP %d cells seed %d: SOC_LOW.RSL at %.1f s (nominal true SOC %.3f), SOC_LOW.MSL at %.1f s,"
                        + " SOC_LOW.MOL at %.1f s%n",
                cells,
                seed,
                rsl,
                0.9 - rsl / 3600.0,
                log.raised("SOC_LOW.MSL"),
                log.raised("SOC_LOW.MOL"));
        assertThat(log.mslRaised()).as(log.dump()).isEmpty();
        assertThat(rsl)
                .as("SOC_LOW.RSL with the true SOC above 0.2\n%s", log.dump())
                .isNaN();
    }
}
