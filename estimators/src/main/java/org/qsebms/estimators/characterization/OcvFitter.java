package org.qsebms.estimators.characterization;

import java.util.Arrays;
import java.util.List;
import org.qsebms.estimators.model.OcvCurve;

/**
 * OCV(SOC) from a slow (C/20 ... C/30) OCV test: samples are corrected for the resistive drop
 * {@code I * R_dc}, binned on a 1 % SOC grid per branch (charge, discharge) and, where both
 * branches exist and their gap is plausible hysteresis, averaged. A gap above
 * {@code maxHysteresisGapVolts} points to a branch that is not an OCV (for example a charge that
 * ended early); then only the discharge branch is used and the note says so.
 *
 * <p>When the logs hold at least eight long rests after discharge (an incremental OCV test, such
 * as the rests between HPPC pulse sets), the relaxed voltages at the ends of those rests define
 * the curve over their SOC span instead: a relaxed voltage is closer to OCV than a slow branch
 * corrected by a single DC resistance. The slow branch then only supplies the shape beyond it.
 *
 * <p>SOC of each sample is {@code 1 + capacity_ah / capacityAh} when the log has the tester's Ah
 * counter (counted from full), else the integral of the current from full at the first sample.
 */
public final class OcvFitter {
    /** The slow branches' SOC grid: 1 % bins, SOC 0 to 1. */
    static final int GRID = 101;
    /** With at least this many relaxed points the curve is made from them (an incremental OCV test). */
    static final int MIN_REST_POINTS = 8;

    private final double restAmps;
    private final double maxHysteresisGapVolts;
    private final double minRestSeconds;

    /**
     * @param restAmps              below this the cell rests (and slow-test samples are ignored)
     * @param maxHysteresisGapVolts larger charge/discharge gaps are not taken as hysteresis
     * @param minRestSeconds        a rest this long ends in a relaxed (OCV) point
     */
    public OcvFitter(double restAmps, double maxHysteresisGapVolts, double minRestSeconds) {
        this.restAmps = restAmps;
        this.maxHysteresisGapVolts = maxHysteresisGapVolts;
        this.minRestSeconds = minRestSeconds;
    }

    /** Below this current the cell rests (A). */
    double restAmps() {
        return restAmps;
    }

    /** A rest this long ends in a relaxed (OCV) point (s). */
    double minRestSeconds() {
        return minRestSeconds;
    }

