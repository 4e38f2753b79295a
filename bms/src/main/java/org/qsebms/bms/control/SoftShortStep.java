package org.qsebms.bms.control;

import org.qsebms.bms.protection.Protection;
import org.qsebms.estimators.soc.SocFilter;
import org.qsebms.estimators.soc.SocState;
import org.qsebms.estimators.softshort.SoftShortDetector;

/**
 * Feeds the soft-short (dendrite) detector every valid tick, with each cell's SOC bound and bleed
 * current (an invalid tick only tells it of the gap, so a reading that steps across it is no abrupt
 * drop), and reports each cell's score to the protection: 0 while the detector does not flag the
 * cell (rest self-discharge, abrupt voltage drops and the bleed-corrected SOC drift from the string
 * median, combined; the drift samples only while the SOC filter's bounds say its estimates can be
 * trusted), then {@code 0.6 * leak / threshold} between RSL (0.6, at the threshold) and 1, so MSL
 * (0.9) from 1.5 times the threshold, or the combined detector score if higher. The detector holds
 * a flag and its leak estimate until a rest measurement clears it.
 *
 * <p>The SOC the drift cue reads: with {@link ControllerParts.SoftShortAlarm#leakFollowingSoc()}, the step runs that
 * filter of the detector's own on the tick's measurement (and counts each cell's bleed against it, as the published
 * filter's is counted) and gives the detector its estimates and bounds; the published SOC is not touched. Without
 * it, the published filter's estimates.
 */
final class SoftShortStep implements TickStep {
    private final SoftShortDetector detector;
    private final double thresholdAmps;
    private final Protection protection;
    private final boolean[] flagged;
    /** Per cell, the levels of the score last reported (0: none, 1 MOL, 2 RSL, 3 MSL). */
    private final int[] levels;

    private final org.qsebms.config.ThreeLevelLimit scoreLimit;
    /** The detector's own SOC filter, or null: the published estimates. */
    private final SocFilter leakFollowingSoc;

    private final double[] ownSoc;
    private final double[] ownBound;
    /** The cells the balancer leaves unbled while the rest fit judges them. */
    private final BleedHold bleedHold;

    SoftShortStep(ControllerParts.SoftShortAlarm alarm, Protection protection, int cells) {
        this.detector = alarm.detector();
        this.thresholdAmps = alarm.thresholdAmps();
        this.protection = protection;
        this.flagged = new boolean[cells];
        this.levels = new int[cells];
        this.scoreLimit = protection.extra().softShortScore();
        this.leakFollowingSoc = alarm.leakFollowingSoc().orElse(null);
        this.ownSoc = new double[cells];
        this.ownBound = new double[cells];
        this.bleedHold = new BleedHold(
                protection.extra().softShortBleedHold(), protection.extra().softShortBleedRelease(), cells);
        protection.softShortVerdictHint(String.format(
                java.util.Locale.ROOT,
                "let the pack rest with no current for at least %.0f min (the detector's settle time and a fit as "
                        + "long) at a state of charge where the cells' OCV is not flat, so it can measure each cell's "
                        + "self-discharge, then reset again",
                detector.restSecondsToAVerdict() / 60));
    }

    @Override
    public void run(TickState t) {
        if (!t.valid) {
            detector.skipInvalidSample();
            return;
        }
        double[] soc = t.cellSoc;
        double[] bound = t.cellSocBound3SigmaWithoutCurrentSensor;
        if (leakFollowingSoc != null) {
            runOwnFilter(t);
            soc = ownSoc;
            bound = ownBound;
        }
        detector.update(t.m.packAmps, t.m.cellVolts, t.m.celsiusAtCell, soc, bound, t.bleedAmps, t.dtSeconds);
        bleedHold.update(detector);
        for (int i = 0; i < flagged.length; i++) {
            // Only a statistically confirmed excess (the detector's flag) counts; its size then sets
            // the level: RSL at the threshold, MSL from 1.5 times the threshold.
            double score = detector.isFlagged(i)
                    ? Math.max(
                            0.6, Math.min(1.0, Math.max(0.6 * detector.leakAmps(i) / thresholdAmps, detector.score(i))))
                    : 0.0;
            protection.reportSoftShortScore(i, score);
            if (detector.restShowsNoLeak(i)) {
                protection.reportSoftShortNoLeak(i);
            }
            boolean now = detector.isFlagged(i);
            int level =
                    score >= scoreLimit.msl() ? 3 : score >= scoreLimit.rsl() ? 2 : score >= scoreLimit.mol() ? 1 : 0;
            if (now != flagged[i] || now && level != levels[i]) {
                // the alarm carries the detector's reason as it stood when the cell was flagged or its score reached
                // another level (check23s: an MSL raised 30 min after the RSL named the RSL's leak); allocates on
                // those edges only
                flagged[i] = now;
                protection.reportSoftShortDetail(i, now ? detector.reason(i) : null);
            }
            levels[i] = level;
        }
    }

    /** The cells not to be bled this tick (as judged at the last valid tick). */
    BleedHold bleedHold() {
        return bleedHold;
    }

    /** One step of the detector's own filter, as the controller steps the published one: update, then the bleed. */
    private void runOwnFilter(TickState t) {
        leakFollowingSoc.update(t.m.packAmps, t.m.cellVolts, t.m.celsiusAtCell, t.dtSeconds);
        for (int i = 0; i < ownSoc.length; i++) {
            if (t.bleedAmps[i] > 0) {
                leakFollowingSoc.countCellDischargeAh(i, t.bleedAmps[i] * t.dtSeconds / 3600.0);
            }
            ownSoc[i] = leakFollowingSoc.cellSoc(i);
            ownBound[i] = leakFollowingSoc.cellSocBound3SigmaWithoutCurrentSensor(i);
        }
    }

    /**
     * The published SOC filter counts the cell's charge on a learnt capacity (Ah) from now on: the detector's own
     * filter does too. Only a detector that reads the published estimates is told (it starts its second drift fit,
     * which drops the samples carrying the published filter's lagging correction of the nominal capacity's error): the
     * own filter's offset state takes that error up as it goes, and a fit started at the switch would read the state
     * unlearning it as a drift (docs/safety.md, "A leak-following SOC filter for the drift cue"). Allocation-free.
     */
    void countOnLearntCapacity(int cell, double ah) {
        if (leakFollowingSoc != null) {
            leakFollowingSoc.setCellCapacityAh(cell, ah);
            return;
        }
        detector.filterCountsOnLearntCapacity();
    }

    /** Restores a persisted SOC into the detector's own filter too, as into the published one. */
    void importSocState(SocState state, double restedSeconds) {
        if (leakFollowingSoc != null) {
            leakFollowingSoc.importState(state, restedSeconds);
        }
    }
}
