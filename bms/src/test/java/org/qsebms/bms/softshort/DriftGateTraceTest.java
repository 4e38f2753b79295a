package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.soc.SocFilter;

/**
 * The trace of fix20x (docs/estimation.md, "fix20w merged and reverted"): the fresh cycling pack of
 * {@code SoftShortCyclingAccuracyTest}, seed 15 ({@code -Dprobe.seed} for another), 150 ohm in cell 3. Prints the
 * health tracker's learnt capacities at each revision, the drift cue's figures, and the detector's own
 * leak-following filter's SOC and 3-sigma bound per cell, every 0.05 h (every 0.002 h around the end of the
 * discharge at 4.45 h), until cell 3 is flagged or 6 h. Asserts the cliff the trace found: at the end of that
 * discharge a healthy cell's bound (cell 1, the smallest, at about 1 % SOC) crosses the drift cue's 25 % gate for
 * about a minute, while the shorted cell's stays well under it; a due drift sample that landed in that minute broke
 * every cell's level (the level break at gated gaps) until fix20x, which breaks it only where an estimate stepped.
 */
class DriftGateTraceTest {
    private static final double GATE = 0.25;

    @Test
    void aHealthyCellsBoundCrossesTheDriftGateAtTheEndOfTheDischarge() throws ReflectiveOperationException {
        int seed = Integer.getInteger("probe.seed", 15);
        SoftShortRun run = new SoftShortRun("pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n"
                + "initial: {soc: 0.5, ambientCelsius: 25, close: true}\nload: {type: cycling}\nseed: " + seed + "\n"
                + "estimation: {currentOffsetState: false}\n");
        run.shortCell(2, 150);
        CellHealthTracker h = run.controller.healthTracker();
        SocFilter own = ownFilter(run.controller);
        long rev = -1;
        double[] peak = new double[4];
        for (double t = 0.05; t <= 6.0001; t += t > 4.43 && t < 4.55 ? 0.002 : 0.05) {
            run.runTo(t);
            if (h.revision() != rev) {
                rev = h.revision();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 4; i++) {
                    sb.append(String.format(
                            Locale.ROOT,
                            " c%d=%.4f+-%.4f(w%d)",
                            i + 1,
                            h.capacityAh(i),
                            h.capacitySigmaAh(i),
                            h.capacityWindows(i)));
                }
                System.out.printf(Locale.ROOT, "TRACE %.3f h capacities%s%n", t, sb);
            }
            StringBuilder cells = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                double bound = own.cellSocBound3SigmaWithoutCurrentSensor(i);
                if (t > 4.40 && t < 4.55) {
                    peak[i] = Math.max(peak[i], bound);
                }
                cells.append(String.format(
                        Locale.ROOT,
                        " c%d soc %.4f bound %.4f drift %+.3f %%/h;",
                        i + 1,
                        own.cellSoc(i),
                        bound,
                        100 * run.detector.socDriftPerHour(i)));
            }
            System.out.printf(Locale.ROOT, "TRACE %.3f h%s | %s%n", t, cells, run.detector.reason(2));
            if (run.detector.isFlagged(2)) {
                break;
            }
        }
        if (seed == 15) {
            assertThat(peak[0]).as("cell 1's bound at the end of the discharge").isGreaterThan(GATE);
            assertThat(peak[2]).as("cell 3's bound at the end of the discharge").isLessThan(GATE);
        }
    }

    /** The detector's own leak-following SOC filter (a field of the controller's soft-short step). */
    private static SocFilter ownFilter(Object controller) throws ReflectiveOperationException {
        var step = controller.getClass().getDeclaredField("softShort");
        step.setAccessible(true);
        Object s = step.get(controller);
        var filter = s.getClass().getDeclaredField("leakFollowingSoc");
        filter.setAccessible(true);
        return (SocFilter) filter.get(s);
    }
}
