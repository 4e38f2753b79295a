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
}
