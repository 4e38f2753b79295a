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
 * @param characterisedCelsius the temperatures the pulse-test parameters were measured over
 *                             ({@link TemperatureSpan#UNKNOWN} when not recorded); outside it, or
 *                             outside the OCV tests' temperatures ({@link #kelvinOutsideCharacterised}),
 *                             the SOC filters treat the model as extrapolated
 * @param ocvDoubt             the OCV table's sigma per SOC region, learnt from the cell's tests
 *                             ({@link OcvDoubt#NONE}: the SOC filter's default OCV sigma everywhere)
 * @param slowPolarisation     a third, slow RC branch learnt from drive logs
 *                             ({@link SlowPolarisation#NONE}: none, the two-pair model)
 * @param topKneeChargeExcess  the voltage under charge at the top knee beyond the model, learnt from an OCV
 *                             test's charge and top-off ({@link TopKneeChargeExcess#NONE}: none)
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
        OcvDoubt ocvDoubt,
        SlowPolarisation slowPolarisation,
        TopKneeChargeExcess topKneeChargeExcess) {

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
        if (slowPolarisation == null) {
            throw new IllegalArgumentException("the slow polarisation is required (SlowPolarisation.NONE for none)");
        }
        if (topKneeChargeExcess == null) {
            throw new IllegalArgumentException(
                    "the top-knee charge excess is required (TopKneeChargeExcess.NONE for none)");
        }
    }

    /** A copy that records the temperatures it was measured over. */
    public EcmParameters withCharacterisedCelsius(TemperatureSpan span) {
        return toBuilder().characterisedCelsius(span).build();
    }

    /**
     * How far {@code celsius} lies outside the temperatures the whole model was measured at (K, 0
     * inside): the larger of its distance from the pulse tests' span ({@link #characterisedCelsius})
     * and from the OCV tests' ({@link OcvCurve#kelvinOutsideTests}). Every part fitted at a
     * temperature counts: resistances measured at 0 °C do not make an OCV (and its doubt) measured
     * at 25 °C only any less extrapolated at 0 °C. A span the preset does not record counts as 0.
     */
    public double kelvinOutsideCharacterised(double celsius) {
        return Math.max(characterisedCelsius.kelvinOutside(celsius), ocv.kelvinOutsideTests(celsius));
    }

    /** A copy with the given OCV doubt (everything else kept). */
    public EcmParameters withOcvDoubt(OcvDoubt doubt) {
        return toBuilder().ocvDoubt(doubt).build();
    }

    /** A copy with the given slow polarisation branch (everything else kept). */
    public EcmParameters withSlowPolarisation(SlowPolarisation slow) {
        return toBuilder().slowPolarisation(slow).build();
    }

    /** A copy with the given top-knee charge excess (everything else kept). */
    public EcmParameters withTopKneeChargeExcess(TopKneeChargeExcess excess) {
        return toBuilder().topKneeChargeExcess(excess).build();
    }

    /** A copy with another capacity (everything else, the characterised span included, kept). */
    public EcmParameters withCapacityAh(double ah) {
        return toBuilder().capacityAh(ah).build();
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
        return toBuilder().resistance(map).build();
    }

    /** A copy with the given time constants against temperature. */
    public EcmParameters withTimeConstants(TimeConstantsVsTemperature table) {
        return toBuilder().timeConstants(table).build();
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
        return toBuilder()
                .capacityAh(capacityAh * capacityFactor)
                .r0Ohms(r0Ohms * resistanceFactor)
                .r1Ohms(r1Ohms * resistanceFactor)
                .r2Ohms(r2Ohms * resistanceFactor)
                .build();
    }

    /**
     * A builder with named setters: the one way to make parameters. The seven numbers and the OCV
     * curve are required; the resistance map defaults to {@link ResistanceMap#FLAT}, the time
     * constants to {@link TimeConstantsVsTemperature#NONE}, the characterised span to
     * {@link TemperatureSpan#UNKNOWN}, the OCV doubt to {@link OcvDoubt#NONE}, the slow
     * polarisation to {@link SlowPolarisation#NONE} and the top-knee charge excess to
     * {@link TopKneeChargeExcess#NONE}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these parameters, for a copy with some fields changed. */
    public Builder toBuilder() {
        return new Builder()
                .capacityAh(capacityAh)
                .r0Ohms(r0Ohms)
                .r1Ohms(r1Ohms)
                .tau1Seconds(tau1Seconds)
                .r2Ohms(r2Ohms)
                .tau2Seconds(tau2Seconds)
                .activationEnergyJPerMol(activationEnergyJPerMol)
                .ocv(ocv)
                .resistance(resistance)
                .timeConstants(timeConstants)
                .characterisedCelsius(characterisedCelsius)
                .ocvDoubt(ocvDoubt)
                .slowPolarisation(slowPolarisation)
                .topKneeChargeExcess(topKneeChargeExcess);
    }

    /** Named fields of {@link EcmParameters}; {@link #build()} checks them. */
    public static final class Builder {
        private double capacityAh = Double.NaN;
        private double r0Ohms = Double.NaN;
        private double r1Ohms = Double.NaN;
        private double tau1Seconds = Double.NaN;
        private double r2Ohms = Double.NaN;
        private double tau2Seconds = Double.NaN;
        private double activationEnergyJPerMol = Double.NaN;
        private OcvCurve ocv;
        private ResistanceMap resistance = ResistanceMap.FLAT;
        private TimeConstantsVsTemperature timeConstants = TimeConstantsVsTemperature.NONE;
        private TemperatureSpan characterisedCelsius = TemperatureSpan.UNKNOWN;
        private OcvDoubt ocvDoubt = OcvDoubt.NONE;
        private SlowPolarisation slowPolarisation = SlowPolarisation.NONE;
        private TopKneeChargeExcess topKneeChargeExcess = TopKneeChargeExcess.NONE;

        private Builder() {}

        public Builder capacityAh(double v) {
            capacityAh = v;
            return this;
        }

        public Builder r0Ohms(double v) {
            r0Ohms = v;
            return this;
        }

        public Builder r1Ohms(double v) {
            r1Ohms = v;
            return this;
        }

        public Builder tau1Seconds(double v) {
            tau1Seconds = v;
            return this;
        }

        public Builder r2Ohms(double v) {
            r2Ohms = v;
            return this;
        }

        public Builder tau2Seconds(double v) {
            tau2Seconds = v;
            return this;
        }

        public Builder activationEnergyJPerMol(double v) {
            activationEnergyJPerMol = v;
            return this;
        }

        public Builder ocv(OcvCurve v) {
            ocv = v;
            return this;
        }

        public Builder resistance(ResistanceMap v) {
            resistance = v;
            return this;
        }

        /** One resistance-versus-SOC table that holds at every temperature. */
        public Builder resistanceVsSoc(ResistanceVsSoc table) {
            return resistance(ResistanceMap.of(table));
        }

        public Builder timeConstants(TimeConstantsVsTemperature v) {
            timeConstants = v;
            return this;
        }

        public Builder characterisedCelsius(TemperatureSpan v) {
            characterisedCelsius = v;
            return this;
        }

        public Builder ocvDoubt(OcvDoubt v) {
            ocvDoubt = v;
            return this;
        }

        public Builder slowPolarisation(SlowPolarisation v) {
            slowPolarisation = v;
            return this;
        }

        public Builder topKneeChargeExcess(TopKneeChargeExcess v) {
            topKneeChargeExcess = v;
            return this;
        }

        public EcmParameters build() {
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
                    ocvDoubt,
                    slowPolarisation,
                    topKneeChargeExcess);
        }
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
