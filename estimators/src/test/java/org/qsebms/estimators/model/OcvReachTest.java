package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OcvReachTest {
    /**
     * A table of {@code points} points: the OCV rises by random steps, some of them 0 (a flat stretch,
     * where a change of dU/dT turns the table over on one side of 25 °C), dU/dT random of either sign.
     */
    private static OcvCurve randomCurve(SplittableRandom r, int points, double dudtScale) {
        double[] soc = new double[points];
        double[] ocv = new double[points];
        double[] dudt = new double[points];
        double v = 3.0;
        for (int j = 0; j < points; j++) {
            soc[j] = j / (points - 1.0);
            boolean flat = j > 0 && r.nextInt(5) == 0;
            v += flat ? 0.0 : r.nextDouble() * 0.03;
            ocv[j] = v;
            // on a flat step dU/dT mostly stays (a table that keeps its order), sometimes changes
            dudt[j] = flat && r.nextInt(4) != 0 ? dudt[j - 1] : (r.nextDouble() - 0.5) * dudtScale;
        }
        return new OcvCurve(soc, ocv, dudt);
    }

    /** Each cell's SOC walks and jumps, its temperature and bias change: every value is the curve's own, bit for bit. */
    private static int assertSameAsTheCurve(OcvCurve curve, SplittableRandom r, int cells, int samples) {
        OcvReach reach = new OcvReach(curve, cells);
        double[] soc = new double[cells];
        double[] celsius = new double[cells];
        for (int i = 0; i < cells; i++) {
            soc[i] = r.nextDouble();
            celsius[i] = -30 + 90 * r.nextDouble();
        }
        int stepped = 0;
        for (int k = 0; k < samples; k++) {
            for (int i = 0; i < cells; i++) {
                soc[i] += r.nextInt(50) == 0 ? r.nextDouble() - 0.5 : (r.nextDouble() - 0.5) * 0.01;
                if (r.nextInt(100) == 0) {
                    celsius[i] = -60 + 150 * r.nextDouble();
                }
                // SOC a little outside [0, 1] too, biases from 0 to beyond the table's whole span
                double volts = r.nextInt(10) == 0 ? 2 * r.nextDouble() : 0.2 * r.nextDouble() * r.nextDouble();
                double expected = curve.socReachOfVolts(soc[i], celsius[i], volts);
                assertThat(Double.doubleToRawLongBits(reach.socReachOfVolts(i, soc[i], celsius[i], volts)))
                        .as("cell %d at SOC %s, %s °C, %s V", i, soc[i], celsius[i], volts)
                        .isEqualTo(Double.doubleToRawLongBits(expected));
                if (reach.steps(celsius[i])) {
                    stepped++;
                }
            }
        }
        return stepped;
    }

    @Test
    void givesTheCurvesOwnReachBitForBit() {
        SplittableRandom r = new SplittableRandom(20);
        int stepped = 0;
        int all = 0;
        for (int t = 0; t < 40; t++) {
            // small dU/dT: the table stays in order at most temperatures; large: it turns over near 25 °C
            OcvCurve curve = randomCurve(r, 5 + r.nextInt(120), t % 2 == 0 ? 2e-4 : 2e-3);
            stepped += assertSameAsTheCurve(curve, r, 8, 300);
            all += 8 * 300;
        }
        // both paths were taken: the stepping one where the table stays in order, the walk where it does not
        assertThat(stepped).isBetween(all / 10, all - all / 10);
    }

    @Test
    void stepsOnATableWithoutDuDtAtEveryTemperatureAndWalksWhereDuDtTurnsItOver() {
        OcvCurve flat = new OcvCurve(new double[] {0, 0.1, 0.9, 1}, new double[] {3.0, 3.3, 3.3, 3.6}, new double[4]);
        OcvReach reach = new OcvReach(flat, 1);
        assertThat(reach.steps(-40)).isTrue();
        assertThat(reach.steps(80)).isTrue();
        // the plateau's dU/dT differs at its two ends: above 25 °C its far end falls below its near end
        OcvCurve turning = new OcvCurve(
                new double[] {0, 0.1, 0.9, 1}, new double[] {3.0, 3.3, 3.3, 3.6}, new double[] {0, 1e-4, 0, 0});
        OcvReach turningReach = new OcvReach(turning, 1);
        assertThat(turningReach.steps(25)).isTrue();
        assertThat(turningReach.steps(20)).isTrue();
        assertThat(turningReach.steps(30)).isFalse();
        for (double celsius : new double[] {20, 25, 30}) {
            for (double soc = -0.05; soc <= 1.05; soc += 0.01) {
                assertThat(turningReach.socReachOfVolts(0, soc, celsius, 0.1))
                        .isEqualTo(turning.socReachOfVolts(soc, celsius, 0.1));
            }
        }
        assertSameAsTheCurve(turning, new SplittableRandom(3), 2, 500);
    }
}
