package org.qsebms.bms.telemetry;

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
    public double packAmps;
    public double minCellVolts;
    public double maxCellVolts;
    public double maxCelsius;
    public double minCelsius;
    public double packSoc;
    public double socBound3Sigma;
    public double chargeLimitAmps;
    public double dischargeLimitAmps;
    public boolean mainPositiveClosed;
    public boolean mainNegativeClosed;
    public boolean prechargeClosed;
    public boolean tripped;
    public final double[] cellVolts;
    public final double[] cellSoc;
    public final double[] cellCelsius;
    public final boolean[] balancing;

    public PackSample(int cells, int temperatureChannels) {
        cellVolts = new double[cells];
        cellSoc = new double[cells];
        cellCelsius = new double[temperatureChannels];
        balancing = new boolean[cells];
    }

    /** Copies {@code other} into this sample (no allocation). */
    public void copyFrom(PackSample o) {
        sequence = o.sequence;
        nanos = o.nanos;
        epochMillis = o.epochMillis;
        state = o.state;
        packVolts = o.packVolts;
        packAmps = o.packAmps;
        minCellVolts = o.minCellVolts;
        maxCellVolts = o.maxCellVolts;
        maxCelsius = o.maxCelsius;
        minCelsius = o.minCelsius;
        packSoc = o.packSoc;
        socBound3Sigma = o.socBound3Sigma;
        chargeLimitAmps = o.chargeLimitAmps;
        dischargeLimitAmps = o.dischargeLimitAmps;
        mainPositiveClosed = o.mainPositiveClosed;
        mainNegativeClosed = o.mainNegativeClosed;
        prechargeClosed = o.prechargeClosed;
        tripped = o.tripped;
        System.arraycopy(o.cellVolts, 0, cellVolts, 0, cellVolts.length);
        System.arraycopy(o.cellSoc, 0, cellSoc, 0, cellSoc.length);
        System.arraycopy(o.cellCelsius, 0, cellCelsius, 0, cellCelsius.length);
        System.arraycopy(o.balancing, 0, balancing, 0, balancing.length);
    }

    public int cellCount() {
        return cellVolts.length;
    }
}
