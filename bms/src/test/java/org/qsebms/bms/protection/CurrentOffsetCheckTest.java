package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.config.PresetCatalog;
import org.qsebms.config.SupplementaryLimits;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;

/**
 * Issue 23, fix23az: the cells' check of a small steady reading's counted charge (fault 212) driven by hand. A cell's
 * slow relaxation read as charge the reading did not count raised false 212s on cold rests (fix23av); the check now
 * judges one way only (counted charge the cells do not show, at most all of it) and allows each cell its own move
 * against the reading over the window before. The cells here are an OCV plus a decaying relaxation, slower than the
 * preset's RC pairs (as the cold cell's is), sampled once a second for 3 h on a closed 4-cell NCM pack.
 */
class CurrentOffsetCheckTest {
    private static final EcmParameters CELL =
            new PresetCatalog().load("psoa-ncm811").cell();
    private static final SupplementaryLimits LIMITS = SupplementaryLimits.defaults();
    private static final double HOUR = 3600;
    /** The first verdict: the settle (1 h) and one window (30 min), within one kept-sample spacing (window / 32). */
    private static final double FIRST_VERDICT_S = 5400;

    /** What a run of the check showed. */
    private record Run(double peak, double firstFlagS, double mostAgainst, double mostBeyondNoiseAndDoubt) {}

