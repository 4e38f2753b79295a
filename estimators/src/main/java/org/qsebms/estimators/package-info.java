/**
 * The QSE cell model and the state estimators built on it. Pure and deterministic: no I/O,
 * no threads, no clocks; every output depends only on state, input, parameters and the time
 * step. Current is positive while charging (see {@code org.qsebms.hal.CurrentSign}).
 */
package org.qsebms.estimators;
