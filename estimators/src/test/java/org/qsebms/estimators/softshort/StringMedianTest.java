package org.qsebms.estimators.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    /** Each cell's reference is the median of the others (check23r), masked too; a lone cell is its own. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void leaveOneOutIsTheMedianOfTheOtherCells(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(20);
            double[] values = new double[n];
            boolean[] use = new boolean[n];
            int used = 0;
            for (int i = 0; i < n; i++) {
                values[i] = trial % 3 == 0 ? r.nextInt(4) : r.nextGaussian();
                use[i] = r.nextInt(4) != 0;
                used += use[i] ? 1 : 0;
            }
            if (used == 0) {
                use[0] = true;
                used = 1;
            }
            double[] before = values.clone();
            double[] out = new double[n];
            StringMedian median = new StringMedian(n);
            median.leaveOneOut(values, out);
            for (int i = 0; i < n; i++) {
                assertThat(out[i])
                        .as("cell %d of %d", i, n)
                        .isEqualTo(n == 1 ? values[0] : othersMedian(values, i, null));
            }
            median.leaveOneOutMasked(values, use, out);
            for (int i = 0; i < n; i++) {
                double expected = use[i] && used == 1 ? values[i] : othersMedian(values, use[i] ? i : -1, use);
                assertThat(out[i]).as("masked cell %d of %d", i, n).isEqualTo(expected);
            }
            assertThat(values).containsExactly(before);
        }
    }

    @org.junit.jupiter.api.Test
    void onTwoCellsEachCellsReferenceIsTheOtherCell() {
        double[] out = new double[2];
        new StringMedian(2).references(new double[] {3.70, 3.65}, out);
        assertThat(out).containsExactly(3.65, 3.70);
        double[] four = new double[4];
        new StringMedian(4)
                .referencesMasked(
                        new double[] {3.70, 3.65, 3.60, 3.50}, new boolean[] {true, false, true, false}, four);
        assertThat(four[0]).isEqualTo(3.60);
        assertThat(four[2]).isEqualTo(3.70);
        assertThat(four[1])
                .as("a cell not in the reference: the mean of the two")
                .isCloseTo(3.65, within(1e-12));
    }

    /** On three or more cells every cell's reference is the median of all, as before check23r. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void onThreeOrMoreCellsTheReferenceIsTheMedianOfAll(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 100; trial++) {
            int n = 3 + r.nextInt(20);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = r.nextGaussian();
            }
            double[] out = new double[n];
            new StringMedian(n).references(values, out);
            for (double o : out) {
                assertThat(o).isEqualTo(sortedMedian(values));
            }
        }
    }

    /** The sorted median of the values other than index {@code skip} (none: -1), only those in use (null: all). */
    private static double othersMedian(double[] values, int skip, boolean[] use) {
        double[] others = new double[values.length];
        int m = 0;
        for (int i = 0; i < values.length; i++) {
            if (i != skip && (use == null || use[i])) {
                others[m++] = values[i];
            }
        }
        return sortedMedian(Arrays.copyOf(others, m));
    }
}
