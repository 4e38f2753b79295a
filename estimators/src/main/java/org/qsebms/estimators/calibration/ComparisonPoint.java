package org.qsebms.estimators.calibration;

/**
 * One measured point of the paper next to the calibrated model's value.
 *
 * @param table       paper table key (as in qse-paper-data.yaml)
 * @param electrolyte psoa, ptpa or le
 * @param condition   what x means and the test condition
 * @param x           abscissa (current density, temperature, C-rate, days, cycles...)
 * @param measured    the paper's value
 * @param model       the model's value
 * @param unit        unit of measured and model
 */
public record ComparisonPoint(
        String table, String electrolyte, String condition, double x, double measured, double model, String unit) {

    /** (model - measured) / measured. */
    public double relativeError() {
        return (model - measured) / measured;
    }
}
