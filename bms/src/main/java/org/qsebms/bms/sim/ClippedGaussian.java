package org.qsebms.bms.sim;

/**
 * The distribution of the simulator's sensor noise in standard deviations: a standard normal clipped (not truncated)
 * at plus and minus {@code limit}, so the tails' chance sits on the two limits, as the simulated sensors draw it.
 */
record ClippedGaussian(double limit) {
    ClippedGaussian {
        if (!(limit > 0)) {
            throw new IllegalArgumentException("the clip must be positive, got " + limit);
        }
    }

    /** The chance a draw is at most {@code z}. */
    double cdf(double z) {
        if (z < -limit) {
            return 0.0;
        }
        if (z >= limit) {
            return 1.0;
        }
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7 everywhere). */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t
                * Math.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }
}
