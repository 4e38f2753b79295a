package org.qsebms.estimators.model;

/**
 * One lithium-metal cell with a QSE (or liquid) electrolyte, stepped in time. Terminal voltage
 * {@code V = OCV(SOC, T) + M h + I R0 f(T) + v1 + v2} with the interfacial pair v1 driven by the
 * non-linear Li interface law and the cathode pair v2, one-state hysteresis h (LFP), lithium
 * inventory loss with charge throughput, SEI growth with rest time and cycles, and a lumped
 * thermal model (I²R, overpotential and entropic heat, cooling to ambient).
 *
 * <p>Current is positive while charging. {@link #step} allocates nothing: all constants are
 * precomputed, and those that depend on the current, the time step or the temperature are
 * recomputed only when those change.
 */
public final class QseCell {
    private static final int OCV_POINTS = 201;
    private static final int AGING_INTERVAL_STEPS = 64;
    private static final double SECONDS_PER_DAY = 86400.0;

    private final QseCellParameters params;
    private final SeiLaw sei;
    private final double[] ocvGrid = new double[OCV_POINTS];
    private final double[] entropicGrid = new double[OCV_POINTS];
    private final double capacityAh;
    private final double r0Ohms;
    private final double tafelVolts;
    private final double halfInverseExchangeAmps;
    private final double interfaceOhms;
    private final double cathodeOhms;
    private final double hysteresisVolts;
    /** Hysteresis rate gamma (the cathode's): the branch is reached after about 1/gamma of full capacity moved. */
    private final double hysteresisRate;

    private final double activationKelvin;
    private final double vogelKelvin;
    private final double inverseReferenceKelvin;
    private final double coolingWattsPerK;
    private final double heatCapacityJPerK;
    private final double restAmps;
    private final double oneCAmps;

    private double soc;
    private double v1Volts;
    private double v2Volts;
    private double hysteresis;
    private double celsius;
    private double ambientCelsius;
    private double lithiumReserveAh;
    private double throughputAh;
    private double restSeconds;
    private double seiFactor = 1.0;
    private double lastAmps;
    private double terminalVolts;
    private int agingCounter;

    private double cachedDt = Double.NaN;
    private double a1;
    private double a2;
    private double thermalDecay;
    private double thermalGain;
    private double cachedAmps = Double.NaN;
    private double cachedAmpsDt = Double.NaN;
    private double interfaceTargetVolts;
    private double hysteresisDecay;
    private double hysteresisTarget;
    private double lossPerAh;
    private double cachedCelsius = Double.NaN;
    private double resistanceFactor;

    public QseCell(QseCellParameters params, double initialSoc, double celsius) {
        this.params = params;
        this.sei = params.laws().sei();
        OcvCurve ocv = params.ocv();
        for (int i = 0; i < OCV_POINTS; i++) {
            double s = i / (double) (OCV_POINTS - 1);
            ocvGrid[i] = ocv.voltsAt(s);
            entropicGrid[i] = ocv.entropicVoltsPerKAt(s);
        }
        this.capacityAh = params.capacityAh();
        this.r0Ohms = params.r0Ohms();
        this.tafelVolts = params.tafelVolts();
        this.halfInverseExchangeAmps = 0.5 / params.exchangeAmps();
        this.interfaceOhms = params.interfaceOhms();
        this.cathodeOhms = params.cathodeOhms();
        this.hysteresisVolts = params.cathode().hysteresisVolts();
        this.hysteresisRate = params.cathode().hysteresisRatePerSoc();
        TemperatureLaw t = params.laws().temperature();
        this.activationKelvin = t.pseudoActivationKelvin();
        this.vogelKelvin = t.vogelKelvin();
        this.inverseReferenceKelvin =
                1.0 / (TemperatureLaw.REFERENCE_CELSIUS + TemperatureLaw.KELVIN_OFFSET - vogelKelvin);
        this.coolingWattsPerK = params.thermal().coolingWattsPerK();
        this.heatCapacityJPerK = params.thermal().heatCapacityJPerK();
        this.oneCAmps = params.oneCAmps();
        this.restAmps = oneCAmps / 1000.0;
        this.soc = initialSoc;
        this.celsius = celsius;
        this.ambientCelsius = celsius;
        this.lithiumReserveAh = params.lithiumReserveAh();
        this.terminalVolts = ocvAt(initialSoc);
    }

