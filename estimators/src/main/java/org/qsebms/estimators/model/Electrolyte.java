package org.qsebms.estimators.model;

/**
 * The three electrolytes of the seed paper (Zhang et al., Angew. Chem. Int. Ed. 2023) with the
 * facts a BMS needs. Values are the paper's room-temperature measurements.
 */
public enum Electrolyte {
    /** QSE(PSOA): tertiary-amine polymer network; ordered Li+ transport, stable Li3N-rich SEI. */
    PSOA(3.69, 0.78, 5.6, Double.NEGATIVE_INFINITY),
    /** QSE(PTPA): conventional carbonyl-only polymer network. */
    PTPA(0.96, 0.57, 5.1, Double.NEGATIVE_INFINITY),
    /** Liquid EC/DEC + 1 M LiPF6; Li||Li cells short-circuited at -5 °C in the paper. */
    LE(4.54, 0.43, 4.5, -5.0);

    private final double conductivityMilliSiemensPerCm;
    private final double transferenceNumber;
    private final double anodicLimitVolts;
    private final double shortRiskCelsius;

    Electrolyte(
            double conductivityMilliSiemensPerCm,
            double transferenceNumber,
            double anodicLimitVolts,
            double shortRiskCelsius) {
        this.conductivityMilliSiemensPerCm = conductivityMilliSiemensPerCm;
        this.transferenceNumber = transferenceNumber;
        this.anodicLimitVolts = anodicLimitVolts;
        this.shortRiskCelsius = shortRiskCelsius;
    }

    /** Ionic conductivity at room temperature (mS/cm). */
    public double conductivityMilliSiemensPerCm() {
        return conductivityMilliSiemensPerCm;
    }

    /** Li+ transference number t+. */
    public double transferenceNumber() {
        return transferenceNumber;
    }

    /** Anodic stability limit vs Li/Li+ (LSV, 1 mV/s). */
    public double anodicLimitVolts() {
        return anodicLimitVolts;
    }

    /** Temperature at or below which the paper saw Li||Li cells short (-inf when none was seen). */
    public double shortRiskCelsius() {
        return shortRiskCelsius;
    }

    /** True when cycling lithium at {@code cellCelsius} risks an internal short (LE at -5 °C and below). */
    public boolean hasShortRiskAt(double cellCelsius) {
        return cellCelsius <= shortRiskCelsius;
    }

    /** Area-specific bulk resistance (ohm cm²) of a film {@code thicknessUm} thick at room temperature. */
    public double bulkOhmCm2(double thicknessUm) {
        return thicknessUm * 1e-4 / (conductivityMilliSiemensPerCm * 1e-3);
    }
}
