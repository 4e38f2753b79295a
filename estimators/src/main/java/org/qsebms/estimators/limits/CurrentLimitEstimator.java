package org.qsebms.estimators.limits;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitModel;

/**
 * Charge and discharge current limits per cell (state of function) from the ECM: the largest
 * constant current whose terminal voltage stays inside [minCellVolts, maxCellVolts] for the whole
 * horizon, given the cell's SOC, RC voltages, temperature (the Arrhenius factor raises the
 * resistances when cold, the cell's resistance-versus-SOC table raises them towards empty) and R0
 * health (estimated over nominal R0); below 25 °C the charge
 * current is further held to {@code 1 / f(T)} of the rated one, where f is the cell's fitted
 * temperature law of the interfacial and bulk resistance: the lithium plating overpotential at
 * the limit then never exceeds its value at the rated current at 25 °C, which bounds the
 * dendrite risk of charging lithium metal cold; then a temperature trapezoid (foxBMS style:
 * charge falls linearly to zero at {@code chargeZeroCelsius}, both fall to zero at
 * {@code hotZeroCelsius}) and the rated currents. Both limits are reported as non-negative
 * magnitudes. The circuit's equations (the RC pairs' step response over the horizon, the
 * resistance after it) are {@link EquivalentCircuitModel}'s, shared with the SOC filters and the
 * simulated cell. {@link #limitsAmps} allocates nothing.
 */
public final class CurrentLimitEstimator {
    private final EcmParameters cell;
    private final EquivalentCircuitModel model;
    private final CurrentLimitSettings settings;
    /**
     * R1 charged over the horizon: fixed by the cell and the settings, so computed once, unless the
     * cell's time constants depend on temperature.
     */
    private final double r1OhmsOverHorizon;
    /** R2 charged over the horizon. */
    private final double r2OhmsOverHorizon;
    /** R1 and R2 charged over the horizon at each of the cell's time-constant temperatures (empty without). */
    private final double[] r1OhmsOverHorizonAt;

    private final double[] r2OhmsOverHorizonAt;

    public CurrentLimitEstimator(EcmParameters cell, CurrentLimitSettings settings) {
        this.cell = cell;
        this.model = new EquivalentCircuitModel(cell);
        this.settings = settings;
        double h = settings.horizonSeconds();
        this.r1OhmsOverHorizon = model.fastOhmsCharged(Math.exp(-h / cell.tau1Seconds()));
        this.r2OhmsOverHorizon = model.slowOhmsCharged(Math.exp(-h / cell.tau2Seconds()));
        double[] tau1 = cell.timeConstants().tau1Seconds();
        double[] tau2 = cell.timeConstants().tau2Seconds();
        this.r1OhmsOverHorizonAt = new double[tau1.length];
        this.r2OhmsOverHorizonAt = new double[tau2.length];
        for (int k = 0; k < tau1.length; k++) {
            r1OhmsOverHorizonAt[k] = model.fastOhmsCharged(Math.exp(-h / tau1[k]));
            r2OhmsOverHorizonAt[k] = model.slowOhmsCharged(Math.exp(-h / tau2[k]));
        }
    }

    /** Highest charge current (A, >= 0) for a cell in the given state; the control loop uses {@link #limitsAmps}. */
    public double chargeLimitAmps(double soc, double rcVolts, double celsius, double r0Scale) {
        double[] out = new double[2];
        limitsAmps(soc, rcVolts, celsius, r0Scale, out);
        return out[0];
    }

    /** Highest discharge current magnitude (A, >= 0) for a cell in the given state; see {@link #limitsAmps}. */
    public double dischargeLimitAmps(double soc, double rcVolts, double celsius, double r0Scale) {
        double[] out = new double[2];
        limitsAmps(soc, rcVolts, celsius, r0Scale, out);
        return out[1];
    }

