package org.qsebms.config;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;
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
 * @param lithiumInterface the lithium interface's law at the preset's capacity ({@link LithiumInterface#NONE} when the
 *                    preset has none: the first RC pair's line stands for it)
 * @param life        what the health estimators need: the bulk electrolyte share of R0 and the N/P ratio
 * @param supplementary the supplementary protection thresholds (the shipped defaults unless the preset's
 *                    {@code supplementary:} section overrides some), which configuration may only tighten
 * @param capacityRange the capacities a cell of this kind can have, over {@code cell.capacityAh} (the preset's
 *                    {@code capacityRange:} section, else {@link CellCapacityRange#CHEMISTRY})
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
        LithiumInterface lithiumInterface,
        CellLife life,
        SupplementaryLimits supplementary,
        CellCapacityRange capacityRange) {

    /** A builder with every value unset (refused by {@link Builder#build()} until set). */
    static Builder builder() {
        return new Builder();
    }

    /** Named setters (see the record's parameters for each one's meaning and unit). */
    static final class Builder {
        private String name;
        private String electrolyte;
        private String cathode;
        private EcmParameters cell;
        private ProtectionLimits limits;
        private double[] chargeCRateLimits;
        private double[] dischargeCRateLimits;
        private HysteresisModel hysteresis;
        private LithiumInterface lithiumInterface = LithiumInterface.NONE;
        private CellLife life;
        private SupplementaryLimits supplementary;
        private CellCapacityRange capacityRange = CellCapacityRange.CHEMISTRY;

        private Builder() {}

        Builder name(String v) {
            name = v;
            return this;
        }

        Builder electrolyte(String v) {
            electrolyte = v;
            return this;
        }

        Builder cathode(String v) {
            cathode = v;
            return this;
        }

        Builder cell(EcmParameters v) {
            cell = v;
            return this;
        }

        Builder limits(ProtectionLimits v) {
            limits = v;
            return this;
        }

        Builder chargeCRateLimits(double[] v) {
            chargeCRateLimits = v;
            return this;
        }

        Builder dischargeCRateLimits(double[] v) {
            dischargeCRateLimits = v;
            return this;
        }

        Builder hysteresis(HysteresisModel v) {
            hysteresis = v;
            return this;
        }

        Builder lithiumInterface(LithiumInterface v) {
            lithiumInterface = v;
            return this;
        }

        Builder life(CellLife v) {
            life = v;
            return this;
        }

        Builder supplementary(SupplementaryLimits v) {
            supplementary = v;
            return this;
        }

        Builder capacityRange(CellCapacityRange v) {
            capacityRange = v;
            return this;
        }

        ChemistryPreset build() {
            requireSet(name, "name");
            requireSet(electrolyte, "electrolyte");
            requireSet(cathode, "cathode");
            requireSet(cell, "cell");
            requireSet(limits, "limits");
            requireSet(chargeCRateLimits, "chargeCRateLimits");
            requireSet(dischargeCRateLimits, "dischargeCRateLimits");
            requireSet(hysteresis, "hysteresis");
            requireSet(lithiumInterface, "lithiumInterface");
            requireSet(life, "life");
            requireSet(supplementary, "supplementary");
            requireSet(capacityRange, "capacityRange");
            return new ChemistryPreset(
                    name,
                    electrolyte,
                    cathode,
                    cell,
                    limits,
                    chargeCRateLimits,
                    dischargeCRateLimits,
                    hysteresis,
                    lithiumInterface,
                    life,
                    supplementary,
                    capacityRange);
        }

        private static void requireSet(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is not set");
            }
        }
    }
}
