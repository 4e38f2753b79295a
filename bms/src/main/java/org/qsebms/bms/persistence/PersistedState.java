package org.qsebms.bms.persistence;

import java.util.Arrays;
import java.util.List;

/**
 * Everything persisted across power loss, as one immutable value.
 *
 * @param sequence                 increases with every write (diagnostics, and the crash test)
 * @param savedEpochMillis         wall-clock time of the write
 * @param cellSoc                  SOC per cell (fraction 0..1)
 * @param capacityAh               capacity per cell (placeholder: nominal until the estimators track it)
 * @param resistanceOhm            series resistance per cell (placeholder: nominal)
 * @param seiResistanceOhm         SEI part of the resistance per cell (placeholder: 0)
 * @param cycleCount               completed equivalent full cycles
 * @param ahThroughput             charge moved through the pack, both directions, in Ah
 * @param lithiumInventoryFraction remaining cyclable lithium as a fraction of new (placeholder: 1)
 * @param faultLog                 most recent fault edges, oldest first
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
        List<FaultLogEntry> faultLog) {

    public PersistedState {
        int n = cellSoc.length;
        if (capacityAh.length != n || resistanceOhm.length != n || seiResistanceOhm.length != n) {
            throw new IllegalArgumentException("per-cell arrays must all have " + n + " entries");
        }
        cellSoc = cellSoc.clone();
        capacityAh = capacityAh.clone();
        resistanceOhm = resistanceOhm.clone();
        seiResistanceOhm = seiResistanceOhm.clone();
        faultLog = List.copyOf(faultLog);
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
    public boolean equals(Object o) {
        return o instanceof PersistedState p && sequence == p.sequence && savedEpochMillis == p.savedEpochMillis
                && Arrays.equals(cellSoc, p.cellSoc) && Arrays.equals(capacityAh, p.capacityAh)
                && Arrays.equals(resistanceOhm, p.resistanceOhm) && Arrays.equals(seiResistanceOhm, p.seiResistanceOhm)
                && cycleCount == p.cycleCount && Double.compare(ahThroughput, p.ahThroughput) == 0
                && Double.compare(lithiumInventoryFraction, p.lithiumInventoryFraction) == 0 && faultLog.equals(p.faultLog);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(cellSoc);
    }

    @Override
    public String toString() {
        return "PersistedState[seq=" + sequence + ", cellSoc=" + Arrays.toString(cellSoc) + ", cycles=" + cycleCount
                + ", ahThroughput=" + ahThroughput + ", faults=" + faultLog.size() + "]";
    }
}