    /** Advances the cell by {@code dtSeconds} at constant current {@code amps} (charging positive). */
    public void step(double amps, double dtSeconds) {
        if (dtSeconds != cachedDt) {
            updateStepConstants(dtSeconds);
        }
        if (amps != cachedAmps || dtSeconds != cachedAmpsDt) {
            updateCurrentConstants(amps, dtSeconds);
        }
        if (celsius != cachedCelsius) {
            updateTemperatureConstants();
        }
        double f = resistanceFactor;
        v1Volts = a1 * v1Volts + (1 - a1) * interfaceTargetVolts * f * seiFactor;
        v2Volts = a2 * v2Volts + (1 - a2) * cathodeOhms * f * amps;
        hysteresis = hysteresisDecay * hysteresis + (1 - hysteresisDecay) * hysteresisTarget;
        double chargeAh = amps * dtSeconds / 3600.0;
        soc += chargeAh / capacityAh;
        double movedAh = Math.abs(chargeAh);
        throughputAh += movedAh;
        lithiumReserveAh -= movedAh * lossPerAh;

        double x = soc * (OCV_POINTS - 1);
        int i = x <= 0 ? 0 : x >= OCV_POINTS - 1 ? OCV_POINTS - 2 : (int) x;
        double w = Math.max(0.0, Math.min(1.0, x - i));
        double ocv = ocvGrid[i] + w * (ocvGrid[i + 1] - ocvGrid[i]);
        double dudt = entropicGrid[i] + w * (entropicGrid[i + 1] - entropicGrid[i]);
        double overVolts = amps * r0Ohms * f + v1Volts + v2Volts;
        terminalVolts = ocv
                + (params.ocv().ocvCelsius(celsius) - OcvCurve.REFERENCE_CELSIUS) * dudt
                + hysteresisVolts * hysteresis
                + overVolts;

        double heatWatts = amps * overVolts + amps * (celsius + TemperatureLaw.KELVIN_OFFSET) * dudt;
        celsius = ambientCelsius + (celsius - ambientCelsius) * thermalDecay + heatWatts * thermalGain;
        if (movedAh < restAmps * dtSeconds / 3600.0) {
            restSeconds += dtSeconds;
        }
        lastAmps = amps;
        if (++agingCounter >= AGING_INTERVAL_STEPS) {
            agingCounter = 0;
            seiFactor = sei.factor(restSeconds / SECONDS_PER_DAY, equivalentCycles());
        }
    }

    private void updateStepConstants(double dt) {
        cachedDt = dt;
        a1 = Math.exp(-dt / params.tau1Seconds());
        a2 = Math.exp(-dt / params.tau2Seconds());
        thermalDecay = Math.exp(-dt * coolingWattsPerK / heatCapacityJPerK);
        thermalGain = (1 - thermalDecay) / coolingWattsPerK;
    }

    private void updateCurrentConstants(double amps, double dt) {
        cachedAmps = amps;
        cachedAmpsDt = dt;
        interfaceTargetVolts = tafelVolts * InterfacialLaw.asinh(amps * halfInverseExchangeAmps) + interfaceOhms * amps;
        hysteresisDecay = Math.exp(-hysteresisRate * Math.abs(amps) * dt / (3600.0 * capacityAh));
        hysteresisTarget = amps > restAmps ? 1.0 : amps < -restAmps ? -1.0 : hysteresis;
        lossPerAh = params.lithiumLossPerAhThroughput(amps);
    }

    private void updateTemperatureConstants() {
        cachedCelsius = celsius;
        double t = celsius + TemperatureLaw.KELVIN_OFFSET - vogelKelvin;
        resistanceFactor = Math.exp(activationKelvin * (1.0 / t - inverseReferenceKelvin));
    }

    private double ocvAt(double s) {
        return params.ocv().voltsAt(Math.max(0, Math.min(1, s)));
    }

    /** True when a discharge at the last current has delivered what the rate law allows or hit the cut-off. */
    boolean dischargeLimitReached() {
        double cRate = Math.abs(lastAmps) / oneCAmps;
        double floor = 1.0 - params.availableFraction(cRate) * Math.min(1.0, usableCapacityAh() / capacityAh);
        return soc <= floor || terminalVolts <= params.cathode().lowerCutoffVolts() || soc <= 0;
    }

    /** True when charging has reached the upper cut-off or full SOC. */
    boolean chargeLimitReached() {
        return terminalVolts >= params.cathode().upperCutoffVolts() || soc >= 1.0;
    }

    /** Capacity that lithium inventory still supports (Ah): the cathode's until the reserve is gone. */
    public double usableCapacityAh() {
        return capacityAh + Math.min(0.0, lithiumReserveAh);
    }

    /** End of life: lithium reserve consumed, or usable capacity below {@code capacityLimitFraction}. */
    boolean isEndOfLife(double capacityLimitFraction) {
        return lithiumReserveAh <= 0 || usableCapacityAh() < capacityLimitFraction * capacityAh;
    }

    /** True when this electrolyte risks an internal short at the present cell temperature. */
    boolean shortRisk() {
        return params.electrolyte().hasShortRiskAt(celsius);
    }

    /** Full equivalent cycles so far (throughput / 2 capacities). */
    public double equivalentCycles() {
        return throughputAh / (2 * capacityAh);
    }

    public double terminalVolts() {
        return terminalVolts;
    }

    public double soc() {
        return soc;
    }

    public void setSoc(double soc) {
        this.soc = soc;
    }

    public double celsius() {
        return celsius;
    }

    public void setCelsius(double celsius) {
        this.celsius = celsius;
    }

    public double ambientCelsius() {
        return ambientCelsius;
    }

    public void setAmbientCelsius(double ambientCelsius) {
        this.ambientCelsius = ambientCelsius;
    }

    public double lithiumReserveAh() {
        return lithiumReserveAh;
    }

    public double seiFactor() {
        return seiFactor;
    }

    public double restSeconds() {
        return restSeconds;
    }

    double hysteresisState() {
        return hysteresis;
    }

    public double lastAmps() {
        return lastAmps;
    }

    public QseCellParameters parameters() {
        return params;
    }
}
