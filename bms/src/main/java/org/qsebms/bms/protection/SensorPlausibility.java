package org.qsebms.bms.protection;

import org.qsebms.bms.measure.PackMeasurement;

/**
 * Cross-checks that find sensors which look healthy but cannot be right: a current read while the
 * current path is open (zero drift), a thermistor spread or rate of change no pack can produce,
 * and readings that stay bit-identical for many ticks while current flows (a stuck ADC).
 * Preallocated; one {@link #update} per tick, no allocation.
 */
final class SensorPlausibility {
    private final SupplementaryLimits limits;
    private final long rateWindowNanos;
    private final double[] lastCellVolts;
    private final int[] cellSame;
    private final double[] lastCelsius;
    private final int[] tempSame;
    private final double[] refCelsius;
    private double lastAmps = Double.NaN;
    private int currentSame;
    private long refNanos = Long.MIN_VALUE;

    boolean zeroDrift;
    boolean spread;
    boolean rate;
    int stuckCell = -1;
    int stuckTemp = -1;
    boolean stuckCurrent;
    /** Worst rate (°C/s) and its channel in the last window, for the reason text. */
    double worstRate;
    int worstRateChannel = -1;

    SensorPlausibility(SupplementaryLimits limits, int cells, int temps) {
        this.limits = limits;
        this.rateWindowNanos = limits.tempRateWindow().toNanos();
        lastCellVolts = new double[cells];
        cellSame = new int[cells];
        lastCelsius = new double[temps];
        tempSame = new int[temps];
        refCelsius = new double[temps];
        java.util.Arrays.fill(lastCellVolts, Double.NaN);
        java.util.Arrays.fill(lastCelsius, Double.NaN);
    }

    void update(PackMeasurement m) {
        boolean currentOk = m.currentStatus.isOk();
        zeroDrift = currentOk && m.currentPathOpen && Math.abs(m.packAmps) > limits.zeroDriftAmps();
        spread = m.maxTempIndex >= 0 && m.maxCelsius - m.minCelsius > limits.tempSpreadCelsius();
        updateRate(m);
        boolean flowing = currentOk && Math.abs(m.packAmps) > limits.stuckMinAmps();
        stuckCell = -1;
        for (int i = 0; i < lastCellVolts.length; i++) {
            double v = m.cellVolts[i];
            cellSame[i] = flowing && m.cellStatus[i].isOk() && v == lastCellVolts[i] ? cellSame[i] + 1 : 0;
            lastCellVolts[i] = v;
            if (stuckCell < 0 && cellSame[i] >= limits.cellStuckTicks() - 1) {
                stuckCell = i;
            }
        }
        stuckTemp = -1;
        for (int i = 0; i < lastCelsius.length; i++) {
            double t = m.cellCelsius[i];
            tempSame[i] = flowing && m.tempStatus[i].isOk() && t == lastCelsius[i] ? tempSame[i] + 1 : 0;
            lastCelsius[i] = t;
            if (stuckTemp < 0 && tempSame[i] >= limits.tempStuckTicks() - 1) {
                stuckTemp = i;
            }
        }
        currentSame = flowing && m.packAmps == lastAmps ? currentSame + 1 : 0;
        lastAmps = m.packAmps;
        stuckCurrent = currentSame >= limits.currentStuckTicks() - 1;
    }

    /** Rate of change per thermistor over a window; the verdict holds until the next window closes. */
    private void updateRate(PackMeasurement m) {
        if (refNanos == Long.MIN_VALUE) {
            refNanos = m.nanos;
            System.arraycopy(m.cellCelsius, 0, refCelsius, 0, refCelsius.length);
            return;
        }
        long dt = m.nanos - refNanos;
        if (dt < rateWindowNanos) {
            return;
        }
        double seconds = dt / 1e9;
        rate = false;
        worstRate = 0;
        worstRateChannel = -1;
        for (int i = 0; i < refCelsius.length; i++) {
            if (m.tempStatus[i].isOk() && Double.isFinite(refCelsius[i])) {
                double r = Math.abs(m.cellCelsius[i] - refCelsius[i]) / seconds;
                if (r > worstRate) {
                    worstRate = r;
                    worstRateChannel = i;
                }
            }
            refCelsius[i] = m.tempStatus[i].isOk() ? m.cellCelsius[i] : Double.NaN;
        }
        rate = worstRate > limits.tempRateCelsiusPerS();
        refNanos = m.nanos;
    }
}
