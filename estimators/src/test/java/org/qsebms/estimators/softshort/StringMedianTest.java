package org.qsebms.estimators.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StringMedianTest {
    /** Reference: sort a copy and take the middle (mean of the two middle values for an even count). */
    static double sortedMedian(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void agreesWithTheSortedMedianAndLeavesTheInputAlone(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(60);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // few distinct values in some trials, to exercise ties
                values[i] = trial % 3 == 0 ? r.nextInt(4) : r.nextGaussian();
            }
            double[] before = values.clone();
            assertThat(new StringMedian(n).of(values)).isEqualTo(sortedMedian(values));
            assertThat(values).containsExactly(before);
        }
    }
}
