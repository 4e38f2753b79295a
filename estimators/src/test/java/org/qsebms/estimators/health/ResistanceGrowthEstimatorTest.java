package org.qsebms.estimators.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResistanceGrowthEstimatorTest {
    @Test
    void recoversASqrtSeiLawAndPredictsEndOfLife() {
        SplittableRandom r = new SplittableRandom(5);
        ResistanceGrowthEstimator fit = new ResistanceGrowthEstimator(0.5, 2.0, 3);
        for (int n = 1; n <= 300; n++) {
            fit.add(n, 0.030 + 0.0005 * Math.sqrt(n) + 0.0002 * r.nextGaussian());
        }
        assertThat(fit.isGrowing()).isTrue();
        assertThat(fit.growth()).isCloseTo(0.0005, within(0.00005));
        // 0.030 + 0.0005 sqrt(n) = 0.060  ->  n = 3600
        assertThat(fit.endOfLifeCycle(0)).isCloseTo(3600, within(600.0));
        assertThat(fit.endOfLifeCycle(1)).isLessThan(fit.endOfLifeCycle(0));
        assertThat(fit.endOfLifeCycle(-1)).isGreaterThan(fit.endOfLifeCycle(0));
    }

    @Test
    void callsNoiseAroundAConstantStable() {
        SplittableRandom r = new SplittableRandom(6);
        ResistanceGrowthEstimator fit = new ResistanceGrowthEstimator(0.5, 2.0, 3);
        for (int n = 1; n <= 200; n++) {
            fit.add(n, 0.030 + 0.0005 * r.nextGaussian());
        }
        assertThat(fit.isGrowing()).isFalse();
        assertThat(fit.describe()).startsWith("stable");
    }
}
