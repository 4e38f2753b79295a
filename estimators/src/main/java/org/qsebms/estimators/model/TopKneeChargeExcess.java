package org.qsebms.estimators.model;

/**
 * A voltage the cell carries under charge at its top knee beyond its OCV and the model's steady drop: a
 * polarisation the equivalent circuit has no term for (docs/estimation.md, "The LFP CC-CV charge from empty",
 * fix20l and fix20m). It is measured by {@code bms characterize} from an OCV test's slow charge to the top
 * cut-off followed by a top-off at that voltage (the top-off's charge places the charge's last sample on the
 * SOC axis, where the excess is the voltage less the model's) and entered into the SOC filters as a consider
 * term ({@code TopKneeChargeConsider}): one standard normal times {@link #sigmaVolts}, while the cell takes charge
 * with its SOC estimate at or above {@link #fromSoc}. {@link #NONE}: no term, the filters as before.
 *
 * @param sigmaVolts the excess's sigma (V, finite and >= 0; 0 for none)
 * @param fromSoc    the SOC from which the term applies (the lower edge of the region it was measured in)
 */
public record TopKneeChargeExcess(double sigmaVolts, double fromSoc) {
    /** No term. */
    public static final TopKneeChargeExcess NONE = new TopKneeChargeExcess(0.0, 1.0);

    public TopKneeChargeExcess {
        if (!(sigmaVolts >= 0) || !Double.isFinite(sigmaVolts)) {
            throw new IllegalArgumentException(
                    "top-knee charge excess: the sigma must be a finite number of volts >= 0, got " + sigmaVolts);
        }
        if (!(fromSoc >= 0 && fromSoc <= 1)) {
            throw new IllegalArgumentException(
                    "top-knee charge excess: the SOC it applies from must lie in 0..1, got " + fromSoc);
        }
    }

    /** Whether this is no term (a sigma of 0). */
    public boolean isNone() {
        return sigmaVolts == 0.0;
    }
}
