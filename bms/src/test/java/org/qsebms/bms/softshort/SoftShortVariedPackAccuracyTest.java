package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 23 item 6, played as the hidden checker (fourth pass): {@link SoftShortAccuracyTest} holds the
 * pack (4 x 2 Ah), the loop period (500 ms) and the short's onset (from the start) fixed. These vary
 * them: 8 and 16 cells, a 1 s loop, and a short that starts in the middle of a rest after a discharge
 * with the balancer on. The leak figure must be within +-30 % of the simulated truth (cell volts over
 * ohms), on the right cell, no healthy cell flagged at any tick. All passed when written.
 */
class SoftShortVariedPackAccuracyTest {

    @ParameterizedTest
    @CsvSource({"psoa-ncm811, 8, 0.50, 1000, 7, 0", "psoa-lfp, 16, 0.97, 300, 42, 7"})
    void theLeakFigureHoldsOnLargerPacksAtALongLoopPeriod(
            String chemistry, int cells, double soc, double ohms, int seed, int cell) {
        SoftShortRun run = new SoftShortRun(String.format(
                Locale.ROOT,
                "pack: {chemistry: %s, seriesCells: %d, capacityAh: 2.0}\nloop: {period: 1000ms}\n"
                        + "initial: {soc: %s, ambientCelsius: 25, close: true}\nload: {type: idle}\nseed: %d\n",
                chemistry,
                cells,
                soc,
                seed));
        run.shortCell(cell, ohms);
        run.runTo(3.0);
        report(run, chemistry + " " + cells + " cells, 1 s loop, " + ohms + " ohm");
        assertThat(run.estimatedLeakAmps()).isCloseTo(run.trueLeakAmps(), within(0.3 * run.trueLeakAmps()));
        assertThat(run.detector.isFlagged(cell)).isTrue();
        assertThat(run.otherFlaggedTicks).as("ticks a healthy cell was flagged").isZero();
    }

    /**
     * 300 ohm appears 3 h into a rest that follows a 20 min discharge at 1 C, with the balancer bleeding
     * (measured 2026-12-03: flagged 13 min after the onset, the figure -72 % at 15 min, -30 % at 1 h,
     * -11 % at 2 h, -3 % at 3 h; the alarm's reason names about 3.0 mA, the threshold it crossed).
     */
    @Test
    void aShortThatStartsInTheMiddleOfARestIsFlaggedAndItsFigureConverges() {
        SoftShortRun run = new SoftShortRun("pack: {chemistry: psoa-ncm811, seriesCells: 8, capacityAh: 2.0}\n"
                + "loop: {period: 1000ms}\ninitial: {soc: 0.85, ambientCelsius: 25, close: true}\n"
                + "load: {type: pulses, highAmps: -2.0, high: 20min, lowAmps: 0.0, low: 30h}\nseed: 21\n");
        run.runTo(3.0);
        assertThat(run.detector.isFlagged(4)).isFalse();
        run.shortCell(4, 300);
        run.runTo(3.5);
        assertThat(run.detector.isFlagged(4))
                .as("flagged within 30 min of the onset")
                .isTrue();
        run.runTo(5.0);
        report(run, "onset at 3 h into the rest, 2 h after it");
        assertThat(run.estimatedLeakAmps()).isCloseTo(run.trueLeakAmps(), within(0.3 * run.trueLeakAmps()));
        assertThat(run.otherFlaggedTicks).as("ticks a healthy cell was flagged").isZero();
    }

    private static void report(SoftShortRun run, String what) {
        System.out.printf(
                Locale.ROOT,
                "%s: true %.2f mA, estimate %.2f mA (%+.0f %%) at %.2f h%n",
                what,
                1000 * run.trueLeakAmps(),
                1000 * run.estimatedLeakAmps(),
                100 * (run.estimatedLeakAmps() / run.trueLeakAmps() - 1),
                run.hours());
    }
}
