package org.qsebms.estimators.calibration;

/**
 * One cycle-life measurement of the paper turned into lithium-inventory terms.
 *
 * @param name                  short label, e.g. "Li||NCM811 8.6 mg/cm² 1 C"
 * @param milliAmpsPerCm2       current density during cycling
 * @param reserveMahPerCm2      lithium foil inventory (mAh/cm²)
 * @param cycles                measured cycles to failure
 * @param key                   key path in the paper data
 * @param symmetricCell         true for a Li||Li cell
 */
record CycleLifeCondition(
        String name,
        double milliAmpsPerCm2,
        double reserveMahPerCm2,
        double cycles,
        String key,
        boolean symmetricCell) {

    /** Cycles the law predicts for this condition. */
    double modelCycles(org.qsebms.estimators.model.LithiumLossLaw law) {
        return symmetricCell
                ? law.symmetricCellCyclesToDepletion(reserveMahPerCm2, milliAmpsPerCm2)
                : law.cyclesToDepletion(reserveMahPerCm2, milliAmpsPerCm2);
    }
}
