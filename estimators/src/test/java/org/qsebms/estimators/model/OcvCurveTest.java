package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OcvCurveTest {
    private final OcvCurve curve =
            new OcvCurve(new double[] {0, 0.5, 1}, new double[] {3.0, 3.7, 4.2}, new double[] {-1e-4, 0, 1e-4});

    @Test
    void interpolatesLinearlyAndClampsAtTheEnds() {
        assertThat(curve.voltsAt(0.25)).isCloseTo(3.35, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(curve.voltsAt(-0.1)).isEqualTo(3.0);
        assertThat(curve.voltsAt(1.2)).isEqualTo(4.2);
        assertThat(curve.slopeAt(0.75)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void entropicTermShiftsTheVoltageWithTemperature() {
        assertThat(curve.voltsAt(1.0, 35.0)).isCloseTo(4.2 + 10 * 1e-4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(curve.voltsAt(0.5, 35.0)).isEqualTo(3.7);
    }

    static Stream<Double> randomSocs() {
        SplittableRandom r = new SplittableRandom(7);
        return Stream.generate(r::nextDouble).limit(50);
    }

    @ParameterizedTest
    @MethodSource("randomSocs")
    void socAtInvertsVoltsAt(double soc) {
        assertThat(curve.socAt(curve.voltsAt(soc))).isCloseTo(soc, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void rejectsNonMonotoneTables() {
        assertThatThrownBy(() -> new OcvCurve(new double[] {0, 0.5, 0.4}, new double[] {3, 3.5, 3.6}, new double[3]))
                .hasMessageContaining("strictly increasing at row 2");
        assertThatThrownBy(() -> new OcvCurve(new double[] {0, 0.5, 1}, new double[] {3, 3.5, 3.4}, new double[3]))
                .hasMessageContaining("must not fall with SOC at row 2");
    }

    /**
     * A curve whose dU/dT is fitted between 0 and 25 °C: inside that span the OCV, its slope and its
     * inverse follow the temperature; outside it they are those at the nearer end.
     */
    @Test
    void entropicSpanHoldsTheOcvAtTheNearerEndAndTheSlopeFollowsTheTemperature() {
        OcvCurve c = new OcvCurve(
                new double[] {0, 0.5, 1}, new double[] {3.3, 3.7, 4.2}, new double[] {0.001, -0.0005, 0.0002}, 0, 25);
        assertThat(c.hasEntropicSpan()).isTrue();
        assertThat(c.voltsAt(0.25, 10))
                .isCloseTo(c.voltsAt(0.25) - 15 * 0.00025, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.voltsAt(0.25, 40)).isEqualTo(c.voltsAt(0.25, 25));
        assertThat(c.voltsAt(0.25, -30)).isEqualTo(c.voltsAt(0.25, 0));
        for (double celsius : new double[] {-10, 0, 10, 25, 35}) {
            double h = 1e-6;
            double numeric = (c.voltsAt(0.3 + h, celsius) - c.voltsAt(0.3 - h, celsius)) / (2 * h);
            assertThat(c.slopeAt(0.3, celsius))
                    .as("slope at %.0f °C", celsius)
                    .isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-6));
            double volts = c.voltsAt(0.3, celsius);
            assertThat(c.socAt(volts, celsius))
                    .as("SOC back from the OCV at %.0f °C", celsius)
                    .isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-4));
        }
        assertThat(c.slopeAt(0.3, 0)).isNotEqualTo(c.slopeAt(0.3));
        assertThatThrownBy(() -> new OcvCurve(new double[] {0, 1}, new double[] {3, 4}, new double[2], 25, 0))
                .hasMessageContaining("OCV temperature span must run from low to high");
    }

    /** On a straight stretch the reach is volts over the slope, the tangent's answer. */
    @Test
    void reachOnAStraightStretchIsVoltsOverTheSlope() {
        assertThat(curve.socReachOfVolts(0.2, 25, 0.035))
                .isCloseTo(0.035 / 1.4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(curve.socReachOfVolts(0.75, 25, 0.05))
                .isCloseTo(0.05 / 1.0, org.assertj.core.api.Assertions.within(1e-12));
        // at an end it stops at the table
        assertThat(curve.socReachOfVolts(1.0, 25, 0.05))
                .isCloseTo(0.05 / 1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(curve.socReachOfVolts(0.99, 25, 2.0)).isCloseTo(0.99, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(curve.socReachOfVolts(0.3, 25, 0)).isZero();
    }

    /**
     * A table with a knee, the shape an incremental OCV test gives a cell near empty: steep below
     * SOC 0.1, shallow above. For every SOC an estimate can sit at and every OCV error up to 60 mV,
     * the SOC the true OCV belongs to lies within the reach of the estimate; the slope at the
     * estimate alone (60 mV / slope) misses it when the estimate is below the knee and the truth
     * above.
     */
    @Test
    void reachHoldsEveryOcvErrorAcrossAKneeWhereTheTangentDoesNot() {
        OcvCurve knee = new OcvCurve(
                new double[] {0, 0.1, 0.2, 0.5, 1},
                new double[] {2.9, 3.25, 3.30, 3.6, 4.1},
                new double[] {0.0008, 0.0004, 0.0002, 0, 0.0001});
        double volts = 0.060;
        int tangentMisses = 0;
        for (double celsius : new double[] {0, 25}) {
            for (int a = 0; a <= 1000; a++) {
                double estimate = a / 1000.0;
                double reach = knee.socReachOfVolts(estimate, celsius, volts);
                double tangent = volts / knee.slopeAt(estimate, celsius);
                for (int e = -6; e <= 6; e++) {
                    double truth = socByBisection(knee, knee.voltsAt(estimate, celsius) + e * volts / 6, celsius);
                    assertThat(Math.abs(truth - estimate))
                            .as("estimate %.3f, OCV error %d mV at %.0f °C", estimate, 10 * e, celsius)
                            .isLessThanOrEqualTo(reach + 1e-9);
                    tangentMisses += Math.abs(truth - estimate) > tangent + 1e-9 ? 1 : 0;
                }
            }
        }
        assertThat(tangentMisses).as("cases the tangent bound misses").isGreaterThan(100);
        // just below the knee: 60 mV reaches 0.1 at the steep slope, then 0.1 further at 0.5 V per SOC
        assertThat(knee.socReachOfVolts(0.09, 25, volts))
                .isCloseTo(0.01 + (0.060 - 0.035) / 0.5, org.assertj.core.api.Assertions.within(1e-9));
    }

    /**
     * The slope over a SOC span either side, on the flatter side: the tangent on a straight stretch
     * or for no span; across the knee of the table above, the shallow side's secant; cut at the
     * table's ends.
     */
    @Test
    void flatterSecantSlopeTakesTheShallowSideOfAKnee() {
        OcvCurve knee = new OcvCurve(
                new double[] {0, 0.1, 0.2, 0.5, 1},
                new double[] {2.9, 3.25, 3.30, 3.6, 4.1},
                new double[] {0.0008, 0.0004, 0.0002, 0, 0.0001});
        org.assertj.core.data.Offset<Double> tight = org.assertj.core.api.Assertions.within(1e-9);
        assertThat(knee.flatterSecantSlope(0.3, 25, 0.05)).isCloseTo(1.0, tight);
        assertThat(knee.flatterSecantSlope(0.05, 25, 0)).isCloseTo(3.5, tight);
        // from 0.08: up to 0.13 is 0.02 at 3.5 V/SOC then 0.03 at 0.5 V/SOC; down to 0.03 is all at 3.5
        assertThat(knee.flatterSecantSlope(0.08, 25, 0.05)).isCloseTo((0.02 * 3.5 + 0.03 * 0.5) / 0.05, tight);
        // at 0.02 the lower side is cut at SOC 0 (3.5 V/SOC over 0.02), the upper side reaches 0.12
        assertThat(knee.flatterSecantSlope(0.02, 25, 0.1)).isCloseTo((0.08 * 3.5 + 0.02 * 0.5) / 0.1, tight);
        // at the top end only the lower side is left
        assertThat(knee.flatterSecantSlope(1.0, 25, 0.1)).isCloseTo(1.0, tight);
        // at temperature the entropic term is in the secant too
        double at0 = knee.flatterSecantSlope(0.08, 0, 0.05);
        assertThat(at0).isCloseTo((knee.voltsAt(0.13, 0) - knee.voltsAt(0.08, 0)) / 0.05, tight);
        assertThat(at0).isNotEqualTo(knee.flatterSecantSlope(0.08, 25, 0.05));
    }

    /** On a fine table, at random SOCs, spans and temperatures, it is the secant from voltsAt on the flatter side. */
    @Test
    void flatterSecantSlopeIsTheSecantOfVoltsAt() {
        int n = 41;
        double[] soc = new double[n];
        double[] v = new double[n];
        double[] dudt = new double[n];
        for (int i = 0; i < n; i++) {
            soc[i] = i / (n - 1.0);
            v[i] = 3.0 + 1.2 * soc[i] - 0.4 * Math.exp(-25 * soc[i]) + 0.05 * Math.sin(9 * soc[i]) + 0.4;
            dudt[i] = 1e-4 * Math.cos(5 * soc[i]);
        }
        OcvCurve c = new OcvCurve(soc, v, dudt, 0, 45);
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < 2000; k++) {
            double z = r.nextDouble();
            double span = r.nextDouble(1e-4, 0.3);
            double celsius = r.nextDouble(-10, 50);
            double hi = Math.min(1, z + span);
            double lo = Math.max(0, z - span);
            double upSlope =
                    hi > z ? (c.voltsAt(hi, celsius) - c.voltsAt(z, celsius)) / (hi - z) : Double.POSITIVE_INFINITY;
            double downSlope =
                    lo < z ? (c.voltsAt(z, celsius) - c.voltsAt(lo, celsius)) / (z - lo) : Double.POSITIVE_INFINITY;
            assertThat(c.flatterSecantSlope(z, celsius, span))
                    .as("soc %.4f span %.4f at %.1f °C", z, span, celsius)
                    .isCloseTo(Math.min(upSlope, downSlope), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    /**
     * The segment lookups give the plain lookups' values bit for bit: the segment walked from any
     * other one is the searched one, and the OCV, slope and flatter secant slope on it are those of
     * {@link OcvCurve#voltsAt(double, double)}, {@link OcvCurve#slopeAt(double, double)} and
     * {@link OcvCurve#flatterSecantSlope(double, double, double)}, at SOCs inside, outside and on the
     * table's points.
     */
    @Test
    void segmentLookupsGiveThePlainLookupsBitForBit() {
        double[] soc = {0.02, 0.05, 0.1, 0.3, 0.6, 0.9, 0.97};
        double[] v = {3.1, 3.3, 3.45, 3.6, 3.85, 4.1, 4.17};
        double[] dudt = {-2e-4, -1e-4, 0, 5e-5, 1e-4, 0, -1e-4};
        OcvCurve c = new OcvCurve(soc, v, dudt, 0, 45);
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < 5000; k++) {
            double z = k % 10 == 0 ? soc[r.nextInt(soc.length)] : r.nextDouble(-0.1, 1.1);
            double celsius = r.nextDouble(-10, 50);
            int segment = c.segmentOf(z);
            assertThat(c.segmentOf(z, r.nextInt(-1, soc.length + 1))).isEqualTo(segment);
            assertThat(c.voltsAt(z, celsius, segment)).isEqualTo(c.voltsAt(z, celsius));
            assertThat(c.slopeOfSegment(segment, celsius)).isEqualTo(c.slopeAt(z, celsius));
            double span = k % 7 == 0 ? 0 : r.nextDouble(1e-3, 0.3);
            assertThat(c.flatterSecantSlope(z, celsius, span, r.nextInt(soc.length - 1)))
                    .isEqualTo(c.flatterSecantSlope(z, celsius, span));
        }
    }

    /** The SOC in [0, 1] whose OCV at {@code celsius} is {@code volts} (the table's end outside it), to 1e-12. */
    private static double socByBisection(OcvCurve c, double volts, double celsius) {
        double lo = 0;
        double hi = 1;
        if (volts <= c.voltsAt(lo, celsius)) {
            return lo;
        }
        if (volts >= c.voltsAt(hi, celsius)) {
            return hi;
        }
        while (hi - lo > 1e-12) {
            double mid = 0.5 * (lo + hi);
            if (c.voltsAt(mid, celsius) < volts) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * fix23bu: the OCV's least rise over a span from anywhere in a range is the minimum over every start (a fine grid
     * of starts, within its step), on a table with a plateau (an LFP-like curve), the ends held: nearly nothing while the span fits on the
     * plateau from some start, the knee's rise once it cannot.
     */
    @ParameterizedTest
    @MethodSource("randomSocs")
    void leastRiseIsTheMinimumOverEveryStart(double seed) {
        OcvCurve plateau = new OcvCurve(
                new double[] {0, 0.1, 0.2, 0.8, 0.9, 1},
                new double[] {2.6, 3.2, 3.30, 3.31, 3.4, 3.6},
                new double[] {0, 0, 0, 0, 0, 0});
        SplittableRandom r = new SplittableRandom(Double.doubleToLongBits(seed));
        double from = r.nextDouble(-0.1, 1.0);
        double to = from + r.nextDouble(0, 0.5);
        double width = r.nextDouble(0, 1.0);
        double least = Double.MAX_VALUE;
        for (int k = 0; k <= 20_000; k++) {
            double s = from + (to - from) * k / 20_000.0;
            least = Math.min(least, plateau.voltsAt(s + width) - plateau.voltsAt(s));
        }
        // the grid's minimum is at or above the exact one, by at most a grid step at the table's steepest slope (6 V)
        double step = (to - from) / 20_000.0;
        assertThat(plateau.leastRise(from, to, width, 25.0))
                .as("from %s to %s, width %s", from, to, width)
                .isBetween(Math.max(0, least - 2 * 6.0 * step), Math.max(0, least) + 1e-12);
    }

    /** fix23ca: the greatest rise, the mirror of the least, checked against a fine grid of starts the same way. */
    @ParameterizedTest
    @MethodSource("randomSocs")
    void greatestRiseIsTheMaximumOverEveryStart(double seed) {
        OcvCurve plateau = new OcvCurve(
                new double[] {0, 0.1, 0.2, 0.8, 0.9, 1},
                new double[] {2.6, 3.2, 3.30, 3.31, 3.4, 3.6},
                new double[] {0, 0, 0, 0, 0, 0});
        SplittableRandom r = new SplittableRandom(Double.doubleToLongBits(seed));
        double from = r.nextDouble(-0.1, 1.0);
        double to = from + r.nextDouble(0, 0.5);
        double width = r.nextDouble(0, 1.0);
        double greatest = -Double.MAX_VALUE;
        for (int k = 0; k <= 20_000; k++) {
            double s = from + (to - from) * k / 20_000.0;
            greatest = Math.max(greatest, plateau.voltsAt(s + width) - plateau.voltsAt(s));
        }
        double step = (to - from) / 20_000.0;
        assertThat(plateau.greatestRise(from, to, width, 25.0))
                .as("from %s to %s, width %s", from, to, width)
                .isBetween(Math.max(0, greatest) - 1e-12, Math.max(0, greatest + 2 * 6.0 * step))
                .isGreaterThanOrEqualTo(plateau.leastRise(from, to, width, 25.0));
    }

    @Test
    void greatestRiseOnAPlateauIsTheSteepestSpanThatStartsInTheReach() {
        OcvCurve plateau = new OcvCurve(
                new double[] {0, 0.1, 0.2, 0.8, 0.9, 1},
                new double[] {2.6, 3.2, 3.30, 3.31, 3.4, 3.6},
                new double[] {0, 0, 0, 0, 0, 0});
        // a 0.1 span from anywhere in 0.05..0.5: the steepest starts at 0.05, half on 0.0-0.1 (6 V) half on 0.1-0.2
        assertThat(plateau.greatestRise(0.05, 0.5, 0.1, 25.0))
                .isCloseTo(0.05 * 6.0 + 0.05 * 1.0, org.assertj.core.data.Offset.offset(1e-12));
        // from inside the plateau only: its slope
        assertThat(plateau.greatestRise(0.3, 0.5, 0.1, 25.0))
                .isCloseTo(0.1 * 0.01 / 0.6, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void leastRiseOnAPlateauIsItsSlopeUntilTheSpanCannotFitOnIt() {
        OcvCurve plateau = new OcvCurve(
                new double[] {0, 0.1, 0.2, 0.8, 0.9, 1},
                new double[] {2.6, 3.2, 3.30, 3.31, 3.4, 3.6},
                new double[] {0, 0, 0, 0, 0, 0});
        // a 0.1 span from anywhere in 0.1..0.5: the flattest is on the plateau, 0.01 V over 0.6
        assertThat(plateau.leastRise(0.1, 0.5, 0.1, 25.0))
                .isCloseTo(0.1 * 0.01 / 0.6, org.assertj.core.data.Offset.offset(1e-12));
        // 0.7 from anywhere in 0.15..0.2 reaches past the plateau's top into the 0.8-0.9 segment: at least its start
        assertThat(plateau.leastRise(0.15, 0.2, 0.7, 25.0)).isGreaterThan(0.05);
    }
}
