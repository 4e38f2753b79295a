package org.qsebms.bms.control;

import java.util.Arrays;

/** A SOC estimate scored against the truth sample by sample: coverage of its 3-sigma bound, RMSE, max, median bound. */
final class SocScore {
    private double[] bounds = new double[1024];
    private int scored;
    private long covered;
    private double sumSq;
    private double worst;

    void add(double estimate, double truth, double bound3Sigma) {
        double e = Math.abs(estimate - truth);
        if (scored == bounds.length) {
            bounds = Arrays.copyOf(bounds, 2 * scored);
        }
        bounds[scored++] = bound3Sigma;
        covered += e <= bound3Sigma ? 1 : 0;
        sumSq += e * e;
        worst = Math.max(worst, e);
    }

    double coverage() {
        return covered / (double) scored;
    }

    double rmse() {
        return Math.sqrt(sumSq / scored);
    }

    double worst() {
        return worst;
    }

    double medianBound() {
        double[] sorted = Arrays.copyOf(bounds, scored);
        Arrays.sort(sorted);
        return sorted[scored / 2];
    }
}
