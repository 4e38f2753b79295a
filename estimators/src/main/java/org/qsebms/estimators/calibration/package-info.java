/**
 * Calibration of the cell model from the seed paper's tables ({@code qse-paper-data.yaml}, a
 * bundled resource): Levenberg-Marquardt fits (Hipparchus) of every law, model-vs-paper
 * comparison points, and the chemistry preset text. No file or network I/O beyond reading the
 * bundled resource.
 */
package org.qsebms.estimators.calibration;
