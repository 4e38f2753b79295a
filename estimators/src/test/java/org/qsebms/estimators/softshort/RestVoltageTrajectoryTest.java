package org.qsebms.estimators.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.OcvCurve;

/**
 * Locating a leaking cell on a bending OCV from the shape of its rest voltage (issue 23 item 6):
 * a cell whose SOC falls at a constant rate, its voltage below its OCV by a constant offset (the
 * leak's own overpotential), 0.2 mV of noise per 10 s sample. The rate the fit's voltage slope gives
 * through {@link RestVoltageTrajectory#meanSlopeAlong} must be the true one.
 */
class RestVoltageTrajectoryTest {
    private static final double SAMPLE_SECONDS = 10.0;
    private static final double MIN_SLOPE = RestSelfDischargeSettings.DEFAULT_MIN_OCV_SLOPE_VOLTS_PER_SOC;

    /**
     * The LFP OCV of Safari and Delacourt (2011), the formula in the header of the preset's table,
     * tabulated at 1 % SOC as the table is: its top knee steepens from 1.0 to 3.1 V per unit SOC
     * between 95 and 98 %.
     */
    static OcvCurve lfpOcv() {
        int m = 101;
        double[] s = new double[m];
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            s[i] = i / 100.0;
            double y = 0.025802 + (1.0 - s[i]) * (0.171932 - 0.025802) / 0.15;
            double x = 1.0 - y;
            v[i] = 3.4323
                    - 0.8428 * Math.exp(-80.2493 * Math.pow(x, 1.3198))
                    - 3.2474e-6 * Math.exp(20.2645 * Math.pow(x, 3.8003))
                    + 3.2482e-6 * Math.exp(20.2646 * Math.pow(x, 3.7995));
        }
        return new OcvCurve(s, v, new double[m]);
    }

    /** Returns {true rate, rate read through the slope along the located trajectory, rate read at offset 0}. */
    private static double[] readRate(
            OcvCurve ocv, double startSoc, double socPerHour, double offsetVolts, double hours, long seed) {
        RestVoltageTrajectory trajectory = new RestVoltageTrajectory(ocv, 1, MIN_SLOPE);
        SplittableRandom random = new SplittableRandom(seed);
        double[] sample = new double[1];
        double n = 0;
        double st = 0;
        double sv = 0;
        double stt = 0;
        double stv = 0;
        for (double t = 0; t <= hours * 3600.0; t += SAMPLE_SECONDS) {
            double soc = startSoc - socPerHour * t / 3600.0;
            sample[0] = ocv.voltsAt(soc) - offsetVolts + 0.0002 * random.nextGaussian();
            trajectory.add(t, sample);
            n++;
            st += t;
            sv += sample[0];
            stt += t * t;
            stv += t * sample[0];
        }
        double voltsPerHour = 3600.0 * (stv - st * sv / n) / (stt - st * st / n);
        double d = trajectory.offsetVolts(0, 5.0);
        return new double[] {
            socPerHour,
            -voltsPerHour / trajectory.meanSlopeAlong(0, d),
            -voltsPerHour / trajectory.meanSlopeAlong(0, 0.0)
        };
    }

    @Test
    void aLeakInsideOneSegmentOfTheTopKneeIsReadAtItsTrueRate() {
        // 600 ohm from 97 %: 0.29 %/h, 7 mV below the OCV, the true SOC stays between 96 and 97 %
        // while the voltage read as OCV crosses 96 % onto a segment 42 % flatter
        double[] r = readRate(lfpOcv(), 0.9686, 0.0029, 0.007, 2.5, 1);
        assertThat(r[2]).as("read at the voltage itself (before)").isGreaterThan(1.15 * r[0]);
        assertThat(r[1]).as("read along the located trajectory").isCloseTo(r[0], within(0.05 * r[0]));
    }

    @Test
    void aLeakAcrossTheKneeIsReadAtItsTrueRate() {
        // 300 ohm from 98 %: 0.56 %/h, 8 mV below the OCV, the true SOC crosses the 97 % bend
        for (long seed = 1; seed <= 3; seed++) {
            double[] r = readRate(lfpOcv(), 0.9772, 0.0056, 0.008, 2.5, seed);
            assertThat(r[1]).as("seed %d", seed).isCloseTo(r[0], within(0.05 * r[0]));
        }
    }

    /**
     * The trajectory's one-search lookup gives exactly what {@code socAt} and then {@code slopeAt}
     * give, on the table's points, between them, on flat stretches and beyond both ends.
     */
    @Test
    void theOneSearchLookupIsTheCurvesOwnToTheBit() {
        OcvCurve lfp = lfpOcv();
        OcvCurve flat =
                new OcvCurve(new double[] {0, 0.2, 0.5, 0.8, 1}, new double[] {3.0, 3.3, 3.3, 3.3, 3.6}, new double[5]);
        for (OcvCurve ocv : new OcvCurve[] {lfp, flat}) {
            RestVoltageTrajectory trajectory = new RestVoltageTrajectory(ocv, 1, MIN_SLOPE);
            int checked = 0;
            // both tables lie inside 2.5-4.0 V, so this runs past both ends
            for (double v = 2.5; v <= 4.0; v += 0.0000731) {
                assertLookup(trajectory, ocv, v);
                checked++;
            }
            for (double v : ocv.ocvVolts()) {
                assertLookup(trajectory, ocv, v);
                assertLookup(trajectory, ocv, Math.nextUp(v));
                assertLookup(trajectory, ocv, Math.nextDown(v));
            }
            assertThat(checked).isGreaterThan(1000);
        }
    }

    private static void assertLookup(RestVoltageTrajectory trajectory, OcvCurve ocv, double v) {
        // Double.compare: equal to the bit, NaN to NaN included (the formula's table is NaN at SOC 0)
        double s = ocv.socAt(v);
        double mine = trajectory.socAtVolts(v);
        assertThat(Double.compare(mine, s))
                .as("SOC at %s V: %s against %s", v, mine, s)
                .isZero();
        double k = ocv.slopeAt(s);
        assertThat(Double.compare(trajectory.lookupSlope(), k))
                .as("slope at %s V: %s against %s", v, trajectory.lookupSlope(), k)
                .isZero();
    }

    @Test
    void aStraightOcvNeedsNoOffset() {
        OcvCurve straight = new OcvCurve(new double[] {0, 1}, new double[] {3.0, 4.2}, new double[2]);
        RestVoltageTrajectory trajectory = new RestVoltageTrajectory(straight, 1, MIN_SLOPE);
        SplittableRandom random = new SplittableRandom(5);
        double[] sample = new double[1];
        for (double t = 0; t <= 2 * 3600.0; t += SAMPLE_SECONDS) {
            sample[0] = straight.voltsAt(0.6 - 0.006 * t / 3600.0) - 0.006 + 0.0002 * random.nextGaussian();
            trajectory.add(t, sample);
        }
        assertThat(trajectory.offsetVolts(0, 5.0)).isZero();
        assertThat(trajectory.meanSlopeAlong(0, 0.0)).isCloseTo(1.2, within(1e-9));
    }
}
