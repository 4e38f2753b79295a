package org.qsebms.estimators.characterization;

import org.qsebms.estimators.model.OcvCurve;

/**
 * Result of fitting an OCV curve to a slow OCV test.
 *
 * @param curve             OCV versus SOC (SOC normalised by the capacity given to the fit)
 * @param hysteresisVolts   half the median charge/discharge gap after IR correction (0 when
 *                          only one branch was used)
 * @param branchesAveraged  whether charge and discharge branches were averaged
 * @param measuredSocLow    lowest SOC the test measured (below it the curve is extrapolated)
 * @param measuredSocHigh   highest SOC the test measured (above it the curve is extrapolated)
 * @param note              what was done and why, for the user
 */
public record OcvFit(
        OcvCurve curve,
        double hysteresisVolts,
        boolean branchesAveraged,
        double measuredSocLow,
        double measuredSocHigh,
        String note) {

    /** Whether the test measured the OCV at {@code soc} rather than extrapolating to it. */
    public boolean measured(double soc) {
        return soc >= measuredSocLow && soc <= measuredSocHigh;
    }
}
