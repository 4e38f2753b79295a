package org.qsebms.estimators.soc;

import org.qsebms.estimators.model.BottomKneeChargeDeficit;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Schmidt's consider analysis of the voltage a cell falls short of its OCV and the model's steady drop by when it is
 * charged out of its bottom knee after a deep discharge ({@link BottomKneeChargeDeficit}, learnt by {@code bms
 * characterize} from an OCV test's discharge to the bottom cut-off and the charge after it): one standard normal
 * times its sigma (entered as a shortfall, minus the sigma), in the measurement of a sample that charges the cell
 * with the SOC estimate below the SOC the deficit applies to, while the term is armed: by a charge without a break
 * for five of the cell's fast RC time constants (the fast pair settled, {@link WatchedRest}'s rule on the fast pair)
 * with the current's running mean over five slow time constants a charge (a drive's regeneration pulse leaves it a
 * discharge), for as long as that mean stays a charge; 0 otherwise, so a drive near empty, its regeneration pulses
 * and a rest at empty are untouched. Out of the region the column keeps the SOC error the shortfall has left, until
 * the voltage shows it (docs/estimation.md, fix20o). The column and the arming's bookkeeping are {@link
 * KneeChargeConsider}'s.
 */
final class BottomKneeChargeConsider extends KneeChargeConsider {
    private final double shortfallVolts;
    private final double toSoc;

    BottomKneeChargeConsider(EcmParameters cell, int cellCount) {
        this(cell, cell.bottomKneeChargeDeficit(), cellCount);
    }

    private BottomKneeChargeConsider(EcmParameters cell, BottomKneeChargeDeficit deficit, int cellCount) {
        super(cell, cellCount, !deficit.isNone());
        this.shortfallVolts = -deficit.sigmaVolts();
        this.toSoc = deficit.toSoc();
    }

    /** A charge without a break for five fast time constants, with the running mean a charge. */
    @Override
    boolean arms(double chargingSeconds, double meanAmps, double celsius) {
        return chargingSeconds >= SETTLED_TIME_CONSTANTS * cell.tau1SecondsAt(celsius) && meanAmps > chargeAmps;
    }

    @Override
    boolean applies(double soc) {
        return soc < toSoc;
    }

    @Override
    double perSigmaVolts() {
        return shortfallVolts;
    }
}
