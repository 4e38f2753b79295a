package org.qsebms.estimators.softshort;

/**
 * Median across the cells of a string, by quickselect on a preallocated copy: expected linear
 * in the number of cells, no allocation. Not thread-safe (one workspace).
 */
final class StringMedian {
    private final double[] work;

    StringMedian(int cells) {
        this.work = new double[cells];
    }

    /** Median of the first {@code work.length} values; the input is not modified. */
    double of(double[] values) {
        int n = work.length;
        System.arraycopy(values, 0, work, 0, n);
        int k = n / 2;
        select(k);
        if (n % 2 == 1) {
            return work[k];
        }
        double lowerMax = work[0];
        for (int i = 1; i < k; i++) {
            lowerMax = Math.max(lowerMax, work[i]);
        }
        return 0.5 * (lowerMax + work[k]);
    }

    /**
     * Median of the values whose {@code use} flag is set (at least one must be); the input is not
     * modified.
     */
    double ofMasked(double[] values, boolean[] use) {
        int n = 0;
        for (int i = 0; i < work.length; i++) {
            if (use[i]) {
                work[n++] = values[i];
            }
        }
        int k = n / 2;
        select(k, n - 1);
        if (n % 2 == 1) {
            return work[k];
        }
        double lowerMax = work[0];
        for (int i = 1; i < k; i++) {
            lowerMax = Math.max(lowerMax, work[i]);
        }
        return 0.5 * (lowerMax + work[k]);
    }

    /** Places the k-th smallest value at index k, smaller or equal ones before it. */
    private void select(int k) {
        select(k, work.length - 1);
    }

    /** As {@link #select(int)} over the first {@code last + 1} values. */
    private void select(int k, int last) {
        int lo = 0;
        int hi = last;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double pivot = medianOfThree(work[lo], work[mid], work[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (work[i] < pivot) {
                    i++;
                }
                while (work[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = work[i];
                    work[i] = work[j];
                    work[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
