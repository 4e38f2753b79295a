package org.qsebms.estimators.calibration;

import org.qsebms.estimators.model.ElectrolyteLaws;

/**
 * The fitted laws of one electrolyte plus the nuisance parameters the fits needed (series
 * levels whose absolute scale the paper does not tie to a stated current density or area).
 *
 * @param laws                          the laws used by the cell model
 * @param temperatureSeriesMillivolts   Li||Li polarization of the temperature series at 25 °C (current not stated)
 * @param restInitialOhms               whole-cell interfacial resistance at the start of the rest series
 * @param cyclingInitialOhms            whole-cell SEI resistance at the start of the cycling series
 * @param sources                       which data each law came from, for reports and presets
 */
record ElectrolyteCalibration(
        ElectrolyteLaws laws,
        double temperatureSeriesMillivolts,
        double restInitialOhms,
        double cyclingInitialOhms,
        String sources) {}
