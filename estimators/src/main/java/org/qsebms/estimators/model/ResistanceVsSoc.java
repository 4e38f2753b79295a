package org.qsebms.estimators.model;

import java.util.Arrays;

/**
 * How a cell's resistances change with state of charge: one factor on the fast part R0 and R1
 * (ohmic and charge transfer, settled within a second) and one on the slow part R2 (diffusion),
 * each 1 where the cell has its nominal resistance, tabulated against SOC and interpolated
 * linearly, clamped to the table's ends. Lithium-ion and lithium-metal cells both show resistance rising steeply
 * towards empty (at 5 % SOC the Panasonic NCA cell's pulse resistance is about 3.5 times its
 * mid-SOC value), which a constant-resistance model reads as a lower OCV, and so as a lower SOC.
 *
 * @param socFraction strictly increasing SOC points in [0, 1]
 * @param factor      factor on R0 and R1 at each point, each > 0
 * @param slowFactor  factor on R2 at each point, each > 0
 */
public record ResistanceVsSoc(double[] socFraction, double[] factor, double[] slowFactor) {

    /** No SOC dependence. */
    public static final ResistanceVsSoc FLAT =
            new ResistanceVsSoc(new double[] {0, 1}, new double[] {1, 1}, new double[] {1, 1});

    public ResistanceVsSoc {
        if (socFraction.length < 2 || socFraction.length != factor.length || socFraction.length != slowFactor.length) {
            throw new IllegalArgumentException("resistance-versus-SOC table needs at least 2 points and equal-length "
                    + "columns, got " + socFraction.length + " SOC points, " + factor.length + " R0/R1 factors and "
                    + slowFactor.length + " R2 factors");
        }
        for (int i = 0; i < socFraction.length; i++) {
            if (!(socFraction[i] >= 0 && socFraction[i] <= 1)) {
                throw new IllegalArgumentException(
                        "resistance-versus-SOC point " + i + ": SOC " + socFraction[i] + " is outside 0..1");
            }
            if (!(factor[i] > 0)
                    || !Double.isFinite(factor[i])
                    || !(slowFactor[i] > 0)
                    || !Double.isFinite(slowFactor[i])) {
                throw new IllegalArgumentException("resistance-versus-SOC point " + i + ": factors " + factor[i]
                        + " and " + slowFactor[i] + " must be finite numbers > 0");
            }
            if (i > 0 && !(socFraction[i] > socFraction[i - 1])) {
                throw new IllegalArgumentException("resistance-versus-SOC SOC points must be strictly increasing at "
                        + "point " + i + " (" + socFraction[i - 1] + " then " + socFraction[i] + ")");
            }
        }
        socFraction = socFraction.clone();
        factor = factor.clone();
        slowFactor = slowFactor.clone();
    }

    /** The factor on R0 and R1 at {@code soc}; no allocation. */
    public double factorAt(double soc) {
        return PiecewiseLinear.at(socFraction, factor, soc);
    }

    /** The factor on R2 at {@code soc}; no allocation. */
    public double slowFactorAt(double soc) {
        return PiecewiseLinear.at(socFraction, slowFactor, soc);
    }

    /** True when every factor is 1. */
    public boolean isFlat() {
        for (int i = 0; i < factor.length; i++) {
            if (factor[i] != 1.0 || slowFactor[i] != 1.0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double[] socFraction() {
        return socFraction.clone();
    }

    @Override
    public double[] factor() {
        return factor.clone();
    }

    @Override
    public double[] slowFactor() {
        return slowFactor.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResistanceVsSoc r
                && Arrays.equals(socFraction, r.socFraction)
                && Arrays.equals(factor, r.factor)
                && Arrays.equals(slowFactor, r.slowFactor);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(socFraction) + Arrays.hashCode(factor)) + Arrays.hashCode(slowFactor);
    }

    @Override
    public String toString() {
        return "ResistanceVsSoc" + Arrays.toString(socFraction) + "->" + Arrays.toString(factor) + "/"
                + Arrays.toString(slowFactor);
    }
}
