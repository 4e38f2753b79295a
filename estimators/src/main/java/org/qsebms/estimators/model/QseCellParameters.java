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
    public static final double INTERFACE_TAU_SECONDS = 2.0;
    /** Assumed cathode solid-diffusion time constant. */
    public static final double CATHODE_TAU_SECONDS = 60.0;

    /** Scales {@code laws} to a cell of {@code cathode} and {@code geometry}. */
    public static QseCellParameters of(ElectrolyteLaws laws, Cathode cathode, CellGeometry geometry, OcvCurve ocv) {
        double area = geometry.activeAreaCm2();
        double q0 = cathode == Cathode.NCM811
                ? laws.rateCapacity().zeroRateMilliAmpHoursPerGram()
                : cathode.nominalMilliAmpHoursPerGram();
        double capacityAh = geometry.cathodeMilliAmpHoursPerCm2(q0) * area * 1e-3;
        InterfacialLaw i = laws.interfacial();
        return new QseCellParameters(
                laws,
                cathode,
                geometry,
                ocv,
                capacityAh,
                laws.bulkOhmCm2(geometry.electrolyteThicknessUm()) / area,
                i.tafelMillivolts() * 1e-3,
                i.exchangeMilliAmpsPerCm2() * 1e-3 * area,
                i.seiOhmCm2() / area,
                laws.cathodeOhmCm2() / area,
                INTERFACE_TAU_SECONDS,
                CATHODE_TAU_SECONDS,
                geometry.lithiumMilliAmpHoursPerCm2() * area * 1e-3,
                ThermalParameters.of(geometry));
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
    public double availableFraction(double cRate) {
        return laws.rateCapacity().availableFraction(cRate);
    }

    /** Current density (mA/cm²) for a cell current of {@code amps}. */
    public double milliAmpsPerCm2(double amps) {
        return amps * 1e3 / geometry.activeAreaCm2();
    }

    /** Lithium lost per ampere-hour of charge throughput at {@code amps} (Ah/Ah). */
    public double lithiumLossPerAhThroughput(double amps) {
        double j = milliAmpsPerCm2(amps);
        if (j == 0) {
            return 0;
        }
        double cycledMahPerCm2 = capacityAtRateAh(Math.abs(amps) / oneCAmps()) * 1e3 / geometry.activeAreaCm2();
        return laws.lithiumLoss().lossPerCycle(j) / (2 * cycledMahPerCm2);
    }

    /** Interfacial + cathode overpotential at steady state for {@code amps} at 25 °C (V, signed). */
    public double steadyOverpotentialVolts(double amps) {
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
}
