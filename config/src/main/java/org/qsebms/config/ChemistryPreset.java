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
 * @param life        what the health estimators need: the bulk electrolyte share of R0 and the N/P ratio
 * @param supplementary the supplementary protection thresholds (the shipped defaults unless the preset's
 *                    {@code supplementary:} section overrides some), which configuration may only tighten
 */
public record ChemistryPreset(
        String name,
        String electrolyte,
        String cathode,
        EcmParameters cell,
        ProtectionLimits limits,
        double[] chargeCRateLimits,
        double[] dischargeCRateLimits,
        HysteresisModel hysteresis,
        CellLife life,
        SupplementaryLimits supplementary) {

    /** A preset with the shipped supplementary defaults. */
    ChemistryPreset(
            String name,
            String electrolyte,
            String cathode,
            EcmParameters cell,
            ProtectionLimits limits,
            double[] chargeCRateLimits,
            double[] dischargeCRateLimits,
            HysteresisModel hysteresis,
            CellLife life) {
        this(
                name,
                electrolyte,
                cathode,
                cell,
                limits,
                chargeCRateLimits,
                dischargeCRateLimits,
                hysteresis,
                life,
                SupplementaryLimits.defaults());
    }

    /** A preset without OCV hysteresis and without life data (the original form). */
    ChemistryPreset(
            String name,
            String electrolyte,
            String cathode,
            EcmParameters cell,
            ProtectionLimits limits,
            double[] chargeCRateLimits,
            double[] dischargeCRateLimits) {
        this(
                name,
                electrolyte,
                cathode,
                cell,
                limits,
                chargeCRateLimits,
                dischargeCRateLimits,
                HysteresisModel.NONE,
                new CellLife(cell.r0Ohms(), Double.NaN));
    }
}
