package org.qsebms.hal.frontend;

/**
 * How cell voltages of a series stack are measured.
 *
 * <ul>
 *   <li>{@link #TAP_SUBTRACTION}: each channel measures tap {@code i} (the positive terminal of
 *       cell {@code i}) against the stack's negative through a divider, and
 *       {@code cell[i] = tap[i] - tap[i-1]}. Cheap and single-ended, but the error of a cell is
 *       the sum of two tap errors that grow with the tap voltage: with divider ratio error
 *       {@code e}, the top cell of an n-series stack sees about {@code e * (2n - 1) * Vcell}.</li>
 *   <li>{@link #DIFFERENTIAL}: each channel measures one cell directly (ADC differential input
 *       across a matched divider pair or an isolated amplifier), so the error stays
 *       {@code e * Vcell} for every cell, at the price of more inputs or amplifiers.</li>
 * </ul>
 */
public enum CellMeasurement {
    TAP_SUBTRACTION,
    DIFFERENTIAL
}
