package org.qsebms.bms.record;

import java.util.Optional;
import org.qsebms.estimators.health.CellHealthTracker;

/**
 * Cuts the measured charge flow of a series string into cycles, per cell, on the control loop.
 * A cycle ends with its last discharge and the rest after it, so one cycle runs from the start of
 * a charge to the start of the next; it is closed once the pack has charged
 * {@link CycleRules#minPhaseAh()} since that discharge, after the net charge fell at least as much
 * from its highest point in the cycle (smaller charges, such as regenerative pulses, stay inside).
 * Two sums per cell make that allocation-free: one up to the cycle's candidate end,
 * one since; a new extreme folds the second into the first. A cycle is handed to the
 * {@link CycleSink} (which copies it) with the health tracker's R0, SEI part, lithium and capacity
 * at that moment. Only valid ticks are fed. Current is positive while charging.
 */
public final class CycleCounter {
    private final CycleRules rules;
    private final CycleSink sink;
    private final int cells;
    private final CycleSums upToTrough;
    private final CycleSums sinceTrough;
    private final ClosedCycle out;
    /** Where the R0, SEI, lithium and capacity columns come from (null: none, they stay empty). */
    private final CellHealthTracker health;

    private long nextCycle;
    private boolean started;
    private double netAh;
    private double peakAh;
    private double troughAh;
    private double sincePeakAh;
    private CycleEnd troughEnd = CycleEnd.PARTIAL;
    private boolean wasDischarging;
    /** Charge of the discharge stretch in progress (Ah). */
    private double stretchAh;

    private double lastDischargeMinVolts;
    private double lastDischargeAmps;
    private double lastDischargeLimitAmps;
    private long troughRevision;
    private long closed;

    /**
     * A counter without health columns (they stay empty).
     *
     * @param firstCycle the number the first closed cycle gets (one past the record's last)
     */
    public CycleCounter(int cells, CycleRules rules, CycleSink sink, long firstCycle) {
        this(cells, rules, sink, firstCycle, Optional.empty());
    }

    /**
     * @param firstCycle the number the first closed cycle gets (one past the record's last)
     * @param health     where the R0, SEI, lithium and capacity columns come from
     */
    public CycleCounter(int cells, CycleRules rules, CycleSink sink, long firstCycle, CellHealthTracker health) {
        this(cells, rules, sink, firstCycle, Optional.of(health));
    }

    private CycleCounter(
            int cells, CycleRules rules, CycleSink sink, long firstCycle, Optional<CellHealthTracker> health) {
        this.health = health.orElse(null);
        this.cells = cells;
        this.rules = rules;
        this.sink = sink;
        this.upToTrough = new CycleSums(cells);
        this.sinceTrough = new CycleSums(cells);
        this.out = new ClosedCycle(cells);
        this.nextCycle = Math.max(1, firstCycle);
    }

    /**
     * One valid tick.
     *
     * @param bleedAmps          each cell's balancing bleed current over the step (null: none)
     * @param minCellVolts       the lowest cell now
     * @param tripped            protection has tripped (contactors open on a fault)
     * @param operatorOpening    the contactors are being opened on an operator's request
     * @param dischargeLimitAmps the discharge limit published this tick
     */
    public void update(
            long epochMillis,
            double packAmps,
            double[] cellVolts,
            double[] cellCelsius,
            double[] bleedAmps,
            double dtSeconds,
            double minCellVolts,
            boolean tripped,
            boolean operatorOpening,
            double dischargeLimitAmps) {
        if (!started) {
            started = true;
            upToTrough.reset(epochMillis);
            sinceTrough.reset(epochMillis);
        }
        // only real current counts: a sensor's noise and zero offset integrated over rests would bias both ways
        double flowingAmps = Math.abs(packAmps) > rules.restAmps() ? packAmps : 0.0;
        for (int i = 0; i < cells; i++) {
            double bleed = bleedAmps == null ? 0.0 : bleedAmps[i];
            sinceTrough.add(i, flowingAmps - bleed, cellVolts[i], cellCelsius[i], dtSeconds);
        }
        sinceTrough.endMillis = epochMillis;
        netAh += flowingAmps * dtSeconds / 3600.0;
        sincePeakAh = Math.max(sincePeakAh, netAh);
        boolean discharging = packAmps < -rules.restAmps();
        if (netAh >= peakAh) {
            peakAh = netAh;
            foldAt(epochMillis, true);
        } else if (discharging) {
            // discharging: the cycle reaches at least to here (a charge too small to close it stays inside)
            foldAt(epochMillis, false);
        } else if (packAmps <= rules.restAmps() && netAh <= troughAh + 0.01 * rules.minPhaseAh()) {
            // rest right after the last discharge belongs to its cycle
            foldAt(epochMillis, false);
        }
        if (discharging) {
            wasDischarging = true;
            stretchAh -= packAmps * dtSeconds / 3600.0;
            lastDischargeMinVolts = minCellVolts;
            lastDischargeAmps = -packAmps;
            lastDischargeLimitAmps = dischargeLimitAmps;
        } else if (wasDischarging) {
            wasDischarging = false;
            // a spike (noise at rest, a charger's start-up transient) says nothing about how the discharge ended
            if (stretchAh >= 0.1 * rules.minPhaseAh()) {
                troughEnd = classify(tripped, operatorOpening);
            }
            stretchAh = 0;
        }
        if (peakAh - troughAh >= rules.minPhaseAh() && netAh - troughAh >= rules.minPhaseAh()) {
            close(troughEnd);
            // the stretch since the trough begins the next cycle; we are at (or near) its highest point
            upToTrough.reset(sinceTrough.startMillis);
            upToTrough.absorb(sinceTrough);
            sinceTrough.reset(epochMillis);
            peakAh = sincePeakAh;
            troughAh = netAh;
            sincePeakAh = netAh;
            troughEnd = CycleEnd.PARTIAL;
            troughRevision++;
        }
    }

