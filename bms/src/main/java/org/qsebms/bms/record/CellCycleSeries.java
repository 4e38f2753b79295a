package org.qsebms.bms.record;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell's (or the pack's) comparable cycles from a record, in cycle order, and the figures a
 * report states about them. Comparable cycles are those that ended at the discharge cutoff (same
 * window every time); when a record has none, every cycle with both a charge and a discharge that
 * did not end on a fault or an operator's command. Retention is each cycle's discharge over the
 * median of the first {@value #REFERENCE_CYCLES} comparable cycles.
 */
public final class CellCycleSeries {
    static final int REFERENCE_CYCLES = 5;

    private final String name;
    private final long[] cycle;
    private final double[] dischargeAh;
    private final double[] coulombicEfficiency;
    private final double[] polarizationVolts;
    private final double[] r0Ohms;
    private final double[] seiOhms;
    private final double referenceAh;
    private final int cyclesRecorded;

    CellCycleSeries(String name, List<CycleRow> comparable, int cyclesRecorded) {
        this.name = name;
        this.cyclesRecorded = cyclesRecorded;
        int n = comparable.size();
        cycle = new long[n];
        dischargeAh = new double[n];
        coulombicEfficiency = new double[n];
        polarizationVolts = new double[n];
        r0Ohms = new double[n];
        seiOhms = new double[n];
        for (int i = 0; i < n; i++) {
            CycleRow r = comparable.get(i);
            cycle[i] = r.cycle();
            dischargeAh[i] = r.dischargeAh();
            coulombicEfficiency[i] = r.coulombicEfficiency();
            polarizationVolts[i] = r.polarizationVolts();
            r0Ohms[i] = r.r0At25Ohms();
            seiOhms[i] = r.seiAt25Ohms();
        }
        double[] first = java.util.Arrays.copyOf(dischargeAh, Math.min(REFERENCE_CYCLES, n));
        java.util.Arrays.sort(first);
        referenceAh = first.length == 0 ? Double.NaN : first[first.length / 2];
    }

    /** The comparable cycles of {@code rows} for cell {@code cell} (1-based). */
    public static CellCycleSeries ofCell(List<CycleRow> rows, int cell) {
        List<CycleRow> mine = new ArrayList<>();
        for (CycleRow r : rows) {
            if (r.kind() == CycleRow.Kind.CYCLE && r.cell() == cell) {
                mine.add(r);
            }
        }
        return new CellCycleSeries("cell " + cell, comparable(mine), mine.size());
    }

    /**
     * The pack as a series string: per cycle the smallest discharge over the cells (what the string
     * delivers), the lowest coulombic efficiency, the largest polarization, R0 and SEI part.
     */
    public static CellCycleSeries ofPack(List<CycleRow> rows) {
        java.util.TreeMap<Long, List<CycleRow>> byCycle = new java.util.TreeMap<>();
        for (CycleRow r : rows) {
            if (r.kind() == CycleRow.Kind.CYCLE) {
                byCycle.computeIfAbsent(r.cycle(), k -> new ArrayList<>()).add(r);
            }
        }
        List<CycleRow> pack = new ArrayList<>();
        for (List<CycleRow> cells : byCycle.values()) {
            CycleRow worst = cells.getFirst();
            double minDis = Double.POSITIVE_INFINITY;
            double charge = 0;
            double maxPol = Double.NEGATIVE_INFINITY;
            double maxR0 = Double.NaN;
            double maxSei = Double.NaN;
            double minCe = Double.POSITIVE_INFINITY;
            for (CycleRow c : cells) {
                if (c.dischargeAh() < minDis) {
                    minDis = c.dischargeAh();
                }
                double ce = c.coulombicEfficiency();
                if (ce < minCe) {
                    minCe = ce;
                    charge = c.chargeAh();
                }
                maxPol = Math.max(maxPol, c.polarizationVolts());
                maxR0 = Double.isNaN(maxR0) ? c.r0At25Ohms() : Math.max(maxR0, c.r0At25Ohms());
                maxSei = Double.isNaN(maxSei) ? c.seiAt25Ohms() : Math.max(maxSei, c.seiAt25Ohms());
            }
            if (!Double.isFinite(minCe)) {
                charge = worst.chargeAh();
                minCe = Double.NaN;
            }
            // one synthetic row: discharge of the string; charge chosen so that the row's CE is the lowest cell's
            double chargeAh = Double.isFinite(minCe) && minCe > 0 ? minDis / minCe : charge;
            double meanDis = 3.0;
            double meanCharge = meanDis + maxPol;
            pack.add(CycleRow.builder()
                    .kind(CycleRow.Kind.CYCLE)
                    .cycle(worst.cycle())
                    .cell(0)
                    .startMillis(worst.startMillis())
                    .endMillis(worst.endMillis())
                    .chargeAh(chargeAh)
                    .dischargeAh(minDis)
                    .chargeWh(chargeAh * meanCharge)
                    .dischargeWh(minDis * meanDis)
                    .r0At25Ohms(maxR0)
                    .seiAt25Ohms(maxSei)
                    .end(worst.end())
                    .build());
        }
        return new CellCycleSeries("pack", comparable(pack), byCycle.size());
    }

    private static List<CycleRow> comparable(List<CycleRow> rows) {
        List<CycleRow> cutoff = new ArrayList<>();
        List<CycleRow> both = new ArrayList<>();
        for (CycleRow r : rows) {
            // a cycle moves comparable charge both ways (not the first discharge of a run, nor a top-up)
            if (!(r.chargeAh() >= 0.5 * r.dischargeAh()) || !(r.dischargeAh() >= 0.5 * r.chargeAh())) {
                continue;
            }
            if (r.end() == CycleEnd.CUTOFF) {
                cutoff.add(r);
            }
            if (r.end() != CycleEnd.FAULT && r.end() != CycleEnd.OPERATOR) {
                both.add(r);
            }
        }
        return cutoff.isEmpty() ? both : cutoff;
    }

    public String name() {
        return name;
    }

    /** Cycles in the record for this cell (comparable or not). */
    public int cyclesRecorded() {
        return cyclesRecorded;
    }

    public int size() {
        return cycle.length;
    }

    public long cycle(int i) {
        return cycle[i];
    }

    public double dischargeAh(int i) {
        return dischargeAh[i];
    }

    /** The median discharge of the first comparable cycles: 100 % retention. */
    public double referenceAh() {
        return referenceAh;
    }

    public double retention(int i) {
        return dischargeAh[i] / referenceAh;
    }

    public double coulombicEfficiency(int i) {
        return coulombicEfficiency[i];
    }

    public double polarizationVolts(int i) {
        return polarizationVolts[i];
    }

    public double r0Ohms(int i) {
        return r0Ohms[i];
    }

    public double seiOhms(int i) {
        return seiOhms[i];
    }

    /** Least-squares line of retention against cycle number; null with fewer than three comparable cycles. */
    public FadeFit fade() {
        int n = size();
        if (n < 3) {
            return null;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += cycle[i];
            my += retention(i);
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (cycle[i] - mx) * (cycle[i] - mx);
            sxy += (cycle[i] - mx) * (retention(i) - my);
        }
        if (sxx == 0) {
            return null;
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double e = retention(i) - (intercept + slope * cycle[i]);
            sse += e * e;
        }
        double slopeSigma = Math.sqrt(sse / Math.max(1, n - 2) / sxx);
        return new FadeFit(intercept, slope, slopeSigma, cycle[n - 1]);
    }

    /** Mean coulombic efficiency over the comparable cycles (NaN without any). */
    public double meanCoulombicEfficiency() {
        double s = 0;
        int k = 0;
        for (double ce : coulombicEfficiency) {
            if (Double.isFinite(ce)) {
                s += ce;
                k++;
            }
        }
        return k == 0 ? Double.NaN : s / k;
    }

    /**
     * Retention against cycle number as a line {@code intercept + slope x cycle}.
     *
     * @param slopeSigma one standard error of the slope
     * @param lastCycle  the last comparable cycle
     */
    public record FadeFit(double intercept, double slope, double slopeSigma, long lastCycle) {
        /** Fade per 100 cycles in percentage points (positive: capacity falls). */
        public double fadePercentPer100() {
            return -100 * 100 * slope;
        }

        public double fadeSigmaPercentPer100() {
            return 100 * 100 * slopeSigma;
        }

        /**
         * The cycle at which the line reaches {@code fraction}, with slope {@code slope - k sigma} (may lie before
         * {@link #lastCycle()} when the cell is already below it); infinite without fade.
         */
        public double cycleAt(double fraction, double k) {
            double s = slope - k * slopeSigma;
            if (!(s < 0)) {
                return Double.POSITIVE_INFINITY;
            }
            return (fraction - intercept) / s;
        }

        /** True when the fade is at least twice its standard error (a projection means something). */
        public boolean measurable() {
            return slope < 0 && -slope >= 2 * slopeSigma;
        }
    }
}
