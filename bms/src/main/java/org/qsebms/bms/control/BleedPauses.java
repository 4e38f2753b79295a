package org.qsebms.bms.control;

import java.util.Arrays;
import org.qsebms.estimators.health.RestReadPause;
import org.qsebms.estimators.model.EcmParameters;

/**
 * The balancer's pauses for a relaxed reading ({@link RestReadPause}): within a rest, a cell that has gone the pause's
 * interval without a relaxed moment (its bleed off for the pause's relaxation at its temperature) is not bled until it
 * has one, plus one loop period (the health tracker sees a switch one tick after it is decided), so that the tracker
 * reads a bled cell's rest on a relaxed voltage and not on the QSE interface's drop under the bleed. Outside a rest
 * nothing is paused: only a rest is read. Written and read by the balancer's decision; no allocation per tick.
 */
public final class BleedPauses {
    private final RestReadPause pause;
    private final EcmParameters cell;
    private final double tickSeconds;
    /** Seconds since each cell's bleed was last on (infinite for one never bled). */
    private final double[] offSeconds;
    /** Rest seconds since each cell's last relaxed moment (or the rest's start). */
    private final double[] unrelaxedSeconds;

    /**
     * @param pause       the interval and the relaxation
     * @param cell        the preset's cell: its time constants against temperature
     * @param tickSeconds the control loop's period (s)
     * @param cells       cells in series
     */
    public BleedPauses(RestReadPause pause, EcmParameters cell, double tickSeconds, int cells) {
        if (!(tickSeconds > 0) || cells < 1) {
            throw new IllegalArgumentException("bleed pauses need a loop period > 0 s and at least one cell, got "
                    + tickSeconds + " s and " + cells + " cells");
        }
        this.pause = pause;
        this.cell = cell;
        this.tickSeconds = tickSeconds;
        this.offSeconds = new double[cells];
        this.unrelaxedSeconds = new double[cells];
        Arrays.fill(offSeconds, Double.POSITIVE_INFINITY);
    }

    int cellCount() {
        return offSeconds.length;
    }

    /** True when cell {@code i} is not to be bled this tick ({@code atRest}: the pack is at rest). */
    public boolean paused(int i, boolean atRest, double celsius) {
        if (!atRest) {
            unrelaxedSeconds[i] = 0;
            return false;
        }
        if (offSeconds[i] >= pause.relaxSeconds(cell, celsius) + tickSeconds) {
            unrelaxedSeconds[i] = 0;
        }
        return unrelaxedSeconds[i] >= pause.intervalSeconds();
    }

    /** Records the switch of cell {@code i} as decided for the next tick. */
    public void record(int i, boolean on, boolean atRest) {
        offSeconds[i] = on ? 0.0 : offSeconds[i] + tickSeconds;
        if (atRest) {
            unrelaxedSeconds[i] += tickSeconds;
        }
    }
}