    /** The lowest point so far is now: fold the stretch since the last one in. */
    private void foldAt(long epochMillis, boolean resetEnd) {
        upToTrough.absorb(sinceTrough);
        sinceTrough.reset(epochMillis);
        troughAh = netAh;
        sincePeakAh = netAh;
        if (resetEnd) {
            troughEnd = CycleEnd.PARTIAL;
        }
        troughRevision++;
    }

    private CycleEnd classify(boolean tripped, boolean operatorOpening) {
        if (tripped) {
            return CycleEnd.FAULT;
        }
        if (operatorOpening) {
            return CycleEnd.OPERATOR;
        }
        if (lastDischargeMinVolts <= rules.cutoffVolts() + rules.cutoffToleranceVolts()) {
            return CycleEnd.CUTOFF;
        }
        if (lastDischargeLimitAmps <= Math.max(rules.restAmps(), 1.02 * lastDischargeAmps)) {
            return CycleEnd.LIMIT;
        }
        return CycleEnd.PARTIAL;
    }

    /**
     * Closes the cycle in progress now (the BMS stops: call after the loop has stopped), whatever
     * its depth; nothing happens when no charge moved since the last cycle closed.
     */
    public void closeNow(CycleEnd end) {
        upToTrough.absorb(sinceTrough);
        if (!started || upToTrough.empty()) {
            return;
        }
        close(end);
        upToTrough.reset(sinceTrough.endMillis);
        sinceTrough.reset(sinceTrough.endMillis);
        netAh = 0;
        peakAh = 0;
        troughAh = 0;
        sincePeakAh = 0;
        troughEnd = CycleEnd.PARTIAL;
    }

    private void close(CycleEnd end) {
        ClosedCycle c = out;
        c.cycle = nextCycle++;
        c.startMillis = upToTrough.startMillis;
        c.endMillis = upToTrough.endMillis;
        c.end = end;
        System.arraycopy(upToTrough.chargeAh, 0, c.chargeAh, 0, cells);
        System.arraycopy(upToTrough.dischargeAh, 0, c.dischargeAh, 0, cells);
        System.arraycopy(upToTrough.chargeWh, 0, c.chargeWh, 0, cells);
        System.arraycopy(upToTrough.dischargeWh, 0, c.dischargeWh, 0, cells);
        CellHealthTracker h = health;
        for (int i = 0; i < cells; i++) {
            c.minCelsius[i] = Double.isFinite(upToTrough.minCelsius[i]) ? upToTrough.minCelsius[i] : Double.NaN;
            c.maxCelsius[i] = Double.isFinite(upToTrough.maxCelsius[i]) ? upToTrough.maxCelsius[i] : Double.NaN;
            c.r0At25Ohms[i] = h == null ? Double.NaN : h.r0At25Ohms(i);
            c.seiAt25Ohms[i] = h == null ? Double.NaN : h.seiOhms(i);
            c.excessLithiumAh[i] = h == null ? Double.NaN : h.excessLithiumAh(i);
            c.capacityAh[i] = h == null ? Double.NaN : h.capacityAh(i);
            c.ocvVolts[i] = Double.NaN;
            c.socFraction[i] = Double.NaN;
        }
        closed++;
        sink.accept(c);
    }

    /** The number the next closed cycle gets. */
    public long nextCycle() {
        return nextCycle;
    }

    /** Cycles closed since start. */
    public long closedCycles() {
        return closed;
    }

    /** Changes whenever the candidate end of the cycle in progress moves (for a simulation's truth bookkeeping). */
    public long troughRevision() {
        return troughRevision;
    }

    public int cellCount() {
        return cells;
    }

    /** Where checkpoints and cycles go. */
    CycleSink sink() {
        return sink;
    }
}
