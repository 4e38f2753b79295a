package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Healthy packs resting with the balancer on after a discharge, over seeds and variations (issue
 * 23 item 2): the whole controller on the QSE-model pack, no short anywhere. The detector must flag
 * no cell at any tick, and the controller must raise no {@code SOFT_SHORT} level. Each row differs
 * in seed, cells, start SOC, discharge rate and length, chemistry or loop period, so a fix that
 * holds here holds for the mechanism (the bleed accounted for at rest), not for one seed. Prints
 * the largest excess self-discharge any cell showed once its rest fit had run an hour.
 */
class SoftShortHealthySweepTest {
    @ParameterizedTest(name = "{0} {1} cells from {2}, {3} A for {4} min, seed {5}, {6} ms loop")
    @CsvSource({
        "psoa-ncm811, 8, 0.80, -2.0, 30, 3, 100",
        "psoa-ncm811, 8, 0.90, -2.0, 40, 5, 100",
        "psoa-ncm811, 8, 0.80, -2.0, 30, 11, 100",
        "psoa-ncm811, 8, 0.80, -2.0, 30, 13, 100",
        "psoa-ncm811, 12, 0.70, -2.0, 20, 17, 100",
        "psoa-ncm811, 6, 0.95, -1.0, 45, 19, 250",
        "psoa-ncm811, 8, 0.60, -3.0, 15, 23, 100",
        "psoa-ncm811, 8, 0.80, -2.0, 30, 37, 100",
        "psoa-ncm811, 8, 0.75, -2.0, 25, 41, 100",
        "psoa-ncm811, 10, 0.85, -1.5, 35, 43, 200",
        "psoa-ncm811, 4, 0.90, -2.0, 40, 47, 100",
        "psoa-ncm811, 8, 0.85, -2.0, 30, 31, 500",
        "psoa-lfp, 6, 0.37, -1.0, 30, 53, 250"
    })
    void aHealthyPackBalancingAtRestAfterADischargeFlagsNoCell(
            String chemistry, int cells, double soc, double amps, int minutes, int seed, int periodMillis) {
        Rest rest = rest(chemistry, cells, soc, amps, minutes, seed, periodMillis);
        assertThat(rest.bledMah()).as("the balancer bled").isGreaterThan(0);
        assertThat(rest.run().otherFlaggedTicks)
                .as("ticks any cell was flagged")
                .isZero();
        assertThat(rest.run().raised).noneMatch(r -> r.contains("SOFT_SHORT"));
    }

    /**
     * The two LFP rows above as they were until 2026-12-07 (from 0.25 and 0.30 SOC: rests at 5-8 % SOC, on the LFP
     * table's bottom knee, where main's balancer bled 146 and 220 mAh): the balancer now stays off the knee (fix23bf,
     * docs/safety.md "The balancer stays off the OCV's bottom knee", 3.349 V on LFP), so nothing is bled and no cell is
     * flagged. Seed 53's row above was moved to a rest just above the knee (from 0.37: about 12 % SOC), where it still
     * bleeds (140 mAh); seed 29's row was dropped from the sweep: from 0.27 and 0.30 (rests at 10 and 13 % SOC) its
     * lowest cell still begins its rest under the floor after the 1 C discharge, and above that, on the plateau, a
     * voltage-mode balancer finds nothing to bleed.
     */
    @ParameterizedTest(name = "{0} {1} cells from {2}, {3} A for {4} min, seed {5}, {6} ms loop")
    @CsvSource({"psoa-lfp, 8, 0.25, -2.0, 10, 29, 100", "psoa-lfp, 6, 0.30, -1.0, 30, 53, 250"})
    void aHealthyLfpPackRestingOnItsBottomKneeIsNotBledAndFlagsNoCell(
            String chemistry, int cells, double soc, double amps, int minutes, int seed, int periodMillis) {
        Rest rest = rest(chemistry, cells, soc, amps, minutes, seed, periodMillis);
        assertThat(rest.bledMah()).as("mAh bled on the knee").isZero();
        assertThat(rest.run().otherFlaggedTicks)
                .as("ticks any cell was flagged")
                .isZero();
        assertThat(rest.run().raised).noneMatch(r -> r.contains("SOFT_SHORT"));
    }

    /** A run to 3.5 h after the discharge and the charge its balancer bled. */
    private record Rest(SoftShortRun run, double bledMah) {}

    private static Rest rest(
            String chemistry, int cells, double soc, double amps, int minutes, int seed, int periodMillis) {
        SoftShortRun run = new SoftShortRun(String.format(
                Locale.ROOT,
                "pack: {chemistry: %s, seriesCells: %d, capacityAh: 2.0}\nloop: {period: %dms}\n"
                        + "initial: {soc: %s, ambientCelsius: 25, close: true}\n"
                        + "load: {type: pulses, highAmps: %s, high: %dmin, lowAmps: 0.0, low: 20h}\nseed: %d\n",
                chemistry,
                cells,
                periodMillis,
                soc,
                amps,
                minutes,
                seed));
        double restStartHours = minutes / 60.0;
        double largestExcessAmps = 0;
        for (double h = 0.25; h <= restStartHours + 3.5 + 1e-9; h += 0.25) {
            run.runTo(h);
            if (h >= restStartHours + 1.5) {
                for (int i = 0; i < cells; i++) {
                    largestExcessAmps = Math.max(largestExcessAmps, run.detector.selfDischargeAmps(i));
                }
            }
        }
        double bledMah = 0;
        for (int i = 0; i < cells; i++) {
            bledMah += 1000 * run.detector.bleedAh(i);
        }
        System.out.printf(
                Locale.ROOT,
                "healthy sweep %s %d cells seed %d: %.1f mAh bled, largest excess after 1 h of fit %.2f mA, "
                        + "raised %s%n",
                chemistry,
                cells,
                seed,
                bledMah,
                1000 * largestExcessAmps,
                run.raised);
        return new Rest(run, bledMah);
    }
}
