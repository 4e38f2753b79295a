package org.qsebms.bms.control;

import org.qsebms.bms.protection.Protection;
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
 */
final class SoftShortStep implements TickStep {
    private final SoftShortDetector detector;
    private final double thresholdAmps;
    private final Protection protection;
    private final boolean[] flagged;

    SoftShortStep(ControllerParts.SoftShortAlarm alarm, Protection protection, int cells) {
        this.detector = alarm.detector();
        this.thresholdAmps = alarm.thresholdAmps();
        this.protection = protection;
        this.flagged = new boolean[cells];
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
        detector.update(
                t.m.packAmps,
                t.m.cellVolts,
                t.m.celsiusAtCell,
                t.cellSoc,
                t.cellSocBound3SigmaWithoutCurrentSensor,
                t.bleedAmps,
                t.dtSeconds);
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
            if (now != flagged[i]) {
                // the alarm carries the detector's reason as it stood when the cell was flagged (allocates on the edge
                // only)
                flagged[i] = now;
                protection.reportSoftShortDetail(i, now ? detector.reason(i) : null);
            }
        }
    }
}
