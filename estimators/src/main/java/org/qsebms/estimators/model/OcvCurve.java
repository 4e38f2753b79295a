package org.qsebms.estimators.model;

import java.util.Arrays;

/**
 * Open-circuit voltage versus state of charge, as a monotone table with linear interpolation,
 * plus the entropic coefficient dU/dT per point. With a lithium-metal anode the cell OCV is the
 * cathode potential versus Li/Li+.
 *
 * @param socFraction       strictly increasing SOC points in [0, 1]
 * @param ocvVolts          OCV at 25 °C at each point (non-decreasing)
 * @param entropicVoltsPerK dU/dT at each point (V/K)
 * @param entropicMinCelsius lowest temperature dU/dT is applied at: below it the OCV is the one at
 *                          this temperature (a coefficient fitted from OCV tests at a few
 *                          temperatures is not extrapolated beyond them); negative infinity for a
 *                          coefficient known at every temperature
 * @param entropicMaxCelsius highest temperature dU/dT is applied at, likewise
 */
public record OcvCurve(
        double[] socFraction,
        double[] ocvVolts,
        double[] entropicVoltsPerK,
        double entropicMinCelsius,
        double entropicMaxCelsius) {

    public static final double REFERENCE_CELSIUS = 25.0;

    /** A curve whose dU/dT holds at every temperature. */
    public OcvCurve(double[] socFraction, double[] ocvVolts, double[] entropicVoltsPerK) {
        this(socFraction, ocvVolts, entropicVoltsPerK, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public OcvCurve {
        if (Double.isNaN(entropicMinCelsius)
                || Double.isNaN(entropicMaxCelsius)
                || !(entropicMinCelsius <= entropicMaxCelsius)) {
            throw new IllegalArgumentException("OCV temperature span must run from low to high, got "
                    + entropicMinCelsius + " .. " + entropicMaxCelsius + " °C");
        }
        if (socFraction.length < 2
                || socFraction.length != ocvVolts.length
                || socFraction.length != entropicVoltsPerK.length) {
            throw new IllegalArgumentException("OCV table needs at least 2 points and equal-length columns, got "
                    + socFraction.length + "/" + ocvVolts.length + "/" + entropicVoltsPerK.length);
        }
        for (int i = 1; i < socFraction.length; i++) {
            if (!(socFraction[i] > socFraction[i - 1])) {
                throw new IllegalArgumentException("OCV table SOC column must be strictly increasing at row " + i + " ("
                        + socFraction[i - 1] + " then " + socFraction[i] + ")");
            }
            if (ocvVolts[i] < ocvVolts[i - 1]) {
                throw new IllegalArgumentException("OCV table voltage must not fall with SOC at row " + i + " ("
                        + ocvVolts[i - 1] + " V then " + ocvVolts[i] + " V)");
            }
        }
        socFraction = socFraction.clone();
        ocvVolts = ocvVolts.clone();
        entropicVoltsPerK = entropicVoltsPerK.clone();
    }

    /** OCV at {@code soc} and 25 °C; SOC outside the table is clamped to its ends. */
    public double voltsAt(double soc) {
        return interpolate(socFraction, ocvVolts, soc);
    }

    /**
     * OCV at {@code soc} and {@code celsius}, including the entropic term (taken at the nearer end
     * of the span outside {@code entropicMinCelsius .. entropicMaxCelsius}).
     */
    public double voltsAt(double soc, double celsius) {
        return voltsAt(soc) + (ocvCelsius(celsius) - REFERENCE_CELSIUS) * entropicVoltsPerKAt(soc);
    }

    /** dU/dT at {@code soc} (V/K). */
    public double entropicVoltsPerKAt(double soc) {
        return interpolate(socFraction, entropicVoltsPerK, soc);
    }

    /** The temperature the OCV of a cell at {@code celsius} is taken at: itself inside the span, else the nearer end. */
    double ocvCelsius(double celsius) {
        return celsius < entropicMinCelsius
                ? entropicMinCelsius
                : celsius > entropicMaxCelsius ? entropicMaxCelsius : celsius;
    }

    /**
     * How far {@code celsius} lies outside the OCV tests' temperatures ({@code entropicMinCelsius ..
     * entropicMaxCelsius}, K; 0 inside them or for a curve that holds at every temperature): beyond
     * them the OCV, and the doubt learnt with it, were not measured.
     */
    public double kelvinOutsideTests(double celsius) {
        return celsius < entropicMinCelsius
                ? entropicMinCelsius - celsius
                : celsius > entropicMaxCelsius ? celsius - entropicMaxCelsius : 0.0;
    }

    /** Whether dU/dT is applied only over a limited temperature span. */
    public boolean hasEntropicSpan() {
        return entropicMinCelsius > Double.NEGATIVE_INFINITY || entropicMaxCelsius < Double.POSITIVE_INFINITY;
    }

    /** dOCV/dSOC at {@code soc} (V per unit SOC), from the table segment that holds it. */
    public double slopeAt(double soc) {
        int i = segment(socFraction, soc);
        return (ocvVolts[i + 1] - ocvVolts[i]) / (socFraction[i + 1] - socFraction[i]);
    }

    /** dOCV/dSOC at {@code soc} and {@code celsius}, the entropic term's change with SOC included. */
    public double slopeAt(double soc, double celsius) {
        int i = segment(socFraction, soc);
        double dt = ocvCelsius(celsius) - REFERENCE_CELSIUS;
        return (ocvVolts[i + 1] - ocvVolts[i] + dt * (entropicVoltsPerK[i + 1] - entropicVoltsPerK[i]))
                / (socFraction[i + 1] - socFraction[i]);
    }

    /**
     * The table segment {@code [socFraction[i], socFraction[i + 1]]} every lookup here takes at
     * {@code soc} (the first or last one outside the table). With {@link #voltsAt(double, double, int)}
     * and {@link #slopeOfSegment} a caller that needs the OCV and its slope at one SOC searches the
     * table once.
     */
    public int segmentOf(double soc) {
        return segment(socFraction, soc);
    }

    /**
     * {@link #segmentOf(double)}, found by walking from segment {@code near} instead of a binary
     * search: the same segment, cheaper when {@code soc} lies a few points from {@code near} (the
     * sigma points around an estimate).
     */
    public int segmentOf(double soc, int near) {
        int last = socFraction.length - 2;
        if (Double.isNaN(soc)) {
            return segment(socFraction, soc);
        }
        int i = near < 0 ? 0 : near > last ? last : near;
        while (i < last && socFraction[i + 1] <= soc) {
            i++;
        }
        while (i > 0 && socFraction[i] > soc) {
            i--;
        }
        return i;
    }

    /**
     * {@link #voltsAt(double, double)} bit for bit, for a caller that knows {@code soc}'s segment
     * ({@link #segmentOf}): the OCV and the entropic term interpolated on it with one weight.
     */
    public double voltsAt(double soc, double celsius, int segment) {
        double dt = ocvCelsius(celsius) - REFERENCE_CELSIUS;
        if (soc <= socFraction[0]) {
            return ocvVolts[0] + dt * entropicVoltsPerK[0];
        }
        int n = socFraction.length;
        if (soc >= socFraction[n - 1]) {
            return ocvVolts[n - 1] + dt * entropicVoltsPerK[n - 1];
        }
        int i = segment;
        double t = (soc - socFraction[i]) / (socFraction[i + 1] - socFraction[i]);
        double volts = ocvVolts[i] + t * (ocvVolts[i + 1] - ocvVolts[i]);
        double entropic = entropicVoltsPerK[i] + t * (entropicVoltsPerK[i + 1] - entropicVoltsPerK[i]);
        return volts + dt * entropic;
    }

    /** {@link #slopeAt(double, double)} at any SOC of table segment {@code segment} ({@link #segmentOf}). */
    public double slopeOfSegment(int segment, double celsius) {
        int i = segment;
        double dt = ocvCelsius(celsius) - REFERENCE_CELSIUS;
        return (ocvVolts[i + 1] - ocvVolts[i] + dt * (entropicVoltsPerK[i + 1] - entropicVoltsPerK[i]))
                / (socFraction[i + 1] - socFraction[i]);
    }

    /** The SOC whose 25 °C OCV is {@code volts}; clamped to the table's ends. */
    public double socAt(double volts) {
        if (volts <= ocvVolts[0]) {
            return socFraction[0];
        }
        int n = ocvVolts.length;
        if (volts >= ocvVolts[n - 1]) {
            return socFraction[n - 1];
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (ocvVolts[mid] <= volts) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = ocvVolts[hi] - ocvVolts[lo];
        double t = span <= 0 ? 0 : (volts - ocvVolts[lo]) / span;
        return socFraction[lo] + t * (socFraction[hi] - socFraction[lo]);
    }

    /**
     * The SOC whose OCV at {@code celsius} is {@code volts}: looked up at 25 °C, then three times the
     * entropic term at the SOC found is removed and the lookup repeated (each step shrinks the error
     * by |dT d(dU/dT)/dSOC| over the OCV slope, a small fraction for any real cell).
     */
    public double socAt(double volts, double celsius) {
        double z = socAt(volts);
        for (int k = 0; k < 3; k++) {
            z = socAt(volts - (voltsAt(z, celsius) - voltsAt(z)));
        }
        return z;
    }

    /**
     * How far the SOC can lie from {@code soc} for the OCV at {@code celsius} to differ by up to
     * {@code volts}: the larger of the SOC distances from {@code soc} to where the OCV has risen by
     * {@code volts} and to where it has fallen by {@code volts} (each stopping at the table's end).
     * On a straight stretch this is {@code volts / slope}; where the span crosses a knee it is the
     * distance to the knee plus the rest at the next segment's slope, so an OCV error of up to
     * {@code volts} is inside it wherever the SOC sits, which the tangent slope at {@code soc} alone
     * does not give. Walks the table outwards from {@code soc}; allocates nothing. {@link OcvReach}
     * gives the same value for many cells called again and again, in a few steps each.
     */
    public double socReachOfVolts(double soc, double celsius, double volts) {
        int n = socFraction.length;
        double z = clampToTable(soc);
        double dt = ocvCelsius(celsius) - REFERENCE_CELSIUS;
        int i = segment(socFraction, z);
        double v0 = voltsOnSegment(i, z, dt);
        // up: from (z, v0) through the nodes above z
        double upTarget = v0 + volts;
        double up = socFraction[n - 1] - z;
        double prevSoc = z;
        double prevVolts = v0;
        for (int j = i + 1; j < n; j++) {
            double nodeVolts = nodeVolts(j, dt);
            if (nodeVolts >= upTarget) {
                up = crossing(prevSoc, prevVolts, socFraction[j], nodeVolts, upTarget) - z;
                break;
            }
            prevSoc = socFraction[j];
            prevVolts = nodeVolts;
        }
        // down: from (z, v0) through the nodes below z
        double downTarget = v0 - volts;
        double down = z - socFraction[0];
        prevSoc = z;
        prevVolts = v0;
        for (int j = i; j >= 0; j--) {
            double nodeVolts = nodeVolts(j, dt);
            if (nodeVolts <= downTarget) {
                down = z - crossing(prevSoc, prevVolts, socFraction[j], nodeVolts, downTarget);
                break;
            }
            prevSoc = socFraction[j];
            prevVolts = nodeVolts;
        }
        return Math.max(up, down);
    }

    /**
     * The OCV's slope at {@code celsius} over {@code socSpan} either side of {@code soc}, on the
     * flatter side: the smaller of (OCV(soc + span) - OCV(soc)) / span and (OCV(soc) - OCV(soc -
     * span)) / span, each side cut at the table's end (a side cut to nothing is left out; the
     * tangent at {@code soc} where both are, or where {@code socSpan} is not above 0). It is the slope
     * an SOC error of up to {@code socSpan} is seen at in the voltage, in the worse direction.
     */
    public double flatterSecantSlope(double soc, double celsius, double socSpan) {
        return flatterSecantSlope(soc, celsius, socSpan, segment(socFraction, clampToTable(soc)));
    }

    /**
     * {@link #flatterSecantSlope(double, double, double)}, the same value, for a caller that knows a
     * segment near {@code soc} ({@link #segmentOf}): the table is walked from it instead of searched.
     */
    public double flatterSecantSlope(double soc, double celsius, double socSpan, int near) {
        int n = socFraction.length;
        double z = clampToTable(soc);
        int i = segmentOf(z, near);
        if (!(socSpan > 0)) {
            return slopeOfSegment(i, celsius);
        }
        double dt = ocvCelsius(celsius) - REFERENCE_CELSIUS;
        double v0 = voltsOnSegment(i, z, dt);
        double hi = Math.min(socFraction[n - 1], z + socSpan);
        double lo = Math.max(socFraction[0], z - socSpan);
        // walk outwards from z's segment: a span covers a few segments, a binary search each way would cost more
        int up = i;
        while (up < n - 2 && socFraction[up + 1] < hi) {
            up++;
        }
        int down = i;
        while (down > 0 && socFraction[down] > lo) {
            down--;
        }
        double upSlope = hi > z ? (voltsOnSegment(up, hi, dt) - v0) / (hi - z) : Double.POSITIVE_INFINITY;
        double downSlope = lo < z ? (v0 - voltsOnSegment(down, lo, dt)) / (z - lo) : Double.POSITIVE_INFINITY;
        double flatter = Math.min(upSlope, downSlope);
        return flatter == Double.POSITIVE_INFINITY ? slopeAt(z, celsius) : flatter;
    }

    /**
     * The least rise of the OCV at {@code celsius} over an SOC span of {@code width} that starts anywhere in {@code
     * [from, to]}: the minimum of OCV(s + width) - OCV(s) over s there, the OCV held at the table's ends beyond them
     * (so a span that runs off the table rises only as far as its end). The OCV is linear between table points, so
     * the minimum lies at {@code from}, {@code to}, or where s or s + width is a table point: those are the only
     * points evaluated. It is how far the OCV has at least moved once the SOC moved by {@code width} from an SOC known
     * only to lie in {@code [from, to]} (a cell on the LFP plateau: nearly nothing until the span reaches a knee from
     * every start). Allocates nothing; a walk over the table. Never below 0 (an entropic term that bends the OCV down
     * counts as flat).
     */
    public double leastRise(double from, double to, double width, double celsius) {
        double dt = ocvCelsius(celsius) - REFERENCE_CELSIUS;
        double least = Math.min(riseFrom(from, width, dt), riseFrom(to, width, dt));
        for (double x : socFraction) {
            if (x > from && x < to) {
                least = Math.min(least, riseFrom(x, width, dt));
            }
            double start = x - width;
            if (start > from && start < to) {
                least = Math.min(least, riseFrom(start, width, dt));
            }
        }
        return Math.max(0.0, least);
    }

    /**
     * The greatest rise of the OCV at {@code celsius} over an SOC span of {@code width} that starts anywhere in {@code
     * [from, to]}: the maximum of OCV(s + width) - OCV(s) over s there, the OCV held at the table's ends beyond them;
     * the mirror of {@link #leastRise} (issue 23, fix23ca), evaluated at the same points (the OCV is linear between
     * table points, so the maximum lies at {@code from}, {@code to}, or where s or s + width is a table point). It is
     * how far the OCV has at most moved once the SOC moved by {@code width} from an SOC known only to lie in {@code
     * [from, to]}. Allocates nothing; a walk over the table. Never below 0.
     */
    public double greatestRise(double from, double to, double width, double celsius) {
        double dt = ocvCelsius(celsius) - REFERENCE_CELSIUS;
        double greatest = Math.max(riseFrom(from, width, dt), riseFrom(to, width, dt));
        for (double x : socFraction) {
            if (x > from && x < to) {
                greatest = Math.max(greatest, riseFrom(x, width, dt));
            }
            double start = x - width;
            if (start > from && start < to) {
                greatest = Math.max(greatest, riseFrom(start, width, dt));
            }
        }
        return Math.max(0.0, greatest);
    }

    /** OCV(s + width) - OCV(s), each SOC held to the table. */
    private double riseFrom(double s, double width, double dt) {
        return heldVolts(s + width, dt) - heldVolts(s, dt);
    }

    private double heldVolts(double soc, double dt) {
        double z = clampToTable(soc);
        return voltsOnSegment(segment(socFraction, z), z, dt);
    }

    /** The OCV at {@code soc}, temperature offset {@code dt} from 25 °C, on table segment {@code i} (linear on it). */
    double voltsOnSegment(int i, double soc, double dt) {
        double t = (soc - socFraction[i]) / (socFraction[i + 1] - socFraction[i]);
        double a = nodeVolts(i, dt);
        return a + t * (nodeVolts(i + 1, dt) - a);
    }

    /** The OCV at table point {@code j}, temperature offset {@code dt} from 25 °C. */
    double nodeVolts(int j, double dt) {
        return ocvVolts[j] + dt * entropicVoltsPerK[j];
    }

    double clampToTable(double soc) {
        int n = socFraction.length;
        return soc < socFraction[0] ? socFraction[0] : soc > socFraction[n - 1] ? socFraction[n - 1] : soc;
    }

    /** The SOC between (s0, v0) and (s1, v1) where the straight line between them reaches {@code target}. */
    static double crossing(double s0, double v0, double s1, double v1, double target) {
        double span = v1 - v0;
        return span == 0 ? s1 : s0 + (target - v0) / span * (s1 - s0);
    }

    public double minVolts() {
        return ocvVolts[0];
    }

    public double maxVolts() {
        return ocvVolts[ocvVolts.length - 1];
    }

    static double interpolate(double[] xs, double[] ys, double x) {
        if (x <= xs[0]) {
            return ys[0];
        }
        int n = xs.length;
        if (x >= xs[n - 1]) {
            return ys[n - 1];
        }
        int i = segment(xs, x);
        double t = (x - xs[i]) / (xs[i + 1] - xs[i]);
        return ys[i] + t * (ys[i + 1] - ys[i]);
    }

    private static int segment(double[] xs, double x) {
        int idx = Arrays.binarySearch(xs, x);
        int i = idx >= 0 ? idx : -idx - 2;
        return Math.max(0, Math.min(xs.length - 2, i));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OcvCurve other
                && Arrays.equals(socFraction, other.socFraction)
                && Arrays.equals(ocvVolts, other.ocvVolts)
                && Arrays.equals(entropicVoltsPerK, other.entropicVoltsPerK)
                && entropicMinCelsius == other.entropicMinCelsius
                && entropicMaxCelsius == other.entropicMaxCelsius;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(socFraction) + Arrays.hashCode(ocvVolts);
    }

    @Override
    public String toString() {
        return "OcvCurve[" + socFraction.length + " points, " + minVolts() + ".." + maxVolts() + " V]";
    }
}
