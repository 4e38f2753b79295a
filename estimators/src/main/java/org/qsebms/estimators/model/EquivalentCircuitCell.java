package org.qsebms.estimators.model;

/**
 * One cell simulated by its equivalent circuit: OCV(SOC, T) + R0 + two RC pairs, stepped with
 * the exact zero-order-hold discretisation of the RC pairs. Mutable state, no allocation per step.
 * Current is positive while charging.
 */
public final class EquivalentCircuitCell {
    private final EcmParameters params;
    private double soc;
    private double rc1Volts;
    private double rc2Volts;
    private double lastAmps;
    private double celsius;

    public EquivalentCircuitCell(EcmParameters params, double initialSoc, double celsius) {
        this.params = params;
        this.soc = initialSoc;
        this.celsius = celsius;
    }

    /** Advances the cell by {@code dtSeconds} at constant current {@code amps} (charging positive). */
    public void step(double amps, double dtSeconds) {
        double factor = params.resistanceFactor(celsius);
        double a1 = Math.exp(-dtSeconds / params.tau1SecondsAt(celsius));
        double a2 = Math.exp(-dtSeconds / params.tau2SecondsAt(celsius));
        rc1Volts = a1 * rc1Volts + (1 - a1) * params.r1Ohms() * factor * params.socFactor(soc, celsius) * amps;
        rc2Volts = a2 * rc2Volts + (1 - a2) * params.r2Ohms() * factor * params.slowSocFactor(soc, celsius) * amps;
        soc += amps * dtSeconds / (3600.0 * params.capacityAh());
        lastAmps = amps;
    }

    /** Terminal voltage for the current applied in the last step. */
    public double terminalVolts() {
        double ocvSoc = Math.max(0.0, Math.min(1.0, soc));
        double factor = params.resistanceFactor(celsius) * params.socFactor(ocvSoc, celsius);
        return params.ocv().voltsAt(ocvSoc, celsius) + lastAmps * params.r0Ohms() * factor + rc1Volts + rc2Volts;
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

    public double lastAmps() {
        return lastAmps;
    }

    public EcmParameters parameters() {
        return params;
    }
}
