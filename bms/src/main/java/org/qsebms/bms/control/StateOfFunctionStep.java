package org.qsebms.bms.control;

import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.estimators.limits.CurrentLimitEstimator;
import org.qsebms.estimators.soc.SocEstimator;

/**
 * Lowers the published charge and discharge limits each valid tick to the smallest over the cells
 * of the state-of-function estimate (voltage headroom over its horizon from each cell's SOC, RC
 * voltages, temperature and learnt R0; cold charging held by the interfacial law), on top of the
 * protection tapers, so the charger and load are derated before any limit is reached.
 */
final class StateOfFunctionStep implements TickStep {
    private final CurrentLimitEstimator estimator;
    private final SocEstimator soc;
    private final CurrentLimits currentLimits;
    /** One cell's charge and discharge limits, reused every tick. */
    private final double[] cellLimits = new double[2];

    StateOfFunctionStep(CurrentLimitEstimator estimator, SocEstimator soc, CurrentLimits currentLimits) {
        this.estimator = estimator;
        this.soc = soc;
        this.currentLimits = currentLimits;
    }

    @Override
    public void run(TickState t) {
        PackMeasurement m = t.m;
        double charge = Double.POSITIVE_INFINITY;
        double discharge = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m.cellCount(); i++) {
            estimator.limitsAmps(
                    soc.cellSoc(i), soc.cellRcVolts(i), m.celsiusAtCell[i], soc.cellR0Scale(i), cellLimits);
            charge = Math.min(charge, cellLimits[0]);
            discharge = Math.min(discharge, cellLimits[1]);
        }
        currentLimits.limitTo(charge, discharge);
    }
}
