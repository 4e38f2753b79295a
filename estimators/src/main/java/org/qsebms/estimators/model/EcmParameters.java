package org.qsebms.estimators.model;

/**
 * Equivalent-circuit parameters of one cell at 25 °C: OCV, series resistance R0 and two RC
 * pairs, with an Arrhenius temperature factor and a state-of-charge factor on all resistances.
 *
 * @param capacityAh           usable capacity at a low rate
 * @param r0Ohms               ohmic (bulk electrolyte + contact) resistance
 * @param r1Ohms               first RC pair resistance (interfacial / charge transfer)
 * @param tau1Seconds          first RC time constant
 * @param r2Ohms               second RC pair resistance (diffusion)
 * @param tau2Seconds          second RC time constant
 * @param activationEnergyJPerMol Arrhenius activation energy of the resistances
 * @param ocv                  open-circuit voltage curve
 * @param resistanceVsSoc      factors on R0, R1 and on R2 against SOC ({@link ResistanceVsSoc#FLAT} for none)
 */
public record EcmParameters(
        double capacityAh,
        double r0Ohms,
        double r1Ohms,
        double tau1Seconds,
        double r2Ohms,
        double tau2Seconds,
        double activationEnergyJPerMol,
        OcvCurve ocv,
        ResistanceVsSoc resistanceVsSoc) {

    static final double GAS_CONSTANT = 8.314462618;

    public EcmParameters {
        requirePositive("capacityAh", capacityAh);
        requirePositive("r0Ohms", r0Ohms);
        requireNonNegative("r1Ohms", r1Ohms);
        requirePositive("tau1Seconds", tau1Seconds);
        requireNonNegative("r2Ohms", r2Ohms);
        requirePositive("tau2Seconds", tau2Seconds);
        requireNonNegative("activationEnergyJPerMol", activationEnergyJPerMol);
        if (ocv == null) {
            throw new IllegalArgumentException("ocv curve is required");
        }
        if (resistanceVsSoc == null) {
            throw new IllegalArgumentException("resistanceVsSoc is required (ResistanceVsSoc.FLAT for none)");
        }
    }

    /** Parameters whose resistances do not depend on SOC. */
    public EcmParameters(double capacityAh, double r0Ohms, double r1Ohms, double tau1Seconds, double r2Ohms,
            double tau2Seconds, double activationEnergyJPerMol, OcvCurve ocv) {
        this(capacityAh, r0Ohms, r1Ohms, tau1Seconds, r2Ohms, tau2Seconds, activationEnergyJPerMol, ocv,
                ResistanceVsSoc.FLAT);
    }

    /** Factor by which R0 and R1 at {@code soc} exceed the nominal ones (1 without an SOC table). */
    public double socFactor(double soc) {
        return resistanceVsSoc.factorAt(soc);
    }

    /** Factor by which R2 at {@code soc} exceeds the nominal one (1 without an SOC table). */
    public double slowSocFactor(double soc) {
        return resistanceVsSoc.slowFactorAt(soc);
    }

    /** A copy with the given resistance-versus-SOC table. */
    public EcmParameters withResistanceVsSoc(ResistanceVsSoc table) {
        return new EcmParameters(capacityAh, r0Ohms, r1Ohms, tau1Seconds, r2Ohms, tau2Seconds,
                activationEnergyJPerMol, ocv, table);
    }

    /** Factor by which resistances at {@code celsius} exceed those at 25 °C. */
    public double resistanceFactor(double celsius) {
        double t = celsius + 273.15;
        double tRef = 298.15;
        return Math.exp(activationEnergyJPerMol / GAS_CONSTANT * (1.0 / t - 1.0 / tRef));
    }

    /** A copy with every resistance and the capacity scaled, for cell-to-cell spread. */
    public EcmParameters scaled(double capacityFactor, double resistanceFactor) {
        return new EcmParameters(capacityAh * capacityFactor, r0Ohms * resistanceFactor, r1Ohms * resistanceFactor,
                tau1Seconds, r2Ohms * resistanceFactor, tau2Seconds, activationEnergyJPerMol, ocv, resistanceVsSoc);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
        }
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }
}
