package org.qsebms.estimators.capacity;

/**
 * Total capacity from windows (SOC change x, charge passed y = Q x) by weighted total least
 * squares through the origin (Plett, BMS vol. II ch. 4): both x and y carry error, so the cost
 * is {@code J(Q) = sum w_i (y_i - Q x_i)^2 / (sy_i^2 + Q^2 sx_i^2)} with fading weights
 * {@code w_i = forgetting^(age)}. The prior capacity enters as one window. J is minimised by a
 * bracketed search; the variance is {@code 2 / J''(Q)}. The last {@code capacityWindows} windows
 * are kept in preallocated arrays, so memory is bounded and {@link #add} does not allocate.
 *
 * <p>With a drift ({@code driftPerCycle > 0}) the capacity is a random walk: a window's charge is
 * doubted further by {@code (Q x drift)^2 x age}, its age being the equivalent full cycles the
 * newer windows span (half the sum of their |SOC change|). A precise window then soon gives way
 * to newer ones (an aged cell's fade and regeneration are followed) while noisy windows, whose own
 * variance dominates, are still averaged over many.
 */
public final class TotalLeastSquaresCapacityEstimator {
    private final double[] x;
    private final double[] y;
    private final double[] sx2;
    private final double[] sy2;
    private final double forgetting;
    private final double priorAh;
    private final double priorSigmaAh;
    private final double driftPerCycle;
    private int count;
    private int next;
    private double estimateAh;
    private double varianceAh2;

    /**
     * @param priorAh         nameplate or characterised capacity
     * @param priorSigmaAh    its one-sigma uncertainty
     * @param forgetting      weight factor per newer window, in (0, 1]
     * @param capacityWindows windows remembered
     */
    public TotalLeastSquaresCapacityEstimator(
            double priorAh, double priorSigmaAh, double forgetting, int capacityWindows) {
        this(priorAh, priorSigmaAh, forgetting, capacityWindows, 0);
    }

    /**
     * As {@link #TotalLeastSquaresCapacityEstimator(double, double, double, int)}, with the capacity's
     * one-sigma relative drift per square root of an equivalent full cycle ({@code >= 0}; 0: constant).
     */
    public TotalLeastSquaresCapacityEstimator(
            double priorAh, double priorSigmaAh, double forgetting, int capacityWindows, double driftPerCycle) {
        if (!(driftPerCycle >= 0) || !Double.isFinite(driftPerCycle)) {
            throw new IllegalArgumentException("driftPerCycle must be a finite number >= 0, got " + driftPerCycle);
        }
        this.driftPerCycle = driftPerCycle;
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new IllegalArgumentException("forgetting must be in (0, 1], got " + forgetting);
        }
        this.x = new double[capacityWindows];
        this.y = new double[capacityWindows];
        this.sx2 = new double[capacityWindows];
        this.sy2 = new double[capacityWindows];
        this.forgetting = forgetting;
        this.priorAh = priorAh;
        this.priorSigmaAh = priorSigmaAh;
        this.estimateAh = priorAh;
        this.varianceAh2 = priorSigmaAh * priorSigmaAh;
    }

    /** Adds a window: SOC moved by {@code deltaSoc} (sigma {@code socSigma}) while {@code deltaAh} (sigma {@code ahSigma}) passed. */
    public void add(double deltaSoc, double socSigma, double deltaAh, double ahSigma) {
        x[next] = deltaSoc;
        y[next] = deltaAh;
        sx2[next] = socSigma * socSigma;
        sy2[next] = ahSigma * ahSigma;
        next = (next + 1) % x.length;
        count = Math.min(count + 1, x.length);
        solve();
    }

    private double cost(double q) {
        // prior window: x = 1 exactly, y = priorAh with sigma priorSigmaAh
        double d0 = priorAh - q;
        double j = d0 * d0 / (priorSigmaAh * priorSigmaAh);
        double w = 1;
        double ageCycles = 0;
        double drift2 = driftPerCycle * driftPerCycle;
        for (int n = 0; n < count; n++) {
            int i = Math.floorMod(next - 1 - n, x.length);
            double d = y[i] - q * x[i];
            double qx = q * x[i];
            j += w * d * d / (sy2[i] + q * q * sx2[i] + qx * qx * drift2 * ageCycles);
            w *= forgetting;
            ageCycles += 0.5 * Math.abs(x[i]);
        }
        return j;
    }

    private void solve() {
        // golden-section search on [0.2, 5] x prior, widened to every window's own ratio y / x: each
        // term of J falls towards its window's ratio and rises beyond it, so the minimum lies between
        // the smallest and the largest ratio (the prior's included); a prior far from the windows
        // (a capacity given 10 times too small) must not pin the estimate to the bracket's edge
        double lo = 0.2 * priorAh;
        double hi = 5 * priorAh;
        for (int n = 0; n < count; n++) {
            if (x[n] != 0) {
                double ratio = y[n] / x[n];
                if (ratio > 0) {
                    lo = Math.min(lo, ratio);
                    hi = Math.max(hi, ratio);
                }
            }
        }
        double g = 0.5 * (Math.sqrt(5) - 1);
        double c = hi - g * (hi - lo);
        double d = lo + g * (hi - lo);
        double fc = cost(c);
        double fd = cost(d);
        for (int it = 0; it < 80; it++) {
            if (fc < fd) {
                hi = d;
                d = c;
                fd = fc;
                c = hi - g * (hi - lo);
                fc = cost(c);
            } else {
                lo = c;
                c = d;
                fc = fd;
                d = lo + g * (hi - lo);
                fd = cost(d);
            }
        }
        double q = 0.5 * (lo + hi);
        double step = 1e-4 * q;
        double second = (cost(q + step) - 2 * cost(q) + cost(q - step)) / (step * step);
        estimateAh = q;
        varianceAh2 = second > 0 ? 2.0 / second : priorSigmaAh * priorSigmaAh;
    }

    public double capacityAh() {
        return estimateAh;
    }

    public double capacitySigmaAh() {
        return Math.sqrt(varianceAh2);
    }

    /** Windows currently remembered (the prior not counted). */
    public int windows() {
        return count;
    }
}
