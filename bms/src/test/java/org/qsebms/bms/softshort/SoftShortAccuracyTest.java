package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The leak estimate against the simulated truth (the short's current, cell volts over ohms) over
 * shorts of 100 ohm to 5 kohm on both chemistries, in the whole controller on the QSE-model pack
 * (4 cells, 2 Ah, +-3 % electrode-area spread, 1 mV sensor noise, 500 ms loop), the short across
 * cell 2 from the start, the pack resting with the contactors closed. NCM at 60 % SOC; LFP at 97 %
 * (its top knee: on the plateau, 20-80 %, the OCV is flat to 0.1 mV and the rest cue gives no
 * number). Prints one row of the table in docs/estimation.md per case.
 */
class SoftShortAccuracyTest {
    @ParameterizedTest(name = "{0} {1} ohm")
    @CsvSource({
        "psoa-ncm811, 0.60, 100, 3",
        "psoa-ncm811, 0.60, 300, 3",
        "psoa-ncm811, 0.60, 1000, 3",
        "psoa-ncm811, 0.60, 2000, 4",
        "psoa-ncm811, 0.60, 5000, 5",
        "psoa-lfp, 0.97, 1000, 3",
        "psoa-lfp, 0.97, 2000, 4",
        "psoa-lfp, 0.97, 5000, 5"
    })
    void restEstimateIsWithinThirtyPercentOfTheTrueLeak(String chemistry, double soc, double ohms, double hours) {
        measure(chemistry, soc, ohms, hours);
    }

    /**
     * Known miss: LFP at its top knee with a 300 ohm short. The leak (11.5 mA, above the simulated
     * cell's 1C/1000 hysteresis threshold) drives the cell's hysteresis state towards discharge; the
     * preset has no hysteresis model, so that 15 mV drift is read as charge.
     */
    @Test
    @Disabled("measured +95 % (22.35 mA for a true 11.47 mA after 3 h): unmodelled LFP hysteresis at the knee")
    void lfpThreeHundredOhmAtTheTopKnee() {
        measure("psoa-lfp", 0.97, 300, 3);
    }

    /**
     * Known miss: LFP at its top knee with a 100 ohm short. The 34 mA leak carries the cell off the
     * knee onto the plateau (5 % SOC in 1.5 h), where the rest fit has no number; the flag holds the
     * last confirmed figure, taken while the cell crossed the knee's bend and its hysteresis moved.
     */
    @Test
    @Disabled("measured +399 % (170.64 mA held for a true 34.19 mA after 3 h); -28 % before cells that bled were "
            + "left out of the median")
    void lfpHundredOhmAtTheTopKnee() {
        measure("psoa-lfp", 0.97, 100, 3);
    }

    private static void measure(String chemistry, double soc, double ohms, double hours) {
        SoftShortRun run = new SoftShortRun("pack: {chemistry: " + chemistry + ", seriesCells: 4, capacityAh: 2.0}\n"
                + "loop: {period: 500ms}\ninitial: {soc: " + soc + ", ambientCelsius: 25, close: true}\n"
                + "load: {type: idle}\nseed: 42\n");
        run.shortCell(1, ohms);
        double confirmedAt = -1;
        for (double h = 0.05; h <= hours + 1e-9; h += 0.05) {
            run.runTo(h);
            if (confirmedAt < 0 && run.estimatedLeakAmps() > 0) {
                confirmedAt = h;
            }
        }
        double truth = run.trueLeakAmps();
        double estimate = run.estimatedLeakAmps();
        System.out.printf(
                Locale.ROOT,
                "| %s | %.0f | %.2f | %.2f | %+.0f %% | %s | %s |%n",
                chemistry,
                ohms,
                1000 * truth,
                1000 * estimate,
                100 * (estimate / truth - 1),
                confirmedAt < 0
                        ? "not confirmed in " + hours + " h"
                        : String.format(Locale.ROOT, "%.2f h", confirmedAt),
                run.detector.isFlagged(1) ? "flagged" : "not flagged");
        assertThat(estimate)
                .as("rest estimate after %s h against the true %.2f mA", hours, 1000 * truth)
                .isCloseTo(truth, within(0.3 * truth));
        assertThat(run.otherFlaggedTicks).as("ticks a healthy cell was flagged").isZero();
    }
}
