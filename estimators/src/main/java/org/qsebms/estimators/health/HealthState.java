package org.qsebms.estimators.health;

import java.util.Arrays;
import java.util.List;

/**
 * What a {@link CellHealthTracker} carries across a restart, as one value: the tracker exports it
 * ({@link CellHealthTracker#exportInto}, through a preallocated {@link Capture} on the loop
 * thread) and imports it ({@link CellHealthTracker#importState}); a state file stores it. A new
 * persisted figure is a component here, a line in the tracker's export and import, and a line in
 * the file codec.
 *
 * @param capacityAh               capacity estimate per cell
 * @param capacitySigmaAh          one-sigma uncertainty of each capacity (NaN: not known)
 * @param r0At25Ohms               R0 per cell at 25 °C
 * @param seiOhms                  interfacial/SEI part of R0 per cell at 25 °C (derived from R0: exported, not imported)
 * @param excessLithiumAh          excess lithium left per cell (NaN: not known)
 * @param lithiumLossPerCycleAh    average lithium lost per cycle per cell (NaN: no cycle closed yet)
 * @param closedCycles             cycles closed by the lithium inventory per cell
 * @param lithiumInventoryFraction excess lithium left in the worst cell as a fraction of new (derived: exported only)
 * @param history                  the resistance history, oldest first
 */
public record HealthState(
        double[] capacityAh,
        double[] capacitySigmaAh,
        double[] r0At25Ohms,
        double[] seiOhms,
        double[] excessLithiumAh,
        double[] lithiumLossPerCycleAh,
        int[] closedCycles,
        double lithiumInventoryFraction,
        List<HistoryPoint> history) {

    /** One point of the resistance history: equivalent full cycles, days since the epoch, worst R0 and its SEI part. */
    public record HistoryPoint(double equivalentCycles, double epochDays, double r0Ohms, double seiOhms) {}

    public HealthState {
        int n = capacityAh.length;
        if (capacitySigmaAh.length != n
                || r0At25Ohms.length != n
                || seiOhms.length != n
                || excessLithiumAh.length != n
                || lithiumLossPerCycleAh.length != n
                || closedCycles.length != n) {
            throw new IllegalArgumentException("per-cell health arrays must all have " + n + " entries");
        }
        capacityAh = capacityAh.clone();
        capacitySigmaAh = capacitySigmaAh.clone();
        r0At25Ohms = r0At25Ohms.clone();
        seiOhms = seiOhms.clone();
        excessLithiumAh = excessLithiumAh.clone();
        lithiumLossPerCycleAh = lithiumLossPerCycleAh.clone();
        closedCycles = closedCycles.clone();
        history = List.copyOf(history);
    }

    /**
     * A pack seen for the first time: every cell at {@code capacityAh} and {@code r0Ohms}, no SEI
     * part, uncertainties and lithium unknown, no cycle closed, no history.
     */
    public static HealthState nominal(int cells, double capacityAh, double r0Ohms) {
        double[] cap = new double[cells];
        Arrays.fill(cap, capacityAh);
        double[] r = new double[cells];
        Arrays.fill(r, r0Ohms);
        return new HealthState(
                cap, nans(cells), r, new double[cells], nans(cells), nans(cells), new int[cells], 1.0, List.of());
    }

    static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    public int cellCount() {
        return capacityAh.length;
    }

    @Override
    public double[] capacityAh() {
        return capacityAh.clone();
    }

    @Override
    public double[] capacitySigmaAh() {
        return capacitySigmaAh.clone();
    }

    @Override
    public double[] r0At25Ohms() {
        return r0At25Ohms.clone();
    }

    @Override
    public double[] seiOhms() {
        return seiOhms.clone();
    }

    @Override
    public double[] excessLithiumAh() {
        return excessLithiumAh.clone();
    }

    @Override
    public double[] lithiumLossPerCycleAh() {
        return lithiumLossPerCycleAh.clone();
    }

    @Override
    public int[] closedCycles() {
        return closedCycles.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthState h
                && Arrays.equals(capacityAh, h.capacityAh)
                && Arrays.equals(capacitySigmaAh, h.capacitySigmaAh)
                && Arrays.equals(r0At25Ohms, h.r0At25Ohms)
                && Arrays.equals(seiOhms, h.seiOhms)
                && Arrays.equals(excessLithiumAh, h.excessLithiumAh)
                && Arrays.equals(lithiumLossPerCycleAh, h.lithiumLossPerCycleAh)
                && Arrays.equals(closedCycles, h.closedCycles)
                && Double.compare(lithiumInventoryFraction, h.lithiumInventoryFraction) == 0
                && history.equals(h.history);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(capacityAh) * 31 + Arrays.hashCode(r0At25Ohms);
    }

    @Override
    public String toString() {
        return "HealthState[capacityAh=" + Arrays.toString(capacityAh) + ", r0At25Ohms=" + Arrays.toString(r0At25Ohms)
                + ", history=" + history.size() + "]";
    }

    /**
     * The tracker's figures copied on the loop thread into preallocated arrays (no allocation; the
     * history only when it changed), turned into a {@link HealthState} on the thread that writes it.
     */
    public static final class Capture {
        final double[] capacityAh;
        final double[] capacitySigmaAh;
        final double[] r0At25Ohms;
        final double[] seiOhms;
        final double[] excessLithiumAh;
        final double[] lithiumLossPerCycleAh;
        final int[] closedCycles;
        double lithiumInventoryFraction;
        final double[] historyCycles;
        final double[] historyDays;
        final double[] historyR0;
        final double[] historySei;
        int historySize;
        long historyRevision = Long.MIN_VALUE;

        /** @param historyPoints history points kept at most (the newest ones) */
        public Capture(int cells, int historyPoints) {
            capacityAh = new double[cells];
            capacitySigmaAh = new double[cells];
            r0At25Ohms = new double[cells];
            seiOhms = new double[cells];
            excessLithiumAh = new double[cells];
            lithiumLossPerCycleAh = new double[cells];
            closedCycles = new int[cells];
            historyCycles = new double[historyPoints];
            historyDays = new double[historyPoints];
            historyR0 = new double[historyPoints];
            historySei = new double[historyPoints];
        }

        public int cellCount() {
            return capacityAh.length;
        }

        /** The captured figures as a value (allocates: call off the loop thread). */
        public HealthState toState() {
            HistoryPoint[] points = new HistoryPoint[historySize];
            for (int k = 0; k < historySize; k++) {
                points[k] = new HistoryPoint(historyCycles[k], historyDays[k], historyR0[k], historySei[k]);
            }
            return new HealthState(
                    capacityAh,
                    capacitySigmaAh,
                    r0At25Ohms,
                    seiOhms,
                    excessLithiumAh,
                    lithiumLossPerCycleAh,
                    closedCycles,
                    lithiumInventoryFraction,
                    List.of(points));
        }
    }
}
