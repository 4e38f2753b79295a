package org.qsebms.estimators.characterization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitModel;
import org.qsebms.estimators.model.OcvDoubt;

/**
 * Learns how far a cell's OCV may be off as the SOC filter sees it, per SOC region and OCV-test
 * temperature, from the cell's own OCV tests (tests within {@link OcvTemperatureFitter#OCV_GROUP_KELVIN}
 * are one temperature):
 *
 * <ul>
 *   <li><b>spread of the relaxed points</b>: each relaxed OCV point (the end of a long rest after a
 *       discharge) against the straight line through its two neighbours in SOC (a leave-one-out
 *       residual: how well the table predicts an OCV it was not given, scatter between rests
 *       included);
 *   <li><b>fit residual</b>: each relaxed point against the fitted curve at its test's temperature;
 *   <li><b>relaxation left</b>: how far each of those rests' voltage still moved over its last third;
 *   <li><b>slow relaxation the model does not explain</b>: over every long rest after a current, the
 *       voltage's move from five of the model's slow time constants ({@code tau2} at that
 *       temperature) after the current stopped to the rest's end (or to where the cell leaves that
 *       temperature: {@link #restEvidenceEnd}), where the model's RC pairs have settled: polarisation slower than the model, which the filter can only read as OCV. It is a
 *       property of the cell's dynamics at that temperature, not of the OCV table in one region, so it
 *       is pooled over every long rest of the temperature's tests: their RMS, raised to the one-sided
 *       {@link #SIGMA_CONFIDENCE} upper confidence bound of a sigma estimated from that many samples
 *       ({@code sqrt(n / chi2_n(1 - confidence))}), and applied to every region of that temperature.
 *       (Before, each region took the largest of its own four to ten rests, which let one rest, such
 *       as the 14.6 h rest after the NCA C/20 charge, set a region's doubt: 21 mV where the pooled
 *       sigma is 6 mV.);
 *   <li><b>hysteresis the model does not explain</b>: on slow tests (at most C/10) with both
 *       branches, half the charge/discharge gap at each 1 % SOC bin minus the hysteresis magnitude
 *       the model applies;
 *   <li><b>farther slow branch</b>: on those slow tests, at each 1 % SOC bin, the distance from the
 *       table to the farther of the two branches (each less the resistive drop at its current): the
 *       OCV lies between the branches, so the table is off by at most that much ({@link #slowPair}).
 * </ul>
 *
 * Each gives an RMS per region (the slow relaxation one pooled sigma per temperature). In a region the relaxed rests
 * measured (the temperature's tests hold at least {@link OcvFitter#MIN_REST_POINTS} relaxed points, so
 * the fitter made the table from them, and the region at least {@link #MIN_SAMPLES}) the
 * sigma is the root sum of squares of the first four. Where the temperature's tests hold too few
 * relaxed points, the table comes from the slow branches; a region whose every 1 % bin holds both
 * branches of a slow test at that temperature is bracketed by them (since 2026-12-04), and its sigma
 * is the root sum of squares of the farther branch, the unexplained gap and the slow relaxation, but
 * never more than {@code defaultVolts} (a wider bracket, at a knee where a 1 % bin spans tens of mV,
 * is not applied: applied as a widening the unexplained gap took the A123 LFP cell's doubt to 42 mV
 * below 10 % SOC, which moved that cell's capacity learning, whose windows wait for a tight bound,
 * over its target; see docs/estimation.md). The caller passes a resistance of 0 when it does not
 * trust its fit (too few pulses): then the raw branches bracket the OCV. Any other region (one
 * branch only, or extrapolated) keeps {@code defaultVolts}. Without a region learnt the result is
 * {@link OcvDoubt#NONE}: the preset behaves as one without a table.
 */
