package org.qsebms.estimators.model;

/**
 * Temperature factor of a transport resistance: VTF form
 * {@code f(T) = exp(B/(T - T0) - B/(Tref - T0))}, which is Arrhenius ({@code B = Ea/R}) when
 * {@code T0 = 0}. {@code f(25 °C) = 1}; resistances and polarizations scale by {@code f}.
 *
 * @param pseudoActivationKelvin B (K)
 * @param vogelKelvin            T0 (K); 0 for Arrhenius
 */
public record TemperatureLaw(double pseudoActivationKelvin, double vogelKelvin) {

    public static final double REFERENCE_CELSIUS = 25.0;
    static final double KELVIN_OFFSET = 273.15;
    static final double GAS_CONSTANT = 8.314462618;

    public TemperatureLaw {
        if (!Double.isFinite(pseudoActivationKelvin)
                || !(vogelKelvin >= 0)
                || vogelKelvin >= REFERENCE_CELSIUS + KELVIN_OFFSET - 50) {
            throw new IllegalArgumentException("temperature law needs finite B and 0 <= T0 < 248 K, got B="
                    + pseudoActivationKelvin + " K, T0=" + vogelKelvin + " K");
        }
    }

    public static TemperatureLaw arrhenius(double activationEnergyJPerMol) {
        return new TemperatureLaw(activationEnergyJPerMol / GAS_CONSTANT, 0.0);
    }

    /** Resistance factor at {@code celsius} relative to 25 °C. */
    public double factor(double celsius) {
        double t = celsius + KELVIN_OFFSET - vogelKelvin;
        double tRef = REFERENCE_CELSIUS + KELVIN_OFFSET - vogelKelvin;
        return Math.exp(pseudoActivationKelvin * (1.0 / t - 1.0 / tRef));
    }

    /** Apparent activation energy (J/mol) at 25 °C. */
    public double activationEnergyJPerMol() {
        double tRef = REFERENCE_CELSIUS + KELVIN_OFFSET;
        double tRed = tRef - vogelKelvin;
        return pseudoActivationKelvin * GAS_CONSTANT * tRef * tRef / (tRed * tRed);
    }
}
