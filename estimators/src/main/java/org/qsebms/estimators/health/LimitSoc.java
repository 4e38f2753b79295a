package org.qsebms.estimators.health;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;

/**
 * The model SOC of a cell at a voltage limit, read from the preset: the terminal voltage with the
 * model's polarisation taken off ({@code I R0} plus each RC branch's current through its resistor,
 * the branch currents followed from the measured current with the preset's time constants at the
 * cell's temperature), inverted through the OCV. At the end of a CC-CV charge this is the SOC the
 * charge voltage at the taper current means; at a discharge cutoff the SOC the cutoff at that
 * current means. Its doubt is the OCV's (the preset's learnt {@link org.qsebms.estimators.model.OcvDoubt}
 * at that SOC, else the tracker's rest sigma) and the polarisation's ({@code resistanceSigma} of
 * it), as the SOC distance a voltage error of that size can move ({@link OcvCurve#socReachOfVolts}).
 *
 * <p>The resistances are the preset's (with its temperature and SOC factors), not the tracker's
 * R0: that one is "R0 within one sample" and carries part of the fast RC branch, so scaling the
 * branches by it over-corrected (docs/estimation.md, "Limit windows on the model's scale").
 * Branch currents are followed only when limit windows are on. Everything is allocated in the
 * constructor; {@link #step} and {@link #read} allocate nothing.
 */
final class LimitSoc {
    /** The held sample of a charge's top ({@link #hold}). */
    static final int TOP = 0;
    /** The held sample of a discharge's last reading near the cutoff ({@link #hold}). */
    static final int BOTTOM = 1;

    private final int cells;
    private final EcmParameters cell;
    private final OcvCurve ocv;
    private final double defaultOcvSigmaVolts;
    private final double resistanceSigma;
    private final double[] branch1Amps;
    private final double[] branch2Amps;
    private final double[] heldVolts;
    private final double[] heldAmps;
    private final double[] heldCelsius;
    private final double[] heldBranch1Amps;
    private final double[] heldBranch2Amps;
    private double soc;
    private double socSigma;

    LimitSoc(EcmParameters cell, int cells, double defaultOcvSigmaVolts, double resistanceSigma) {
        this.cell = cell;
        this.ocv = cell.ocv();
        this.defaultOcvSigmaVolts = defaultOcvSigmaVolts;
        this.resistanceSigma = resistanceSigma;
        this.cells = cells;
        this.branch1Amps = new double[cells];
        this.branch2Amps = new double[cells];
        this.heldVolts = new double[2 * cells];
        this.heldAmps = new double[2 * cells];
        this.heldCelsius = new double[2 * cells];
        this.heldBranch1Amps = new double[2 * cells];
        this.heldBranch2Amps = new double[2 * cells];
    }

    /**
     * Keeps cell {@code i}'s sample (and its branch currents) in {@code slot} ({@link #TOP} or {@link #BOTTOM}) to be
     * read later by {@link #readHeld}: the top of a charge, and the bottom of a discharge that ends near the cutoff,
     * are known only once the charge or discharge has ended, and each is read once, not at every sample.
     */
    void hold(int slot, int i, double volts, double amps, double celsius) {
        int k = slot * cells + i;
        heldVolts[k] = volts;
        heldAmps[k] = amps;
        heldCelsius[k] = celsius;
        heldBranch1Amps[k] = branch1Amps[i];
        heldBranch2Amps[k] = branch2Amps[i];
    }

    /** {@link #read} of the sample {@link #hold} kept for cell {@code i} in {@code slot}. */
    void readHeld(int slot, int i) {
        int k = slot * cells + i;
        read(heldVolts[k], heldAmps[k], heldCelsius[k], heldBranch1Amps[k], heldBranch2Amps[k]);
    }

    /** Moves cell {@code i}'s RC branch currents on by {@code dtSeconds} at the cell current {@code amps}. */
    void step(int i, double amps, double celsius, double dtSeconds) {
        double a1 = Math.exp(-dtSeconds / cell.tau1SecondsAt(celsius));
        double a2 = Math.exp(-dtSeconds / cell.tau2SecondsAt(celsius));
        branch1Amps[i] = a1 * branch1Amps[i] + (1 - a1) * amps;
        branch2Amps[i] = a2 * branch2Amps[i] + (1 - a2) * amps;
    }

    /**
     * Reads cell {@code i}'s model SOC at terminal voltage {@code volts} with cell current
     * {@code amps} (positive charging); the result is in {@link #soc()} and {@link #socSigma()}.
     */
    void read(int i, double volts, double amps, double celsius) {
        read(volts, amps, celsius, branch1Amps[i], branch2Amps[i]);
    }

    private void read(double volts, double amps, double celsius, double branch1, double branch2) {
        double factor = cell.resistanceFactor(celsius);
        // the polarisation depends on the SOC (the preset's resistance against SOC): read, then read again
        double z = ocv.socAt(volts - polarisation(amps, branch1, branch2, celsius, factor, Double.NaN), celsius);
        double eta = polarisation(amps, branch1, branch2, celsius, factor, z);
        z = ocv.socAt(volts - eta, celsius);
        double sigmaVolts =
                Math.hypot(cell.ocvDoubt().sigmaVoltsAt(z, celsius, defaultOcvSigmaVolts), resistanceSigma * eta);
        this.soc = z;
        this.socSigma = Math.min(1.0, ocv.socReachOfVolts(z, celsius, sigmaVolts));
    }

    private double polarisation(
            double amps, double branch1, double branch2, double celsius, double factor, double atSoc) {
        double fast = Double.isNaN(atSoc) ? 1.0 : cell.socFactor(atSoc, celsius);
        double slow = Double.isNaN(atSoc) ? 1.0 : cell.slowSocFactor(atSoc, celsius);
        return factor * (fast * (amps * cell.r0Ohms() + branch1 * cell.r1Ohms()) + slow * branch2 * cell.r2Ohms());
    }

    /** The last {@link #read}'s model SOC. */
    double soc() {
        return soc;
    }

    /** The last {@link #read}'s one-sigma SOC doubt. */
    double socSigma() {
        return socSigma;
    }
}