final class OcvDoubtLearner {
    /** Ten regions of 10 % SOC. */
    static final int REGIONS = 10;
    /** A region needs this many samples (relaxed points, or slow-test bins) to be learnt. */
    static final int MIN_SAMPLES = 2;
    /** No region is learnt tighter than this: a cell voltage channel's resolution class (1 mV). */
    static final double MIN_SIGMA_VOLTS = 0.001;
    /** A test is a slow OCV test when its median current while not resting is at most this C-rate. */
    static final double SLOW_C_RATE = 0.1;
    /** The model's RC pairs count as settled this many slow time constants after the current stops. */
    static final double SETTLED_TIME_CONSTANTS = 5;
    /**
     * The pooled slow relaxation's sigma is the upper bound of this one-sided confidence interval
     * on a sigma estimated from the rests (chi-square with one degree of freedom per rest).
     */
    static final double SIGMA_CONFIDENCE = 0.95;

    private final OcvFitter fitter;

    OcvDoubtLearner(OcvFitter fitter) {
        this.fitter = fitter;
    }

    OcvDoubt learn(
            List<CellTestLog> ocvTests,
            double capacityAh,
            double dcResistanceOhms,
            EcmParameters cell,
            double hysteresisVolts,
            double defaultVolts,
            List<String> notes) {
        List<List<CellTestLog>> groups = groupsByTemperature(ocvTests);
        double[] celsius = new double[groups.size()];
        double[] sigma = new double[groups.size() * REGIONS];
        StringBuilder text = new StringBuilder();
        boolean learnt = false;
        for (int g = 0; g < groups.size(); g++) {
            List<CellTestLog> group = groups.get(g);
            celsius[g] = group.stream()
                    .mapToDouble(CellTestLog::medianCelsius)
                    .average()
                    .orElseThrow();
            Evidence e = evidence(group, capacityAh, cell, celsius[g]);
            SlowPair pair = slowPair(group, capacityAh, dcResistanceOhms, hysteresisVolts, cell, celsius[g]);
            // the table is the slow pair's only where the fitter had too few relaxed points to make it from them
            boolean fromRests = e.rests >= OcvFitter.MIN_REST_POINTS;
            // the polarisation slower than the model, pooled over the temperature's long rests (see the class doc)
            double slow = e.unmodelled.pooledUpperSigma(SIGMA_CONFIDENCE);
            text.append(String.format(
                    Locale.ROOT,
                    "%s%.1f °C (slow relaxation%s %.1f mV: RMS %.1f mV over %d long rests, %.0f %% upper bound): ",
                    g == 0 ? "" : " | ",
                    celsius[g],
                    cell.slowPolarisation().isNone() ? "" : " net of the slow branch",
                    1000 * slow,
                    1000 * e.unmodelled.pooledRms(),
                    e.unmodelled.total(),
                    100 * SIGMA_CONFIDENCE));
            for (int r = 0; r < REGIONS; r++) {
                double spread = e.spread.rms(r);
                double residual = e.residual.rms(r);
                double relax = e.relax.rms(r);
                double unexplained = pair.unexplained.count[r] >= MIN_SAMPLES ? pair.unexplained.rms(r) : 0.0;
                // the fitter makes the curve from the rests only when there are enough of them
                boolean measured = fromRests && e.spread.count[r] >= MIN_SAMPLES;
                // else a slow pair whose both branches cover every 1 % bin of the region bounds the table there
                boolean bracketed = !fromRests && pair.coversRegion(r);
                double s = measured
                        ? Math.sqrt(spread * spread + residual * residual + relax * relax + slow * slow)
                        : Math.sqrt(
                                pair.farther.rms(r) * pair.farther.rms(r) + unexplained * unexplained + slow * slow);
                // a bracket wider than the default is not applied (as the unexplained gap before it: see the class doc)
                sigma[g * REGIONS + r] = measured
                        ? Math.max(MIN_SIGMA_VOLTS, s)
                        : bracketed ? Math.min(defaultVolts, Math.max(MIN_SIGMA_VOLTS, s)) : defaultVolts;
                learnt |= measured || bracketed;
                text.append(String.format(
                        Locale.ROOT,
                        "%s%.1f-%.1f %.1f mV (%s; spread %.1f, residual %.1f, relaxation %.1f, slow relaxation %.1f "
                                + "(largest here %.1f), farther slow branch %.1f, unexplained gap %.1f mV)",
                        r == 0 ? "" : "; ",
                        r / (double) REGIONS,
                        (r + 1) / (double) REGIONS,
                        1000 * sigma[g * REGIONS + r],
                        measured
                                ? e.spread.count[r] + " rests"
                                : bracketed
                                        ? "bracketed by the slow charge and discharge branches"
                                        : "not measured by rests nor bracketed by slow branches: the default",
                        1000 * spread,
                        1000 * residual,
                        1000 * relax,
                        1000 * slow,
                        1000 * e.unmodelled.largest[r],
                        1000 * pair.farther.rms(r),
                        1000 * unexplained));
            }
        }
        if (!learnt) {
            notes.add("OCV doubt: no SOC region was measured by relaxed rests (an incremental OCV test, such as "
                    + "an HPPC test's rests with the tester's Ah counter) or bracketed by a slow test's charge and "
                    + "discharge branches, so nothing was learnt; the SOC filter keeps its default OCV sigma (" + text
                    + ")");
            return OcvDoubt.NONE;
        }
        double[] edges = new double[REGIONS + 1];
        for (int r = 0; r <= REGIONS; r++) {
            edges[r] = r / (double) REGIONS;
        }
        notes.add("OCV doubt (cell.ocvSigma) per SOC region and OCV-test temperature: " + text);
        return new OcvDoubt(celsius, edges, sigma);
    }

