package org.qsebms.estimators.model;

/**
 * Lithium inventory lost per full cycle (dead Li and SEI) versus current density:
 * {@code loss = k * j^m} in mAh/cm² per cycle with j in mA/cm². The cell reaches end of life
 * when the lithium foil reserve is consumed: {@code cycles = reserve / loss}. A Li||Li symmetric
 * cell strips and plates lithium metal on both electrodes every cycle and fails by the first of
 * them; it loses {@code s} times the lithium of a full cell at the same current density.
 *
 * @param lossMilliAmpHoursPerCm2AtUnitCurrent k (mAh/cm² per cycle at 1 mA/cm²)
 * @param currentExponent                      m
 * @param symmetricCellFactor                  s, loss of a Li||Li cycle relative to a full-cell cycle
 */
public record LithiumLossLaw(
        double lossMilliAmpHoursPerCm2AtUnitCurrent, double currentExponent, double symmetricCellFactor) {

    public LithiumLossLaw {
        if (!(lossMilliAmpHoursPerCm2AtUnitCurrent > 0)
                || !Double.isFinite(currentExponent)
                || !(symmetricCellFactor > 0)) {
            throw new IllegalArgumentException("lithium loss law needs k > 0, finite m and s > 0, got "
                    + lossMilliAmpHoursPerCm2AtUnitCurrent + ", " + currentExponent + ", " + symmetricCellFactor);
        }
    }

    /** Li||Li cycles until a reserve of {@code reserveMilliAmpHoursPerCm2} is gone. */
    public double symmetricCellCyclesToDepletion(double reserveMilliAmpHoursPerCm2, double milliAmpsPerCm2) {
        return cyclesToDepletion(reserveMilliAmpHoursPerCm2, milliAmpsPerCm2) / symmetricCellFactor;
    }

    /** Lithium lost per full cycle (mAh/cm²) at {@code milliAmpsPerCm2}. */
    double lossPerCycle(double milliAmpsPerCm2) {
        return lossMilliAmpHoursPerCm2AtUnitCurrent * Math.pow(Math.abs(milliAmpsPerCm2), currentExponent);
    }

    /** Full cycles until a reserve of {@code reserveMilliAmpHoursPerCm2} is gone. */
    public double cyclesToDepletion(double reserveMilliAmpHoursPerCm2, double milliAmpsPerCm2) {
        return reserveMilliAmpHoursPerCm2 / lossPerCycle(milliAmpsPerCm2);
    }

    /** Coulombic efficiency implied for a cycle of {@code cycledMilliAmpHoursPerCm2}. */
    public double coulombicEfficiency(double milliAmpsPerCm2, double cycledMilliAmpHoursPerCm2) {
        return 1.0 - lossPerCycle(milliAmpsPerCm2) / cycledMilliAmpHoursPerCm2;
    }
}
