package org.qsebms.bms.protection;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.LithiumInterface;
import org.qsebms.estimators.model.OcvCurve;

/**
 * What the cell model says each cell's voltage has at least moved since its reading last changed (issue 23, fix23bu),
 * for the cells' while-flowing liveness window on a front end that states its reading's resolution: a live reading in
 * whole codes stays on one code until the cell has moved by up to one code, so under a small current (an LFP cell at
 * C/20 on its plateau, an NCM cell at C/4 on a 1 mV converter) it holds for longer than {@code cellStuckWhileFlowing}
 * while alive. The window judges a reading stuck only once this predicts a move of more than {@code
 * cellStuckMoveResolutions} codes.
 *
 * <p>The move is a lower bound: the OCV's least change over the charge counted since the change ({@link
 * OcvCurve#leastRise}: the charge over the capacity, from anywhere the cell's SOC can have been), plus R0 times the
 * current's change since (both signed, charge positive, so an OCV fall that a smaller discharge current's ohmic rise
 * offsets is not counted twice). Where the SOC can have been: the SOC the changed reading stands for on the preset's
 * OCV once R0's drop is taken off, widened by the SOC reach ({@link OcvCurve#socReachOfVolts}) of everything that
 * voltage does not know: the OCV hysteresis half-gap, the reading's accuracy ({@code cellVoltsAccuracy}) and one code,
 * the RC pairs' full polarisation and the lithium interface's drop at that current. On the LFP plateau that reach
 * spans most of the plateau, whose slope is nearly nil: there the charge predicts a move only once it has carried
 * the SOC from every start in the reach into a knee. The RC pairs' and the hysteresis' own moves are left out: after a
 * current step or reversal they add to the R0 step and the OCV move, so leaving them out can only delay the verdict. A
 * current reading not OK counts no charge and no ohmic change.
 *
 * <p>Cost: the OCV's least rise is a walk over the table, so it is kept per cell and walked again only once the
 * charge since the change has grown by {@link #REWALK_GROWTH} of the span it was walked for (or turned back): the
 * least rise never falls as the span grows, so the kept value stays a lower bound in between. Preallocated; no
 * allocation per tick.
 */
final class PredictedCellMove {
    /** The kept least rise is walked again once the SOC span has grown by this factor. */
    static final double REWALK_GROWTH = 1.05;

    private final EcmParameters cell;
    private final OcvCurve ocv;
    private final LithiumInterface lithium;
    private final double capacityCoulombs;
    /** The voltage the SOC read from a reading does not know, before the current's own terms, volts. */
    private final double fixedDoubtVolts;
    /** The move (volts) beyond which a live reading must have changed: the resolution times the stated multiple. */
    private final double thresholdVolts;

    /** The charge counted since the start (coulombs, charge positive), and its value at each cell's last change. */
    private double coulombs;

    private final double[] coulombsAtChange;
    private final double[] ampsAtChange;
    /** Per cell: where its SOC can have been at the change. */
    private final double[] socLo;

    private final double[] socHi;
    /** Per cell: the signed SOC span the least rise was last walked for (0: none), and that least rise (volts). */
    private final double[] walkedSpan;

    private final double[] walkedRise;

    /**
     * @param cell             the preset's cell scaled to the pack (capacity, resistances, OCV)
     * @param hysteresisVolts  the preset's OCV hysteresis half-gap (0 for none)
     * @param lithium          the preset's lithium interface law scaled to the pack
     * @param resolutionVolts  one code of the front end's cell reading
     * @param accuracyVolts    supplementary {@code cellVoltsAccuracy}
     * @param multiple         supplementary {@code cellStuckMoveResolutions}
     */
    PredictedCellMove(
            EcmParameters cell,
            double hysteresisVolts,
            LithiumInterface lithium,
            double resolutionVolts,
            double accuracyVolts,
            double multiple,
            int cells) {
        if (!(resolutionVolts > 0) || !Double.isFinite(resolutionVolts)) {
            throw new IllegalArgumentException("a cell reading's resolution must be positive, got " + resolutionVolts);
        }
        this.cell = cell;
        this.ocv = cell.ocv();
        this.lithium = lithium;
        this.capacityCoulombs = cell.capacityAh() * 3600.0;
        this.fixedDoubtVolts = hysteresisVolts + accuracyVolts + resolutionVolts;
        this.thresholdVolts = resolutionVolts * multiple;
        coulombsAtChange = new double[cells];
        ampsAtChange = new double[cells];
        socLo = new double[cells];
        socHi = new double[cells];
        walkedSpan = new double[cells];
        walkedRise = new double[cells];
    }

    /** Counts the charge of the interval that ends now ({@code amps} over {@code seconds}; 0 A when not known). */
    void advance(double amps, double seconds) {
        coulombs += amps * seconds;
    }

    /** The reading of cell {@code i} changed at this sample (under {@code amps}): the move is counted from here. */
    void restart(int i, double cellVolts, double amps, double celsius) {
        coulombsAtChange[i] = coulombs;
        ampsAtChange[i] = amps;
        double f = cell.resistanceFactor(celsius);
        double soc = ocv.socAt(cellVolts - amps * cell.r0Ohms() * f, celsius);
        double doubt =
                fixedDoubtVolts + Math.abs(amps) * (cell.r1Ohms() + cell.r2Ohms()) * f + Math.abs(lithium.volts(amps));
        double reach = ocv.socReachOfVolts(soc, celsius, doubt);
        socLo[i] = soc - reach;
        socHi[i] = soc + reach;
        walkedSpan[i] = 0.0;
        walkedRise[i] = 0.0;
    }

    /** The least move (volts, unsigned) the model predicts for cell {@code i} since its reading last changed. */
    double movedVolts(int i, double amps, boolean ampsKnown, double celsius) {
        double dSoc = (coulombs - coulombsAtChange[i]) / capacityCoulombs;
        double kept = walkedSpan[i];
        boolean sameWay = kept > 0 ? dSoc >= kept : kept < 0 && dSoc <= kept;
        if (!(sameWay && Math.abs(dSoc) < REWALK_GROWTH * Math.abs(kept))) {
            double w = Math.abs(dSoc);
            // charging from s in [lo, hi] rises OCV(s + w) - OCV(s); discharging falls OCV(s) - OCV(s - w)
            walkedRise[i] = w == 0
                    ? 0.0
                    : dSoc > 0
                            ? ocv.leastRise(socLo[i], socHi[i], w, celsius)
                            : ocv.leastRise(socLo[i] - w, socHi[i] - w, w, celsius);
            walkedSpan[i] = dSoc;
        }
        double ocvMove = Math.signum(walkedSpan[i]) * walkedRise[i];
        double ohmic = ampsKnown ? (amps - ampsAtChange[i]) * cell.r0Ohms() * cell.resistanceFactor(celsius) : 0.0;
        return Math.abs(ocvMove + ohmic);
    }

    /** True when the model predicts that cell {@code i} has moved by more than the stated multiple of a code. */
    boolean beyondResolution(int i, double amps, boolean ampsKnown, double celsius) {
        return movedVolts(i, amps, ampsKnown, celsius) > thresholdVolts;
    }

    double thresholdVolts() {
        return thresholdVolts;
    }
}
