package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class OcvCurveTest {
    private final OcvCurve curve = new OcvCurve(new double[] {0, 0.5, 1}, new double[] {3.0, 3.7, 4.2},
            new double[] {-1e-4, 0, 1e-4});

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
        OcvCurve c = new OcvCurve(new double[] {0, 0.5, 1}, new double[] {3.3, 3.7, 4.2},
                new double[] {0.001, -0.0005, 0.0002}, 0, 25);
        assertThat(c.hasEntropicSpan()).isTrue();
        assertThat(c.voltsAt(0.25, 10)).isCloseTo(c.voltsAt(0.25) - 15 * 0.00025, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.voltsAt(0.25, 40)).isEqualTo(c.voltsAt(0.25, 25));
        assertThat(c.voltsAt(0.25, -30)).isEqualTo(c.voltsAt(0.25, 0));
        for (double celsius : new double[] {-10, 0, 10, 25, 35}) {
            double h = 1e-6;
            double numeric = (c.voltsAt(0.3 + h, celsius) - c.voltsAt(0.3 - h, celsius)) / (2 * h);
            assertThat(c.slopeAt(0.3, celsius)).as("slope at %.0f °C", celsius)
                    .isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-6));
            double volts = c.voltsAt(0.3, celsius);
            assertThat(c.socAt(volts, celsius)).as("SOC back from the OCV at %.0f °C", celsius)
                    .isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-4));
        }
        assertThat(c.slopeAt(0.3, 0)).isNotEqualTo(c.slopeAt(0.3));
        assertThatThrownBy(() -> new OcvCurve(new double[] {0, 1}, new double[] {3, 4}, new double[2], 25, 0))
                .hasMessageContaining("OCV temperature span must run from low to high");
    }
}
