package org.qsebms.estimators.model;

/**
 * The steady overpotential of one cell's lithium-metal interface against its current, at 25 °C: the fitted
 * Butler-Volmer term and the linear SEI term of {@link InterfacialLaw} scaled to the cell's electrode area, {@code
 * eta(I) = b asinh(I / 2 I0) + R I}. The equivalent circuit's first pair linearises it at 1 C, where a small current
 * (a soft short's milliamps) drops far more than that line says: on the psoa-lfp preset 5 mV at 11 mA, against 0.1 mV
 * through R1. {@link #NONE} for a cell without one (every drop 0).
 *
 * @param tafelVolts   b (V)
 * @param exchangeAmps I0, the exchange current over the cell's area (A)
 * @param ohms         R, the linear SEI resistance over the cell's area (ohm)
 */
public record LithiumInterface(double tafelVolts, double exchangeAmps, double ohms) {
    /** No interface law: every drop 0. */
    public static final LithiumInterface NONE = new LithiumInterface(0.0, 1.0, 0.0);

    public LithiumInterface {
        if (!(tafelVolts >= 0) || !Double.isFinite(tafelVolts)) {
            throw new IllegalArgumentException("lithiumInterface.tafelVolts must be a finite number >= 0, got "
                    + tafelVolts + " (the fitted Butler-Volmer amplitude, b in eta = b asinh(I / 2 I0) + R I)");
        }
        if (!(exchangeAmps > 0) || !Double.isFinite(exchangeAmps)) {
            throw new IllegalArgumentException(
                    "lithiumInterface.exchangeAmps must be a finite number > 0, got " + exchangeAmps
                            + " (the exchange current over the cell's area, I0 in eta = b asinh(I / 2 I0) + R I)");
        }
        if (!(ohms >= 0) || !Double.isFinite(ohms)) {
            throw new IllegalArgumentException("lithiumInterface.ohms must be a finite number >= 0, got " + ohms
                    + " (the linear SEI resistance over the cell's area, R in eta = b asinh(I / 2 I0) + R I)");
        }
    }

    /** The law of {@code law} (area-specific, mV and mA/cm²) over {@code areaCm2} of electrode. */
    public static LithiumInterface of(InterfacialLaw law, double areaCm2) {
        return new LithiumInterface(
                law.tafelMillivolts() * 1e-3,
                law.exchangeMilliAmpsPerCm2() * 1e-3 * areaCm2,
                law.seiOhmCm2() / areaCm2);
    }

    /** The same interface on a cell {@code capacityFactor} times the size (its area, so I0 times it, R over it). */
    public LithiumInterface scaled(double capacityFactor) {
        if (!(capacityFactor > 0) || !Double.isFinite(capacityFactor)) {
            throw new IllegalArgumentException("capacityFactor must be a finite number > 0, got " + capacityFactor);
        }
        return this.equals(NONE)
                ? NONE
                : new LithiumInterface(tafelVolts, exchangeAmps * capacityFactor, ohms / capacityFactor);
    }

    /** The steady overpotential (V, signed) at {@code amps} through the interface, at 25 °C. */
    public double volts(double amps) {
        return tafelVolts * InterfacialLaw.asinh(amps / (2 * exchangeAmps)) + ohms * amps;
    }
}
