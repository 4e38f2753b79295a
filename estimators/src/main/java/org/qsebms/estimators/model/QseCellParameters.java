package org.qsebms.estimators.model;

/**
 * The fitted area-specific laws of one electrolyte scaled by geometry to one cell with a
 * lithium-metal anode. Everything here is per cell, at 25 °C, in SI units.
 *
 * @param laws               the electrolyte's fitted laws
 * @param cathode            cathode material
 * @param geometry           cell geometry
 * @param ocv                open-circuit voltage of the cathode vs Li (Li-metal anode)
 * @param capacityAh         cathode capacity at a vanishing rate
 * @param r0Ohms             bulk electrolyte resistance (thickness / conductivity / area)
 * @param tafelVolts         Butler-Volmer term amplitude of the Li interface
 * @param exchangeAmps       exchange current of the Li interface (j0 x area)
 * @param interfaceOhms      linear SEI resistance of the Li interface
 * @param cathodeOhms        linear cathode-side resistance
 * @param tau1Seconds        time constant of the interfacial RC pair (assumed)
 * @param tau2Seconds        time constant of the cathode/diffusion RC pair (assumed)
 * @param lithiumReserveAh   lithium foil inventory that can be lost before the cathode starves
 * @param thermal            lumped thermal parameters
 */
