package org.qsebms.estimators.softshort;

import java.util.Arrays;
import org.qsebms.estimators.model.OcvCurve;

/**
 * Each cell's voltage over the current rest fit, kept as a fixed number of samples (pairs are
 * merged into their means when the buffer fills, so the whole fit stays covered at a coarser
 * step), and where on its OCV the cell sits, from the shape of that trajectory.
 *
 * <p>A cell that leaks carries the leak through its own interface and drives its hysteresis
 * towards the discharge branch: at rest its voltage sits below its OCV by an offset {@code d}
 * (several mV at 5-35 mA on the QSE cell's lithium interface, far more than the linear model
 * says). Where the OCV bends (an LFP knee, 1.0 to 3.1 V per unit SOC within 2 % SOC) that offset
 * puts the cell on the wrong slope. A leak that is constant over the fit moves the SOC at a
 * constant rate, so the right {@code d} is one for which the OCV read at {@code v + d} gives SOCs
 * on a straight line in time: a wrong one makes the readings cross a bend of the OCV the cell
 * does not cross (or miss one it does), and the line then leaves residuals the noise cannot
 * explain. The offset taken is the one nearest 0 whose weighted residual (each SOC residual times
 * the OCV slope there, so in volts) is within {@code sigmas^2} noise variances of the best one's,
 * the noise variance being the best fit's own residual per sample. Where every offset fits as
 * well (a straight OCV, or a trajectory inside one segment that no offset near 0 pushes across a
 * bend) that is 0. Allocates nothing after construction.
 */
final class RestVoltageTrajectory {
    /** Samples kept per cell over a fit; older ones are merged pairwise when full. */
    static final int SAMPLES = 128;
    /** Widest offset between a cell's voltage and its OCV looked for (V). */
    static final double MAX_OFFSET_VOLTS = 0.03;
    /** Step of the scan over the offset (V); the edge of the accepted range is then bisected. */
    private static final double OFFSET_STEP_VOLTS = 0.002;

    private static final int BISECTIONS = 10;
    /** Fewest samples before the shape is read. */
    private static final int MIN_SAMPLES = 30;

    private final OcvCurve ocv;
    /** The OCV table's columns (the curve's own arrays, read only), for {@link #socAtVolts}. */
    private final double[] tableSoc;

    private final double[] tableVolts;
    /** The OCV slope of the segment the last {@link #socAtVolts} read its SOC on (V per unit SOC). */
    private double lookupSlope;

    private final double minSlope;
    private final int cells;
    private final double[] times = new double[SAMPLES];
    private final double[][] volts;
    private final double[] pendingVolts;
    private double pendingTime;
    private int pendingCount;
    /**
     * The scan's residuals, kept for the search of the accepted range's edge (each is a line fit of
     * every kept sample, two OCV lookups a sample; fitting them again doubled the scan's cost).
     */
    private final double[] scan = new double[(int) Math.round(MAX_OFFSET_VOLTS / OFFSET_STEP_VOLTS) + 1];

    private int stride = 1;
    private int count;
    /** The last line fitted: SOC at the first sample and its rate (per hour). */
    private double lineA;

    private double lineB;

    /** @param minSlopeVoltsPerSoc floor of the OCV slope a residual is weighted with (the plateau's readings are noise) */
    RestVoltageTrajectory(OcvCurve ocv, int cells, double minSlopeVoltsPerSoc) {
        this.ocv = ocv;
        this.tableSoc = ocv.socFraction();
        this.tableVolts = ocv.ocvVolts();
        this.cells = cells;
        this.minSlope = minSlopeVoltsPerSoc;
        this.volts = new double[cells][SAMPLES];
        this.pendingVolts = new double[cells];
    }

    /** Adds one sample of every cell's voltage at fit time {@code t} (s). */
    void add(double t, double[] cellVolts) {
        pendingTime += t;
        for (int i = 0; i < cells; i++) {
            pendingVolts[i] += cellVolts[i];
        }
        if (++pendingCount < stride) {
            return;
        }
        if (count == SAMPLES) {
            for (int j = 0; j < SAMPLES / 2; j++) {
                times[j] = 0.5 * (times[2 * j] + times[2 * j + 1]);
                for (int i = 0; i < cells; i++) {
                    volts[i][j] = 0.5 * (volts[i][2 * j] + volts[i][2 * j + 1]);
                }
            }
            count = SAMPLES / 2;
            stride *= 2;
        }
        times[count] = pendingTime / pendingCount;
        for (int i = 0; i < cells; i++) {
            volts[i][count] = pendingVolts[i] / pendingCount;
            pendingVolts[i] = 0;
        }
        count++;
        pendingTime = 0;
        pendingCount = 0;
    }

    void clear() {
        count = 0;
        stride = 1;
        pendingCount = 0;
        pendingTime = 0;
        Arrays.fill(pendingVolts, 0);
    }

