package org.qsebms.estimators.model;

/**
 * A voltage a cell falls short of its OCV and the model's steady drop by when it is charged out of its bottom knee
 * after a deep discharge: a diffusion polarisation the equivalent circuit has no state for (docs/estimation.md, "The
 * LFP CC-CV charge from empty", fix20o). It is measured by {@code bms characterize} from an OCV test's slow
 * discharge to the bottom cut-off followed by a charge that starts from there (the charge's SOC counted from 0 at
 * its start, the OCV table's empty), once the RC pairs have settled under the charge, and entered into the SOC
 * filters as a consider term ({@code BottomKneeChargeConsider}): one standard normal times {@link #sigmaVolts},
 * while a sustained charge goes on with the SOC estimate below {@link #toSoc}. {@link #NONE}: no term.
 *
 * @param sigmaVolts the shortfall's sigma (V, finite and >= 0; 0 for none)
 * @param toSoc      the SOC below which the term applies (the upper edge of the region it was measured in)
 */
public record BottomKneeChargeDeficit(double sigmaVolts, double toSoc) {
    /** No term. */
    public static final BottomKneeChargeDeficit NONE = new BottomKneeChargeDeficit(0.0, 0.0);

    public BottomKneeChargeDeficit {
        if (!(sigmaVolts >= 0) || !Double.isFinite(sigmaVolts)) {
            throw new IllegalArgumentException(
                    "bottom-knee charge deficit: the sigma must be a finite number of volts >= 0, got " + sigmaVolts);
        }
        if (!(toSoc >= 0 && toSoc <= 1)) {
            throw new IllegalArgumentException(
                    "bottom-knee charge deficit: the SOC it applies below must lie in 0..1, got " + toSoc);
        }
    }

    /** Whether this is no term (a sigma of 0). */
    public boolean isNone() {
        return sigmaVolts == 0.0;
    }
}
