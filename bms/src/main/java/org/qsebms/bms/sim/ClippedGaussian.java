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

    /** Numerical Recipes' erfcc coefficients, lowest power of t first. */
    private static final double[] ERFC_COEFFICIENTS = {
        -1.26551223,
        1.00002368,
        0.37409196,
        0.09678418,
        -0.18628806,
        0.27886807,
        -1.13520398,
        1.48851587,
        -0.82215223,
        0.17087277
    };

    /** The complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7 everywhere). */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = 0;
        for (int k = ERFC_COEFFICIENTS.length - 1; k >= 0; k--) {
            poly = poly * t + ERFC_COEFFICIENTS[k];
        }
        double ans = t * Math.exp(-z * z + poly);
        return x >= 0 ? ans : 2 - ans;
    }
}
