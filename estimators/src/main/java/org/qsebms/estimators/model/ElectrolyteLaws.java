package org.qsebms.estimators.model;

/**
 * Every fitted law of one electrolyte, in area-specific form (independent of cell size).
 *
 * @param electrolyte     which electrolyte
 * @param interfacial     Li interface overpotential vs current density (25 °C)
 * @param temperature     temperature factor of bulk and interfacial resistances
 * @param rateCapacity    NCM811 discharge capacity vs C-rate
 * @param sei             SEI resistance evolution at rest and with cycling
 * @param lithiumLoss     lithium inventory lost per cycle
 * @param cathodeOhmCm2   linear area-specific resistance of the cathode side (from Li||LFP polarization)
 */
public record ElectrolyteLaws(
        Electrolyte electrolyte,
        InterfacialLaw interfacial,
        TemperatureLaw temperature,
        RateCapacityLaw rateCapacity,
        SeiLaw sei,
        LithiumLossLaw lithiumLoss,
        double cathodeOhmCm2) {

    public ElectrolyteLaws {
        if (electrolyte == null
                || interfacial == null
                || temperature == null
                || rateCapacity == null
                || sei == null
                || lithiumLoss == null) {
            throw new IllegalArgumentException("every law of an electrolyte is required");
        }
        if (!(cathodeOhmCm2 >= 0)) {
            throw new IllegalArgumentException("cathodeOhmCm2 must be >= 0, got " + cathodeOhmCm2);
        }
    }

    /** Bulk electrolyte area-specific resistance (ohm cm²) of a film {@code thicknessUm} thick at 25 °C. */
    public double bulkOhmCm2(double thicknessUm) {
        return electrolyte.bulkOhmCm2(thicknessUm);
    }
}