    public OcvFit fit(List<CellTestLog> logs, double capacityAh, double dcResistanceOhms) {
        OcvFit slow = fitSlowBranches(logs, capacityAh, dcResistanceOhms);
        List<double[]> rests = relaxedPoints(logs, capacityAh);
        if (rests.size() < MIN_REST_POINTS) {
            return slow;
        }
        rests.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] ocv = new double[GRID];
        double[] soc = new double[GRID];
        double lo = rests.get(0)[0];
        double hi = rests.get(rests.size() - 1)[0];
        double offsetLo = rests.get(0)[1] - slow.curve().voltsAt(lo);
        double offsetHi = rests.get(rests.size() - 1)[1] - slow.curve().voltsAt(hi);
        int j = 0;
        for (int b = 0; b < GRID; b++) {
            soc[b] = b / (double) (GRID - 1);
            double z = soc[b];
            if (z < lo) {
                ocv[b] = slow.curve().voltsAt(z) + offsetLo;
            } else if (z > hi) {
                ocv[b] = slow.curve().voltsAt(z) + offsetHi;
            } else {
                while (j + 2 < rests.size() && rests.get(j + 1)[0] < z) {
                    j++;
                }
                double[] p0 = rests.get(j);
                double[] p1 = rests.get(Math.min(j + 1, rests.size() - 1));
                double t = p1[0] > p0[0] ? (z - p0[0]) / (p1[0] - p0[0]) : 0;
                ocv[b] = p0[1] + Math.max(0, Math.min(1, t)) * (p1[1] - p0[1]);
            }
            if (b > 0) {
                ocv[b] = Math.max(ocv[b], ocv[b - 1]);
            }
        }
        String note = String.format(
                "incremental OCV from %d relaxed points (rests >= %.0f s) over SOC %.2f..%.2f; "
                        + "outside that span the slow-test shape is joined on (%s)",
                rests.size(), minRestSeconds, lo, hi, slow.note());
        return new OcvFit(
                new OcvCurve(soc, ocv, new double[GRID]),
                slow.hysteresisVolts(),
                slow.branchesAveraged(),
                lo,
                hi,
                note);
    }

    /**
     * Voltage at the end of every rest of at least {@code minRestSeconds} that follows a discharge
     * (or starts the log): points of an incremental OCV test, such as the rests of an HPPC test.
     * Each point is {@code {soc, volts, log's median °C, volts moved over the rest's last third}}.
     */
    List<double[]> relaxedPoints(List<CellTestLog> logs, double capacityAh) {
        List<double[]> points = new java.util.ArrayList<>();
        for (CellTestLog log : logs) {
            if (!log.hasCapacityColumn()) {
                continue;
            }
            int restStart = 0;
            double lastAmps = 0;
            for (int k = 1; k <= log.size(); k++) {
                boolean resting = k < log.size() && Math.abs(log.currentA()[k]) < restAmps;
                if (!resting) {
                    int last = k - 1;
                    boolean longRest = Math.abs(log.currentA()[last]) < restAmps
                            && log.timeS()[last] - log.timeS()[restStart] >= minRestSeconds;
                    if (longRest && lastAmps <= 0) {
                        double z = 1 + log.capacityAh()[last] / capacityAh;
                        if (z >= 0 && z <= 1) {
                            double third = log.timeS()[last] - (log.timeS()[last] - log.timeS()[restStart]) / 3;
                            int m = last;
                            while (m > restStart && log.timeS()[m - 1] >= third) {
                                m--;
                            }
                            points.add(new double[] {
                                z, log.voltageV()[last], log.medianCelsius(), log.voltageV()[last] - log.voltageV()[m]
                            });
                        }
                    }
                    if (k < log.size()) {
                        lastAmps = log.currentA()[k];
                    }
                    restStart = k;
                } else if (Math.abs(log.currentA()[k - 1]) >= restAmps) {
                    restStart = k;
                }
            }
        }
        return points;
    }

    private OcvFit fitSlowBranches(List<CellTestLog> logs, double capacityAh, double dcResistanceOhms) {
        double[][] branches = slowBranches(logs, capacityAh, dcResistanceOhms);
        double[] discharge = branches[0];
        double[] charge = branches[1];
        return fitBranches(discharge, charge);
    }

    /**
     * The slow test's IR-corrected discharge and charge branches on the 1 % SOC grid
     * ({@code {discharge, charge}}, NaN where a branch has no sample).
     */
    double[][] slowBranches(List<CellTestLog> logs, double capacityAh, double dcResistanceOhms) {
        double[] dischargeSum = new double[GRID];
        int[] dischargeCount = new int[GRID];
        double[] chargeSum = new double[GRID];
        int[] chargeCount = new int[GRID];
        for (CellTestLog log : logs) {
            double ah = 0;
            for (int k = 0; k < log.size(); k++) {
                if (k > 0) {
                    ah += log.currentA()[k] * (log.timeS()[k] - log.timeS()[k - 1]) / 3600.0;
                }
                double i = log.currentA()[k];
                if (Math.abs(i) < restAmps) {
                    continue;
                }
                double counted = log.hasCapacityColumn() ? log.capacityAh()[k] : ah;
                double soc = 1 + counted / capacityAh;
                int bin = (int) Math.round(soc * (GRID - 1));
                if (bin < 0 || bin >= GRID) {
                    continue;
                }
                double ocv = log.voltageV()[k] - i * dcResistanceOhms;
                if (i < 0) {
                    dischargeSum[bin] += ocv;
                    dischargeCount[bin]++;
                } else {
                    chargeSum[bin] += ocv;
                    chargeCount[bin]++;
                }
            }
        }
        return new double[][] {branch(dischargeSum, dischargeCount), branch(chargeSum, chargeCount)};
    }

    private OcvFit fitBranches(double[] discharge, double[] charge) {
        double gap = medianGap(discharge, charge);
        boolean dischargeOnly = !Double.isNaN(gap) && Math.abs(gap) > maxHysteresisGapVolts;
        double[] span = Double.isNaN(gap)
                ? measuredSpan(countOf(discharge) > 0 ? discharge : charge, null)
                : measuredSpan(discharge, dischargeOnly ? null : charge);
        double[] ocv = new double[GRID];
        boolean averaged = false;
        String note;
        double hysteresis = 0;
        if (Double.isNaN(gap)) {
            boolean haveDischarge = countOf(discharge) > 0;
            copyFilled(haveDischarge ? discharge : charge, ocv);
            note = "only the " + (haveDischarge ? "discharge" : "charge") + " branch exists; used it as OCV";
        } else if (dischargeOnly) {
            copyFilled(discharge, ocv);
            note = String.format(
                    "charge branch sits %.0f mV above discharge (more than %.0f mV of plausible "
                            + "hysteresis); used the discharge branch only",
                    1000 * gap, 1000 * maxHysteresisGapVolts);
        } else {
            averaged = true;
            hysteresis = gap / 2;
            for (int b = 0; b < GRID; b++) {
                boolean d = !Double.isNaN(discharge[b]);
                boolean c = !Double.isNaN(charge[b]);
                ocv[b] = d && c
                        ? (discharge[b] + charge[b]) / 2
                        : d ? discharge[b] + gap / 2 : c ? charge[b] - gap / 2 : Double.NaN;
            }
            fillGaps(ocv);
            note = String.format("averaged charge and discharge branches; median gap %.1f mV", 1000 * gap);
        }
        double[] soc = new double[GRID];
        for (int b = 0; b < GRID; b++) {
            soc[b] = b / (double) (GRID - 1);
            if (b > 0) {
                ocv[b] = Math.max(ocv[b], ocv[b - 1]);
            }
        }
        return new OcvFit(new OcvCurve(soc, ocv, new double[GRID]), hysteresis, averaged, span[0], span[1], note);
    }

    /** The SOC span of the bins that hold samples, over one branch or (other not null) two. */
    private static double[] measuredSpan(double[] branch, double[] other) {
        int low = GRID;
        int high = -1;
        for (int b = 0; b < GRID; b++) {
            if (!Double.isNaN(branch[b]) || (other != null && !Double.isNaN(other[b]))) {
                low = Math.min(low, b);
                high = b;
            }
        }
        return high < 0 ? new double[] {0, 0} : new double[] {low / (double) (GRID - 1), high / (double) (GRID - 1)};
    }

    private static double[] branch(double[] sum, int[] count) {
        double[] out = new double[GRID];
        for (int b = 0; b < GRID; b++) {
            out[b] = count[b] > 0 ? sum[b] / count[b] : Double.NaN;
        }
        return out;
    }

    private static int countOf(double[] xs) {
        int n = 0;
        for (double x : xs) {
            n += Double.isNaN(x) ? 0 : 1;
        }
        return n;
    }

    private static double medianGap(double[] discharge, double[] charge) {
        double[] gaps = new double[GRID];
        int n = 0;
        // the ends of the branches carry the steep knees where binning errors are large
        for (int b = 10; b <= 90; b++) {
            if (!Double.isNaN(discharge[b]) && !Double.isNaN(charge[b])) {
                gaps[n++] = charge[b] - discharge[b];
            }
        }
        if (n < 10) {
            return Double.NaN;
        }
        double[] g = Arrays.copyOf(gaps, n);
        Arrays.sort(g);
        return g[n / 2];
    }

    private static void copyFilled(double[] from, double[] to) {
        System.arraycopy(from, 0, to, 0, GRID);
        fillGaps(to);
    }

    /** Fills missing bins by linear interpolation inside and by the nearest value at the ends. */
    private static void fillGaps(double[] v) {
        int first = -1;
        for (int b = 0; b < GRID; b++) {
            if (!Double.isNaN(v[b])) {
                if (first < 0) {
                    Arrays.fill(v, 0, b, v[b]);
                } else if (b - first > 1) {
                    for (int m = first + 1; m < b; m++) {
                        v[m] = v[first] + (v[b] - v[first]) * (m - first) / (double) (b - first);
                    }
                }
                first = b;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("OCV test has no samples with |current| >= the rest threshold");
        }
        Arrays.fill(v, first + 1, GRID, v[first]);
    }
}