    /** RMS and largest magnitude of samples per SOC region. */
    static final class RegionRms {
        final double[] sumSq = new double[REGIONS];
        final int[] count = new int[REGIONS];
        final double[] largest = new double[REGIONS];

        void add(double soc, double volts) {
            int r = region(soc);
            sumSq[r] += volts * volts;
            count[r]++;
            largest[r] = Math.max(largest[r], Math.abs(volts));
        }

        double rms(int r) {
            return count[r] > 0 ? Math.sqrt(sumSq[r] / count[r]) : 0.0;
        }

        int total() {
            int n = 0;
            for (int c : count) {
                n += c;
            }
            return n;
        }

        /** The RMS over every region's samples (0 without any). */
        double pooledRms() {
            double sum = 0;
            for (double q : sumSq) {
                sum += q;
            }
            int n = total();
            return n > 0 ? Math.sqrt(sum / n) : 0.0;
        }

        /**
         * The upper end of the one-sided {@code confidence} interval on the sigma of zero-mean samples
         * whose pooled RMS is measured: {@code rms sqrt(n / chi2_n(1 - confidence))}; 0 without samples.
         */
        double pooledUpperSigma(double confidence) {
            int n = total();
            if (n == 0) {
                return 0.0;
            }
            double quantile = new ChiSquaredDistribution(n).inverseCumulativeProbability(1 - confidence);
            return pooledRms() * Math.sqrt(n / quantile);
        }
    }

    private record Evidence(RegionRms spread, RegionRms residual, RegionRms relax, RegionRms unmodelled, int rests) {}

