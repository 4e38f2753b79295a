package org.qsebms.bms.control;

import java.util.Arrays;
import org.qsebms.estimators.health.RestReadPause;
import org.qsebms.estimators.model.EcmParameters;

/**
 * The balancer's pauses for a relaxed reading ({@link RestReadPause}): within a rest, a cell that has gone the pause's
 * interval without a relaxed moment (its bleed off for the pause's relaxation at its temperature) is not bled until it
 * has one, plus one loop period (the health tracker sees a switch one tick after it is decided), so that the tracker
 * reads a bled cell's rest on a relaxed voltage and not on the QSE interface's drop under the bleed. Outside a rest
 * nothing is paused: only a rest is read. A pause starts only where it ends before the soft-short rest fit begins
 * (within the settle time the fit leaves out): a bleed that stops and starts again inside the fit moves the bled cells'
 * fitted slopes by the interface's drop, which the fit's linear bleed terms do not follow, and with them the string
 * median a leak is measured against (rest seed 18233, docs/estimation.md, "A rest read while its cell bleeds",
 * 2026-12-08). Written and read by the balancer's decision; no allocation per tick.
 */
public final class BleedPauses {
    private final RestReadPause pause;
    private final EcmParameters cell;
    private final double tickSeconds;
    /** Seconds since each cell's bleed was last on (infinite for one never bled). */
    private final double[] offSeconds;
    /** Rest seconds since each cell's last relaxed moment (or the rest's start). */
    private final double[] unrelaxedSeconds;
    /** Whether each cell's bleed is paused now (until it has been off for the relaxation). */
    private final boolean[] pausing;

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
        this.pausing = new boolean[cells];
        Arrays.fill(offSeconds, Double.POSITIVE_INFINITY);
    }

    int cellCount() {
        return offSeconds.length;
    }

    /** As {@link #paused(int, boolean, double, double)} with no rest fit to stay out of. */
    public boolean paused(int i, boolean atRest, double celsius) {
        return paused(i, atRest, celsius, Double.POSITIVE_INFINITY);
    }

    /**
     * True when cell {@code i} is not to be bled this tick ({@code atRest}: the pack is at rest; {@code
     * secondsToRestFit}: the rest left before the soft-short rest fit begins, where a pause must end).
     */
    public boolean paused(int i, boolean atRest, double celsius, double secondsToRestFit) {
        if (!atRest) {
            unrelaxedSeconds[i] = 0;
            pausing[i] = false;
            return false;
        }
        double relax = pause.relaxSeconds(cell, celsius) + tickSeconds;
        if (offSeconds[i] >= relax) {
            unrelaxedSeconds[i] = 0;
            pausing[i] = false;
        }
        if (!pausing[i] && unrelaxedSeconds[i] >= pause.intervalSeconds() && relax <= secondsToRestFit) {
            pausing[i] = true;
        }
        return pausing[i];
    }

    /** Records the switch of cell {@code i} as decided for the next tick. */
    public void record(int i, boolean on, boolean atRest) {
        offSeconds[i] = on ? 0.0 : offSeconds[i] + tickSeconds;
        if (atRest) {
            unrelaxedSeconds[i] += tickSeconds;
        }
    }
}
