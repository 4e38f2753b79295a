package org.qsebms.estimators.characterization;

/**
 * Equivalent-circuit parameters fitted to one pulse and its relaxation.
 *
 * @param socFraction SOC before the pulse
 * @param celsius     cell temperature during the pulse
 * @param pulseAmps   first current of the pulse (charging positive)
 * @param rmsVolts    RMS residual of the fit
 */
public record PulseFit(
        double socFraction,
        double celsius,
        double pulseAmps,
        double r0Ohms,
        double r1Ohms,
        double tau1Seconds,
        double r2Ohms,
        double tau2Seconds,
        double rmsVolts) {}
