package org.qsebms.estimators.softshort;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;

/**
 * The voltage drop each cell's own balancing bleed causes over the preset's R0 and two RC pairs, at the cell's
 * temperature: every resistance times its Arrhenius factor ({@link EcmParameters#resistanceFactor(double)}), each
 * pair's bleed current filtered with its time constant at that temperature. At 0 °C an NCM cell's resistances are
 * about four times those at 25 °C and its slow pair relaxes over minutes longer; the drop taken at 25 °C left most
 * of a cold bled cell's drop in its voltage, and a bleed that ran harder towards the end of a rest fit read as a
 * falling voltage, a leak (check23s: a healthy le-ncm811 cell at 0 °C flagged at 6.0 mA). Without temperatures
 * (null) every cell is at the preset's reference, 25 °C. No allocation per update.
 */
final class BleedDropModel {
    /** Temperature (°C) taken for every cell when none is given: the preset's reference. */
    private static final double REFERENCE_CELSIUS = 25.0;

    private final EcmParameters cell;
    private final double[] fastAmps;
    private final double[] slowAmps;
    private final double[] factor;

    BleedDropModel(EcmParameters cell, int cells) {
        this.cell = cell;
        this.fastAmps = new double[cells];
        this.slowAmps = new double[cells];
        this.factor = new double[cells];
        Arrays.fill(factor, 1.0);
    }

    /**
     * Steps each cell's bleed through both pairs over {@code dtSeconds}.
     *
     * @param cellCelsius each cell's temperature (°C); null for the preset's reference
     */
    void update(double[] bleedAmps, double[] cellCelsius, double dtSeconds) {
        for (int i = 0; i < fastAmps.length; i++) {
            double celsius = cellCelsius == null ? REFERENCE_CELSIUS : cellCelsius[i];
            factor[i] = cell.resistanceFactor(celsius);
            double a1 = Math.exp(-dtSeconds / cell.tau1SecondsAt(celsius));
            double a2 = Math.exp(-dtSeconds / cell.tau2SecondsAt(celsius));
            fastAmps[i] = a1 * fastAmps[i] + (1 - a1) * bleedAmps[i];
            slowAmps[i] = a2 * slowAmps[i] + (1 - a2) * bleedAmps[i];
        }
    }

    /** The drop (V) of cell {@code i} bleeding {@code bleedAmps} now, over R0 and both pairs at its temperature. */
    double volts(int i, double bleedAmps) {
        return factor[i] * (bleedAmps * cell.r0Ohms() + fastAmps[i] * cell.r1Ohms() + slowAmps[i] * cell.r2Ohms());
    }

    /** The cell's bleed filtered with the slow pair's time constant at its temperature (A). */
    double slowAmps(int i) {
        return slowAmps[i];
    }

    /** The factor by which the cell's resistances exceed the preset's at 25 °C, at its last temperature. */
    double resistanceFactor(int i) {
        return factor[i];
    }
}
