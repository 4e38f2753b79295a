package org.qsebms.bms.persistence;

import java.util.Arrays;
import java.util.List;
import org.qsebms.estimators.health.UsableCapacity;

/**
 * Everything persisted across power loss, as one immutable value.
 *
 * @param sequence                 increases with every write (diagnostics, and the crash test)
 * @param savedEpochMillis         wall-clock time of the write
 * @param cellSoc                  SOC per cell (fraction 0..1)
 * @param capacityAh               capacity estimate per cell (nominal until the health tracker has learnt it)
 * @param resistanceOhm            R0 per cell at 25 °C
 * @param seiResistanceOhm         interfacial/SEI part of R0 per cell at 25 °C
 * @param cycleCount               completed equivalent full cycles
 * @param ahThroughput             charge moved through the pack, both directions, in Ah
 * @param lithiumInventoryFraction excess lithium left in the worst cell as a fraction of new (NaN: N/P unknown)
 * @param faultLog                 most recent fault edges, oldest first
 * @param capacitySigmaAh          one-sigma uncertainty of each capacity estimate (NaN: not known, a file from before
 *                                 the health tracker)
 * @param excessLithiumAh          excess lithium left per cell (NaN: not known)
 * @param lithiumLossPerCycleAh    average lithium lost per cycle per cell (NaN: no cycle closed yet)
 * @param closedCycles             cycles closed by the lithium inventory per cell
 * @param resistanceHistory        resistance history, oldest first (bounded; halves its resolution when full)
 * @param usableCapacity           the last usable capacity measured from full to the cutoff (null: none yet)
 * @param latchedFaults            ids ({@code CODE.MSL}) of the faults latched at the time of the write: restored
 *                                 at start, so a crash or power loss never clears a latch
 */
