package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.EquivalentCircuitModel;

/**
 * Per cell, the equivalent circuit's temperature terms for both SOC filters: the resistance factor
 * f(T) and the RC pairs' decays over the time step, as {@link EquivalentCircuitModel} gives them,
 * kept from the last update and computed again only when the cell's temperature or the step
 * changed (compared bit for bit). They are pure functions of the two, so the values are the same to
 * the last bit; what is saved is three {@code exp} per cell and update while the temperature holds
 * (a thermistor reading changes far less often than the loop ticks). Without a temperature table
 * the decays are the nominal time constants' at any temperature, once per step for every cell.
 */
final class CellTemperatureTerms {
    private final EquivalentCircuitModel model;
    private final boolean perCell;
    private final boolean[] known;
    private final long[] celsiusBits;
    private final double[] factor;
    private final double[] fastDecay;
    private final double[] slowDecay;
    private boolean stepKnown;
    private long dtBits;
    private double nominalFastDecay;
    private double nominalSlowDecay;
    private double polarisationDecay = 1.0;

    CellTemperatureTerms(EquivalentCircuitModel model, int cellCount) {
        this.model = model;
        this.perCell = model.timeConstantsDependOnTemperature();
        this.known = new boolean[cellCount];
        this.celsiusBits = new long[cellCount];
        this.factor = new double[cellCount];
        this.fastDecay = new double[cellCount];
        this.slowDecay = new double[cellCount];
    }

    /** The time step of this update (call before the cells): a new step forgets every cell's decays. */
    void step(double dtSeconds) {
        long bits = Double.doubleToRawLongBits(dtSeconds);
        if (stepKnown && bits == dtBits) {
            return;
        }
        stepKnown = true;
        dtBits = bits;
        nominalFastDecay = model.fastDecay(dtSeconds, 25);
        nominalSlowDecay = model.slowDecay(dtSeconds, 25);
        polarisationDecay = model.polarisationDecay(dtSeconds);
        Arrays.fill(known, false);
    }

    /** Cell {@code i} at {@code celsius} for this step: its terms, computed again only when the temperature moved. */
    void at(int i, double celsius) {
        long bits = Double.doubleToRawLongBits(celsius);
        if (known[i] && bits == celsiusBits[i]) {
            return;
        }
        known[i] = true;
        celsiusBits[i] = bits;
        factor[i] = model.temperatureFactor(celsius);
        if (perCell) {
            double dt = Double.longBitsToDouble(dtBits);
            fastDecay[i] = model.fastDecay(dt, celsius);
            slowDecay[i] = model.slowDecay(dt, celsius);
        } else {
            fastDecay[i] = nominalFastDecay;
            slowDecay[i] = nominalSlowDecay;
        }
    }

    /** f(T) of cell {@code i} ({@link EquivalentCircuitModel#temperatureFactor}). */
    double factor(int i) {
        return factor[i];
    }

    /** The fast RC pair's decay over the step at cell {@code i}'s temperature. */
    double fastDecay(int i) {
        return fastDecay[i];
    }

    /** The slow polarisation branch's decay over the step (the same for every cell; 1 without the branch). */
    double polarisationDecay() {
        return polarisationDecay;
    }

    /** The slow RC pair's decay over the step at cell {@code i}'s temperature. */
    double slowDecay(int i) {
        return slowDecay[i];
    }
}
