package org.qsebms.estimators.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The top of an OCV table's end-of-discharge knee (fix23bf: the balancer's floor). */
class OcvKneeTest {
    /** Mean slope (4.2 - 2.7) / 1 = 1.5 V per unit SOC; segments of 40, 12, 5, 1.2 ... V per unit SOC. */
    private static final OcvCurve KNEED = new OcvCurve(
            new double[] {0, 0.01, 0.02, 0.04, 0.5, 1},
            new double[] {2.7, 3.1, 3.22, 3.32, 3.872, 4.2},
            new double[] {0, 0, 0, 0, 0, 0});

    @Test
    void theKneeEndsWhereTheFirstSegmentFlatterThanTheFactorBegins() {
        // 4 x 1.5 = 6 V per unit SOC: the 40 and 12 V segments are knee, the 5 V one is not
        assertThat(OcvKnee.of(KNEED, 4)).isEqualTo(new OcvKnee(0.02, 3.22));
        // a smaller factor is a wider knee and a higher floor; a larger a narrower one
        assertThat(OcvKnee.of(KNEED, 3)).isEqualTo(new OcvKnee(0.04, 3.32));
        assertThat(OcvKnee.of(KNEED, 10)).isEqualTo(new OcvKnee(0.01, 3.1));
    }

    @Test
    void aTableWhoseFirstSegmentIsNotSteepHasNoKnee() {
        OcvCurve straight =
                new OcvCurve(new double[] {0, 0.5, 1}, new double[] {3.0, 3.6, 4.2}, new double[] {0, 0, 0});
        assertThat(OcvKnee.of(straight, 2)).isEqualTo(new OcvKnee(0, 3.0));
        OcvCurve flat = new OcvCurve(new double[] {0, 0.5, 1}, new double[] {3.3, 3.3, 3.3}, new double[] {0, 0, 0});
        assertThat(OcvKnee.of(flat, 1)).isEqualTo(new OcvKnee(0, 3.3));
    }

    @Test
    void aFactorThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> OcvKnee.of(KNEED, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OcvKnee.of(KNEED, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
