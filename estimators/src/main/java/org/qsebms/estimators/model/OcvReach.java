package org.qsebms.estimators.model;

/**
 * {@link OcvCurve#socReachOfVolts} for each cell of a string, called once per cell and sample: the
 * same value bit for bit, found from where the cell's previous call found it instead of by a walk
 * over the table. {@code socReachOfVolts} walks from the SOC's segment to the first table point
 * whose OCV has risen by the given volts, and likewise down; for an innovation bias of 0.14 V on an
 * NCM811 table of 110 points that is some 30 points per call, and the bound needs it for every cell
 * at every correction (docs/estimation.md, "What cost the SPKF the time"). Where the table's point
 * voltages at the cell's temperature never fall with SOC (as computed, in double arithmetic) the
 * first point reached is the last one below the target plus one, whatever point the search starts
 * from; so each cell keeps the segment and the two points its previous call found and steps from
 * them, usually not at all.
 *
 * <p>The point voltages {@code ocv_j + dt dUdT_j} ({@code dt} the temperature less 25 °C) rise with
 * SOC at {@code dt = 0} (the table is checked so) and, next to each point where dU/dT changes, on
 * one side of {@code dt = 0} whatever its size; on the other side only while {@code dt} stays
 * within {@code (ocv_{j+1} - ocv_j) / |dUdT_{j+1} - dUdT_j|}, less a margin for the products'
 * rounding. The constructor takes the span of {@code dt} where every point holds that, cut at
 * {@link #MAX_KELVIN}; outside it (a dU/dT that turns the table over at that temperature, a NaN)
 * this calls {@link OcvCurve#socReachOfVolts} itself. Hints only choose where to start: they never
 * change a value. Arrays are allocated in the constructor; nothing allocates afterwards.
 */
public final class OcvReach {
    /** The largest temperature offset from 25 °C (K) the fast path takes; the margin below is for it. */
    static final double MAX_KELVIN = 1000.0;

    private final OcvCurve curve;
    private final double[] socFraction;
    /** Temperature offsets from 25 °C over which the point voltages never fall with SOC. */
    private final double lowestKelvin;

    private final double highestKelvin;
    /** Per cell, the segment its last call started from. */
    private final int[] segment;
    /** Per cell, the first point at or above the up target at its last call ({@code n}: none). */
    private final int[] up;
    /** Per cell, the last point at or below the down target at its last call ({@code -1}: none). */
    private final int[] down;

    public OcvReach(OcvCurve curve, int cellCount) {
        this.curve = curve;
        this.socFraction = curve.socFraction();
        this.segment = new int[cellCount];
        this.up = new int[cellCount];
        this.down = new int[cellCount];
        double[] ocv = curve.ocvVolts();
        double[] dudt = curve.entropicVoltsPerK();
        double maxOcv = 0;
        double maxDudt = 0;
        for (int j = 0; j < ocv.length; j++) {
            maxOcv = Math.max(maxOcv, Math.abs(ocv[j]));
            maxDudt = Math.max(maxDudt, Math.abs(dudt[j]));
        }
        // each point voltage is ocv + fl(dt dUdT): its product is off by at most half an ulp of
        // MAX_KELVIN max|dUdT|; the differences below are off by an ulp of their terms each
        double margin = 4 * (Math.ulp(MAX_KELVIN * maxDudt) + Math.ulp(maxOcv) + MAX_KELVIN * Math.ulp(maxDudt));
        double low = -MAX_KELVIN;
        double high = MAX_KELVIN;
        boolean finite = Double.isFinite(margin);
        for (int j = 0; j + 1 < ocv.length && finite; j++) {
            double rise = ocv[j + 1] - ocv[j];
            double turn = dudt[j + 1] - dudt[j];
            if (!Double.isFinite(rise) || !Double.isFinite(turn)) {
                finite = false;
            } else if (turn > 0) {
                // rises for every dt >= 0 (the products keep their order); below 0 within rise / turn
                low = Math.max(low, rise > margin ? -(rise - margin) / turn * (1 - 1e-9) : 0.0);
            } else if (turn < 0) {
                high = Math.min(high, rise > margin ? (rise - margin) / -turn * (1 - 1e-9) : 0.0);
            }
        }
        this.lowestKelvin = finite ? low : Double.POSITIVE_INFINITY;
        this.highestKelvin = finite ? high : Double.NEGATIVE_INFINITY;
        java.util.Arrays.fill(up, socFraction.length);
        java.util.Arrays.fill(down, -1);
    }

    /** {@link OcvCurve#socReachOfVolts}{@code (soc, celsius, volts)}, the same value, for cell {@code i}. */
    public double socReachOfVolts(int i, double soc, double celsius, double volts) {
        double dt = curve.ocvCelsius(celsius) - OcvCurve.REFERENCE_CELSIUS;
        if (!(dt >= lowestKelvin && dt <= highestKelvin) || Double.isNaN(soc) || Double.isNaN(volts)) {
            return curve.socReachOfVolts(soc, celsius, volts);
        }
        double[] s = socFraction;
        int n = s.length;
        double z = curve.clampToTable(soc);
        int seg = curve.segmentOf(z, segment[i]);
        segment[i] = seg;
        double v0 = curve.voltsOnSegment(seg, z, dt);
        // up: the first point above the segment whose voltage reaches v0 + volts (n: none)
        double upTarget = v0 + volts;
        int j = Math.max(seg + 1, Math.min(n, up[i]));
        while (j > seg + 1 && curve.nodeVolts(j - 1, dt) >= upTarget) {
            j--;
        }
        while (j < n && !(curve.nodeVolts(j, dt) >= upTarget)) {
            j++;
        }
        up[i] = j;
        double reachUp = s[n - 1] - z;
        if (j < n) {
            double prevSoc = j == seg + 1 ? z : s[j - 1];
            double prevVolts = j == seg + 1 ? v0 : curve.nodeVolts(j - 1, dt);
            reachUp = OcvCurve.crossing(prevSoc, prevVolts, s[j], curve.nodeVolts(j, dt), upTarget) - z;
        }
        // down: the last point at or below the segment's start whose voltage is down to v0 - volts (-1: none)
        double downTarget = v0 - volts;
        int d = Math.max(-1, Math.min(seg, down[i]));
        while (d < seg && curve.nodeVolts(d + 1, dt) <= downTarget) {
            d++;
        }
        while (d >= 0 && !(curve.nodeVolts(d, dt) <= downTarget)) {
            d--;
        }
        down[i] = d;
        double reachDown = z - s[0];
        if (d >= 0) {
            double prevSoc = d == seg ? z : s[d + 1];
            double prevVolts = d == seg ? v0 : curve.nodeVolts(d + 1, dt);
            reachDown = z - OcvCurve.crossing(prevSoc, prevVolts, s[d], curve.nodeVolts(d, dt), downTarget);
        }
        return Math.max(reachUp, reachDown);
    }

    /** Whether a call at {@code celsius} takes the stepping path (its point voltages never fall with SOC); for tests. */
    boolean steps(double celsius) {
        double dt = curve.ocvCelsius(celsius) - OcvCurve.REFERENCE_CELSIUS;
        return dt >= lowestKelvin && dt <= highestKelvin;
    }
}
