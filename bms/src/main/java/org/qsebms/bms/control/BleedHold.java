package org.qsebms.bms.control;

import org.qsebms.estimators.softshort.SoftShortDetector;

/**
 * The cells the balancer must not bleed this tick because the soft-short rest fit is judging them: a resting cell
 * whose excess loss over the string reads at least {@code holdFraction} of what its confirmation needs (the bleed's
 * doubt plus the sigma test, {@link SoftShortDetector#restConfirmationFraction}) is held until that falls below
 * {@code releaseFraction}, the cell is flagged, or the rest ends. A bleed five to ten times a leak is accounted only
 * to the resistor's tolerance and the cells' capacity spread, a doubt as large as the leak (issue 23, rest seed
 * 32255, docs/safety.md); a cell not bled from the hold on adds no more of it, and the doubt of its earlier bleed
 * fades from the fit as the fit goes on. Written by the soft-short step after the detector's update, read by the
 * balancer's decision later in the same tick: a value, nothing waits on it. Allocation-free.
 */
final class BleedHold {
    private final double holdFraction;
    private final double releaseFraction;
    private final boolean[] held;

    BleedHold(double holdFraction, double releaseFraction, int cells) {
        if (!(releaseFraction >= 0 && holdFraction > releaseFraction && holdFraction <= 1)) {
            throw new IllegalArgumentException(
                    "bleed hold " + holdFraction + " must be in (release " + releaseFraction + ", 1], release >= 0");
        }
        this.holdFraction = holdFraction;
        this.releaseFraction = releaseFraction;
        this.held = new boolean[cells];
    }

    /** Judges every cell from the detector as it stands after this tick's update. */
    void update(SoftShortDetector detector) {
        for (int i = 0; i < held.length; i++) {
            double f = detector.restConfirmationFraction(i);
            held[i] = !detector.isFlagged(i) && f >= (held[i] ? releaseFraction : holdFraction) && f > 0;
        }
    }

    /** True when cell {@code i} is not to be bled now. */
    boolean held(int i) {
        return i < held.length && held[i];
    }
}
