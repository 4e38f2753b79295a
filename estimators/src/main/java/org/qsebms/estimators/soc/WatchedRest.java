package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;

/**
 * The rest a filter has watched: how long it has been told nothing flows ({@link
 * SocEstimator#updateWithNothingFlowing}: the current path open), in a row. After five of a cell's slow RC time
 * constants at its temperature (the rule {@link RestoredDoubt} takes for a rest voltage to be an OCV) the cell's
 * voltage is taken once for its OCV, within the rest voltage sigma ({@link EkfTuning#restVoltageSigmaVolts}) and
 * the hysteresis half-gap: a start's open span ({@link StartSpan}) is re-weighed on it. Any step with current
 * starts the count again. A rest under a load the filter is told of (a 0 A reading with the contactors closed)
 * is not watched: the current there is only known to the sensor's offset. Every array is allocated in the
 * constructor.
 */
final class WatchedRest {
    /** A cell's voltage is taken for its OCV after this many of its slow RC time constants. */
    private static final double RELAXED_TIME_CONSTANTS = 5.0;

    private final EcmParameters cell;
    private boolean nothingFlowing;
    private double seconds;
    /** Per cell, whether this rest has been taken for its OCV already. */
    private final boolean[] taken;

    WatchedRest(EcmParameters cell, int cellCount) {
        this.cell = cell;
        this.taken = new boolean[cellCount];
    }

    /** Whether the steps to come are known to carry no current (the filter's caller says so). */
    void nothingFlows(boolean known) {
        nothingFlowing = known;
    }

    /** One filter step of {@code dtSeconds}: the rest goes on, or current flows and it starts again. */
    void step(double dtSeconds) {
        if (nothingFlowing && dtSeconds > 0) {
            seconds += dtSeconds;
        } else if (!nothingFlowing) {
            seconds = 0;
            Arrays.fill(taken, false);
        }
    }

    /**
     * Whether cell {@code i} at {@code celsius} has rested long enough for its voltage to be its OCV, and this
     * rest has not been taken for it yet; a true answer marks it taken.
     */
    boolean relaxedNow(int i, double celsius) {
        if (taken[i] || !(seconds >= RELAXED_TIME_CONSTANTS * cell.tau2SecondsAt(celsius))) {
            return false;
        }
        taken[i] = true;
        return true;
    }

    /** The seconds of rest watched so far. */
    double seconds() {
        return seconds;
    }
}