public record QseCellParameters(
        ElectrolyteLaws laws,
        Cathode cathode,
        CellGeometry geometry,
        OcvCurve ocv,
        double capacityAh,
        double r0Ohms,
        double tafelVolts,
        double exchangeAmps,
        double interfaceOhms,
        double cathodeOhms,
        double tau1Seconds,
        double tau2Seconds,
        double lithiumReserveAh,
        ThermalParameters thermal) {

    /** Assumed interfacial (charge transfer + SEI) time constant; the paper gives no time constants. */
    static final double INTERFACE_TAU_SECONDS = 2.0;
    /** Assumed cathode solid-diffusion time constant. */
    static final double CATHODE_TAU_SECONDS = 60.0;

    /** Scales {@code laws} to a cell of {@code cathode} and {@code geometry}. */
    public static QseCellParameters of(ElectrolyteLaws laws, Cathode cathode, CellGeometry geometry, OcvCurve ocv) {
        double area = geometry.activeAreaCm2();
        double q0 = cathode == Cathode.NCM811
                ? laws.rateCapacity().zeroRateMilliAmpHoursPerGram()
                : cathode.nominalMilliAmpHoursPerGram();
        double capacityAh = geometry.cathodeMilliAmpHoursPerCm2(q0) * area * 1e-3;
        InterfacialLaw i = laws.interfacial();
        return QseCellParameters.builder()
                .laws(laws)
                .cathode(cathode)
                .geometry(geometry)
                .ocv(ocv)
                .capacityAh(capacityAh)
                .r0Ohms(laws.bulkOhmCm2(geometry.electrolyteThicknessUm()) / area)
                .tafelVolts(i.tafelMillivolts() * 1e-3)
                .exchangeAmps(i.exchangeMilliAmpsPerCm2() * 1e-3 * area)
                .interfaceOhms(i.seiOhmCm2() / area)
                .cathodeOhms(laws.cathodeOhmCm2() / area)
                .tau1Seconds(INTERFACE_TAU_SECONDS)
                .tau2Seconds(CATHODE_TAU_SECONDS)
                .lithiumReserveAh(geometry.lithiumMilliAmpHoursPerCm2() * area * 1e-3)
                .thermal(ThermalParameters.of(geometry))
                .build();
    }

    /** The lithium interface's law over this cell's area (the Butler-Volmer and SEI terms the first pair linearises). */
    public LithiumInterface lithiumInterface() {
        return new LithiumInterface(tafelVolts, exchangeAmps, interfaceOhms);
    }

    public Electrolyte electrolyte() {
        return laws.electrolyte();
    }

    /** Current of 1 C (A): nominal specific capacity x loading x area. */
    public double oneCAmps() {
        return geometry.cathodeMilliAmpHoursPerCm2(cathode.nominalMilliAmpHoursPerGram())
                * geometry.activeAreaCm2()
                * 1e-3;
    }

    /** Capacity (Ah) delivered at {@code cRate}. */
    public double capacityAtRateAh(double cRate) {
        return capacityAh * availableFraction(cRate);
    }

    /** Fraction of {@link #capacityAh()} deliverable at {@code cRate} (rate law of the electrolyte). */
    double availableFraction(double cRate) {
        return laws.rateCapacity().availableFraction(cRate);
    }

    /** Current density (mA/cm²) for a cell current of {@code amps}. */
    public double milliAmpsPerCm2(double amps) {
        return amps * 1e3 / geometry.activeAreaCm2();
    }

    /** Lithium lost per ampere-hour of charge throughput at {@code amps} (Ah/Ah). */
    double lithiumLossPerAhThroughput(double amps) {
        double j = milliAmpsPerCm2(amps);
        if (j == 0) {
            return 0;
        }
        double cycledMahPerCm2 = capacityAtRateAh(Math.abs(amps) / oneCAmps()) * 1e3 / geometry.activeAreaCm2();
        return laws.lithiumLoss().lossPerCycle(j) / (2 * cycledMahPerCm2);
    }

    /** Interfacial + cathode overpotential at steady state for {@code amps} at 25 °C (V, signed). */
    double steadyOverpotentialVolts(double amps) {
        return amps * r0Ohms
                + tafelVolts * InterfacialLaw.asinh(amps / (2 * exchangeAmps))
                + amps * interfaceOhms
                + amps * cathodeOhms;
    }

    /** The equivalent-circuit view of these parameters (interface linearised at 1 C), for presets. */
    public EcmParameters toEcmParameters() {
        double oneC = oneCAmps();
        double r1 = tafelVolts * InterfacialLaw.asinh(oneC / (2 * exchangeAmps)) / oneC + interfaceOhms;
        return EcmParameters.builder()
                .capacityAh(capacityAh)
                .r0Ohms(r0Ohms)
                .r1Ohms(r1)
                .tau1Seconds(tau1Seconds)
                .r2Ohms(cathodeOhms)
                .tau2Seconds(tau2Seconds)
                .activationEnergyJPerMol(laws.temperature().activationEnergyJPerMol())
                .ocv(ocv)
                .build();
    }

    /** A builder with every value unset (refused by {@link Builder#build()} until set). */
    static Builder builder() {
        return new Builder();
    }

    /** Named setters (see the record's parameters for each one's meaning and unit). */
    static final class Builder {
        private ElectrolyteLaws laws;
        private Cathode cathode;
        private CellGeometry geometry;
        private OcvCurve ocv;
        private Double capacityAh;
        private Double r0Ohms;
        private Double tafelVolts;
        private Double exchangeAmps;
        private Double interfaceOhms;
        private Double cathodeOhms;
        private Double tau1Seconds;
        private Double tau2Seconds;
        private Double lithiumReserveAh;
        private ThermalParameters thermal;

        private Builder() {}

        Builder laws(ElectrolyteLaws v) {
            laws = v;
            return this;
        }

        Builder cathode(Cathode v) {
            cathode = v;
            return this;
        }

        Builder geometry(CellGeometry v) {
            geometry = v;
            return this;
        }

        Builder ocv(OcvCurve v) {
            ocv = v;
            return this;
        }

        Builder capacityAh(double v) {
            capacityAh = v;
            return this;
        }

        Builder r0Ohms(double v) {
            r0Ohms = v;
            return this;
        }

        Builder tafelVolts(double v) {
            tafelVolts = v;
            return this;
        }

        Builder exchangeAmps(double v) {
            exchangeAmps = v;
            return this;
        }

        Builder interfaceOhms(double v) {
            interfaceOhms = v;
            return this;
        }

        Builder cathodeOhms(double v) {
            cathodeOhms = v;
            return this;
        }

        Builder tau1Seconds(double v) {
            tau1Seconds = v;
            return this;
        }

        Builder tau2Seconds(double v) {
            tau2Seconds = v;
            return this;
        }

        Builder lithiumReserveAh(double v) {
            lithiumReserveAh = v;
            return this;
        }

        Builder thermal(ThermalParameters v) {
            thermal = v;
            return this;
        }

        QseCellParameters build() {
            requireSet(laws, "laws");
            requireSet(cathode, "cathode");
            requireSet(geometry, "geometry");
            requireSet(ocv, "ocv");
            requireSet(capacityAh, "capacityAh");
            requireSet(r0Ohms, "r0Ohms");
            requireSet(tafelVolts, "tafelVolts");
            requireSet(exchangeAmps, "exchangeAmps");
            requireSet(interfaceOhms, "interfaceOhms");
            requireSet(cathodeOhms, "cathodeOhms");
            requireSet(tau1Seconds, "tau1Seconds");
            requireSet(tau2Seconds, "tau2Seconds");
            requireSet(lithiumReserveAh, "lithiumReserveAh");
            requireSet(thermal, "thermal");
            return new QseCellParameters(
                    laws,
                    cathode,
                    geometry,
                    ocv,
                    capacityAh,
                    r0Ohms,
                    tafelVolts,
                    exchangeAmps,
                    interfaceOhms,
                    cathodeOhms,
                    tau1Seconds,
                    tau2Seconds,
                    lithiumReserveAh,
                    thermal);
        }

        private static void requireSet(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is not set");
            }
        }
    }
}
