package org.qsebms.estimators.model;

/**
 * Equivalent-circuit parameters of one cell at 25 °C: OCV, series resistance R0 and two RC
 * pairs, with an Arrhenius temperature factor and state-of-charge factors on all resistances, measured at
 * one or more temperatures.
 *
 * @param capacityAh           usable capacity at a low rate
 * @param r0Ohms               ohmic (bulk electrolyte + contact) resistance
 * @param r1Ohms               first RC pair resistance (interfacial / charge transfer)
 * @param tau1Seconds          first RC time constant
 * @param r2Ohms               second RC pair resistance (diffusion)
 * @param tau2Seconds          second RC time constant
 * @param activationEnergyJPerMol Arrhenius activation energy of the resistances
 * @param ocv                  open-circuit voltage curve
 * @param resistance           factors on R0, R1 and on R2 against SOC at each test temperature
 *                             ({@link ResistanceMap#FLAT} for none)
 * @param timeConstants        the two time constants at each test temperature
 *                             ({@link TimeConstantsVsTemperature#NONE}: tau1Seconds and tau2Seconds everywhere)
 * @param characterisedCelsius the temperatures the parameters were measured over
 *                             ({@link TemperatureSpan#UNKNOWN} when not recorded); outside, the
 *                             SOC filters treat the model as extrapolated
 * @param ocvDoubt             the OCV table's sigma per SOC region, learnt from the cell's tests
 *                             ({@link OcvDoubt#NONE}: the SOC filter's default OCV sigma everywhere)
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
        ResistanceMap resistance,
        TimeConstantsVsTemperature timeConstants,
        TemperatureSpan characterisedCelsius,
        OcvDoubt ocvDoubt) {

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
        if (resistance == null) {
            throw new IllegalArgumentException("resistance map is required (ResistanceMap.FLAT for none)");
        }
        if (timeConstants == null) {
            throw new IllegalArgumentException(
                    "time constants against temperature are required " + "(TimeConstantsVsTemperature.NONE for none)");
        }
        if (characterisedCelsius == null) {
            throw new IllegalArgumentException(
                    "the characterised temperature span is required " + "(TemperatureSpan.UNKNOWN for none)");
        }
        if (ocvDoubt == null) {
            throw new IllegalArgumentException("the OCV doubt is required (OcvDoubt.NONE for none)");
        }
    }

    /** Parameters without a learnt OCV doubt ({@link OcvDoubt#NONE}). */
    public EcmParameters(
            double capacityAh,
            double r0Ohms,
            double r1Ohms,
            double tau1Seconds,
            double r2Ohms,
            double tau2Seconds,
            double activationEnergyJPerMol,
            OcvCurve ocv,
            ResistanceMap resistance,
            TimeConstantsVsTemperature timeConstants,
            TemperatureSpan characterisedCelsius) {
        this(
                capacityAh,
                r0Ohms,
                r1Ohms,
                tau1Seconds,
                r2Ohms,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                resistance,
                timeConstants,
                characterisedCelsius,
                OcvDoubt.NONE);
    }

    /** Parameters that do not record the temperatures they were measured over. */
    public EcmParameters(
            double capacityAh,
            double r0Ohms,
            double r1Ohms,
            double tau1Seconds,
            double r2Ohms,
            double tau2Seconds,
            double activationEnergyJPerMol,
            OcvCurve ocv,
            ResistanceMap resistance,
            TimeConstantsVsTemperature timeConstants) {
        this(
                capacityAh,
                r0Ohms,
                r1Ohms,
                tau1Seconds,
                r2Ohms,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                resistance,
                timeConstants,
                TemperatureSpan.UNKNOWN);
    }

    /** A copy that records the temperatures it was measured over. */
    public EcmParameters withCharacterisedCelsius(TemperatureSpan span) {
        return new EcmParameters(
                capacityAh,
                r0Ohms,
                r1Ohms,
                tau1Seconds,
                r2Ohms,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                resistance,
                timeConstants,
                span,
                ocvDoubt);
    }

    /** A copy with the given OCV doubt (everything else kept). */
    public EcmParameters withOcvDoubt(OcvDoubt doubt) {
        return new EcmParameters(
                capacityAh,
                r0Ohms,
                r1Ohms,
                tau1Seconds,
                r2Ohms,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                resistance,
                timeConstants,
                characterisedCelsius,
                doubt);
    }

    /** A copy with another capacity (everything else, the characterised span included, kept). */
    public EcmParameters withCapacityAh(double ah) {
        return new EcmParameters(
                ah,
                r0Ohms,
                r1Ohms,
                tau1Seconds,
                r2Ohms,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                resistance,
                timeConstants,
                characterisedCelsius,
                ocvDoubt);
    }

    /** Parameters whose time constants do not depend on temperature. */
    public EcmParameters(
            double capacityAh,
            double r0Ohms,
            double r1Ohms,
            double tau1Seconds,
            double r2Ohms,
            double tau2Seconds,
            double activationEnergyJPerMol,
            OcvCurve ocv,
            ResistanceMap resistance) {
        this(
                capacityAh,
                r0Ohms,
                r1Ohms,
                tau1Seconds,
                r2Ohms,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                resistance,
                TimeConstantsVsTemperature.NONE);
    }

    /** Parameters with one resistance-versus-SOC table that holds at every temperature. */
    public EcmParameters(
            double capacityAh,
            double r0Ohms,
            double r1Ohms,
            double tau1Seconds,
            double r2Ohms,
            double tau2Seconds,
            double activationEnergyJPerMol,
            OcvCurve ocv,
            ResistanceVsSoc resistanceVsSoc) {
        this(
                capacityAh,
                r0Ohms,
                r1Ohms,
                tau1Seconds,
                r2Ohms,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                ResistanceMap.of(resistanceVsSoc));
    }

    /** Parameters whose resistances do not depend on SOC. */
    public EcmParameters(
            double capacityAh,
            double r0Ohms,
            double r1Ohms,
            double tau1Seconds,
            double r2Ohms,
            double tau2Seconds,
            double activationEnergyJPerMol,
            OcvCurve ocv) {
        this(
                capacityAh,
                r0Ohms,
                r1Ohms,
                tau1Seconds,
                r2Ohms,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                ResistanceMap.FLAT);
    }

    /**
     * Factor by which R0 and R1 at {@code soc} and {@code celsius} exceed the nominal ones times
     * {@link #resistanceFactor(double)} (1 without an SOC table).
     */
    public double socFactor(double soc, double celsius) {
        return resistance.factorAt(soc, celsius);
    }

    /** Factor by which R2 at {@code soc} and {@code celsius} exceeds the nominal one times the Arrhenius factor. */
    public double slowSocFactor(double soc, double celsius) {
        return resistance.slowFactorAt(soc, celsius);
    }

    /** A copy with one resistance-versus-SOC table at every temperature. */
    public EcmParameters withResistanceVsSoc(ResistanceVsSoc table) {
        return withResistance(ResistanceMap.of(table));
    }

    /** A copy with the given resistance map. */
    public EcmParameters withResistance(ResistanceMap map) {
        return new EcmParameters(
                capacityAh,
                r0Ohms,
                r1Ohms,
                tau1Seconds,
                r2Ohms,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                map,
                timeConstants,
                characterisedCelsius,
                ocvDoubt);
    }

    /** A copy with the given time constants against temperature. */
    public EcmParameters withTimeConstants(TimeConstantsVsTemperature table) {
        return new EcmParameters(
                capacityAh,
                r0Ohms,
                r1Ohms,
                tau1Seconds,
                r2Ohms,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                resistance,
                table,
                characterisedCelsius,
                ocvDoubt);
    }

    /** The first RC time constant at {@code celsius}; no allocation. */
    public double tau1SecondsAt(double celsius) {
        return timeConstants.tau1At(celsius, tau1Seconds);
    }

    /** The second RC time constant at {@code celsius}; no allocation. */
    public double tau2SecondsAt(double celsius) {
        return timeConstants.tau2At(celsius, tau2Seconds);
    }

    /** The longest time constant at any temperature: how long the cell may take to relax. */
    public double longestTimeConstantSeconds() {
        return timeConstants.longest(Math.max(tau1Seconds, tau2Seconds));
    }

    /** Factor by which resistances at {@code celsius} exceed those at 25 °C. */
    public double resistanceFactor(double celsius) {
        double t = celsius + 273.15;
        double tRef = 298.15;
        return Math.exp(activationEnergyJPerMol / GAS_CONSTANT * (1.0 / t - 1.0 / tRef));
    }

    /** A copy with every resistance and the capacity scaled, for cell-to-cell spread. */
    public EcmParameters scaled(double capacityFactor, double resistanceFactor) {
        return new EcmParameters(
                capacityAh * capacityFactor,
                r0Ohms * resistanceFactor,
                r1Ohms * resistanceFactor,
                tau1Seconds,
                r2Ohms * resistanceFactor,
                tau2Seconds,
                activationEnergyJPerMol,
                ocv,
                resistance,
                timeConstants,
                characterisedCelsius,
                ocvDoubt);
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
