package org.qsebms.estimators.model;

/**
 * The one place where the equivalent circuit's equations are written: OCV(soc, T) + R0 + two RC
 * pairs, each resistance times the Arrhenius factor f(T) of {@link EcmParameters#resistanceFactor}
 * and its factor at the SOC ({@link EcmParameters#socFactor} for R0 and R1,
 * {@link EcmParameters#slowSocFactor} for R2), with the RC pairs stepped by the exact zero-order-hold
 * recursion {@code v <- a v + (1 - a) R I}, {@code a = exp(-dt / tau(T))}, and SOC by coulomb
 * counting {@code soc += I dt / (3600 capacityAh)}; optionally a third, slow branch
 * ({@link SlowPolarisation}, {@link #nextPolarisationVolts}) added to the RC voltages, which the
 * filters estimate as a state ({@link #polarisationInputOhms}). Current is positive while charging.
 *
 * <p>Used by both SOC filters' prediction and measurement ({@code EkfSocEstimator}), by the
 * current limits ({@code CurrentLimitEstimator}: the same RC step response over the horizon) and
 * by the simulated cell ({@link EquivalentCircuitCell}), so a change to the model is made once.
 * ({@code ReferenceEkfSocEstimator} writes the equations again on purpose: it is the independent
 * check of the fast filter.) The methods are small pieces rather than one "step the state" call
 * because the filters also need the pieces' derivatives (the RC input gain is the transition's
 * dependence on the current), and they take factors already looked up so that a caller that uses
 * one factor twice looks it up once. Stateless and immutable; nothing allocates.
 */
public final class EquivalentCircuitModel {
    private final EcmParameters cell;

    public EquivalentCircuitModel(EcmParameters cell) {
        this.cell = cell;
    }

    public EcmParameters parameters() {
        return cell;
    }

    /** f(T): by how much every resistance at {@code celsius} exceeds its 25 °C value. */
    public double temperatureFactor(double celsius) {
        return cell.resistanceFactor(celsius);
    }

    /** Whether the RC time constants depend on temperature (when not, one decay serves every cell). */
    public boolean timeConstantsDependOnTemperature() {
        return !cell.timeConstants().isEmpty();
    }

    /** Decay of the fast RC pair over {@code dtSeconds}: {@code exp(-dt / tau1(T))}. */
    public double fastDecay(double dtSeconds, double celsius) {
        return Math.exp(-dtSeconds / cell.tau1SecondsAt(celsius));
    }

    /** Decay of the slow RC pair over {@code dtSeconds}: {@code exp(-dt / tau2(T))}. */
    public double slowDecay(double dtSeconds, double celsius) {
        return Math.exp(-dtSeconds / cell.tau2SecondsAt(celsius));
    }

    /** The factor on R0 and R1 at this SOC and temperature: {@code f(T) g(soc, T)}. */
    public double fastFactor(double soc, double celsius, double temperatureFactor) {
        return temperatureFactor * cell.socFactor(soc, celsius);
    }

    /** The factor on R2 at this SOC and temperature: {@code f(T) g2(soc, T)}. */
    public double slowFactor(double soc, double celsius, double temperatureFactor) {
        return temperatureFactor * cell.slowSocFactor(soc, celsius);
    }

    /** SOC moved by {@code amps} over {@code dtSeconds} at the nominal capacity (without the filters' capacity scale). */
    public double socChange(double amps, double dtSeconds) {
        return amps * dtSeconds / (3600.0 * cell.capacityAh());
    }

    /**
     * The fast RC pair's input gain over one step: volts per ampere added by a current held over
     * the step, {@code (1 - a1) R1 fastFactor} (the transition's derivative by the current).
     */
    public double fastInputOhms(double fastDecay, double fastFactor) {
        return (1 - fastDecay) * cell.r1Ohms() * fastFactor;
    }

    /** The slow RC pair's input gain over one step, {@code (1 - a2) R2 slowFactor}. */
    public double slowInputOhms(double slowDecay, double slowFactor) {
        return (1 - slowDecay) * cell.r2Ohms() * slowFactor;
    }

    /** The fast RC pair's voltage after one step of {@code amps}: {@code a1 v1 + (1 - a1) R1 fastFactor I}. */
    public double nextFastVolts(double volts, double fastDecay, double fastFactor, double amps) {
        return fastDecay * volts + (1 - fastDecay) * cell.r1Ohms() * fastFactor * amps;
    }

    /** The slow RC pair's voltage after one step of {@code amps}: {@code a2 v2 + (1 - a2) R2 slowFactor I}. */
    public double nextSlowVolts(double volts, double slowDecay, double slowFactor, double amps) {
        return slowDecay * volts + (1 - slowDecay) * cell.r2Ohms() * slowFactor * amps;
    }

    /** Whether the model has the slow polarisation branch ({@link EcmParameters#slowPolarisation}). */
    public boolean hasSlowPolarisation() {
        return !cell.slowPolarisation().isNone();
    }