    private Evidence evidence(List<CellTestLog> group, double capacityAh, EcmParameters cell, double celsius) {
        List<double[]> rests = fitter.relaxedPoints(group, capacityAh);
        Evidence e = new Evidence(new RegionRms(), new RegionRms(), new RegionRms(), new RegionRms(), rests.size());
        rests.sort((a, b) -> Double.compare(a[0], b[0]));
        for (int j = 0; j < rests.size(); j++) {
            double[] p = rests.get(j);
            double loo = 0;
            if (j > 0 && j + 1 < rests.size()) {
                double[] before = rests.get(j - 1);
                double[] after = rests.get(j + 1);
                if (after[0] > before[0]) {
                    double t = (p[0] - before[0]) / (after[0] - before[0]);
                    loo = p[1] - (before[1] + t * (after[1] - before[1]));
                }
            }
            e.spread.add(p[0], loo);
            e.residual.add(p[0], p[1] - cell.ocv().voltsAt(p[0], p[2]));
            e.relax.add(p[0], p[3]);
        }
        double settled = SETTLED_TIME_CONSTANTS * cell.tau2SecondsAt(celsius);
        for (CellTestLog log : group) {
            if (!log.hasCapacityColumn()) {
                continue;
            }
            double[] t = log.timeS();
            double[] i = log.currentA();
            double[] v = log.voltageV();
            // with a slow branch, what it explains of a rest's move is not OCV doubt (zero without it)
            double[] branch = branchVolts(cell, log, capacityAh);
            // every long rest after a current: from the model's settled point to the rest's end
            int k = 1;
            while (k < log.size()) {
                if (Math.abs(i[k]) >= fitter.restAmps() || Math.abs(i[k - 1]) < fitter.restAmps()) {
                    k++;
                    continue;
                }
                int start = k;
                while (k < log.size() && Math.abs(i[k]) < fitter.restAmps()) {
                    k++;
                }
                // the evidence ends where the cell leaves the temperature this doubt is learnt for
                int end = restEvidenceEnd(log, start, k - 1, celsius);
                if (t[end] - t[start] < fitter.minRestSeconds() || t[end] - t[start] < settled + 60) {
                    continue;
                }
                int m = start;
                while (m < end && t[m] < t[start] + settled) {
                    m++;
                }
                double soc = 1 + log.capacityAh()[end] / capacityAh;
                if (soc >= 0 && soc <= 1) {
                    e.unmodelled.add(soc, (v[end] - v[m]) - (branch[end] - branch[m]));
                }
            }
        }
        return e;
    }

    /**
     * The last sample of the rest {@code start..last} that is still evidence of a relaxation at
     * {@code celsius}, the temperature this doubt is learnt for: the rest ends before the first sample
     * where the cell is more than {@link OcvTemperatureFitter#OCV_GROUP_KELVIN} from it (the learner's
     * own temperature grouping). The Panasonic C/20 test's last rest is logged every minute for an hour
     * at 25 °C, then once more 13.6 h later at 11.4 °C: across that row the voltage fell 10 mV with the
     * chamber's temperature, which is not the cell relaxing at 25 °C.
     */
    static int restEvidenceEnd(CellTestLog log, int start, int last, double celsius) {
        double[] temperature = log.temperatureC();
        int end = start;
        while (end < last && Math.abs(temperature[end + 1] - celsius) <= OcvTemperatureFitter.OCV_GROUP_KELVIN) {
            end++;
        }
        return end;
    }

    /**
     * The slow polarisation branch's voltage along {@code log} as the filters run it open loop
     * ({@link EquivalentCircuitModel#nextPolarisationVolts}), at the SOC of the tester's Ah counter;
     * all zero without the branch.
     */
    static double[] branchVolts(EcmParameters cell, CellTestLog log, double capacityAh) {
        double[] out = new double[log.size()];
        EquivalentCircuitModel m = new EquivalentCircuitModel(cell);
        if (!m.hasSlowPolarisation()) {
            return out;
        }
        double[] t = log.timeS();
        for (int k = 1; k < log.size(); k++) {
            double step = t[k] - t[k - 1];
            if (!(step > 0)) {
                out[k] = out[k - 1];
                continue;
            }
            double soc = Math.max(0, Math.min(1, 1 + log.capacityAh()[k] / capacityAh));
            out[k] = m.nextPolarisationVolts(
                    out[k - 1],
                    m.polarisationDecay(step),
                    soc,
                    m.temperatureFactor(log.temperatureC()[k]),
                    log.currentA()[k]);
        }
        return out;
    }

