package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.SlowPolarisation;

/**
 * A rest voltage still relaxing beyond the model (issue 20, the 0 °C Cycle_1 cut from 90 %: a rest after a deep
 * discharge whose voltage is not yet an OCV). The simulated truth has a slow branch four times the filter's (1000 s
 * both, 40 against 10 mOhm): after a 1 C discharge the truth holds some 50 mV of polarisation the filter's states
 * do not, the filter reads the rest voltage as an OCV too low, and its bound must stay open while that voltage is
 * still rising ({@link RestRelaxation}); on a flat rest voltage the doubt is none.
 */
class RestRelaxationTest {
    private static final double[] EDGES = {0, 1};
    private static final EcmParameters MODEL =
            TestCells.ncmCell().withSlowPolarisation(new SlowPolarisation(1000, EDGES, new double[] {0.010}));
    private static final EcmParameters TRUTH =
            TestCells.ncmCell().withSlowPolarisation(new SlowPolarisation(1000, EDGES, new double[] {0.100}));

    /** Seconds of the 1 C (2 A) discharge from SOC 0.8, then of the rest. */
    private static final int DISCHARGE = 2500;

    private static final int REST = 2400;

    /**
     * Coverage of the truth by the 3-sigma bound over the rest's samples, on seeds 1-5 (2 mV voltage noise), from a
     * start at the truth: at least 95 % each (measured 2026-12-06 before {@link RestRelaxation}: see the test's
     * output and docs/estimation.md, "A rest voltage still relaxing").
     */
    @ParameterizedTest
    @ValueSource(strings = {"EKF", "SPKF"})
    void theBoundCoversTheTruthWhileTheRestVoltageIsStillRising(SocFilterKind kind) {
        for (long seed = 1; seed <= 5; seed++) {
            double[] r = replay(kind, TRUTH, seed);
            System.out.printf(
                    Locale.ROOT,
                    "%s seed %d: in the rest error up to %.2f %%, coverage %.1f %%, bound at the rest's end %.2f %%%n",
                    kind,
                    seed,
                    100 * r[0],
                    100 * r[1],
                    100 * r[2]);
            assertThat(r[0])
                    .as("the rest's largest error (the case is one), seed " + seed)
                    .isGreaterThan(0.02);
            assertThat(r[1]).as("coverage in the rest, seed " + seed).isGreaterThanOrEqualTo(0.95);
        }
    }

    /**
     * The doubt itself: on a rest voltage flat within 2 mV of noise it is 0 from the fourth sample on; on one still
     * rising as {@code 50 mV (1 - exp(-t / 1000 s))} (a relaxation the states do not hold, the preset's slowest time
     * constant 1000 s) it is 0.9 to 1.5 times what is left to relax, {@code 50 mV exp(-t / 1000 s)}, once the slope's
     * window has filled (200 s, the slow pair's time constant): the window looks back, where the slope was larger
     * (about {@code exp(200 / 1000)}, 1.22, high), and three of the slope's standard errors are taken off (a few
     * percent low); within the three OCV sigmas the bound already carries it adds nothing; current ends it.
     */
    @Test
    void theDoubtIsWhatIsLeftToRelaxAndNoneOnAFlatVoltage() {
        RestRelaxation flat = new RestRelaxation(MODEL, EkfTuning.defaults(), 1);
        RestRelaxation rising = new RestRelaxation(MODEL, EkfTuning.defaults(), 1);
        SplittableRandom noise = new SplittableRandom(3);
        double a2 = Math.exp(-1.0 / MODEL.tau2SecondsAt(25));
        double a3 = MODEL.slowPolarisation().decay(1.0);
        int flatWithDoubt = 0;
        for (int k = 0; k < 1200; k++) {
            double n = 0.002 * noise.nextGaussian();
            flat.observe(0, 0.0, 3.7 + n, 25, 1.0, 0.5, 0, 0, 0, 0.9, a2, a3, 0.001);
            rising.observe(0, 0.0, 3.7 - 0.05 * Math.exp(-k / 1000.0) + n, 25, 1.0, 0.5, 0, 0, 0, 0.9, a2, a3, 0.001);
            if (k >= 3 && flat.socDoubt(0) > 0) {
                flatWithDoubt++;
            }
            if (k >= 200 && k % 100 == 0) {
                double left = 0.05 * Math.exp(-k / 1000.0);
                assertThat(rising.remainingVolts(0))
                        .as("remaining relaxation at " + k + " s")
                        .isBetween(0.9 * left, 1.5 * left);
                assertThat(rising.socDoubt(0))
                        .as("its SOC doubt at " + k + " s")
                        .isGreaterThan(0);
            }
        }
        assertThat(flatWithDoubt).as("flat rest samples with a doubt").isZero();
        RestRelaxation held = new RestRelaxation(MODEL, EkfTuning.defaults(), 1);
        for (int k = 0; k < 600; k++) {
            held.observe(0, 0.0, 3.7 - 0.05 * Math.exp(-k / 1000.0), 25, 1.0, 0.5, 0, 0, 0, 0.9, a2, a3, 0.02);
        }
        assertThat(held.remainingVolts(0)).as("remaining at 600 s").isGreaterThan(0.02);
        assertThat(held.socDoubt(0))
                .as("its doubt within three 20 mV OCV sigmas")
                .isZero();
        rising.observe(0, -1.0, 3.6, 25, 1.0, 0.5, 0, 0, 0, 0.9, a2, a3, 0.001);
        assertThat(rising.socDoubt(0)).as("under current").isZero();
    }

    /** {largest error in the rest, coverage in the rest, bound at the rest's end}. */
    private static double[] replay(SocFilterKind kind, EcmParameters truthCell, long seed) {
        SocFilter filter = kind.create(MODEL, HysteresisModel.NONE, EkfTuning.defaults(), EkfAdaptation.OFF, 1);
        EquivalentCircuitCell truth = new EquivalentCircuitCell(truthCell, 0.8, 25);
        filter.setCellSoc(0, 0.8);
        SplittableRandom noise = new SplittableRandom(seed);
        double[] v = new double[1];
        double[] t = {25};
        double worst = 0;
        int inside = 0;
        int n = 0;
        for (int k = 0; k < DISCHARGE + REST; k++) {
            double amps = k < DISCHARGE ? -2.0 : 0.0;
            truth.step(amps, 1.0);
            v[0] = truth.terminalVolts() + 0.002 * noise.nextGaussian();
            filter.update(amps, v, t, 1.0);
            if (k >= DISCHARGE) {
                double error = Math.abs(filter.cellSoc(0) - truth.soc());
                worst = Math.max(worst, error);
                inside += error <= filter.cellSocBound3Sigma(0) ? 1 : 0;
                n++;
            }
        }
        return new double[] {worst, (double) inside / n, filter.cellSocBound3Sigma(0)};
    }
}
