package org.qsebms.estimators.inventory;

/**
 * Coulombic efficiency per cycle and the remaining excess lithium of a lithium-metal cell.
 * Charge and discharge are counted separately; the caller closes a cycle whenever the cell is
 * back at the same reference state (for example the end of a CC-CV charge). Lithium not returned
 * in a cycle ({@code charged - discharged}) is lost as dead lithium or SEI and is taken from the
 * excess inventory, which starts at {@code (N/P - 1) * capacity}. Cycles to depletion follow from
 * a fading average of the loss per cycle. No allocation per update.
 */
public final class LithiumInventoryEstimator {
    private final double lossSmoothing;
    private double chargedAh;
    private double dischargedAh;
    private double excessAh;
    private double lossPerCycleAh = Double.NaN;
    private double lastEfficiency = Double.NaN;
    private int cycles;

    /**
     * @param capacityAh    cathode-limited capacity
     * @param npRatio       anode (lithium) to cathode capacity ratio from the configuration, >= 1
     * @param lossSmoothing weight of the newest cycle in the average loss, in (0, 1]
     */
    public LithiumInventoryEstimator(double capacityAh, double npRatio, double lossSmoothing) {
        if (!(npRatio >= 1)) {
            throw new IllegalArgumentException("N/P ratio must be >= 1, got " + npRatio);
        }
        this.excessAh = (npRatio - 1) * capacityAh;
        this.lossSmoothing = lossSmoothing;
    }

    /** Counts the charge passed (current positive while charging). */
    public void update(double amps, double dtSeconds) {
        double ah = amps * dtSeconds / 3600.0;
        if (ah > 0) {
            chargedAh += ah;
        } else {
            dischargedAh -= ah;
        }
    }

    /** Starts counting a new cycle here without closing one (the first reference state seen). */
    public void startCycle() {
        chargedAh = 0;
        dischargedAh = 0;
    }

    /** Ends a cycle at the reference state: computes its efficiency and charges the loss to the inventory. */
    public void closeCycle() {
        closeCycle(0.0);
    }

    /**
     * Ends a cycle whose end state holds {@code storedChangeAh} more charge than its start (from the
     * relaxed OCV at both ends, so the two ends need not be the same SOC): the charge neither
     * returned nor stored, {@code charged - discharged - storedChange}, is the lithium lost.
     */
    public void closeCycle(double storedChangeAh) {
        if (chargedAh <= 0) {
            return;
        }
        double loss = chargedAh - dischargedAh - storedChangeAh;
        lastEfficiency = (chargedAh - loss) / chargedAh;
        excessAh -= loss;
        lossPerCycleAh =
                Double.isNaN(lossPerCycleAh) ? loss : (1 - lossSmoothing) * lossPerCycleAh + lossSmoothing * loss;
        cycles++;
        chargedAh = 0;
        dischargedAh = 0;
    }

    /** Coulombic efficiency of the last closed cycle (NaN before the first). */
    public double coulombicEfficiency() {
        return lastEfficiency;
    }

    public double excessLithiumAh() {
        return excessAh;
    }

    /** Cycles until the excess lithium is used up at the average loss (infinite if none is lost). */
    public double cyclesToDepletion() {
        if (Double.isNaN(lossPerCycleAh) || lossPerCycleAh <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, excessAh) / lossPerCycleAh;
    }

    public int closedCycles() {
        return cycles;
    }

    /** Charge counted into the cell since the last closed cycle (Ah). */
    public double chargedSinceCloseAh() {
        return chargedAh;
    }

    /** Charge counted out of the cell since the last closed cycle (Ah). */
    public double dischargedSinceCloseAh() {
        return dischargedAh;
    }

    /** Fading average of the lithium lost per cycle (Ah), NaN before the first closed cycle. */
    public double lossPerCycleAh() {
        return lossPerCycleAh;
    }

    /** Restores persisted figures (excess lithium, average loss per cycle, closed cycles); counters restart at zero. */
    public void restore(double excessLithiumAh, double averageLossPerCycleAh, int closedCycles) {
        if (Double.isFinite(excessLithiumAh)) {
            this.excessAh = excessLithiumAh;
        }
        this.lossPerCycleAh = averageLossPerCycleAh;
        this.cycles = Math.max(0, closedCycles);
        this.chargedAh = 0;
        this.dischargedAh = 0;
    }
}
