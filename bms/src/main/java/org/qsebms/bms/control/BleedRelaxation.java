package org.qsebms.bms.control;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Whether each cell's reading is free of its own balancing bleed's drop: a cell whose bleed was on within the
 * preset's longest time constant at the cell's temperature ({@link EcmParameters#tau1SecondsAt(double)},
 * {@link EcmParameters#tau2SecondsAt(double)}) still reads low by the drop its bleed caused over its resistances.
 * At -15 °C a psoa-ncm811 cell drops about 40 mV within 10 s of a 110 mA bleed (25 °C: 8 mV), four times the
 * default 10 mV threshold, and its slow pair relaxes over a minute; a voltage-mode balancer that took that reading for
 * the lowest cell bled every other cell after it (check23u: a healthy 8 x 2 Ah pack bled 665 mAh at -15 °C for the
 * 219 mAh that levelled it). No allocation per tick.
 */
public final class BleedRelaxation {
    private final EcmParameters cell;
    private final double tickSeconds;
    /** Seconds since each cell's bleed was last on (infinite for one never bled). */
    private final double[] offSeconds;

    /**
     * @param cell        the preset's cell: its time constants against temperature
     * @param tickSeconds the control loop's period (s): how far apart two decisions are
     * @param cells       cells in series
     */
    public BleedRelaxation(EcmParameters cell, double tickSeconds, int cells) {
        if (!(tickSeconds > 0) || cells < 1) {
            throw new IllegalArgumentException("bleed relaxation needs a loop period > 0 s and at least one cell, got "
                    + tickSeconds + " s and " + cells + " cells");
        }
        this.cell = cell;
        this.tickSeconds = tickSeconds;
        this.offSeconds = new double[cells];
        Arrays.fill(offSeconds, Double.POSITIVE_INFINITY);
    }

    int cellCount() {
        return offSeconds.length;
    }

    /** True when cell {@code i}'s bleed has been off for the preset's longest time constant at {@code celsius}. */
    boolean relaxed(int i, double celsius) {
        return offSeconds[i] >= Math.max(cell.tau1SecondsAt(celsius), cell.tau2SecondsAt(celsius));
    }

    /** Records the switch of cell {@code i} as decided for the next tick. */
    void record(int i, boolean on) {
        offSeconds[i] = on ? 0.0 : offSeconds[i] + tickSeconds;
    }
}
