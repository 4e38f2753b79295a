package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
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
    @ParameterizedTest(name = "{0} at {1} {2} ohm")
    @CsvSource({
        "psoa-ncm811, 0.60, 100, 3",
        "psoa-ncm811, 0.60, 300, 3",
        "psoa-ncm811, 0.60, 1000, 3",
        "psoa-ncm811, 0.60, 2000, 4",
        "psoa-ncm811, 0.60, 5000, 5",
        "psoa-lfp, 0.97, 100, 3",
        "psoa-lfp, 0.97, 300, 3",
        "psoa-lfp, 0.97, 1000, 3",
        "psoa-lfp, 0.97, 2000, 4",
        "psoa-lfp, 0.97, 5000, 5"
    })
    void restEstimateIsWithinThirtyPercentOfTheTrueLeak(String chemistry, double soc, double ohms, double hours) {
        measure(chemistry, soc, ohms, hours, 42);
    }

    /**
     * The same requirement on other starting points and seeds, so the table above is not one lucky
     * draw: both LFP knees (top 0.97-0.98, bottom 0.10) and NCM low, mid and high, 3 h at rest.
     */
    @ParameterizedTest(name = "{0} at {1} {2} ohm seed {3}")
    @CsvSource({
        "psoa-lfp, 0.98, 100, 42",
        "psoa-lfp, 0.97, 100, 7",
        "psoa-lfp, 0.97, 300, 7",
        "psoa-lfp, 0.97, 300, 9",
        "psoa-lfp, 0.96, 300, 42",
        "psoa-lfp, 0.10, 100, 42",
        "psoa-lfp, 0.10, 300, 42",
        "psoa-ncm811, 0.30, 100, 7",
        "psoa-ncm811, 0.90, 300, 7",
        "psoa-ncm811, 0.15, 200, 9"
    })
    void restEstimateHoldsOnOtherStartsAndSeeds(String chemistry, double soc, double ohms, int seed) {
        measure(chemistry, soc, ohms, 3, seed);
    }

    /**
     * Starting points, shorts and seeds none of the code was set on, added after the trajectory
     * location (issue 23 item 6) to check it on unseen cases, reported as they came: the LFP top knee
     * from 95.5 to 98 % at 150-800 ohm, the bottom knee at 8 and 12 %, NCM near full and near empty.
     */
    @ParameterizedTest(name = "{0} at {1} {2} ohm seed {3}")
    @CsvSource({
        "psoa-lfp, 0.97, 150, 11",
        "psoa-lfp, 0.965, 450, 11",
        "psoa-lfp, 0.97, 800, 13",
        "psoa-lfp, 0.98, 600, 9",
        "psoa-lfp, 0.955, 300, 7",
        "psoa-lfp, 0.12, 200, 11",
        "psoa-lfp, 0.08, 300, 13",
        "psoa-ncm811, 0.95, 300, 11",
        "psoa-ncm811, 0.05, 300, 13"
    })
    void restEstimateHoldsOnUnseenCases(String chemistry, double soc, double ohms, int seed) {
        measure(chemistry, soc, ohms, 3, seed);
    }

    /**
     * Found on the unseen cases as a known miss, 200 ohm from 97.5 %, seed 13: -34 % (11.36 mA for a
     * true 17.17 mA after 3 h), from the hysteresis the 17 mA leak drives, which the preset did not
     * carry: it made the cell's true offset grow over the fit, so a location one bend up the
     * near-exponential top knee fitted better. Since the LFP presets carry the simulated cell's
     * hysteresis and the rest cue takes it off each voltage (docs/safety.md), -0 % (17.10 mA).
     */
    @Test
    void lfpTwoHundredOhmFromNinetySevenAndAHalfPercentOnSeedThirteen() {
        measure("psoa-lfp", 0.975, 200, 3, 13);
    }

    /**
     * Issue 23 item 6, 100 ohm at the LFP top knee on seed 9: a 34 mA leak crosses from the knee
     * onto the plateau within about an hour of fit. Read through the secant of the fitted line's
     * ends at the cell's voltage (its leak's overpotential puts it 0.8 % SOC low) the figure was
     * +139 % (81.59 mA held for a true 34.18 mA); now through the slope along its located SOC
     * trajectory.
     */
    @Test
    void lfpHundredOhmAtTheTopKneeOnSeedNine() {
        measure("psoa-lfp", 0.97, 100, 3, 9);
    }

    /** Issue 23 item 6, 300 ohm from 98 %, the true SOC crossing the 97 % bend: was +35 % (15.52 mA for 11.51 mA). */
    @Test
    void lfpThreeHundredOhmFromNinetyEightPercent() {
        measure("psoa-lfp", 0.98, 300, 3, 42);
    }

    /**
     * Issue 23 item 6, 600 ohm at the top knee: the true SOC stays between 96 and 97 % but the
     * voltage read as OCV crossed 96 % onto a segment 42 % flatter: was +34 % (7.74 mA for 5.76 mA).
     */
    @Test
    void lfpSixHundredOhmAtTheTopKnee() {
        measure("psoa-lfp", 0.97, 600, 3, 42);
    }

    private static void measure(String chemistry, double soc, double ohms, double hours, int seed) {
        SoftShortRun run = new SoftShortRun("pack: {chemistry: " + chemistry + ", seriesCells: 4, capacityAh: 2.0}\n"
                + "loop: {period: 500ms}\ninitial: {soc: " + soc + ", ambientCelsius: 25, close: true}\n"
                + "load: {type: idle}\nseed: " + seed + "\n");
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
                "| %s | %.2f | %d | %.0f | %.2f | %.2f | %+.0f %% | %s | %s |%n",
                chemistry,
                soc,
                seed,
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
