package org.qsebms.estimators.characterization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitModel;
import org.qsebms.estimators.model.SlowPolarisation;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * Learns the slow polarisation branch ({@link SlowPolarisation}) from logs of sustained load (drive
 * cycles or constant-current discharges) that carry the tester's SOC ({@code soc_ref}): the
 * characterised model is run open loop at {@code soc_ref} through each log, its two RC pairs driven
 * by the logged current, and the voltage it leaves unexplained is fitted by linear least squares to
 * the branch's voltage. With the time constant fixed, the branch
 * {@code v3 <- a v3 + (1 - a) R3(soc) f(T) I} is linear in the region resistances:
 * {@code v3 = sum_r R3_r x_r}, {@code x_r} the current low-passed through the same decay but fed only
 * while {@code soc_ref} is in region r. The hysteresis magnitude is fitted with it (its state driven
 * by the logged charge, the preset's rate kept): on a drive log the two are not apart, and a
 * magnitude fitted from pulse-test rests alone stands in for part of the slow drop (docs/estimation.md,
 * "The low-SOC residual is a slow polarisation"). Every coefficient is kept non-negative (a
 * coefficient that comes out negative is fixed at zero and the rest fitted again). The time
 * constant is the one of {@link #TIME_CONSTANTS_SECONDS} with the least squared residual on the given
 * logs. A region the logs visit for fewer than {@link #MIN_ROWS} rows takes the resistance of the
 * nearest region that was fitted.
 *
 * <p>Honesty: the figures this preset gives on a log are evidence only for logs not given here.
 */
public final class SlowPolarisationFitter {
    /** Ten regions of 10 % SOC. */
    static final int REGIONS = 10;
    /** The candidate time constants (s), a geometric grid over the minutes the drive logs show. */
    static final double[] TIME_CONSTANTS_SECONDS = {250, 500, 1000, 2000, 4000};
    /** A region needs this many log rows to be fitted. */
    static final int MIN_ROWS = 200;
    /**
     * The largest hysteresis magnitude the fit may give (V): half the largest charge/discharge gap the OCV
     * fitter takes as hysteresis ({@link CellCharacterizer#MAX_HYSTERESIS_GAP_VOLTS}); a fit beyond it
     * stands in for what the model misses on the logs (an offset of soc_ref, a wrong OCV), not hysteresis.
     * Found by check20z (2026-12-06): the A123 slow discharge alone gave 1209.7 mV, a preset the loader
     * refuses, and with the CCCV charge 194.2 mV, which raised the dynamic script's RMSE from 1.66 to 5.89 %.
     */
    static final double MAX_HYSTERESIS_VOLTS = CellCharacterizer.MAX_HYSTERESIS_GAP_VOLTS / 2;
    /**
     * A magnitude raised above the one given must lower the residual's RMS by at least this share, or the
     * one given is kept: a larger hysteresis that explains nothing more only widens the model's swing. The
     * branch with the hysteresis must lower it by as much, or none is added (the shared NCA drive logs: 15-50
     * %; the A123 CCCV charge with the slow discharge, once the hysteresis is bounded: 0.3 %).
     */
    static final double MIN_RMS_GAIN = 0.05;

    /**
     * The branch and the hysteresis fitted together.
     *
     * @param slow       the branch
     * @param hysteresis the hysteresis with its magnitude fitted with the branch (the rate kept)
     * @param rmsBeforeVolts the open-loop residual's RMS on the logs with the characterised model
     * @param rmsAfterVolts  the same with the branch and the fitted hysteresis
     * @param note       what was fitted, from what, for the preset's header and the user
     */
    public record Fit(
            SlowPolarisation slow,
            HysteresisModel hysteresis,
            double rmsBeforeVolts,
            double rmsAfterVolts,
            String note) {}

    private SlowPolarisationFitter() {}

    /** The characterisation with the branch and the refitted hysteresis magnitude added (and a note). */
    public static Characterization addTo(Characterization c, List<CellTestLog> logs) {
        Fit fit = fit(c.cell(), c.hysteresis(), logs);
        List<String> notes = new ArrayList<>(c.notes());
        notes.add(fit.note());
        return new Characterization(
                c.cell().withSlowPolarisation(fit.slow()),
                fit.hysteresis(),
                c.ocvFit(),
                c.pulses(),
                notes,
                c.activationEnergySource());
    }

    /** Fits the branch and the hysteresis magnitude to {@code logs} (each with {@code soc_ref}). */
    public static Fit fit(EcmParameters cell, HysteresisModel hysteresis, List<CellTestLog> logs) {
        return fit(cell, hysteresis, logs, TIME_CONSTANTS_SECONDS);
    }

    /** {@link #fit(EcmParameters, HysteresisModel, List)} with the time constant chosen among {@code candidates}. */
    public static Fit fit(EcmParameters cell, HysteresisModel hysteresis, List<CellTestLog> logs, double[] candidates) {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("no log given to fit the slow polarisation to");
        }
        List<OpenLoop> runs = new ArrayList<>();
        for (CellTestLog log : logs) {
            if (!log.hasSocRef()) {
                throw new IllegalArgumentException(log.source() + ": a slow polarisation log needs the tester's SOC"
                        + " (a soc_ref column, counted over the same capacity as the OCV test) to run the model"
                        + " at the true SOC; give a drive or constant-current log that has one");
            }
            runs.add(OpenLoop.of(cell, hysteresis, log));
        }
        int[] rows = new int[REGIONS];
        double before = 0;
        long n = 0;
        for (OpenLoop run : runs) {
            for (int k = 0; k < run.size; k++) {
                rows[run.region[k]]++;
                double r = run.residual[k] - hysteresis.magnitudeVolts() * run.h[k];
                before += r * r;
                n++;
            }
        }
        if (n < MIN_ROWS) {
            throw new IllegalArgumentException("the slow polarisation logs hold " + n + " rows; give at least "
                    + MIN_ROWS + " rows of sustained load");
        }
        boolean[] fitted = new boolean[REGIONS];
        int fittedRegions = 0;
        for (int r = 0; r < REGIONS; r++) {
            fitted[r] = rows[r] >= MIN_ROWS;
            fittedRegions += fitted[r] ? 1 : 0;
        }
        if (fittedRegions == 0) {
            throw new IllegalArgumentException("the slow polarisation logs stay in no 10 % SOC region for " + MIN_ROWS
                    + " rows; give a log that discharges through a range of SOC");
        }
        double kept = hysteresis.magnitudeVolts();
        double bestSse = Double.POSITIVE_INFINITY;
        double bestTau = Double.NaN;
        double[] best = null;
        double keptSse = Double.POSITIVE_INFINITY;
        double keptTau = Double.NaN;
        double[] keptBest = null;
        for (double tau : candidates) {
            double[] coefficients = new double[REGIONS + 1];
            double sse = solve(runs, tau, fitted, kept > 0, kept, coefficients);
            if (sse < bestSse) {
                bestSse = sse;
                bestTau = tau;
                best = coefficients;
            }
            double[] fixed = new double[REGIONS + 1];
            double sseFixed = solve(runs, tau, fitted, false, kept, fixed);
            fixed[REGIONS] = kept;
            if (sseFixed < keptSse) {
                keptSse = sseFixed;
                keptTau = tau;
                keptBest = fixed;
            }
        }
        String keptWhy = "";
        if (kept > 0 && best[REGIONS] > MAX_HYSTERESIS_VOLTS) {
            keptWhy = String.format(
                    Locale.ROOT,
                    "; the fit gave %.1f mV, above the %.1f mV no cell's hysteresis reaches (half the largest"
                            + " charge/discharge gap taken as hysteresis), so it stands in for what the model misses"
                            + " on these logs: the hysteresis of the OCV tests is kept",
                    1000 * best[REGIONS],
                    1000 * MAX_HYSTERESIS_VOLTS);
        } else if (kept > 0 && best[REGIONS] > kept && Math.sqrt(bestSse) > (1 - MIN_RMS_GAIN) * Math.sqrt(keptSse)) {
            keptWhy = String.format(
                    Locale.ROOT,
                    "; the fit gave %.1f mV, which lowered the residual's RMS by less than %.0f %%, so the hysteresis"
                            + " of the OCV tests is kept",
                    1000 * best[REGIONS],
                    100 * MIN_RMS_GAIN);
        }
        if (!keptWhy.isEmpty()) {
            bestSse = keptSse;
            bestTau = keptTau;
            best = keptBest;
        }
        double[] ohms = new double[REGIONS];
        double[] edges = new double[REGIONS + 1];
        for (int r = 0; r <= REGIONS; r++) {
            edges[r] = (double) r / REGIONS;
        }
        for (int r = 0; r < REGIONS; r++) {
            ohms[r] = best[nearestFitted(r, fitted)];
        }
        SlowPolarisation slow = new SlowPolarisation(bestTau, edges, ohms);
        HysteresisModel h = hysteresis.magnitudeVolts() > 0
                ? new HysteresisModel(best[REGIONS], hysteresis.ratePerSoc())
                : hysteresis;
        double rmsBefore = Math.sqrt(before / n);
        double rmsAfter = Math.sqrt(bestSse / n);
        StringBuilder list = new StringBuilder();
        for (int r = 0; r < REGIONS; r++) {
            list.append(r == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%.1f", 1000 * ohms[r]))
                    .append(fitted[r] ? "" : "*");
        }
        List<String> sources = new ArrayList<>();
        logs.forEach(l -> sources.add(l.source()));
        if (rmsAfter > (1 - MIN_RMS_GAIN) * rmsBefore) {
            // a fit that explains nothing more of the residual is no branch of this cell
            String note = String.format(
                    Locale.ROOT,
                    "slowPolarisation: none added; fitted to the model's open-loop residual at soc_ref on %s, a"
                            + " third RC branch (tau %.0f s, R3 up to %.1f mOhm) with hysteresis %.1f mV lowered the"
                            + " residual's RMS from %.1f to %.1f mV only, less than %.0f %%%s, so these logs are not"
                            + " explained by a slow branch (check soc_ref and the capacity it was counted over); the"
                            + " preset is as without --slow-polarisation-log (hysteresis %.1f mV kept).",
                    String.join(", ", sources),
                    bestTau,
                    1000 * java.util.Arrays.stream(ohms).max().orElse(0),
                    1000 * h.magnitudeVolts(),
                    1000 * rmsBefore,
                    1000 * rmsAfter,
                    100 * MIN_RMS_GAIN,
                    keptWhy,
                    1000 * hysteresis.magnitudeVolts());
            return new Fit(SlowPolarisation.NONE, hysteresis, rmsBefore, rmsBefore, note);
        }
        String note = String.format(
                Locale.ROOT,
                "slowPolarisation: a third RC branch fitted with the hysteresis magnitude to the model's open-loop"
                        + " residual at soc_ref on %s: tau %.0f s (least residual of %s s), R3 per 10 %% SOC region"
                        + " [%s] mOhm (* taken from the nearest region the logs visited), hysteresis %.1f mV"
                        + " (was %.1f mV%s); residual RMS %.1f to %.1f mV. Figures on these logs are not evidence.",
                String.join(", ", sources),
                bestTau,
                java.util.Arrays.toString(candidates).replace(".0", ""),
                list,
                1000 * h.magnitudeVolts(),
                1000 * hysteresis.magnitudeVolts(),
                keptWhy,
                1000 * rmsBefore,
                1000 * rmsAfter);
        return new Fit(slow, h, rmsBefore, rmsAfter, note);
    }

    private static int nearestFitted(int r, boolean[] fitted) {
        for (int d = 0; d < REGIONS; d++) {
            if (r - d >= 0 && fitted[r - d]) {
                return r - d;
            }
            if (r + d < REGIONS && fitted[r + d]) {
                return r + d;
            }
        }
        throw new IllegalStateException("no fitted region");
    }

    /**
     * Non-negative least squares over the fitted regions' resistances and the hysteresis magnitude
     * (index {@link #REGIONS}) by fixing the most negative at zero and solving again; returns the
     * squared residual.
     */
    private static double solve(
            List<OpenLoop> runs,
            double tau,
            boolean[] fitted,
            boolean fitHysteresis,
            double fixedHysteresisVolts,
            double[] out) {
        // a hysteresis not fitted is held at the magnitude given: its voltage is taken off the residual
        double held = fitHysteresis ? 0 : fixedHysteresisVolts;
        int m = REGIONS + 1;
        double[][] a = new double[m][m];
        double[] b = new double[m];
        double yy = 0;
        double[] x = new double[m];
        for (OpenLoop run : runs) {
            double[] lowPassed = new double[REGIONS];
            for (int k = 0; k < run.size; k++) {
                double decay = Math.exp(-run.dt[k] / tau);
                for (int r = 0; r < REGIONS; r++) {
                    lowPassed[r] *= decay;
                }
                lowPassed[run.region[k]] += (1 - decay) * run.drive[k];
                System.arraycopy(lowPassed, 0, x, 0, REGIONS);
                x[REGIONS] = run.h[k];
                double y = run.residual[k] - held * run.h[k];
                for (int i = 0; i < m; i++) {
                    if (x[i] == 0) {
                        continue;
                    }
                    b[i] += x[i] * y;
                    for (int j = 0; j < m; j++) {
                        a[i][j] += x[i] * x[j];
                    }
                }
                yy += y * y;
            }
        }
        boolean[] free = new boolean[m];
        for (int i = 0; i < REGIONS; i++) {
            free[i] = fitted[i];
        }
        // a preset without hysteresis keeps none
        free[REGIONS] = fitHysteresis;
        while (true) {
            double[] c = solveFree(a, b, free);
            int worst = -1;
            for (int i = 0; i < m; i++) {
                if (free[i] && c[i] < 0 && (worst < 0 || c[i] < c[worst])) {
                    worst = i;
                }
            }
            if (worst < 0) {
                System.arraycopy(c, 0, out, 0, m);
                break;
            }
            free[worst] = false;
        }
        // squared residual: y'y - 2 c'b + c'A c
        double sse = yy;
        for (int i = 0; i < m; i++) {
            sse -= 2 * out[i] * b[i];
            for (int j = 0; j < m; j++) {
                sse += out[i] * a[i][j] * out[j];
            }
        }
        return sse;
    }

    /** The normal equations over the free coefficients (Gaussian elimination with partial pivoting); others 0. */
    private static double[] solveFree(double[][] a, double[] b, boolean[] free) {
        int m = b.length;
        int[] index = new int[m];
        int k = 0;
        for (int i = 0; i < m; i++) {
            if (free[i]) {
                index[k++] = i;
            }
        }
        double[][] s = new double[k][k + 1];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                s[i][j] = a[index[i]][index[j]];
            }
            s[i][k] = b[index[i]];
            // a tiny ridge keeps a barely excited coefficient finite
            s[i][i] += 1e-9 * Math.max(1e-12, a[index[i]][index[i]]);
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(s[r][col]) > Math.abs(s[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = s[col];
            s[col] = s[pivot];
            s[pivot] = t;
            for (int r = col + 1; r < k; r++) {
                double factor = s[r][col] / s[col][col];
                for (int c = col; c <= k; c++) {
                    s[r][c] -= factor * s[col][c];
                }
            }
        }
        double[] solution = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double sum = s[r][k];
            for (int c = r + 1; c < k; c++) {
                sum -= s[r][c] * solution[c];
            }
            solution[r] = sum / s[r][r];
        }
        double[] out = new double[m];
        for (int i = 0; i < k; i++) {
            out[index[i]] = solution[i];
        }
        return out;
    }

    /**
     * One log run open loop at soc_ref through the characterised model (R0 and the two RC pairs; the
     * hysteresis state driven by the logged charge, its magnitude left out): per row the time step,
     * the SOC region, the branch's input {@code f(T) I}, the hysteresis state and the residual.
     */
    private record OpenLoop(int size, double[] dt, int[] region, double[] drive, double[] h, double[] residual) {
        static OpenLoop of(EcmParameters cell, HysteresisModel hysteresis, CellTestLog log) {
            EquivalentCircuitModel m = new EquivalentCircuitModel(cell);
            int n = log.size() - 1;
            double[] dt = new double[n];
            int[] region = new int[n];
            double[] drive = new double[n];
            double[] hs = new double[n];
            double[] residual = new double[n];
            double v1 = 0;
            double v2 = 0;
            double h = 0;
            int used = 0;
            for (int k = 1; k < log.size(); k++) {
                double step = log.timeS()[k] - log.timeS()[k - 1];
                double amps = log.currentA()[k];
                double celsius = log.temperatureC()[k];
                double z = log.socRef()[k];
                if (!(step > 0) || !Double.isFinite(z)) {
                    continue;
                }
                double f = m.temperatureFactor(celsius);
                v1 = m.nextFastVolts(v1, m.fastDecay(step, celsius), m.fastFactor(z, celsius, f), amps);
                v2 = m.nextSlowVolts(v2, m.slowDecay(step, celsius), m.slowFactor(z, celsius, f), amps);
                h = hysteresis.next(h, m.socChange(amps, step));
                dt[used] = step;
                region[used] = Math.max(0, Math.min(REGIONS - 1, (int) Math.floor(REGIONS * z)));
                drive[used] = f * amps;
                hs[used] = h;
                residual[used] =
                        log.voltageV()[k] - m.terminalVolts(z, celsius, 0, m.r0Volts(z, celsius, f, amps), v1, v2);
                used++;
            }
            return new OpenLoop(used, dt, region, drive, hs, residual);
        }
    }
}
