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

    /**
     * Each cell's reference, into {@code out}: the median of all cells, except on two cells, where it is the other
     * one. The median of two is their mean, which holds each cell by half: a leak read against it is halved
     * (check23r: a 25 mA leak in a cycling 2-cell pack read as 11.5 mA; a resting one was not measured at all). The
     * median of three or more does not follow a cell outside its middle values, where a leaking cell goes; the
     * median of the others instead ({@link #leaveOneOut}) moves every cell's reference by half the middle gap, to the
     * far side, and that was measured worse on 3 to 16 cells (docs/safety.md, "Packs of one and two cells"). A lone
     * cell is its own reference. Linear, no allocation.
     */
    void references(double[] values, double[] out) {
        if (work.length == 2) {
            leaveOneOut(values, out);
        } else {
            java.util.Arrays.fill(out, of(values));
        }
    }

    /**
     * As {@link #references} over the values whose {@code use} flag is set (at least one must be): with two in use,
     * each of them is referred to the other (a cell not in use to their mean); otherwise every cell to the median of
     * those in use.
     */
    void referencesMasked(double[] values, boolean[] use, double[] out) {
        int n = 0;
        for (boolean u : use) {
            n += u ? 1 : 0;
        }
        if (n == 2) {
            leaveOneOutMasked(values, use, out);
        } else {
            java.util.Arrays.fill(out, ofMasked(values, use));
        }
    }

    /**
     * Each cell's reference: the median of the other cells' values (leave-one-out), into {@code out}. A lone cell
     * has no other: its reference is its own value, so it never shows a difference. Linear in the cells (one
     * selection, then each cell's reference from the three middle order statistics), no allocation.
     */
    void leaveOneOut(double[] values, double[] out) {
        int n = work.length;
        System.arraycopy(values, 0, work, 0, n);
        referencesOf(n, values, null, out);
    }

    /**
     * As {@link #leaveOneOut} over the values whose {@code use} flag is set (at least one must be): a cell in use
     * is referred to the median of the others in use, a cell not in use to the median of all in use. A cell in use
     * with no other in use gets its own value.
     */
    void leaveOneOutMasked(double[] values, boolean[] use, double[] out) {
        int n = 0;
        for (int i = 0; i < work.length; i++) {
            if (use[i]) {
                work[n++] = values[i];
            }
        }
        referencesOf(n, values, use, out);
    }

    /**
     * The references of every cell from the first {@code n} values of the workspace (those in use). With the
     * sorted values {@code s}, removing one value {@code v} leaves at rank {@code q} the value {@code s[q]} if
     * {@code v >= s[q + 1]}, else {@code s[q + 1]}; the medians of {@code n} and of {@code n - 1} values need
     * only the ranks {@code n/2 - 1 .. n/2 + 1}.
     */
    private void referencesOf(int n, double[] values, boolean[] use, double[] out) {
        int k = n / 2;
        select(k, n - 1);
        double below = Double.NaN;
        for (int i = 0; i < k; i++) {
            below = i == 0 ? work[0] : Math.max(below, work[i]);
        }
        double middle = work[k];
        double above = Double.NaN;
        for (int i = k + 1; i < n; i++) {
            above = i == k + 1 ? work[i] : Math.min(above, work[i]);
        }
        double all = n % 2 == 1 ? middle : 0.5 * (below + middle);
        int m = n - 1;
        for (int i = 0; i < work.length; i++) {
            if (use != null && !use[i]) {
                out[i] = all;
            } else if (m == 0) {
                out[i] = values[i];
            } else {
                double v = values[i];
                if (m % 2 == 1) { // n even: the remaining median is the value at rank k - 1
                    out[i] = remaining(v, below, middle);
                } else { // n odd: the mean of the remaining ranks k - 1 and k
                    out[i] = 0.5 * (remaining(v, below, middle) + remaining(v, middle, above));
                }
            }
        }
    }

    /** The value left at rank q when {@code v} is removed, given {@code s[q]} and {@code s[q + 1]}. */
    private static double remaining(double v, double atQ, double atNext) {
        return v >= atNext ? atQ : atNext;
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
