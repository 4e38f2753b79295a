package org.qsebms.bms.persistence;

import java.util.Arrays;
import java.util.List;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.health.UsableCapacity;

/**
 * Everything persisted across power loss, as one immutable value. Each estimator's state is its
 * own record ({@link HealthState} from the health tracker, {@link UsableCapacity} from the
 * usable-capacity meter), held here whole, so a new persisted estimate changes that estimator's
 * record and the file codec ({@link StateFile}), not this class.
 *
 * @param sequence         increases with every write (diagnostics, and the crash test)
 * @param savedEpochMillis wall-clock time of the write
 * @param cellSoc          SOC per cell (fraction 0..1)
 * @param cycleCount       completed equivalent full cycles
 * @param ahThroughput     charge moved through the pack, both directions, in Ah
 * @param faultLog         most recent fault edges, oldest first
 * @param health           the health tracker's state (nominal until the tracker has learnt it)
 * @param usableCapacity   the last usable capacity measured from full to the cutoff (null: none yet)
 * @param latchedFaults    ids ({@code CODE.MSL}) of the faults latched at the time of the write: restored at
 *                         start, so a crash or power loss never clears a latch
 */
public record PersistedState(
        long sequence,
        long savedEpochMillis,
        double[] cellSoc,
        long cycleCount,
        double ahThroughput,
        List<FaultLogEntry> faultLog,
        HealthState health,
        UsableCapacity usableCapacity,
        List<String> latchedFaults) {

    public PersistedState {
        if (health.cellCount() != cellSoc.length) {
            throw new IllegalArgumentException("per-cell arrays must all have " + cellSoc.length + " entries");
        }
        cellSoc = cellSoc.clone();
        faultLog = List.copyOf(faultLog);
        latchedFaults = List.copyOf(latchedFaults);
    }

    /** A state whose latched faults are those its fault log leaves raised. */
    public PersistedState(
            long sequence,
            long savedEpochMillis,
            double[] cellSoc,
            long cycleCount,
            double ahThroughput,
            List<FaultLogEntry> faultLog,
            HealthState health,
            UsableCapacity usableCapacity) {
        this(
                sequence,
                savedEpochMillis,
                cellSoc,
                cycleCount,
                ahThroughput,
                faultLog,
                health,
                usableCapacity,
                LatchedFaults.fromLog(faultLog));
    }

    /**
     * A state from the health figures one by one (the field order of the state file).
     *
     * @param capacityAh               capacity estimate per cell (nominal until the health tracker has learnt it)
     * @param resistanceOhm            R0 per cell at 25 °C
     * @param seiResistanceOhm         interfacial/SEI part of R0 per cell at 25 °C
     * @param lithiumInventoryFraction excess lithium left in the worst cell as a fraction of new (NaN: N/P unknown)
     * @param capacitySigmaAh          one-sigma uncertainty of each capacity estimate (NaN: not known, a file from
     *                                 before the health tracker)
     * @param excessLithiumAh          excess lithium left per cell (NaN: not known)
     * @param lithiumLossPerCycleAh    average lithium lost per cycle per cell (NaN: no cycle closed yet)
     * @param closedCycles             cycles closed by the lithium inventory per cell
     * @param resistanceHistory        resistance history, oldest first (bounded; halves its resolution when full)
     */
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
            UsableCapacity usableCapacity,
            List<String> latchedFaults) {
        this(
                sequence,
                savedEpochMillis,
                cellSoc,
                cycleCount,
                ahThroughput,
                faultLog,
                health(
                        cellSoc.length,
                        capacityAh,
                        resistanceOhm,
                        seiResistanceOhm,
                        lithiumInventoryFraction,
                        capacitySigmaAh,
                        excessLithiumAh,
                        lithiumLossPerCycleAh,
                        closedCycles,
                        resistanceHistory),
                usableCapacity,
                latchedFaults);
    }

    /** As above, with the latched faults its fault log leaves raised. */
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
                null);
    }

    private static HealthState health(
            int cells,
            double[] capacityAh,
            double[] resistanceOhm,
            double[] seiResistanceOhm,
            double lithiumInventoryFraction,
            double[] capacitySigmaAh,
            double[] excessLithiumAh,
            double[] lithiumLossPerCycleAh,
            int[] closedCycles,
            List<ResistancePoint> resistanceHistory) {
        if (capacityAh.length != cells
                || resistanceOhm.length != cells
                || seiResistanceOhm.length != cells
                || capacitySigmaAh.length != cells
                || excessLithiumAh.length != cells
                || lithiumLossPerCycleAh.length != cells
                || closedCycles.length != cells) {
            throw new IllegalArgumentException("per-cell arrays must all have " + cells + " entries");
        }
        return new HealthState(
                capacityAh,
                capacitySigmaAh,
                resistanceOhm,
                seiResistanceOhm,
                excessLithiumAh,
                lithiumLossPerCycleAh,
                closedCycles,
                lithiumInventoryFraction,
                resistanceHistory.stream()
                        .map(p -> new HealthState.HistoryPoint(
                                p.equivalentCycles(), p.epochDays(), p.r0Ohm(), p.seiOhm()))
                        .toList());
    }

    /** This state under a new sequence number and fault log. */
    public PersistedState withSequenceAndFaultLog(long newSequence, List<FaultLogEntry> newFaultLog) {
        return new PersistedState(
                newSequence,
                savedEpochMillis,
                cellSoc,
                cycleCount,
                ahThroughput,
                newFaultLog,
                health,
                usableCapacity,
                latchedFaults);
    }

    /** This state with another set of latched faults. */
    public PersistedState withLatchedFaults(List<String> latched) {
        return new PersistedState(
                sequence,
                savedEpochMillis,
                cellSoc,
                cycleCount,
                ahThroughput,
                faultLog,
                health,
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
        return new PersistedState(
                0, 0, nans(cells), 0, 0.0, List.of(), HealthState.nominal(cells, capacityAh, resistanceOhm), null);
    }

    public int cellCount() {
        return cellSoc.length;
    }

    @Override
    public double[] cellSoc() {
        return cellSoc.clone();
    }

    /** Capacity estimate per cell (nominal until the health tracker has learnt it). */
    public double[] capacityAh() {
        return health.capacityAh();
    }

    /** R0 per cell at 25 °C. */
    public double[] resistanceOhm() {
        return health.r0At25Ohms();
    }

    /** Interfacial/SEI part of R0 per cell at 25 °C. */
    public double[] seiResistanceOhm() {
        return health.seiOhms();
    }

    /** Excess lithium left in the worst cell as a fraction of new (NaN: N/P unknown). */
    public double lithiumInventoryFraction() {
        return health.lithiumInventoryFraction();
    }

    /** One-sigma uncertainty of each capacity estimate (NaN: not known, a file from before the health tracker). */
    public double[] capacitySigmaAh() {
        return health.capacitySigmaAh();
    }

    /** Excess lithium left per cell (NaN: not known). */
    public double[] excessLithiumAh() {
        return health.excessLithiumAh();
    }

    /** Average lithium lost per cycle per cell (NaN: no cycle closed yet). */
    public double[] lithiumLossPerCycleAh() {
        return health.lithiumLossPerCycleAh();
    }

    /** Cycles closed by the lithium inventory per cell. */
    public int[] closedCycles() {
        return health.closedCycles();
    }

    /** The resistance history, oldest first (bounded; halves its resolution when full). */
    public List<ResistancePoint> resistanceHistory() {
        return health.history().stream()
                .map(p -> new ResistancePoint(p.equivalentCycles(), p.epochDays(), p.r0Ohms(), p.seiOhms()))
                .toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersistedState p
                && sequence == p.sequence
                && savedEpochMillis == p.savedEpochMillis
                && Arrays.equals(cellSoc, p.cellSoc)
                && cycleCount == p.cycleCount
                && Double.compare(ahThroughput, p.ahThroughput) == 0
                && faultLog.equals(p.faultLog)
                && health.equals(p.health)
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
                + ", ahThroughput=" + ahThroughput + ", capacityAh=" + Arrays.toString(health.capacityAh())
                + ", faults=" + faultLog.size() + ", history="
                + health.history().size() + ", latched="
                + latchedFaults + "]";
    }
}