    /**
     * Runs the check for 3 h: the reading {@code readAmps} from the start, the cells moving as {@code trueAmps} does
     * on the OCV from SOC 0.6, plus {@code relax(t)} volts.
     */
    private static Run run(double readAmps, double trueAmps, DoubleUnaryOperator relax) {
        CurrentOffsetCheck check = new CurrentOffsetCheck(LIMITS, CELL, 0.0, LithiumInterface.NONE, 4);
        PackMeasurement m = new PackMeasurement(4, 4);
        Arrays.fill(m.cellCelsius, 25.0);
        double firstFlag = Double.NaN;
        double peak = Double.NEGATIVE_INFINITY;
        double mostAgainst = Double.NEGATIVE_INFINITY;
        double mostBeyond = Double.NEGATIVE_INFINITY;
        double way = Math.signum(readAmps);
        for (int s = 0; s <= 3 * HOUR; s++) {
            double soc = 0.6 + trueAmps * s / 3600.0 / CELL.capacityAh();
            for (int i = 0; i < 4; i++) {
                // a little spread between cells and a 0.1 mV jitter
                m.cellVolts[i] =
                        CELL.ocv().voltsAt(soc, 25.0) + relax.applyAsDouble(s) * (1 + 0.05 * i) + 1e-4 * ((s + i) % 3);
            }
            m.sensorAmps = readAmps;
            m.packAmps = readAmps;
            m.nanos = s * 1_000_000_000L;
            m.computeExtremes();
            check.update(m);
            if (check.judged) {
                peak = check.peakRatio;
                double counted = check.predictedVolts;
                double moved = check.movedVolts;
                // the least-agreeing cell's move against the reading, and by how much the counted move it did not
                // show (at most all of it) passed the margin of noise and OCV doubt alone (no trend in it)
                mostAgainst = Math.max(mostAgainst, -way * moved);
                mostBeyond = Math.max(
                        mostBeyond,
                        Math.min(way * (counted - moved), Math.abs(counted))
                                - LIMITS.currentOffsetNoiseVolts()
                                - LIMITS.currentOffsetOcvDoubt() * Math.abs(counted));
            }
            if (check.flagged && Double.isNaN(firstFlag)) {
                firstFlag = s;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "read %.3f A, true %.3f A: peak %.3f of the margin; the most a cell moved against the reading %.1f mV;"
                        + " the most beyond noise and OCV doubt %+.1f mV; first flagged at %.0f s%n",
                readAmps,
                trueAmps,
                peak,
                mostAgainst * 1000,
                mostBeyond * 1000,
                firstFlag);
        return new Run(peak, firstFlag, mostAgainst, mostBeyond);
    }

    /** A relaxation of {@code volts} in all that decays with {@code tauHours}, started at 0 (the cell settles). */
    private static DoubleUnaryOperator relaxing(double volts, double tauHours) {
        return s -> -volts * (1 - Math.exp(-s / (tauHours * HOUR)));
    }

    @Test
    void aCellStillRelaxingWhileTheReadingCountsAlmostNothingIsNoOffset() {
        // the fix23av false alarms: the reading 0 +- 14 mA, every cell moving 5-6 mV in 30 min 1.5-2.5 h in. Here
        // 10 mA counted in, every cell falling 8.6 mV over the first window judged (60 mV decaying over 1.5 h)
        for (double way : new double[] {1, -1}) {
            Run r = run(0.010 * way, 0, s -> way * relaxing(0.060, 1.5).applyAsDouble(s));
            // the cells moved against the reading by more than the noise in a window: fix23av's evidence
            assertThat(r.mostAgainst()).isGreaterThan(LIMITS.currentOffsetNoiseVolts());
            assertThat(r.peak()).isFinite().isLessThan(1);
            assertThat(r.firstFlagS()).isNaN();
        }
    }

    @Test
    void aRealSmallCurrentReadCorrectlyWithTheCellsStillRelaxingAgainstItIsNoOffset() {
        // 50 mA read correctly (about 14 mV of counted move in a window), every cell settling against it 16-18 mV
        // over the first window judged (110 mV decaying over 1.5 h, as after a larger current the same way)
        for (double way : new double[] {1, -1}) {
            Run r = run(0.05 * way, 0.05 * way, s -> way * relaxing(0.110, 1.5).applyAsDouble(s));
            // the counted move the cells did not show passed the margin of noise and OCV doubt alone: only the
            // cells' own trend before the window tells this relaxation from an offset
            assertThat(r.mostBeyondNoiseAndDoubt()).isGreaterThan(0);
            assertThat(r.peak()).isFinite().isLessThan(1);
            assertThat(r.firstFlagS()).isNaN();
        }
    }

    @Test
    @Disabled("re-measured 2026-12-08 on main: 212 at 7149 s, peak 1.062 of the margin; earlier: "
            + "known false alarm, measured 2026-12-07: 80 mA read correctly with every cell settling against it"
            + " (150 mV decaying over 1.5 h, 16-19 mV over the window 1.4-1.9 h in) raises 212 at 6996 s, 1.07 of"
            + " the margin: the real current's move hides the cells' trend before the window (the trend is their raw"
            + " move, so an offset already there cannot hide itself; it cannot tell this relaxation from one)")
    void aLargerRealCurrentWithTheCellsStillRelaxingAgainstItIsNoOffset() {
        for (double way : new double[] {1, -1}) {
            Run r = run(0.08 * way, 0.08 * way, s -> way * relaxing(0.150, 1.5).applyAsDouble(s));
            assertThat(r.firstFlagS()).isNaN();
        }
    }

    @Test
    void anOffsetWithTheCellsFlatIsFoundAtTheFirstVerdict() {
        for (double way : new double[] {1, -1}) {
            Run r = run(0.2 * way, 0, s -> 0);
            // the settle (1 h) and one window (30 min): the first verdict
            assertThat(r.firstFlagS()).isBetween(FIRST_VERDICT_S, FIRST_VERDICT_S + 1800 / 32.0 + 1);
        }
    }

    @Test
    void anOffsetWithTheCellsStillRelaxingTheReadingsWayIsFound() {
        // a +0.2 A offset on a pack still settling upwards (after a discharge), 5 mV over the first window judged
        Run r = run(0.2, 0, s -> -relaxing(0.035, 1.5).applyAsDouble(s));
        assertThat(r.firstFlagS()).isBetween(FIRST_VERDICT_S, FIRST_VERDICT_S + 1800 / 32.0 + 1);
    }
}
