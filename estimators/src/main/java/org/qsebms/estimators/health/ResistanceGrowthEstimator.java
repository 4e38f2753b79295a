package org.qsebms.estimators.health;

/**
 * Online fit of a resistance growth law {@code R(n) = a + b n^p} over cycles (or equivalent full
 * cycles) n, by running least squares on the basis {@code n^p}: p = 0.5 is the diffusion-limited
 * SEI law, p = 1 linear growth. The growth is classified as stable when b is not at least
 * {@code sigmas} standard errors above zero, and the cycle at which R reaches
 * {@code endOfLifeMultiple} times the fitted initial resistance is predicted with a one-sigma
 * range from the uncertainty of b. Feed it R0 normalised to 25 °C (e.g. from
 * {@code RlsR0Estimator}) once per cycle. No allocation per update.
 */
public final class ResistanceGrowthEstimator {
    private final double exponent;
    private final double endOfLifeMultiple;
    private final double sigmas;
    private double n;
    private double sx;
    private double sy;
    private double sxx;
    private double sxy;
    private double syy;

    public ResistanceGrowthEstimator(double exponent, double endOfLifeMultiple, double sigmas) {
        if (!(exponent > 0) || !(endOfLifeMultiple > 1)) {
            throw new IllegalArgumentException(
                    "exponent must be > 0 and endOfLifeMultiple > 1, got " + exponent + " and " + endOfLifeMultiple);
        }
        this.exponent = exponent;
        this.endOfLifeMultiple = endOfLifeMultiple;
        this.sigmas = sigmas;
    }

    public void add(double cycle, double resistanceOhms) {
        double x = Math.pow(cycle, exponent);
        n++;
        sx += x;
        sy += resistanceOhms;
        sxx += x * x;
        sxy += x * resistanceOhms;
        syy += resistanceOhms * resistanceOhms;
    }

    /** Growth coefficient b (ohm per cycle^p); NaN with fewer than 3 points. */
    public double growth() {
        double den = n * sxx - sx * sx;
        return n < 3 || den <= 0 ? Double.NaN : (n * sxy - sx * sy) / den;
    }

    /** Fitted resistance at cycle 0. */
    public double initialOhms() {
        return (sy - growth() * sx) / n;
    }

    /** Standard error of the growth coefficient. */
    public double growthSigma() {
        double b = growth();
        double a = initialOhms();
        double rss = Math.max(0, syy - a * sy - b * sxy);
        double sxxCentred = sxx - sx * sx / n;
        return Math.sqrt(rss / (n - 2) / sxxCentred);
    }

    public boolean isGrowing() {
        double b = growth();
        return !Double.isNaN(b) && b > sigmas * growthSigma();
    }

    /** Cycle at which R reaches the end-of-life multiple, for growth b + k sigma (k = 0 central, -1 late, +1 early). */
    public double endOfLifeCycle(double k) {
        double b = growth() + k * growthSigma();
        if (!(b > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double a = initialOhms();
        return Math.pow((endOfLifeMultiple - 1) * a / b, 1 / exponent);
    }

    /** One-line description for telemetry and alarms. Allocates: call on change only. */
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "%s: R(n) = %.2f mOhm + %.4f mOhm * n^%.1f (+- %.4f); reaches %.2fx at cycle %.0f (range %.0f..%.0f)",
                isGrowing() ? "growing" : "stable",
                1000 * initialOhms(),
                1000 * growth(),
                exponent,
                1000 * growthSigma(),
                endOfLifeMultiple,
                endOfLifeCycle(0),
                endOfLifeCycle(1),
                endOfLifeCycle(-1));
    }
}
