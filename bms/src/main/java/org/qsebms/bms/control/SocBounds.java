package org.qsebms.bms.control;

import org.qsebms.bms.protection.Protection;
import org.qsebms.estimators.soc.SocEstimator;

/**
 * The SOC bounds: the lowest and highest cell SOC go to the protection's SOC limits every valid
 * tick, and their RSL derate (warn and derate) holds the published limits: no discharge once the
 * lowest cell's SOC is at the SOC_LOW RSL, no charge once the highest is at the SOC_HIGH RSL,
 * whether or not current flows, so a load or charger that follows the limits stops before the MSL trips.
 */
final class SocBounds {
    private final Protection protection;
    private final SocEstimator soc;
    private final CurrentLimits currentLimits;
    /** The SOC_LOW floor reached: held until the lowest cell is back above its RSL by its hysteresis. */
    private boolean dischargeFloored;
    /** The SOC_HIGH floor reached: held until the highest cell is back below its RSL by its hysteresis. */
    private boolean chargeFloored;

    SocBounds(Protection protection, SocEstimator soc, CurrentLimits currentLimits) {
        this.protection = protection;
        this.soc = soc;
        this.currentLimits = currentLimits;
    }

    /** Checks the lowest and highest cell SOC against the SOC limits. */
    void evaluate(TickState t) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        int minCell = -1;
        int maxCell = -1;
        for (int i = 0; i < soc.cellCount(); i++) {
            double s = soc.cellSoc(i);
            if (s < min) {
                min = s;
                minCell = i;
            }
            if (s > max) {
                max = s;
                maxCell = i;
            }
        }
        protection.evaluateSoc(min, minCell, max, maxCell, t.m.packAmps, t.nowNanos);
    }

    /**
     * Zero charge or discharge limit at the SOC RSLs, held until the SOC is back inside by the limit's
     * hysteresis (the fault table's): at rest after the load stops the estimate relaxes a hair back
     * inside, and without it the limit reopened within a second or two and closed again on the next draw.
     */
    void applyFloors(TickState t) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.cellSoc.length; i++) {
            min = Math.min(min, t.cellSoc[i]);
            max = Math.max(max, t.cellSoc[i]);
        }
        var extra = protection.extra();
        var low = extra.socLow();
        var high = extra.socHigh();
        dischargeFloored = min <= low.rsl() + (dischargeFloored ? low.hysteresis() : 0.0);
        chargeFloored = max >= high.rsl() - (chargeFloored ? high.hysteresis() : 0.0);
        currentLimits.limitTo(
                chargeFloored ? 0.0 : Double.POSITIVE_INFINITY, dischargeFloored ? 0.0 : Double.POSITIVE_INFINITY);
    }
}