    /**
     * What a temperature's slow tests (median current at most {@link #SLOW_C_RATE}) say of the OCV
     * table, per 1 % SOC bin where both their IR-corrected branches exist: {@code farther}, the
     * distance from the table to the farther branch, and {@code unexplained}, half the gap minus the
     * model's hysteresis; {@code bins} counts those bins per region.
     */
    private record SlowPair(RegionRms farther, RegionRms unexplained, int[] bins) {
        /** Both branches in every 1 % bin of region {@code r}, so no part of it is extrapolated. */
        boolean coversRegion(int r) {
            return bins[r] >= binsIn(r);
        }

        /** The 1 % bins of region {@code r} on the slow branches' grid (the last region holds SOC 1 too). */
        static int binsIn(int r) {
            int n = 0;
            for (int b = 0; b < OcvFitter.GRID; b++) {
                n += region(b / (double) (OcvFitter.GRID - 1)) == r ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * The slow pair's evidence at one temperature. Where a slow test's discharge branch lies below the
     * cell's OCV and its charge branch above (both less the resistive drop at their current, {@code
     * dcResistanceOhms}: the rest of their gap is hysteresis and polarisation slower or less linear
     * than the pulse fits), the OCV lies between them, so the table is off by at most the distance to
     * the farther branch: half the gap where the table is their mean. That largest error is taken as
     * the region's sigma (its RMS over the region's bins). It does not know what the pair cannot show:
     * a curve that moved after the test (ageing, another cell of the batch).
     */
    private SlowPair slowPair(
            List<CellTestLog> group,
            double capacityAh,
            double dcResistanceOhms,
            double hysteresisVolts,
            EcmParameters cell,
            double celsius) {
        SlowPair out = new SlowPair(new RegionRms(), new RegionRms(), new int[REGIONS]);
        List<CellTestLog> slow = new ArrayList<>();
        for (CellTestLog log : group) {
            if (medianFlowingAmps(log) <= SLOW_C_RATE * capacityAh) {
                slow.add(log);
            }
        }
        if (slow.isEmpty()) {
            return out;
        }
        double[][] branches = fitter.slowBranches(slow, capacityAh, dcResistanceOhms);
        for (int b = 0; b < branches[0].length; b++) {
            double d = branches[0][b];
            double c = branches[1][b];
            if (!Double.isNaN(d) && !Double.isNaN(c)) {
                double soc = b / (double) (branches[0].length - 1);
                double table = cell.ocv().voltsAt(soc, celsius);
                out.farther.add(soc, Math.max(Math.abs(c - table), Math.abs(table - d)));
                out.unexplained.add(soc, (c - d) / 2 - hysteresisVolts);
                out.bins[region(soc)]++;
            }
        }
        return out;
    }

    private static int region(double soc) {
        return Math.max(0, Math.min(REGIONS - 1, (int) Math.floor(soc * REGIONS)));
    }

    /** Tests sorted by median temperature, a new group wherever the gap to a group's first exceeds the OCV grouping. */
    private static List<List<CellTestLog>> groupsByTemperature(List<CellTestLog> logs) {
        List<CellTestLog> sorted = new ArrayList<>(logs);
        sorted.sort((a, b) -> Double.compare(a.medianCelsius(), b.medianCelsius()));
        List<List<CellTestLog>> groups = new ArrayList<>();
        for (CellTestLog log : sorted) {
            List<CellTestLog> current = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (current == null
                    || log.medianCelsius() - current.get(0).medianCelsius() > OcvTemperatureFitter.OCV_GROUP_KELVIN) {
                current = new ArrayList<>();
                groups.add(current);
            }
            current.add(log);
        }
        return groups;
    }

    /** The median |current| over the samples where the cell is not resting (0 for a log that only rests). */
    private double medianFlowingAmps(CellTestLog log) {
        double[] flowing = Arrays.stream(log.currentA())
                .map(Math::abs)
                .filter(a -> a >= fitter.restAmps())
                .sorted()
                .toArray();
        return flowing.length == 0 ? 0 : flowing[flowing.length / 2];
    }
}