public record PersistedState(
        long sequence,
        long savedEpochMillis,
        double[] cellSoc,
        double[] capacityAh,
        double[] resistanceOhm,
        double[] seiResistanceOhm,
        long cycleCount,
        double ahThroughput,
        double lithiumInventoryFraction,
        List<FaultLogEntry> faultLog,
        double[] capacitySigmaAh,
        double[] excessLithiumAh,
        double[] lithiumLossPerCycleAh,
        int[] closedCycles,
        List<ResistancePoint> resistanceHistory,
        UsableCapacity usableCapacity,
        List<String> latchedFaults) {

    public PersistedState {
        int n = cellSoc.length;
        if (capacityAh.length != n
                || resistanceOhm.length != n
                || seiResistanceOhm.length != n
                || capacitySigmaAh.length != n
                || excessLithiumAh.length != n
                || lithiumLossPerCycleAh.length != n
                || closedCycles.length != n) {
            throw new IllegalArgumentException("per-cell arrays must all have " + n + " entries");
        }
        cellSoc = cellSoc.clone();
        capacityAh = capacityAh.clone();
        resistanceOhm = resistanceOhm.clone();
        seiResistanceOhm = seiResistanceOhm.clone();
        faultLog = List.copyOf(faultLog);
        capacitySigmaAh = capacitySigmaAh.clone();
        excessLithiumAh = excessLithiumAh.clone();
        lithiumLossPerCycleAh = lithiumLossPerCycleAh.clone();
        closedCycles = closedCycles.clone();
        resistanceHistory = List.copyOf(resistanceHistory);
        latchedFaults = List.copyOf(latchedFaults);
    }

    /** A state without latched faults. */
    public PersistedState(
            long sequence,
            long savedEpochMillis,
            double[] cellSoc,
            double[] capacityAh,
            double[] resistanceOhm,
            double[] seiResistanceOhm,
            long cycleCount,
            double ahThroughput,
            double lithiumInventoryFraction,
            List<FaultLogEntry> faultLog,
            double[] capacitySigmaAh,
            double[] excessLithiumAh,
            double[] lithiumLossPerCycleAh,
            int[] closedCycles,
            List<ResistancePoint> resistanceHistory,
            UsableCapacity usableCapacity) {
        this(
                sequence,
                savedEpochMillis,
                cellSoc,
                capacityAh,
                resistanceOhm,
                seiResistanceOhm,
                cycleCount,
                ahThroughput,
                lithiumInventoryFraction,
                faultLog,
                capacitySigmaAh,
                excessLithiumAh,
                lithiumLossPerCycleAh,
                closedCycles,
                resistanceHistory,
                usableCapacity,
                LatchedFaults.fromLog(faultLog));
    }

    /** A state without health details (uncertainties, lithium per cell, history unknown). */
    public PersistedState(
            long sequence,
            long savedEpochMillis,
            double[] cellSoc,
            double[] capacityAh,
            double[] resistanceOhm,
            double[] seiResistanceOhm,
            long cycleCount,
            double ahThroughput,
            double lithiumInventoryFraction,
            List<FaultLogEntry> faultLog) {
        this(
                sequence,
                savedEpochMillis,
                cellSoc,
                capacityAh,
                resistanceOhm,
                seiResistanceOhm,
                cycleCount,
                ahThroughput,
                lithiumInventoryFraction,
                faultLog,
                nans(cellSoc.length),
                nans(cellSoc.length),
                nans(cellSoc.length),
                new int[cellSoc.length],
                List.of(),
                null,
                LatchedFaults.fromLog(faultLog));
    }

    /** This state under a new sequence number and fault log. */
    public PersistedState withSequenceAndFaultLog(long newSequence, List<FaultLogEntry> newFaultLog) {
        return new PersistedState(
                newSequence,
                savedEpochMillis,
                cellSoc,
                capacityAh,
                resistanceOhm,
                seiResistanceOhm,
                cycleCount,
                ahThroughput,
                lithiumInventoryFraction,
                newFaultLog,
                capacitySigmaAh,
                excessLithiumAh,
                lithiumLossPerCycleAh,
                closedCycles,
                resistanceHistory,
                usableCapacity,
                latchedFaults);
    }

    /** This state with another set of latched faults. */
    public PersistedState withLatchedFaults(List<String> latched) {
        return new PersistedState(
                sequence,
                savedEpochMillis,
                cellSoc,
                capacityAh,
                resistanceOhm,
                seiResistanceOhm,
                cycleCount,
                ahThroughput,
                lithiumInventoryFraction,
                faultLog,
                capacitySigmaAh,
                excessLithiumAh,
                lithiumLossPerCycleAh,
                closedCycles,
                resistanceHistory,
                usableCapacity,
                latched);
    }

    static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Safe defaults for a pack seen for the first time: SOC unknown (NaN: the estimator initialises from OCV). */
    public static PersistedState defaults(int cells, double capacityAh, double resistanceOhm) {
        double[] soc = new double[cells];
        Arrays.fill(soc, Double.NaN);
        double[] cap = new double[cells];
        Arrays.fill(cap, capacityAh);
        double[] r = new double[cells];
        Arrays.fill(r, resistanceOhm);
        return new PersistedState(0, 0, soc, cap, r, new double[cells], 0, 0.0, 1.0, List.of());
    }

    public int cellCount() {
        return cellSoc.length;
    }

    @Override
    public double[] cellSoc() {
        return cellSoc.clone();
    }

    @Override
    public double[] capacityAh() {
        return capacityAh.clone();
    }

    @Override
    public double[] resistanceOhm() {
        return resistanceOhm.clone();
    }

    @Override
    public double[] seiResistanceOhm() {
        return seiResistanceOhm.clone();
    }

    @Override
    public double[] capacitySigmaAh() {
        return capacitySigmaAh.clone();
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
        return o instanceof PersistedState p
                && sequence == p.sequence
                && savedEpochMillis == p.savedEpochMillis
                && Arrays.equals(cellSoc, p.cellSoc)
                && Arrays.equals(capacityAh, p.capacityAh)
                && Arrays.equals(resistanceOhm, p.resistanceOhm)
                && Arrays.equals(seiResistanceOhm, p.seiResistanceOhm)
                && cycleCount == p.cycleCount
                && Double.compare(ahThroughput, p.ahThroughput) == 0
                && Double.compare(lithiumInventoryFraction, p.lithiumInventoryFraction) == 0
                && faultLog.equals(p.faultLog)
                && Arrays.equals(capacitySigmaAh, p.capacitySigmaAh)
                && Arrays.equals(excessLithiumAh, p.excessLithiumAh)
                && Arrays.equals(lithiumLossPerCycleAh, p.lithiumLossPerCycleAh)
                && Arrays.equals(closedCycles, p.closedCycles)
                && resistanceHistory.equals(p.resistanceHistory)
                && java.util.Objects.equals(usableCapacity, p.usableCapacity)
                && latchedFaults.equals(p.latchedFaults);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(cellSoc);
    }

    @Override
    public String toString() {
        return "PersistedState[seq=" + sequence + ", cellSoc=" + Arrays.toString(cellSoc) + ", cycles=" + cycleCount
                + ", ahThroughput=" + ahThroughput + ", capacityAh=" + Arrays.toString(capacityAh) + ", faults="
                + faultLog.size()
                + ", history=" + resistanceHistory.size() + ", latched=" + latchedFaults + "]";
    }
}
