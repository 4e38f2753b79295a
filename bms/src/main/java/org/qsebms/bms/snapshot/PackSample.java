package org.qsebms.bms.snapshot;

import org.qsebms.bms.supervisor.SupervisorState;

/**
 * A mutable, preallocated copy of one tick's pack state, written by the control loop into a
 * {@link SampleRing} slot and read by the telemetry thread. Never shared while being written.
 */
public final class PackSample {
    public long sequence;
    public long nanos;
    public long epochMillis;
    public SupervisorState state = SupervisorState.INIT;
    public double packVolts;
    /** The pack current: the sensor's reading net of its zero, zero while the current path is open. */
    public double packAmps;
    /** The current sensor's zero learnt while the current path was open (A, sensor minus truth; 0 before one). */
    public double currentZeroAmps;

    public double minCellVolts;
    public double maxCellVolts;
    public double maxCelsius;
    public double minCelsius;
    public double packSoc;
    public double socBound3Sigma;
    /**
     * The largest voltage sigma the SOC filter is using on any cell (its design value, or more where
     * covariance matching found a larger model error), and that cell; NaN and -1 without a filter.
     */
    public double modelVoltageSigma = Double.NaN;

    public int modelVoltageSigmaCell = -1;
    public double chargeLimitAmps;
    public double dischargeLimitAmps;
    public boolean mainPositiveClosed;
    public boolean mainNegativeClosed;
    public boolean prechargeClosed;
    public boolean tripped;
    /** Whether the balancer may bleed (configured on, and not turned off by the operator's command). */
    public boolean balancingEnabled;
    /** Health (NaN while no tracker runs or an estimate does not exist yet; {@link #healthKnown} false without a tracker). */
    public boolean healthKnown;

    public double capacityAh;
    /** State of health: the weakest cell's capacity over the configured capacity. */
    public double soh;

    public double capacitySigmaAh;
    public int capacityWindows;
    public double seiOhm;
    public double seiTrendOhmPerDay;
    public String seiState = "unknown";
    public double lithiumInventoryFraction;
    public double coulombicEfficiency;
    public double cyclesToLithiumDepletion;
    public double equivalentFullCycles;
    public double rulCycles;
    public double rulEarlyCycles;
    public double rulLateCycles;
    /** Usable capacity: the last discharge measured from full to the cutoff (NaN before the first). */
    public double usableCapacityAh = Double.NaN;
    /** It over the configured capacity. */
    public double usableSoh = Double.NaN;
    /** The mean discharge rate (C) and cell temperature of that discharge. */
    public double usableCapacityC = Double.NaN;

    public double usableCapacityCelsius = Double.NaN;
    public int usableCapacityMeasurements;
    /** Why the last discharge from full was not measured; empty when it was. */
    public String usableCapacityNote = "";

    public final double[] cellVolts;
    public final double[] cellSoc;
    public final double[] cellCelsius;
    public final boolean[] balancing;
    /** R0 per cell normalised to 25 °C (NaN without a health tracker). */
    public final double[] cellR0Ohm;
    /** Per cell: its SOC rests on a model extrapolated beyond its characterisation (socQuality). */
    public final boolean[] cellSocExtrapolated;
    /** Per cell: it does not fit its preset, the bound is widened for it (socQuality "mismatched"). */
    public final boolean[] cellSocMismatched;
    /**
     * Per cell: the leak (A) the soft-short detector holds for it while it flags the cell, NaN while it does not (every
     * flagged cell, where the alarm names the one with the highest score).
     */
    public final double[] cellSoftShortLeakAmps;

    public PackSample(int cells, int temperatureChannels) {
        cellR0Ohm = new double[cells];
        java.util.Arrays.fill(cellR0Ohm, Double.NaN);
        cellVolts = new double[cells];
        cellSoc = new double[cells];
        cellCelsius = new double[temperatureChannels];
        balancing = new boolean[cells];
        cellSocExtrapolated = new boolean[cells];
        cellSocMismatched = new boolean[cells];
        cellSoftShortLeakAmps = new double[cells];
        java.util.Arrays.fill(cellSoftShortLeakAmps, Double.NaN);
    }

    /** Copies {@code other} into this sample (no allocation). */
    public void copyFrom(PackSample o) {
        sequence = o.sequence;
        nanos = o.nanos;
        epochMillis = o.epochMillis;
        state = o.state;
        packVolts = o.packVolts;
        packAmps = o.packAmps;
        currentZeroAmps = o.currentZeroAmps;
        balancingEnabled = o.balancingEnabled;
        minCellVolts = o.minCellVolts;
        maxCellVolts = o.maxCellVolts;
        maxCelsius = o.maxCelsius;
        minCelsius = o.minCelsius;
        packSoc = o.packSoc;
        socBound3Sigma = o.socBound3Sigma;
        modelVoltageSigma = o.modelVoltageSigma;
        modelVoltageSigmaCell = o.modelVoltageSigmaCell;
        chargeLimitAmps = o.chargeLimitAmps;
        dischargeLimitAmps = o.dischargeLimitAmps;
        mainPositiveClosed = o.mainPositiveClosed;
        mainNegativeClosed = o.mainNegativeClosed;
        prechargeClosed = o.prechargeClosed;
        tripped = o.tripped;
        healthKnown = o.healthKnown;
        capacityAh = o.capacityAh;
        soh = o.soh;
        capacitySigmaAh = o.capacitySigmaAh;
        capacityWindows = o.capacityWindows;
        seiOhm = o.seiOhm;
        seiTrendOhmPerDay = o.seiTrendOhmPerDay;
        seiState = o.seiState;
        lithiumInventoryFraction = o.lithiumInventoryFraction;
        coulombicEfficiency = o.coulombicEfficiency;
        cyclesToLithiumDepletion = o.cyclesToLithiumDepletion;
        equivalentFullCycles = o.equivalentFullCycles;
        rulCycles = o.rulCycles;
        rulEarlyCycles = o.rulEarlyCycles;
        rulLateCycles = o.rulLateCycles;
        usableCapacityAh = o.usableCapacityAh;
        usableSoh = o.usableSoh;
        usableCapacityC = o.usableCapacityC;
        usableCapacityCelsius = o.usableCapacityCelsius;
        usableCapacityMeasurements = o.usableCapacityMeasurements;
        usableCapacityNote = o.usableCapacityNote;
        System.arraycopy(o.cellR0Ohm, 0, cellR0Ohm, 0, cellR0Ohm.length);
        System.arraycopy(o.cellVolts, 0, cellVolts, 0, cellVolts.length);
        System.arraycopy(o.cellSoc, 0, cellSoc, 0, cellSoc.length);
        System.arraycopy(o.cellCelsius, 0, cellCelsius, 0, cellCelsius.length);
        System.arraycopy(o.balancing, 0, balancing, 0, balancing.length);
        System.arraycopy(o.cellSocExtrapolated, 0, cellSocExtrapolated, 0, cellSocExtrapolated.length);
        System.arraycopy(o.cellSocMismatched, 0, cellSocMismatched, 0, cellSocMismatched.length);
        System.arraycopy(o.cellSoftShortLeakAmps, 0, cellSoftShortLeakAmps, 0, cellSoftShortLeakAmps.length);
    }

    public int cellCount() {
        return cellVolts.length;
    }
}
