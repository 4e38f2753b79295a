package org.qsebms.estimators.model;

/**
 * One cell simulated by its equivalent circuit: OCV(SOC, T) + R0 + two RC pairs (and the slow
 * polarisation branch when its parameters have one), stepped with
 * the exact zero-order-hold discretisation of the RC pairs: {@link EquivalentCircuitModel}'s
 * equations, the same the SOC filters predict with. Mutable state, no allocation per step.
 * Current is positive while charging.
 */
public final class EquivalentCircuitCell {
    private final EcmParameters params;
    private final EquivalentCircuitModel model;
    private double soc;
    private double rc1Volts;
    private double rc2Volts;
    private double polarisationVolts;
    private double lastAmps;
    private double celsius;

    public EquivalentCircuitCell(EcmParameters params, double initialSoc, double celsius) {
        this.params = params;
        this.model = new EquivalentCircuitModel(params);
        this.soc = initialSoc;
        this.celsius = celsius;
    }

    /** Advances the cell by {@code dtSeconds} at constant current {@code amps} (charging positive). */
    public void step(double amps, double dtSeconds) {
        double factor = model.temperatureFactor(celsius);
        rc1Volts = model.nextFastVolts(
                rc1Volts, model.fastDecay(dtSeconds, celsius), model.fastFactor(soc, celsius, factor), amps);
        rc2Volts = model.nextSlowVolts(
                rc2Volts, model.slowDecay(dtSeconds, celsius), model.slowFactor(soc, celsius, factor), amps);
        polarisationVolts =
                model.nextPolarisationVolts(polarisationVolts, model.polarisationDecay(dtSeconds), soc, factor, amps);
        soc += model.socChange(amps, dtSeconds);
        lastAmps = amps;
    }

    /** Terminal voltage for the current applied in the last step. */
    public double terminalVolts() {
        double ocvSoc = Math.max(0.0, Math.min(1.0, soc));
        double r0Volts = model.r0Volts(ocvSoc, celsius, model.temperatureFactor(celsius), lastAmps);
        return model.terminalVolts(ocvSoc, celsius, 0.0, r0Volts, rc1Volts, rc2Volts + polarisationVolts);
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
