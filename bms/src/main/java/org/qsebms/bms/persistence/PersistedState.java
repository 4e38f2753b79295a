package org.qsebms.bms.persistence;

import java.util.Arrays;
import java.util.List;
import org.qsebms.estimators.health.HealthState;
import org.qsebms.estimators.health.UsableCapacity;
import org.qsebms.estimators.soc.SocState;

/**
 * Everything persisted across power loss, as one immutable value. Each estimator's state is its
 * own record ({@link SocState} from the SOC filter, {@link HealthState} from the health tracker,
 * {@link UsableCapacity} from the usable-capacity meter), held here whole, so a new persisted estimate changes that estimator's
 * record and the file codec ({@link StateFile}), not this class.
 *
 * @param sequence         increases with every write (diagnostics, and the crash test)
 * @param savedEpochMillis wall-clock time of the write
 * @param operatingMillis  the controller's operating time at the write: milliseconds of its own monotonic loop
 *                         clock, summed over every run (a start continues from the value saved, so time powered
 *                         off is not counted and a wrong wall clock does not enter it); the repeated-trip
 *                         lockout ages its trips by it
 * @param soc              the SOC filter's state (SOC per cell, fraction 0..1; NaN: unknown)
 * @param cycleCount       completed equivalent full cycles
 * @param ahThroughput     charge moved through the pack, both directions, in Ah
 * @param faultLog         most recent fault edges, oldest first
 * @param health           the health tracker's state (nominal until the tracker has learnt it)
 * @param usableCapacity   the last usable capacity measured from full to the cutoff (null: none yet)
 * @param latchedFaults    ids ({@code CODE.MSL}) of the faults latched at the time of the write: restored at
 *                         start, so a crash or power loss never clears a latch
 * @param tripHistory      the repeated-trip lockout's recent trips (on the operating clock): restored at start, so a
 *                         pack that trips and is power-cycled still reaches the lockout
 */
