package org.qsebms.estimators.soc;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.TopKneeChargeExcess;

/**
 * Schmidt's consider analysis of the voltage a cell carries under a sustained charge at its top knee beyond its OCV
 * and the model's steady drop ({@link TopKneeChargeExcess}, learnt by {@code bms characterize} from an OCV test's
 * slow charge and top-off): one standard normal times its sigma, in the measurement of a sample that charges the
 * cell with the SOC estimate at or above the SOC the excess applies from, while the term is armed: by a charge
 * without a break for five of the cell's slow RC time constants (the rule {@link WatchedRest} takes for the RC pairs
 * to have settled; the excess was measured with them settled), for as long as the current's running mean over that
 * time stays a charge (a CV hold dithering at the cut-off still takes charge); 0 otherwise, so a rest near full, a
 * drive after a charge and a drive's short charge pulses are untouched. So a voltage the model lacks is not read as
 * SOC at the top knee (docs/estimation.md, fix20m). The column and the arming's bookkeeping are {@link
 * KneeChargeConsider}'s.
 */
final class TopKneeChargeConsider extends KneeChargeConsider {
    private final double sigmaVolts;
    private final double fromSoc;

    TopKneeChargeConsider(EcmParameters cell, int cellCount) {
        this(cell, cell.topKneeChargeExcess(), cellCount);
    }

    private TopKneeChargeConsider(EcmParameters cell, TopKneeChargeExcess excess, int cellCount) {
        super(cell, cellCount, !excess.isNone());
        this.sigmaVolts = excess.sigmaVolts();
        this.fromSoc = excess.fromSoc();
    }

    /** A charge without a break for five slow time constants. */
    @Override
    boolean arms(double chargingSeconds, double meanAmps, double celsius) {
        return chargingSeconds >= SETTLED_TIME_CONSTANTS * cell.tau2SecondsAt(celsius);
    }

    @Override
    boolean applies(double soc) {
        return soc >= fromSoc;
    }

    @Override
    double perSigmaVolts() {
        return sigmaVolts;
    }
}
