package org.qsebms.estimators.characterization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class OcvFitterTest {
    /** A C/20 discharge then charge over a linear OCV with +-15 mV hysteresis and 50 mOhm. */
    static CellTestLog slowTest(double halfGapVolts) {
        int n = 2 * 7200;
        double[] t = new double[n];
        double[] i = new double[n];
        double[] v = new double[n];
        double[] c = new double[n];
        double[] cap = new double[n];
        double[] soc = new double[n];
        double ah = 0;
        for (int k = 0; k < n; k++) {
            double amps = k < 7200 ? -0.1 : 0.1;
            ah += amps * 10 / 3600.0;
            double z = 1 + ah / 2.0;
            t[k] = 10.0 * k;
            i[k] = amps;
            v[k] = 3.4 + 0.8 * z + 0.05 * amps + Math.signum(amps) * halfGapVolts;
            c[k] = 25;
            cap[k] = ah;
            soc[k] = Double.NaN;
        }
        return new CellTestLog("slow", t, i, v, c, cap, soc);
    }

    @Test
    void averagesBranchesAndReportsHalfTheGapAsHysteresis() {
        OcvFit fit = new OcvFitter(0.01, 0.08, 600).fit(List.of(slowTest(0.015)), 2.0, 0.05);
        assertThat(fit.branchesAveraged()).isTrue();
        assertThat(fit.hysteresisVolts()).isCloseTo(0.015, within(0.002));
        assertThat(fit.curve().voltsAt(0.5)).isCloseTo(3.8, within(0.005));
    }

    @Test
    void usesTheDischargeBranchWhenTheGapIsNoHysteresis() {
        OcvFit fit = new OcvFitter(0.01, 0.08, 600).fit(List.of(slowTest(0.06)), 2.0, 0.05);
        assertThat(fit.branchesAveraged()).isFalse();
        assertThat(fit.note()).contains("discharge branch only");
        assertThat(fit.curve().voltsAt(0.5)).isCloseTo(3.8 - 0.06, within(0.005));
    }
}
