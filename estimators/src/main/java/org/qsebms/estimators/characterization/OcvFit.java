package org.qsebms.estimators.characterization;

import org.qsebms.estimators.model.OcvCurve;

/**
 * Result of fitting an OCV curve to a slow OCV test.
 *
 * @param curve             OCV versus SOC (SOC normalised by the capacity given to the fit)
 * @param hysteresisVolts   half the median charge/discharge gap after IR correction (0 when
 *                          only one branch was used)
 * @param branchesAveraged  whether charge and discharge branches were averaged
 * @param note              what was done and why, for the user
 */
public record OcvFit(OcvCurve curve, double hysteresisVolts, boolean branchesAveraged, String note) {
}
