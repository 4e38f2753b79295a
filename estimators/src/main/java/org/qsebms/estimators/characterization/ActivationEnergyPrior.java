package org.qsebms.estimators.characterization;

/**
 * The activation energy to use when the pulse tests hold only one temperature, so none can be
 * fitted: a cell's resistance always rises when it is cold, and a preset without that law would
 * let the current limits allow warm-cell currents at 0 °C.
 *
 * @param joulesPerMol Arrhenius activation energy of the resistances, >= 0
 * @param source       where it comes from, for the notes (e.g. "base preset 'psoa-lfp'")
 */
public record ActivationEnergyPrior(double joulesPerMol, String source) {

    /** No prior: with one temperature the resistances do not depend on temperature. */
    public static final ActivationEnergyPrior NONE = new ActivationEnergyPrior(0, "none");

    public ActivationEnergyPrior {
        if (!(joulesPerMol >= 0) || !Double.isFinite(joulesPerMol)) {
            throw new IllegalArgumentException(
                    "activation energy prior must be a finite number >= 0 J/mol, got " + joulesPerMol);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("activation energy prior needs its source");
        }
    }
}
