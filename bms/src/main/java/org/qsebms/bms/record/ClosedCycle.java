package org.qsebms.bms.record;

import java.util.Arrays;

/**
 * One closed cycle (or one diagnostic checkpoint) of every cell, as mutable preallocated arrays:
 * the loop fills one, the queue copies it into a slot, the writer copies it out. Never shared
 * between threads without a copy.
 */
public final class ClosedCycle {
    public long cycle;
    public long startMillis;
    public long endMillis;
    public CycleEnd end = CycleEnd.PARTIAL;
    public final double[] chargeAh;
    public final double[] dischargeAh;
    public final double[] chargeWh;
    public final double[] dischargeWh;
    public final double[] minCelsius;
    public final double[] maxCelsius;
    public final double[] r0At25Ohms;
    public final double[] seiAt25Ohms;
    public final double[] excessLithiumAh;
    public final double[] capacityAh;
    /** Relaxed OCV (checkpoints only; NaN in cycle rows). */
    public final double[] ocvVolts;
    /** SOC of the relaxed OCV point (checkpoints only; NaN in cycle rows). */
    public final double[] socFraction;

    public ClosedCycle(int cells) {
        chargeAh = new double[cells];
        dischargeAh = new double[cells];
        chargeWh = new double[cells];
        dischargeWh = new double[cells];
        minCelsius = new double[cells];
        maxCelsius = new double[cells];
        r0At25Ohms = new double[cells];
        seiAt25Ohms = new double[cells];
        excessLithiumAh = new double[cells];
        capacityAh = new double[cells];
        ocvVolts = new double[cells];
        socFraction = new double[cells];
        clear();
    }

    public int cellCount() {
        return chargeAh.length;
    }

    /** Every figure unknown (NaN), counters zero. */
    public void clear() {
        cycle = 0;
        startMillis = 0;
        endMillis = 0;
        end = CycleEnd.PARTIAL;
        Arrays.fill(chargeAh, 0.0);
        Arrays.fill(dischargeAh, 0.0);
        Arrays.fill(chargeWh, 0.0);
        Arrays.fill(dischargeWh, 0.0);
        Arrays.fill(minCelsius, Double.NaN);
        Arrays.fill(maxCelsius, Double.NaN);
        Arrays.fill(r0At25Ohms, Double.NaN);
        Arrays.fill(seiAt25Ohms, Double.NaN);
        Arrays.fill(excessLithiumAh, Double.NaN);
        Arrays.fill(capacityAh, Double.NaN);
        Arrays.fill(ocvVolts, Double.NaN);
        Arrays.fill(socFraction, Double.NaN);
    }

    /** Copies {@code o} into this (same cell count); allocates nothing. */
    public void copyFrom(ClosedCycle o) {
        cycle = o.cycle;
        startMillis = o.startMillis;
        endMillis = o.endMillis;
        end = o.end;
        int n = chargeAh.length;
        System.arraycopy(o.chargeAh, 0, chargeAh, 0, n);
        System.arraycopy(o.dischargeAh, 0, dischargeAh, 0, n);
        System.arraycopy(o.chargeWh, 0, chargeWh, 0, n);
        System.arraycopy(o.dischargeWh, 0, dischargeWh, 0, n);
        System.arraycopy(o.minCelsius, 0, minCelsius, 0, n);
        System.arraycopy(o.maxCelsius, 0, maxCelsius, 0, n);
        System.arraycopy(o.r0At25Ohms, 0, r0At25Ohms, 0, n);
        System.arraycopy(o.seiAt25Ohms, 0, seiAt25Ohms, 0, n);
        System.arraycopy(o.excessLithiumAh, 0, excessLithiumAh, 0, n);
        System.arraycopy(o.capacityAh, 0, capacityAh, 0, n);
        System.arraycopy(o.ocvVolts, 0, ocvVolts, 0, n);
        System.arraycopy(o.socFraction, 0, socFraction, 0, n);
    }

    /** The rows of this cycle, one per cell (allocates: writer side only). */
    public CycleRow[] rows() {
        CycleRow[] rows = new CycleRow[chargeAh.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = CycleRow.builder()
                    .kind(end == CycleEnd.CHECKPOINT ? CycleRow.Kind.CHECKPOINT : CycleRow.Kind.CYCLE)
                    .cycle(cycle)
                    .cell(i + 1)
                    .startMillis(startMillis)
                    .endMillis(endMillis)
                    .chargeAh(chargeAh[i])
                    .dischargeAh(dischargeAh[i])
                    .chargeWh(chargeWh[i])
                    .dischargeWh(dischargeWh[i])
                    .r0At25Ohms(r0At25Ohms[i])
                    .seiAt25Ohms(seiAt25Ohms[i])
                    .minCelsius(minCelsius[i])
                    .maxCelsius(maxCelsius[i])
                    .excessLithiumAh(excessLithiumAh[i])
                    .capacityAh(capacityAh[i])
                    .end(end)
                    .ocvVolts(ocvVolts[i])
                    .socFraction(socFraction[i])
                    .build();
        }
        return rows;
    }
}
