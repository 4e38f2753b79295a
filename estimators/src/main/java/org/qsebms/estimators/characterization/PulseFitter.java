package org.qsebms.estimators.characterization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Finds current pulses that start from rest in a pulse/HPPC log and fits R0 and two RC pairs to
 * each pulse and its relaxation with Levenberg-Marquardt least squares. The model replays the
 * measured current through the exact zero-order-hold RC recursion, so pulses need not be square;
 * the OCV drift during the window is a sixth, linear parameter (volts per Ah passed). Both time
 * constants are held at most at the fitted window's length: a pair slower than the window cannot be
 * told from the drift term, and unbounded the fit could run its time constant to millions of seconds.
 * They are held at least at the window's median sample interval: a pair faster than that has settled
 * within one sample, so the log cannot tell it from R0, and a free fit may put part of the window's
 * slow fall into a pair of a few milliseconds that then counts as instant resistance, and cannot come
 * back: there the pair's decay over a sample is about 0 and the fit's slope in its time constant
 * vanishes (the A123 LFP log's one pulse from full: R1 28.2 mOhm at 0.03 s, an instant 30.7 mOhm
 * against the 17.1 mOhm the log steps by in its first second, RMS residual 2.11 mV; held, 0.15 mV).
 * A fit is first made free; only one that ends outside the two is made again with its time
 * constants projected into them, so every other fit is as before.
 *
 * <p>A window is one pulse and its relaxation: it ends at the window's length or where, after the
 * pulse has come back to rest, the next pulse starts, whichever is first. Run on into the next
 * pulse (an HPPC test's 10 % move to its next level), the linear drift term cannot follow the OCV's
 * bends over that move and the pairs take them up: on the simulated QSE cell's HPPC test such fits
 * gave R0 + R1 of 27-48 mOhm at tau1 40-50 s against a true 11 mOhm at 2 s, or did not converge.
 *
 * <p>When the OCV's slope is known (from the relaxed points of an OCV test, {@link
 * #fitAll(CellTestLog, double, DoubleUnaryOperator)}), the drift is held at it instead of fitted:
 * left free, the drift term takes up the part of the relaxation slower than the window (after a
 * 10 s pulse, a slow polarization still decaying at the window's end looks like a step in the OCV),
 * and the resistances come out short of what a sustained discharge polarizes.
 */
final class PulseFitter {
    private final double restAmps;
    private final double minPulseAmps;
    private final double minRestSeconds;
    private final double windowSeconds;

    /**
     * @param restAmps       below this the cell counts as resting
     * @param minPulseAmps   the first current after rest must reach this to count as a pulse
     * @param minRestSeconds rest needed before a pulse (RC voltages assumed relaxed)
     * @param windowSeconds  length of the fitted window from the pulse start
     */
    public PulseFitter(double restAmps, double minPulseAmps, double minRestSeconds, double windowSeconds) {
        this.restAmps = restAmps;
        this.minPulseAmps = minPulseAmps;
        this.minRestSeconds = minRestSeconds;
        this.windowSeconds = windowSeconds;
    }

    /** The current a pulse must reach, leaving a rest, to be fitted (A). */
    public double minPulseAmps() {
        return minPulseAmps;
    }

    /** Fits every qualifying pulse of the log; SOC comes from its soc_ref, else from its Ah counter. */
    public List<PulseFit> fitAll(CellTestLog log, double capacityAh) {
        return fitAll(log, capacityAh, null);
    }

    /**
     * As {@link #fitAll(CellTestLog, double)}, with the OCV's drift over each window held at
     * {@code ocvVoltsPerAh} (SOC fraction to volts per Ah passed) at the pulse's SOC; null: fitted.
     */
    List<PulseFit> fitAll(CellTestLog log, double capacityAh, DoubleUnaryOperator ocvVoltsPerAh) {
        List<PulseFit> fits = new ArrayList<>();
        for (int[] w : windows(log)) {
            PulseFit fit = fitWindow(log, w[0], w[1], capacityAh, ocvVoltsPerAh);
            if (fit != null) {
                fits.add(fit);
            }
        }
        return fits;
    }

    /**
     * Every qualifying pulse of the log fitted with its time constants held at {@code tau1Seconds}
     * and {@code tau2Seconds} (a cell model's, shared by all SOC): R0, R1, R2 and, unless
     * {@code ocvVoltsPerAh} gives it, the drift by linear least squares. The resistances then scale
     * the pairs the model has, where a free fit can move a level's slow relaxation into a pair of
     * another time constant.
     */
    List<PulseFit> fitAllAt(
            CellTestLog log,
            double capacityAh,
            DoubleUnaryOperator ocvVoltsPerAh,
            double tau1Seconds,
            double tau2Seconds) {
        List<PulseFit> fits = new ArrayList<>();
        for (int[] w : windows(log)) {
            PulseFit fit = fitWindowAt(log, w[0], w[1], capacityAh, ocvVoltsPerAh, tau1Seconds, tau2Seconds);
            if (fit != null) {
                fits.add(fit);
            }
        }
        return fits;
    }

    /**
     * Why {@link #fitAll} found nothing in {@code log}, for the message that refuses it: no rest followed by
     * a pulse (with the log's longest rest and largest current against what a pulse needs), or pulses whose
     * fits were all rejected.
     */
    String whyNoPulse(CellTestLog log) {
        int windows = windows(log).size();
        if (windows > 0) {
            return String.format(
                    Locale.ROOT,
                    "none of its %d pulses after a rest could be fitted (each fit's RMS residual over 20 mV, or its SOC "
                            + "outside 0..1: check soc_ref or --capacity-ah)",
                    windows);
        }
        double longestRest = 0;
        double largestAmps = 0;
        double restStart = Double.NaN;
        double[] t = log.timeS();
        double[] i = log.currentA();
        for (int k = 0; k < log.size(); k++) {
            largestAmps = Math.max(largestAmps, Math.abs(i[k]));
            if (Math.abs(i[k]) < restAmps) {
                restStart = Double.isNaN(restStart) ? t[k] : restStart;
            } else {
                if (!Double.isNaN(restStart) && Math.abs(i[k]) >= minPulseAmps) {
                    longestRest = Math.max(longestRest, t[k - 1] - restStart);
                }
                restStart = Double.NaN;
            }
        }
        return String.format(
                Locale.ROOT,
                "a pulse is a rest of at least %.0f s (|current_a| under %.3g A) followed by at least %.3g A for %d "
                        + "rows, and this log's longest rest before such a current is %.0f s, its largest current %.3g A; "
                        + "give a pulse or HPPC test (rests, then current steps) as --pulse-test",
                minRestSeconds,
                restAmps,
                minPulseAmps,
                20,
                longestRest,
                largestAmps);
    }

    /** The fitted windows: {@code {index of the last rest sample, last index in the window}}. */
    private List<int[]> windows(CellTestLog log) {
        List<int[]> windows = new ArrayList<>();
        double restStart = log.timeS()[0];
        double[] t = log.timeS();
        double[] i = log.currentA();
        for (int k = 1; k < log.size(); k++) {
            boolean restingBefore = Math.abs(i[k - 1]) < restAmps;
            if (!restingBefore) {
                restStart = Double.NaN;
                continue;
            }
            if (Double.isNaN(restStart)) {
                restStart = t[k - 1];
            }
            if (Math.abs(i[k]) >= minPulseAmps && t[k - 1] - restStart >= minRestSeconds) {
                int end = k;
                boolean relaxing = false;
                while (end + 1 < log.size() && t[end + 1] - t[k - 1] <= windowSeconds) {
                    // the window is one pulse and its relaxation: it ends where the next pulse starts
                    relaxing |= Math.abs(i[end + 1]) < restAmps;
                    if (relaxing && Math.abs(i[end + 1]) >= minPulseAmps) {
                        break;
                    }
                    end++;
                }
                if (end - k >= 20) {
                    windows.add(new int[] {k - 1, end});
                }
                restStart = Double.NaN;
            }
        }
        return windows;
    }

    private static double socAt(CellTestLog log, int from, double capacityAh) {
        return log.hasSocRef()
                ? log.socRef()[from]
                : log.hasCapacityColumn() ? 1 + log.capacityAh()[from] / capacityAh : Double.NaN;
    }

    private static double meanCelsius(CellTestLog log, int from, int to) {
        double celsius = 0;
        for (int j = from; j <= to; j++) {
            celsius += log.temperatureC()[j];
        }
        return celsius / (to - from + 1);
    }

    private static PulseFit fitWindowAt(
            CellTestLog log,
            int from,
            int to,
            double capacityAh,
            DoubleUnaryOperator ocvVoltsPerAh,
            double tau1,
            double tau2) {
        double soc = socAt(log, from, capacityAh);
        double drift = ocvVoltsPerAh == null || Double.isNaN(soc) ? Double.NaN : ocvVoltsPerAh.applyAsDouble(soc);
        int n = to - from;
        int columns = Double.isNaN(drift) ? 4 : 3;
        double[][] x = new double[n][columns];
        double[] y = new double[n];
        double v1 = 0;
        double v2 = 0;
        double ah = 0;
        double v0 = log.voltageV()[from];
        for (int j = 1; j <= n; j++) {
            double dt = log.timeS()[from + j] - log.timeS()[from + j - 1];
            double a1 = Math.exp(-dt / tau1);
            double a2 = Math.exp(-dt / tau2);
            double i = log.currentA()[from + j];
            v1 = a1 * v1 + (1 - a1) * i;
            v2 = a2 * v2 + (1 - a2) * i;
            ah += i * dt / 3600.0;
            x[j - 1][0] = i;
            x[j - 1][1] = v1;
            x[j - 1][2] = v2;
            if (columns == 4) {
                x[j - 1][3] = ah;
                y[j - 1] = log.voltageV()[from + j] - v0;
            } else {
                y[j - 1] = log.voltageV()[from + j] - v0 - drift * ah;
            }
        }
        RealVector r;
        try {
            r = new QRDecomposition(new Array2DRowRealMatrix(x, false))
                    .getSolver()
                    .solve(new ArrayRealVector(y, false));
        } catch (RuntimeException e) {
            return null;
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double predicted = 0;
            for (int c = 0; c < columns; c++) {
                predicted += x[j][c] * r.getEntry(c);
            }
            sum += (y[j] - predicted) * (y[j] - predicted);
        }
        return new PulseFit(
                soc,
                meanCelsius(log, from, to),
                log.currentA()[from + 1],
                r.getEntry(0),
                r.getEntry(1),
                tau1,
                r.getEntry(2),
                tau2,
                Math.sqrt(sum / n));
    }

    private PulseFit fitWindow(
            CellTestLog log, int from, int to, double capacityAh, DoubleUnaryOperator ocvVoltsPerAh) {
        int n = to - from;
        double soc = socAt(log, from, capacityAh);
        double drift = ocvVoltsPerAh == null || Double.isNaN(soc) ? Double.NaN : ocvVoltsPerAh.applyAsDouble(soc);
        double[] target = new double[n];
        for (int j = 0; j < n; j++) {
            target[j] = log.voltageV()[from + 1 + j];
        }
        double jumpAmps = log.currentA()[from + 1] - log.currentA()[from];
        double jumpVolts = log.voltageV()[from + 1] - log.voltageV()[from];
        double r0Guess = Math.max(1e-4, Math.abs(jumpVolts / jumpAmps));
        double[] free = {
            Math.log(r0Guess), Math.log(0.5 * r0Guess), Math.log(5), Math.log(0.5 * r0Guess), Math.log(100), 0.0
        };
        double[] start = Double.isNaN(drift) ? free : Arrays.copyOf(free, 5);
        WindowModel model = new WindowModel(log, from, to, drift);
        double logMaxTau = Math.log(log.timeS()[to] - log.timeS()[from]);
        double logMinTau = Math.log(sampleSeconds(log, from, to));
        LeastSquaresOptimizer.Optimum opt;
        try {
            opt = fit(model, start, target, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            double[] unbounded = opt.getPoint().toArray();
            if (outside(unbounded[2], logMinTau, logMaxTau) || outside(unbounded[4], logMinTau, logMaxTau)) {
                // a time constant beyond the window, or below the interval between samples, is not
                // identified by them: fit again, held within the two
                opt = fit(model, start, target, logMinTau, logMaxTau);
            }
        } catch (RuntimeException e) {
            return null;
        }
        double[] x = opt.getPoint().toArray();
        double r1 = Math.exp(x[1]);
        double tau1 = Math.exp(x[2]);
        double r2 = Math.exp(x[3]);
        double tau2 = Math.exp(x[4]);
        if (tau1 > tau2) {
            double rs = r1;
            double ts = tau1;
            r1 = r2;
            tau1 = tau2;
            r2 = rs;
            tau2 = ts;
        }
        double celsius = meanCelsius(log, from, to);
        return new PulseFit(soc, celsius, log.currentA()[from + 1], Math.exp(x[0]), r1, tau1, r2, tau2, opt.getRMS());
    }

    private static boolean outside(double logTau, double logMin, double logMax) {
        return logTau < logMin || logTau > logMax;
    }

    /** The median interval between the window's samples (s). */
    private static double sampleSeconds(CellTestLog log, int from, int to) {
        double[] d = new double[to - from];
        for (int k = from + 1; k <= to; k++) {
            d[k - from - 1] = log.timeS()[k] - log.timeS()[k - 1];
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }

    private static LeastSquaresOptimizer.Optimum fit(
            WindowModel model, double[] start, double[] target, double logMinTau, double logMaxTau) {
        LeastSquaresBuilder problem = new LeastSquaresBuilder()
                .start(start)
                .target(target)
                .model(model::valueAndJacobian)
                .maxEvaluations(2000)
                .maxIterations(500);
        if (Double.isFinite(logMinTau) || Double.isFinite(logMaxTau)) {
            problem.parameterValidator(x -> withinLog(x, logMinTau, logMaxTau));
        }
        return new LevenbergMarquardtOptimizer().optimize(problem.build());
    }

    /** Projects the two log time constants (parameters 2 and 4) into {@code [logMin, logMax]}. */
    private static RealVector withinLog(RealVector x, double logMin, double logMax) {
        if (!outside(x.getEntry(2), logMin, logMax) && !outside(x.getEntry(4), logMin, logMax)) {
            return x;
        }
        RealVector bounded = x.copy();
        bounded.setEntry(2, Math.max(logMin, Math.min(logMax, x.getEntry(2))));
        bounded.setEntry(4, Math.max(logMin, Math.min(logMax, x.getEntry(4))));
        return bounded;
    }

    /**
     * The ECM replayed over one window; parameters are logs of r0, r1, tau1, r2, tau2, then dOCV/dAh
     * unless that is given ({@code drift} not NaN).
     */
    private static final class WindowModel {
        private final double[] t;
        private final double[] amps;
        private final double v0;
        private final int n;
        private final double drift;

        WindowModel(CellTestLog log, int from, int to, double drift) {
            this.drift = drift;
            n = to - from;
            t = new double[n + 1];
            amps = new double[n + 1];
            for (int j = 0; j <= n; j++) {
                t[j] = log.timeS()[from + j];
                amps[j] = log.currentA()[from + j];
            }
            v0 = log.voltageV()[from];
        }

        double[] simulate(double[] x) {
            double r0 = Math.exp(x[0]);
            double r1 = Math.exp(x[1]);
            double tau1 = Math.exp(x[2]);
            double r2 = Math.exp(x[3]);
            double tau2 = Math.exp(x[4]);
            double k = x.length > 5 ? x[5] : drift;
            double v1 = 0;
            double v2 = 0;
            double ah = 0;
            double[] out = new double[n];
            for (int j = 1; j <= n; j++) {
                double dt = t[j] - t[j - 1];
                double a1 = Math.exp(-dt / tau1);
                double a2 = Math.exp(-dt / tau2);
                double i = amps[j];
                v1 = a1 * v1 + (1 - a1) * r1 * i;
                v2 = a2 * v2 + (1 - a2) * r2 * i;
                ah += i * dt / 3600.0;
                out[j - 1] = v0 + k * ah + r0 * i + v1 + v2;
            }
            return out;
        }

        Pair<RealVector, RealMatrix> valueAndJacobian(RealVector point) {
            double[] x = point.toArray();
            double[] base = simulate(x);
            RealMatrix jac = new Array2DRowRealMatrix(n, x.length);
            for (int p = 0; p < x.length; p++) {
                double step = 1e-6 * Math.max(1.0, Math.abs(x[p]));
                double[] xp = x.clone();
                xp[p] += step;
                double[] moved = simulate(xp);
                for (int j = 0; j < n; j++) {
                    jac.setEntry(j, p, (moved[j] - base[j]) / step);
                }
            }
            return new Pair<>(new ArrayRealVector(base, false), jac);
        }
    }
}
