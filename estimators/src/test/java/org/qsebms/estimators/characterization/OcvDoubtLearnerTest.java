package org.qsebms.estimators.characterization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The learner's pooled slow-relaxation statistic (the OCV doubt's largest term on the shared NCA tests). */
class OcvDoubtLearnerTest {
    @Test
    void thePooledSigmaIsTheChiSquareUpperConfidenceBoundOverEveryRegionsSamples() {
        OcvDoubtLearner.RegionRms samples = new OcvDoubtLearner.RegionRms();
        // five rests in three regions, 2 mV each (one negative: a move after a charge): RMS 2 mV whatever the region
        samples.add(0.15, 0.002);
        samples.add(0.15, -0.002);
        samples.add(0.55, 0.002);
        samples.add(0.85, 0.002);
        samples.add(0.95, 0.002);
        assertThat(samples.total()).isEqualTo(5);
        assertThat(samples.pooledRms()).isCloseTo(0.002, within(1e-12));
        // chi-square with 5 degrees of freedom: its 5 % quantile is 1.1455 (tables), so sqrt(5 / 1.1455) = 2.089
        assertThat(samples.pooledUpperSigma(0.95)).isCloseTo(0.002 * 2.0893, within(2e-6));
    }

    @Test
    void oneLargeRestNoLongerSetsItsRegionAlone() {
        OcvDoubtLearner.RegionRms samples = new OcvDoubtLearner.RegionRms();
        for (int k = 0; k < 60; k++) {
            samples.add(0.05 + (k % 10) / 10.0, 0.005);
        }
        samples.add(0.85, 0.021);
        // the largest in its region was that region's doubt before; pooled, it counts as one rest of 61
        assertThat(samples.largest[8]).isCloseTo(0.021, within(1e-12));
        double pooled = samples.pooledUpperSigma(0.95);
        assertThat(pooled).isGreaterThan(samples.pooledRms()).isLessThan(0.010);
    }

    @Test
    void moreRestsNarrowTheUpperBoundTowardsTheRms() {
        OcvDoubtLearner.RegionRms few = new OcvDoubtLearner.RegionRms();
        OcvDoubtLearner.RegionRms many = new OcvDoubtLearner.RegionRms();
        for (int k = 0; k < 4; k++) {
            few.add(0.5, 0.003);
        }
        for (int k = 0; k < 400; k++) {
            many.add(0.5, 0.003);
        }
        assertThat(few.pooledUpperSigma(0.95)).isGreaterThan(many.pooledUpperSigma(0.95));
        assertThat(many.pooledUpperSigma(0.95)).isCloseTo(0.003, within(0.0003));
        assertThat(new OcvDoubtLearner.RegionRms().pooledUpperSigma(0.95)).isZero();
    }
}
