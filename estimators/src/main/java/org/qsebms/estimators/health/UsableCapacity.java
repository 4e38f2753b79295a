package org.qsebms.estimators.health;

/**
 * One measured usable capacity: the charge a full pack gave before its lowest cell reached the
 * cutoff, at the rate and temperature it was discharged at.
 *
 * @param ampHours         charge delivered from full to the cutoff (net of any charge put back)
 * @param meanDischargeC   mean discharge current over the discharge, in C of the nominal capacity
 * @param meanCelsius      mean cell temperature over the discharge
 * @param epochMillis      when the discharge ended (at the cutoff, or where it stopped near it)
 */
public record UsableCapacity(double ampHours, double meanDischargeC, double meanCelsius, long epochMillis) {}
