package org.qsebms.estimators.model;

/** Linear interpolation in a table, held at the ends outside it; the shared lookup of the model's tables. */
final class PiecewiseLinear {
    private PiecewiseLinear() {}

    /**
     * {@code y} at {@code at}, for {@code x} strictly increasing with at least one point; {@code y[0]}
     * at or below {@code x[0]} (and for NaN), the last value at or above the last point. No allocation.
     */
    static double at(double[] x, double[] y, double at) {
        int n = x.length;
        if (!(at > x[0])) {
            return y[0];
        }
        if (at >= x[n - 1]) {
            return y[n - 1];
        }
        int i = 0;
        while (x[i + 1] < at) {
            i++;
        }
        double t = (at - x[i]) / (x[i + 1] - x[i]);
        return y[i] + t * (y[i + 1] - y[i]);
    }
}