    /**
     * Both limits for a cell in the given state: the highest charge current into {@code out[0]} and
     * the highest discharge current magnitude into {@code out[1]} (A, >= 0). What the two share (the
     * temperature law, the OCV and its slope, the resistance factors at this SOC, the RC pairs'
     * charged parts at this temperature) is looked up once. Allocates nothing.
     */
    public void limitsAmps(double soc, double rcVolts, double celsius, double r0Scale, double[] out) {
        double f = model.temperatureFactor(celsius);
        double ocv = model.ocvVolts(soc, celsius);
        double ocvDrift =
                Math.abs(model.ocvSlope(soc, celsius)) * settings.horizonSeconds() / (3600.0 * cell.capacityAh());
        double fastNow = cell.socFactor(soc, celsius);
        double slowNow = cell.slowSocFactor(soc, celsius);
        double r1Charged = r1OhmsOverHorizon;
        double r2Charged = r2OhmsOverHorizon;
        if (r1OhmsOverHorizonAt.length > 0) {
            // the charged parts at the table's temperatures, interpolated like the time constants
            r1Charged = cell.timeConstants().interpolate(r1OhmsOverHorizonAt, celsius);
            r2Charged = cell.timeConstants().interpolate(r2OhmsOverHorizonAt, celsius);
        }
        double hot = 1 - ramp(celsius, settings.hotFullCelsius(), settings.hotZeroCelsius());

        double chargeOhms = effectiveOhms(
                        soc, celsius, f, r0Scale, settings.maxChargeAmps(), fastNow, slowNow, r1Charged, r2Charged)
                + ocvDrift;
        double chargeAmps = Math.max(0, (settings.maxCellVolts() - ocv - rcVolts) / chargeOhms);
        double cold = ramp(celsius, settings.chargeZeroCelsius(), settings.chargeFullCelsius());
        out[0] = Math.min(settings.maxChargeAmps() * derate(f), chargeAmps) * cold * hot;

        double dischargeOhms = effectiveOhms(
                        soc, celsius, f, r0Scale, -settings.maxDischargeAmps(), fastNow, slowNow, r1Charged, r2Charged)
                + ocvDrift;
        double dischargeAmps = Math.max(0, (ocv + rcVolts - settings.minCellVolts()) / dischargeOhms);
        out[1] = Math.min(settings.maxDischargeAmps(), dischargeAmps) * hot;
    }

    /**
     * Fraction of the rated charge current allowed at {@code celsius}: {@code 1 / f(T)} below
     * 25 °C (f from the fitted temperature law), 1 above, so that {@code I f(T)} — and with it the
     * interfacial overpotential — stays at or below its rated 25 °C value.
     */
    double interfacialDerate(double celsius) {
        return derate(cell.resistanceFactor(celsius));
    }

    private static double derate(double resistanceFactor) {
        return Math.min(1.0, 1.0 / resistanceFactor);
    }

    /**
     * Resistance seen by a constant current after the horizon at temperature factor {@code f}, the
     * OCV change the current itself causes excluded: R0 plus the charged fraction of each RC pair,
     * each at the worse of this SOC (factors {@code fastNow}, {@code slowNow}) and the SOC the rated
     * current ({@code ratedAmps}, charging positive) reaches over the horizon (the cell's resistance
     * map at this temperature).
     */
    private double effectiveOhms(
            double soc,
            double celsius,
            double f,
            double r0Scale,
            double ratedAmps,
            double fastNow,
            double slowNow,
            double r1Charged,
            double r2Charged) {
        double end = soc + model.socChange(ratedAmps, settings.horizonSeconds());
        double fastFactor = Math.max(fastNow, cell.socFactor(end, celsius));
        double slowFactor = Math.max(slowNow, cell.slowSocFactor(end, celsius));
        return model.ohmsAfterHorizon(r0Scale, r1Charged, r2Charged, fastFactor, slowFactor, f);
    }

    /** 0 at or below {@code zero}, 1 at or above {@code full}, linear in between. */
    private static double ramp(double x, double zero, double full) {
        return x <= zero ? 0 : x >= full ? 1 : (x - zero) / (full - zero);
    }
}
