/**
 * The QSE cell model: a lithium-metal cell with a PSOA/PTPA quasi-solid-state or liquid
 * electrolyte and an NCM811 or LFP cathode, built from area-specific laws fitted to the seed paper
 * ({@link org.qsebms.estimators.model.ElectrolyteLaws}) and scaled by geometry
 * ({@link org.qsebms.estimators.model.CellGeometry}, lab-cell electrode area assumed 2.0 cm²).
 * {@link org.qsebms.estimators.model.QseCell} is the fast, allocation-free stepping cell.
 *
 * <p>Sign convention: current is positive while charging (as {@code org.qsebms.hal.CurrentSign}).
 */
package org.qsebms.estimators.model;
