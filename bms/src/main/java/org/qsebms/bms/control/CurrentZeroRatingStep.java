package org.qsebms.bms.control;

import java.util.Locale;
import org.qsebms.bms.measure.CurrentSensorZero;
import org.qsebms.estimators.soc.SocEstimator;

/**
 * Judges the current sensor's zero against its rating each time the contactors close after an open span long
 * enough to learn from ({@link CurrentSensorZero#closedSpanMeanAmps()}). A mean reading beyond the rated offset
 * means the learnt zero stopped at the rating and the rest is counted as pack current from now on: the SOC filter
 * is told the excess ({@link SocEstimator#currentOffsetBeyondRating}, so its bound carries it) and the listener
 * hears of it once; a later span back within the rating undoes both and is told once too. A sensor rated exact
 * (offset limit 0: no zero is learnt) is not judged. Does nothing on other ticks.
 */
final class CurrentZeroRatingStep {
    private final CurrentSensorZero zero;
    private final SocEstimator soc;
    private final CurrentZeroListener listener;
    private boolean beyond;

    CurrentZeroRatingStep(CurrentSensorZero zero, SocEstimator soc, CurrentZeroListener listener) {
        this.zero = zero;
        this.soc = soc;
        this.listener = listener;
    }

    /** Runs after the zero has seen this frame (loop time {@code nowNanos}). */
    void run(long nowNanos) {
        double mean = zero.closedSpanMeanAmps();
        double limit = zero.limitAmps();
        if (Double.isNaN(mean) || !(limit > 0)) {
            return;
        }
        double excess = Math.abs(mean) - limit;
        boolean now = excess > 0;
        if (now == beyond) {
            if (now) {
                soc.currentOffsetBeyondRating(excess); // the latest span's figure
            }
            return;
        }
        beyond = now;
        soc.currentOffsetBeyondRating(now ? excess : 0.0);
        listener.rating(now, now ? beyondText(mean, limit, excess) : withinText(mean, limit), nowNanos);
    }

    private String beyondText(double mean, double limit, double excess) {
        return String.format(
                Locale.ROOT,
                "current sensor zero beyond its rating: it read %.3f A over %.0f s with the contactors open, beyond"
                        + " the rated %.3f A either way (hal.currentSensor.offsetLimitAmps); the learnt zero stops at"
                        + " %.3f A, so %.3f A of every reading is counted as pack current and moves the SOC (its bound"
                        + " now carries that). Check the sensor's wiring, supply and calibration; if its datasheet"
                        + " allows a larger offset, set offsetLimitAmps to that",
                mean,
                zero.closedSpanSeconds(),
                limit,
                zero.zeroAmps(),
                excess);
    }

    private String withinText(double mean, double limit) {
        return String.format(
                Locale.ROOT,
                "current sensor zero back within its rating: it read %.3f A over %.0f s with the contactors open"
                        + " (rated %.3f A either way); the learnt zero is %.3f A",
                mean,
                zero.closedSpanSeconds(),
                limit,
                zero.zeroAmps());
    }
}
