package org.qsebms.estimators.model;

import java.util.Arrays;

/**
 * How far a cell's OCV may be off as the SOC filter sees it, one sigma per SOC region and test
 * temperature, learnt from the cell's own tests by {@code bms characterize} (the spread of its
 * relaxed OCV points and their residual against the fitted curve, how far its rests were from
 * relaxed, the slow relaxation its RC pairs do not explain, and the part of a slow test's
 * charge/discharge gap the hysteresis model does not explain). Region {@code r} runs from
 * {@code socEdges[r]} to {@code socEdges[r + 1]}; SOC outside the edges takes the nearer region.
 * With tables at several temperatures the sigma is linear in temperature between them and the
 * nearest table's outside. {@link #NONE} (a preset without a table) leaves the filter's default OCV
 * sigma in force everywhere, as before the table existed.
 *
 * @param celsius    the tables' temperatures, increasing (one entry: the table holds at every temperature)
 * @param socEdges   strictly increasing region edges, shared by every table (one more than the regions)
 * @param sigmaVolts the sigmas, table after table ({@code sigmaVolts[t * regions + r]}; V, finite and > 0)
 */
public record OcvDoubt(double[] celsius, double[] socEdges, double[] sigmaVolts) {
    /** No learnt doubt: the SOC filter's default OCV sigma applies at every SOC. */
    public static final OcvDoubt NONE = new OcvDoubt(new double[0], new double[0], new double[0]);

    public OcvDoubt {
        celsius = celsius.clone();
        socEdges = socEdges.clone();
        sigmaVolts = sigmaVolts.clone();
        if (celsius.length > 0 || socEdges.length > 0 || sigmaVolts.length > 0) {
            int regions = socEdges.length - 1;
            if (celsius.length < 1 || regions < 1 || sigmaVolts.length != celsius.length * regions) {
                throw new IllegalArgumentException("OCV sigma table needs at least one temperature, at least two SOC "
                        + "edges and one sigma per region and temperature, got " + celsius.length + " temperatures, "
                        + socEdges.length + " edges and " + sigmaVolts.length + " sigmas");
            }
            for (int i = 1; i < celsius.length; i++) {
                if (!(celsius[i] > celsius[i - 1])) {
                    throw new IllegalArgumentException("OCV sigma table temperatures must be strictly increasing at "
                            + i + " (" + celsius[i - 1] + " then " + celsius[i] + " °C)");
                }
            }
            for (int i = 1; i < socEdges.length; i++) {
                if (!(socEdges[i] > socEdges[i - 1])) {
                    throw new IllegalArgumentException("OCV sigma table SOC edges must be strictly increasing at " + i
                            + " (" + socEdges[i - 1] + " then " + socEdges[i] + ")");
                }
            }
            for (int i = 0; i < sigmaVolts.length; i++) {
                if (!(sigmaVolts[i] > 0) || !Double.isFinite(sigmaVolts[i])) {
                    throw new IllegalArgumentException("OCV sigma table: sigma " + i + " must be a finite number of "
                            + "volts > 0, got " + sigmaVolts[i]);
                }
            }
        }
    }

    /** One table that holds at every temperature. */
    public static OcvDoubt of(double[] socEdges, double[] sigmaVolts) {
        return new OcvDoubt(new double[] {OcvCurve.REFERENCE_CELSIUS}, socEdges, sigmaVolts);
    }

    /** Whether this is {@link #NONE}. */
    public boolean isNone() {
        return sigmaVolts.length == 0;
    }

    /** The number of SOC regions (0 for {@link #NONE}). */
    public int regions() {
        return Math.max(0, socEdges.length - 1);
    }

    /**
     * The OCV sigma at {@code soc} and {@code celsius}: the region's (linear in temperature between
     * tables, the nearest table's outside them), or {@code defaultVolts} for {@link #NONE}.
     * Allocation-free (short scans over the regions and temperatures).
     */
    public double sigmaVoltsAt(double soc, double celsius, double defaultVolts) {
        int n = regions();
        if (n == 0) {
            return defaultVolts;
        }
        int r = 0;
        while (r < n - 1 && soc >= socEdges[r + 1]) {
            r++;
        }
        int m = this.celsius.length;
        if (m == 1 || !(celsius > this.celsius[0])) {
            return sigmaVolts[r];
        }
        if (celsius >= this.celsius[m - 1]) {
            return sigmaVolts[(m - 1) * n + r];
        }
        int t = 0;
        while (celsius >= this.celsius[t + 1]) {
            t++;
        }
        double w = (celsius - this.celsius[t]) / (this.celsius[t + 1] - this.celsius[t]);
        return (1 - w) * sigmaVolts[t * n + r] + w * sigmaVolts[(t + 1) * n + r];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OcvDoubt d
                && Arrays.equals(celsius, d.celsius)
                && Arrays.equals(socEdges, d.socEdges)
                && Arrays.equals(sigmaVolts, d.sigmaVolts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(celsius) * 961 + Arrays.hashCode(socEdges) * 31 + Arrays.hashCode(sigmaVolts);
    }

    @Override
    public String toString() {
        return "OcvDoubt" + Arrays.toString(celsius) + " " + Arrays.toString(socEdges) + " "
                + Arrays.toString(sigmaVolts);
    }
}
