package org.qsebms.estimators.soc;

import java.util.Arrays;

/**
 * What a {@link SocEstimator} carries across a restart, as one value: the estimator exports it
 * ({@link SocEstimator#exportInto}, through a preallocated {@link Capture} on the loop thread) and
 * imports it ({@link SocEstimator#importState}); a state file stores it. A new persisted figure of
 * the SOC filters is a component here, a line in the export and the import, and a line in the
 * file codec.
 *
 * @param cellSoc      SOC per cell (fraction 0..1; NaN: unknown, the estimator starts from the OCV)
 * @param cellSocSigma one sigma of each cell's SOC when it was captured: the estimator's 3-sigma bound
 *                     over three (NaN: unknown, a restored SOC starts with the filter's start doubt)
 * @param atStop       whether it was captured after the control loop had stopped (the contactors open):
 *                     no charge moved after it, which a periodic capture before a crash cannot say
 */
public record SocState(double[] cellSoc, double[] cellSocSigma, boolean atStop) {

    public SocState {
        if (cellSocSigma.length != cellSoc.length) {
            throw new IllegalArgumentException("cellSocSigma has " + cellSocSigma.length + " entries, cellSoc "
                    + cellSoc.length + ": one per cell each");
        }
        cellSoc = cellSoc.clone();
        cellSocSigma = cellSocSigma.clone();
    }

    /** SOC per cell with no doubt known (a file from before the doubt was persisted, a test). */
    public SocState(double[] cellSoc) {
        this(cellSoc, nan(cellSoc.length), false);
    }

    /** A pack seen for the first time: every cell's SOC unknown (NaN). */
    public static SocState unknown(int cells) {
        return new SocState(nan(cells));
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    public int cellCount() {
        return cellSoc.length;
    }

    /** This state with other SOCs per cell (for example after a plausibility check); any other figure kept. */
    public SocState withCellSoc(double[] soc) {
        return new SocState(soc, cellSocSigma, atStop);
    }

    /** This state with other SOC sigmas per cell (a plausibility check, the widening for time off); the rest kept. */
    public SocState withCellSocSigma(double[] sigma) {
        return new SocState(cellSoc, sigma, atStop);
    }

    /** One cell's SOC, without copying the array. */
    double cellSoc(int cell) {
        return cellSoc[cell];
    }

    /** One cell's SOC sigma, without copying the array. */
    double cellSocSigma(int cell) {
        return cellSocSigma[cell];
    }

    @Override
    public double[] cellSoc() {
        return cellSoc.clone();
    }

    @Override
    public double[] cellSocSigma() {
        return cellSocSigma.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SocState s
                && Arrays.equals(cellSoc, s.cellSoc)
                && Arrays.equals(cellSocSigma, s.cellSocSigma)
                && atStop == s.atStop;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cellSoc) * 31 + Arrays.hashCode(cellSocSigma);
    }

    @Override
    public String toString() {
        return "SocState[cellSoc=" + Arrays.toString(cellSoc) + ", cellSocSigma=" + Arrays.toString(cellSocSigma)
                + ", atStop=" + atStop + "]";
    }

    /**
     * The estimator's figures copied on the loop thread into preallocated arrays (no allocation),
     * turned into a {@link SocState} on the thread that writes it.
     */
    public static final class Capture {
        final double[] cellSoc;
        final double[] cellSocSigma;
        private boolean atStop;

        public Capture(int cells) {
            cellSoc = new double[cells];
            cellSocSigma = new double[cells];
        }

        public int cellCount() {
            return cellSoc.length;
        }

        /** Marks this capture as taken after the control loop stopped (or not). */
        public void atStop(boolean stopped) {
            atStop = stopped;
        }

        /** The captured figures as a value (allocates: call off the loop thread). */
        public SocState toState() {
            return new SocState(cellSoc, cellSocSigma, atStop);
        }
    }
}
