package org.qsebms.config;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * A shipped chemistry: electrolyte x cathode, its cell model parameters and its default
 * limits (which a user configuration may only tighten).
 *
 * @param name        preset name, e.g. {@code psoa-ncm811}
 * @param electrolyte PSOA, PTPA or LE
 * @param cathode     NCM811 or LFP
 * @param cell        nominal equivalent-circuit parameters of one cell
 * @param limits      default limits, with currents as C-rates multiplied by the preset capacity
 * @param chargeCRateLimits charge current limits in C (mol, rsl, msl)
 * @param dischargeCRateLimits discharge current limits in C (mol, rsl, msl)
 * @param hysteresis  OCV hysteresis of the cell ({@link HysteresisModel#NONE} when the preset has none)
 */
public record ChemistryPreset(
        String name,
        String electrolyte,
        String cathode,
        EcmParameters cell,
        ProtectionLimits limits,
        double[] chargeCRateLimits,
        double[] dischargeCRateLimits,
        HysteresisModel hysteresis) {

    /** A preset without OCV hysteresis (the original form). */
    public ChemistryPreset(String name, String electrolyte, String cathode, EcmParameters cell, ProtectionLimits limits,
            double[] chargeCRateLimits, double[] dischargeCRateLimits) {
        this(name, electrolyte, cathode, cell, limits, chargeCRateLimits, dischargeCRateLimits, HysteresisModel.NONE);
    }
}