    /** Decay of the slow polarisation branch over {@code dtSeconds}: {@code exp(-dt / tau3)} (1 without it). */
    public double polarisationDecay(double dtSeconds) {
        return hasSlowPolarisation() ? cell.slowPolarisation().decay(dtSeconds) : 1.0;
    }

    /**
     * The slow polarisation branch's steady state at {@code amps}: {@code R3(soc) f I} (0 without
     * the branch); what it holds after long enough at that current.
     */
    public double polarisationSteadyVolts(double soc, double temperatureFactor, double amps) {
        if (!hasSlowPolarisation()) {
            return 0.0;
        }
        return cell.slowPolarisation().ohmsAt(soc) * temperatureFactor * amps;
    }

    /**
     * The slow polarisation branch's input column over a step: {@code (1 - a3) R3(soc) f(T)}, so that
     * the branch moves to {@code a3 v3 + (1 - a3) R3(soc) f(T) I} (0 without the branch: the branch
     * then stays where it is, at 0). The filters' state transition for the branch, which they
     * estimate as a state.
     */
    public double polarisationInputOhms(double decay, double soc, double temperatureFactor) {
        if (!hasSlowPolarisation()) {
            return 0.0;
        }
        return (1 - decay) * cell.slowPolarisation().ohmsAt(soc) * temperatureFactor;
    }

    /**
     * The slow polarisation branch's voltage after one step of {@code amps}:
     * {@code a3 v3 + (1 - a3) R3(soc) f(T) I} (0 without the branch); the simulated cell's and the
     * current limits' step.
     */
    public double nextPolarisationVolts(double volts, double decay, double soc, double temperatureFactor, double amps) {
        if (!hasSlowPolarisation()) {
            return 0.0;
        }
        return decay * volts + (1 - decay) * cell.slowPolarisation().ohmsAt(soc) * temperatureFactor * amps;
    }

    /** R0's voltage at this SOC and temperature: {@code R0 f(T) g(soc, T) I} (before any R0 scale). */
    public double r0Volts(double soc, double celsius, double temperatureFactor, double amps) {
        return r0Ohms(soc, celsius, temperatureFactor) * amps;
    }

    /**
     * R0 at this SOC and temperature, {@code R0 f(T) g(soc, T)} (before any R0 scale): {@link #r0Volts}
     * is this times the current, to the last bit, so a caller that needs both looks the table up once.
     */
    public double r0Ohms(double soc, double celsius, double temperatureFactor) {
        return cell.r0Ohms() * temperatureFactor * cell.socFactor(soc, celsius);
    }

    /** The OCV at this SOC (clamped to the table) and temperature. */
    public double ocvVolts(double soc, double celsius) {
        return cell.ocv().voltsAt(soc, celsius);
    }

    /** dOCV/dSOC at this SOC and temperature (V per unit SOC). */
    public double ocvSlope(double soc, double celsius) {
        return cell.ocv().slopeAt(soc, celsius);
    }

    /**
     * The terminal voltage: {@code OCV(soc, T) + hysteresis + R0 part + v1 + v2}, with the R0 part
     * from {@link #r0Volts} (times the caller's R0 scale, if any).
     */
    public double terminalVolts(
            double soc, double celsius, double hysteresisVolts, double r0Volts, double fastVolts, double slowVolts) {
        return cell.ocv().voltsAt(soc, celsius) + hysteresisVolts + r0Volts + fastVolts + slowVolts;
    }

    /**
     * The SOC whose OCV explains a terminal voltage with the RC pairs at rest, R0 taken at the SOC
     * found (one refinement): how a filter starts from its first sample.
     */
    public double socFromVolts(double volts, double amps, double celsius, double temperatureFactor, double r0Scale) {
        double r0Amps = cell.r0Ohms() * r0Scale * temperatureFactor * amps;
        double soc = cell.ocv().socAt(volts - r0Amps, celsius);
        return cell.ocv().socAt(volts - r0Amps * cell.socFactor(soc, celsius), celsius);
    }

    /** R1 charged over a horizon of constant current: {@code R1 (1 - a1)} with {@code a1} the horizon's decay. */
    public double fastOhmsCharged(double horizonDecay) {
        return cell.r1Ohms() * (1 - horizonDecay);
    }

    /** R2 charged over a horizon of constant current: {@code R2 (1 - a2)}. */
    public double slowOhmsCharged(double horizonDecay) {
        return cell.r2Ohms() * (1 - horizonDecay);
    }

    /**
     * The resistance a constant current sees after a horizon, the OCV change it causes left out:
     * {@code ((R0 r0Scale + R1 charged) fastFactor + R2 charged slowFactor) f(T)} (the charged parts
     * from {@link #fastOhmsCharged} and {@link #slowOhmsCharged}, the factors without f(T)).
     */
    public double ohmsAfterHorizon(
            double r0Scale,
            double fastCharged,
            double slowCharged,
            double fastSocFactor,
            double slowSocFactor,
            double temperatureFactor) {
        double fast = (cell.r0Ohms() * r0Scale + fastCharged) * fastSocFactor;
        return (fast + slowCharged * slowSocFactor) * temperatureFactor;
    }
}
