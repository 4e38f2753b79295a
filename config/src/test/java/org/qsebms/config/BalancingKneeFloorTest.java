package org.qsebms.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.OcvKnee;

/**
 * The balancer's floor from each shipped preset's OCV table (fix23bf; docs/safety.md, "The balancer stays off the
 * OCV's bottom knee"): the law finds a knee in every table, above the under-voltage MOL the configured floor defaults
 * to, and it costs the balancer only the bottom of the SOC range.
 */
class BalancingKneeFloorTest {
    private static final String[] SHIPPED = {"le-lfp", "le-ncm811", "psoa-lfp", "psoa-ncm811", "ptpa-lfp", "ptpa-ncm811"
    };

    @Test
    void everyShippedPresetHasABottomKneeAboveItsUnderVoltageMolAndBelowAFifthOfItsCharge() {
        for (String name : SHIPPED) {
            ChemistryPreset p = new PresetCatalog().load(name);
            OcvCurve ocv = p.cell().ocv();
            double factor = p.supplementary().balancingKneeSlope();
            OcvKnee knee = OcvKnee.of(ocv, factor);
            System.out.printf(
                    "%s: knee top at SOC %.2f, %.4f V (factor %.1f)%n", name, knee.soc(), knee.volts(), factor);
            assertThat(knee.soc()).as(name + ": a knee").isPositive();
            assertThat(knee.soc())
                    .as(name + ": the balancer keeps most of the range")
                    .isLessThanOrEqualTo(0.2);
            assertThat(knee.volts())
                    .as(name)
                    .isGreaterThan(p.limits().cellUnderVoltage().mol());
            // the law: the segment under the top is steeper than factor x the table's mean slope, the one above not
            double[] soc = ocv.socFraction();
            double mean = (ocv.maxVolts() - ocv.minVolts()) / (soc[soc.length - 1] - soc[0]);
            assertThat(ocv.slopeAt(knee.soc() - 1e-6)).as(name).isGreaterThanOrEqualTo(factor * mean);
            assertThat(ocv.slopeAt(knee.soc() + 1e-6)).as(name).isLessThan(factor * mean);
        }
    }
}