    /**
     * The offset {@code d} (V) to add to the cell's voltage to read its OCV: the one nearest 0 whose
     * straight SOC trajectory fits within {@code sigmas^2} noise variances of the best offset's; 0
     * with too few samples.
     */
    double offsetVolts(int i, double sigmas) {
        if (count < MIN_SAMPLES) {
            return 0.0;
        }
        int steps = (int) Math.round(MAX_OFFSET_VOLTS / OFFSET_STEP_VOLTS);
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j <= steps; j++) {
            scan[j] = residual(i, j * OFFSET_STEP_VOLTS);
            best = Math.min(best, scan[j]);
        }
        if (!(best < Double.POSITIVE_INFINITY)) {
            return 0.0;
        }
        double limit = best + sigmas * sigmas * best / (count - 2);
        if (scan[0] <= limit) {
            return 0.0;
        }
        for (int j = 1; j <= steps; j++) {
            if (scan[j] <= limit) {
                double lo = (j - 1) * OFFSET_STEP_VOLTS;
                double hi = j * OFFSET_STEP_VOLTS;
                for (int it = 0; it < BISECTIONS; it++) {
                    double mid = 0.5 * (lo + hi);
                    if (residual(i, mid) <= limit) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return hi;
            }
        }
        return 0.0;
    }

    /**
     * {@code ocv.socAt(volts)}, with {@code ocv.slopeAt} of that SOC left in {@link #lookupSlope}: the
     * same arithmetic as the two, from one search of the table instead of two (a line fit reads both
     * for every kept sample, the location up to ~28 fits a cell). The segment is the one {@code
     * slopeAt} takes: the last table point at or below the SOC, at most the one before the last.
     */
    double socAtVolts(double volts) {
        double[] sf = tableSoc;
        double[] ov = tableVolts;
        int n = ov.length;
        double s;
        int lo;
        if (volts <= ov[0]) {
            s = sf[0];
            lo = 0;
        } else if (volts >= ov[n - 1]) {
            s = sf[n - 1];
            lo = n - 1;
        } else {
            lo = 0;
            int hi = n - 1;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (ov[mid] <= volts) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double span = ov[hi] - ov[lo];
            double t = span <= 0 ? 0 : (volts - ov[lo]) / span;
            s = sf[lo] + t * (sf[hi] - sf[lo]);
        }
        int seg = lo;
        while (seg + 1 < n && sf[seg + 1] <= s) {
            seg++;
        }
        while (seg > 0 && sf[seg] > s) {
            seg--;
        }
        // a NaN SOC sorts above every point, as in the binary search slopeAt makes
        seg = Double.isNaN(s) ? n - 2 : Math.min(seg, n - 2);
        lookupSlope = (ov[seg + 1] - ov[seg]) / (sf[seg + 1] - sf[seg]);
        return s;
    }

    /** The slope the last {@link #socAtVolts} left (V per unit SOC). */
    double lookupSlope() {
        return lookupSlope;
    }

    /** True once enough samples are kept to read the shape and the slope along it. */
    boolean hasShape() {
        return count >= MIN_SAMPLES;
    }

    /**
     * The OCV slope along the cell's SOC trajectory (V per unit SOC): the straight line in time
     * through the SOCs the OCV gives for its voltages plus {@code d}, the slope there averaged with
     * the weights a least-squares line through the voltages gives each instant's rate of change
     * ({@code (t - start)(end - t)}), so the fitted voltage slope over this is the SOC rate even
     * where the trajectory crosses bends of the OCV.
     */
    double meanSlopeAlong(int i, double d) {
        if (!(fitLine(i, d) < Double.POSITIVE_INFINITY)) {
            return Math.abs(ocv.slopeAt(ocv.socAt(volts[i][Math.max(count - 1, 0)] + d)));
        }
        double t0 = times[0];
        double span = (times[count - 1] - t0) / 3600.0;
        double sw = 0;
        double swk = 0;
        for (int j = 0; j < count; j++) {
            double t = (times[j] - t0) / 3600.0;
            double w = t * (span - t);
            double s = Math.max(0.0, Math.min(1.0, lineA + lineB * t));
            sw += w;
            swk += w * Math.abs(ocv.slopeAt(s));
        }
        return sw > 0 ? swk / sw : Math.abs(ocv.slopeAt(Math.max(0.0, Math.min(1.0, lineA))));
    }

    private double residual(int i, double d) {
        return fitLine(i, d);
    }

    /**
     * Fits a straight line in time (hours from the first sample) through the SOCs the OCV gives for
     * the cell's voltages plus {@code d}, each residual weighted by the OCV slope there (so in volts),
     * keeps its intercept and slope, and returns its weighted residual sum of squares (V^2).
     */
    private double fitLine(int i, double d) {
        double sw = 0;
        double swt = 0;
        double sws = 0;
        double swtt = 0;
        double swts = 0;
        double swss = 0;
        double t0 = times[0];
        double[] v = volts[i];
        for (int j = 0; j < count; j++) {
            double s = socAtVolts(v[j] + d);
            double k = Math.max(Math.abs(lookupSlope), minSlope);
            double w = k * k;
            double t = (times[j] - t0) / 3600.0;
            sw += w;
            swt += w * t;
            sws += w * s;
            swtt += w * t * t;
            swts += w * t * s;
            swss += w * s * s;
        }
        double ctt = swtt - swt * swt / sw;
        double cts = swts - swt * sws / sw;
        double css = swss - sws * sws / sw;
        if (!(ctt > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        lineB = cts / ctt;
        lineA = (sws - lineB * swt) / sw;
        return Math.max(css - cts * cts / ctt, 0);
    }
}