public record PersistedState(
        long sequence,
        long savedEpochMillis,
        long operatingMillis,
        SocState soc,
        long cycleCount,
        double ahThroughput,
        List<FaultLogEntry> faultLog,
        HealthState health,
        UsableCapacity usableCapacity,
        List<String> latchedFaults,
        List<TripRecord> tripHistory) {

    public PersistedState {
        if (health.cellCount() != soc.cellCount()) {
            throw new IllegalArgumentException("per-cell arrays must all have " + soc.cellCount() + " entries");
        }
        faultLog = List.copyOf(faultLog);
        latchedFaults = List.copyOf(latchedFaults);
        tripHistory = List.copyOf(tripHistory);
    }

    /**
     * A builder for a state of {@code soc} and {@code health}: sequence, time, cycle count and
     * throughput 0, no fault log, no usable capacity measured, and the latched faults its fault log
     * leaves raised unless set.
     */
    public static Builder builder(SocState soc, HealthState health) {
        return new Builder(soc, health);
    }

    /** Named fields for a {@link PersistedState}; see {@link #builder}. */
    public static final class Builder {
        private final SocState soc;
        private final HealthState health;
        private long sequence;
        private long savedEpochMillis;
        private long operatingMillis;
        private long cycleCount;
        private double ahThroughput;
        private List<FaultLogEntry> faultLog = List.of();
        private UsableCapacity usableCapacity;
        private List<String> latchedFaults;
        private List<TripRecord> tripHistory = List.of();

        private Builder(SocState soc, HealthState health) {
            this.soc = soc;
            this.health = health;
        }

        public Builder sequence(long v) {
            sequence = v;
            return this;
        }

        public Builder savedEpochMillis(long v) {
            savedEpochMillis = v;
            return this;
        }

        /** The controller's operating time at the write (not set: 0). */
        public Builder operatingMillis(long v) {
            operatingMillis = v;
            return this;
        }

        public Builder cycleCount(long v) {
            cycleCount = v;
            return this;
        }

        public Builder ahThroughput(double v) {
            ahThroughput = v;
            return this;
        }

        public Builder faultLog(List<FaultLogEntry> v) {
            faultLog = v;
            return this;
        }

        /** The last usable capacity measured (null: none yet). */
        public Builder usableCapacity(UsableCapacity v) {
            usableCapacity = v;
            return this;
        }

        /** The latched faults (not set: those the fault log leaves raised). */
        public Builder latchedFaults(List<String> v) {
            latchedFaults = v;
            return this;
        }

        /** The repeated-trip lockout's recent trips (not set: none). */
        public Builder tripHistory(List<TripRecord> v) {
            tripHistory = v;
            return this;
        }

        public PersistedState build() {
            return new PersistedState(
                    sequence,
                    savedEpochMillis,
                    operatingMillis,
                    soc,
                    cycleCount,
                    ahThroughput,
                    faultLog,
                    health,
                    usableCapacity,
                    latchedFaults != null ? latchedFaults : LatchedFaults.fromLog(faultLog),
                    tripHistory);
        }
    }

    /** This state under a new sequence number and fault log. */
    public PersistedState withSequenceAndFaultLog(long newSequence, List<FaultLogEntry> newFaultLog) {
        return new PersistedState(
                newSequence,
                savedEpochMillis,
                operatingMillis,
                soc,
                cycleCount,
                ahThroughput,
                newFaultLog,
                health,
                usableCapacity,
                latchedFaults,
                tripHistory);
    }

    /** This state with another set of latched faults. */
    public PersistedState withLatchedFaults(List<String> latched) {
        return new PersistedState(
                sequence,
                savedEpochMillis,
                operatingMillis,
                soc,
                cycleCount,
                ahThroughput,
                faultLog,
                health,
                usableCapacity,
                latched,
                tripHistory);
    }

    /** This state at another operating time. */
    public PersistedState withOperatingMillis(long operating) {
        return new PersistedState(
                sequence,
                savedEpochMillis,
                operating,
                soc,
                cycleCount,
                ahThroughput,
                faultLog,
                health,
                usableCapacity,
                latchedFaults,
                tripHistory);
    }

    /** This state with another trip history. */
    public PersistedState withTripHistory(List<TripRecord> trips) {
        return new PersistedState(
                sequence,
                savedEpochMillis,
                operatingMillis,
                soc,
                cycleCount,
                ahThroughput,
                faultLog,
                health,
                usableCapacity,
                latchedFaults,
                trips);
    }

    static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Safe defaults for a pack seen for the first time: SOC unknown (NaN: the estimator initialises from OCV). */
    public static PersistedState defaults(int cells, double capacityAh, double resistanceOhm) {
        return builder(SocState.unknown(cells), HealthState.nominal(cells, capacityAh, resistanceOhm))
                .build();
    }

    public int cellCount() {
        return soc.cellCount();
    }

    /** SOC per cell (fraction 0..1; NaN: unknown). */
    public double[] cellSoc() {
        return soc.cellSoc();
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
                && operatingMillis == p.operatingMillis
                && soc.equals(p.soc)
                && cycleCount == p.cycleCount
                && Double.compare(ahThroughput, p.ahThroughput) == 0
                && faultLog.equals(p.faultLog)
                && health.equals(p.health)
                && java.util.Objects.equals(usableCapacity, p.usableCapacity)
                && latchedFaults.equals(p.latchedFaults)
                && tripHistory.equals(p.tripHistory);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + soc.hashCode();
    }

    @Override
    public String toString() {
        return "PersistedState[seq=" + sequence + ", cellSoc=" + Arrays.toString(soc.cellSoc()) + ", cycles="
                + cycleCount
                + ", ahThroughput=" + ahThroughput + ", capacityAh=" + Arrays.toString(health.capacityAh())
                + ", faults=" + faultLog.size() + ", history="
                + health.history().size() + ", latched="
                + latchedFaults + "]";
    }
}
