package org.qsebms.estimators.soc;

import java.util.Arrays;

/**
 * What a {@link SocEstimator} carries across a restart, as one value: the estimator exports it
 * ({@link SocEstimator#exportInto}, through a preallocated {@link Capture} on the loop thread) and
 * imports it ({@link SocEstimator#importState}); a state file stores it. A new persisted figure of
 * the SOC filters is a component here, a line in the export and the import, and a line in the
 * file codec.
 *
 * @param cellSoc SOC per cell (fraction 0..1; NaN: unknown, the estimator starts from the OCV)
 */
public record SocState(double[] cellSoc) {

    public SocState {
        cellSoc = cellSoc.clone();
    }

    /** A pack seen for the first time: every cell's SOC unknown (NaN). */
    public static SocState unknown(int cells) {
        double[] soc = new double[cells];
        Arrays.fill(soc, Double.NaN);
        return new SocState(soc);
    }

    public int cellCount() {
        return cellSoc.length;
    }

    /** This state with other SOCs per cell (for example after a plausibility check); any other figure kept. */
    public SocState withCellSoc(double[] soc) {
        return new SocState(soc);
    }

    /** One cell's SOC, without copying the array. */
    double cellSoc(int cell) {
        return cellSoc[cell];
    }

    @Override
    public double[] cellSoc() {
        return cellSoc.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SocState s && Arrays.equals(cellSoc, s.cellSoc);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cellSoc);
    }

    @Override
    public String toString() {
        return "SocState[cellSoc=" + Arrays.toString(cellSoc) + "]";
    }

    /**
     * The estimator's figures copied on the loop thread into preallocated arrays (no allocation),
     * turned into a {@link SocState} on the thread that writes it.
     */
    public static final class Capture {
        final double[] cellSoc;

        public Capture(int cells) {
            cellSoc = new double[cells];
        }

        public int cellCount() {
            return cellSoc.length;
        }

        /** The captured figures as a value (allocates: call off the loop thread). */
        public SocState toState() {
            return new SocState(cellSoc);
        }
    }
}
