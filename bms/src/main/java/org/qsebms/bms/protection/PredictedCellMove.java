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
 * <p>The move is a lower bound: the distance from 0 to the interval of every move the model allows since the change
 * (issue 23, fix23ca), which is 0 when that interval holds 0. Its terms, each signed (charge positive):
 *
 * <ul>
 *   <li>the OCV's move over the charge counted since the change, between its least and its greatest rise ({@link
 *       OcvCurve#leastRise}, {@link OcvCurve#greatestRise}: the charge over the capacity, from anywhere the cell's SOC
 *       can have been), falling when the charge is negative;
 *   <li>R0 times the current's change since (exact, as the current reading is);
 *   <li>the RC pairs' change: between 0 and the model's, each pair's resistance times the change of the current read
 *       filtered by its time constant (at 25 °C) since the change; a pair follows the current only through that
 *       filter, so the current reading's noise, which a raw extreme would keep, barely moves it;
 *   <li>the OCV hysteresis: up to its full gap, in the current's direction only while the current has kept one sign;
 *   <li>the lithium interface: between 0 and its law's change from the current at the change to now.
 * </ul>
 *
 * Where the SOC can have been: the SOC the changed reading stands for on the preset's OCV once R0's drop is taken off,
 * widened by the SOC reach ({@link OcvCurve#socReachOfVolts}) of everything that voltage does not know: the OCV
 * hysteresis half-gap, the reading's accuracy ({@code cellVoltsAccuracy}) and one code, the RC pairs' full
 * polarisation and the lithium interface's drop at that current. On the LFP plateau that reach spans most of the
 * plateau, whose slope is nearly nil: there the charge predicts a move only once it has carried the SOC from every
 * start in the reach into a knee. Under a steady current every term moves the way the OCV does, so the bound is the
 * OCV's least move (fix23bu's). Under a tapering current with the terminal voltage held (a charger's CV phase, a load
 * that holds a floor) the OCV's move and the R0 step have opposite signs and the interval holds 0: fix23bu summed the
 * OCV's least move with the R0 step and took the magnitude, which is no lower bound there and condemned healthy cells
 * (QuietBq76952UnderAHeldCellTest). A current reading not OK counts no charge, no ohmic change and no current seen.
 *
 * <p>Cost: the OCV's least rise is a walk over the table, so it is kept per cell and walked again only once the
 * charge since the change has grown by {@link #REWALK_GROWTH} of the span it was walked for (or turned back): the
 * least rise never falls as the span grows, so the kept value stays a lower bound in between; the greatest rise is
 * walked at the same time for the band's far end ({@link #REWALK_GROWTH} times the span), so it stays an upper bound
 * in between (the OCV rising with the SOC). Preallocated; no allocation per tick.
 */
final class PredictedCellMove {
    /** The kept least rise is walked again once the SOC span has grown by this factor. */
    static final double REWALK_GROWTH = 1.05;

    private final EcmParameters cell;
    private final OcvCurve ocv;
    private final LithiumInterface lithium;
    private final double capacityCoulombs;
    /** The OCV hysteresis half-gap (volts). */
    private final double hysteresisVolts;
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
    /** Per cell: the greatest rise walked with {@link #walkedRise}, for {@link #REWALK_GROWTH} times its span. */
    private final double[] walkedGreatest;
    /** The current read, filtered by each RC pair's time constant (A): the pair's polarisation over its resistance. */
    private double fastAmps;

    private double slowAmps;
    /** Per cell: the filtered currents at its last change. */
    private final double[] fastAtChange;

    private final double[] slowAtChange;
    /** Per cell: the least and the greatest current (A) read since its last change. */
    private final double[] ampsLo;

    private final double[] ampsHi;
    /** Per cell: its last change came without a temperature, so its move is counted from the next sample with one. */
    private final boolean[] awaiting;

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
        this.hysteresisVolts = hysteresisVolts;
        this.fixedDoubtVolts = hysteresisVolts + accuracyVolts + resolutionVolts;
        this.thresholdVolts = resolutionVolts * multiple;
        coulombsAtChange = new double[cells];
        ampsAtChange = new double[cells];
        socLo = new double[cells];
        socHi = new double[cells];
        walkedSpan = new double[cells];
        walkedRise = new double[cells];
        walkedGreatest = new double[cells];
        ampsLo = new double[cells];
        ampsHi = new double[cells];
        awaiting = new boolean[cells];
        fastAtChange = new double[cells];
        slowAtChange = new double[cells];
    }

    /** Counts the charge of the interval that ends now ({@code amps} over {@code seconds}; 0 A when not known). */
    void advance(double amps, double seconds) {
        coulombs += amps * seconds;
        fastAmps += (amps - fastAmps) * -Math.expm1(-seconds / cell.tau1Seconds());
        slowAmps += (amps - slowAmps) * -Math.expm1(-seconds / cell.tau2Seconds());
    }

    /** The reading of cell {@code i} changed at this sample (under {@code amps}): the move is counted from here. */
    void restart(int i, double cellVolts, double amps, double celsius) {
        coulombsAtChange[i] = coulombs;
        ampsAtChange[i] = amps;
        // the temperature (or the reading) not a number: the SOC behind the change is not known; the cell waits for
        // the next sample that has them (a NaN kept here would leave a reading frozen after it never judged again)
        awaiting[i] = !(Double.isFinite(celsius) && Double.isFinite(cellVolts));
        if (!awaiting[i]) {
            double f = cell.resistanceFactor(celsius);
            double soc = ocv.socAt(cellVolts - amps * cell.r0Ohms() * f, celsius);
            double doubt = fixedDoubtVolts
                    + Math.abs(amps) * (cell.r1Ohms() + cell.r2Ohms()) * f
                    + Math.abs(lithium.volts(amps));
            double reach = ocv.socReachOfVolts(soc, celsius, doubt);
            socLo[i] = soc - reach;
            socHi[i] = soc + reach;
        }
        walkedSpan[i] = 0.0;
        walkedRise[i] = 0.0;
        walkedGreatest[i] = 0.0;
        ampsLo[i] = amps;
        ampsHi[i] = amps;
        fastAtChange[i] = fastAmps;
        slowAtChange[i] = slowAmps;
    }

    /** The least move (volts, unsigned) the model predicts for cell {@code i} since its reading last changed. */
    double movedVolts(int i, double amps, boolean ampsKnown, double celsius) {
        if (awaiting[i] || !Double.isFinite(celsius)) {
            return 0.0; // no verdict without the temperature the model needs; the kept walk is left as it was
        }
        double dSoc = (coulombs - coulombsAtChange[i]) / capacityCoulombs;
        double kept = walkedSpan[i];
        boolean sameWay = kept > 0 ? dSoc >= kept : kept < 0 && dSoc <= kept;
        if (!(sameWay && Math.abs(dSoc) < REWALK_GROWTH * Math.abs(kept))) {
            double w = Math.abs(dSoc);
            double far = REWALK_GROWTH * w;
            // charging from s in [lo, hi] rises OCV(s + w) - OCV(s); discharging falls OCV(s) - OCV(s - w)
            if (w == 0) {
                walkedRise[i] = 0.0;
                walkedGreatest[i] = 0.0;
            } else if (dSoc > 0) {
                walkedRise[i] = ocv.leastRise(socLo[i], socHi[i], w, celsius);
                walkedGreatest[i] = ocv.greatestRise(socLo[i], socHi[i], far, celsius);
            } else {
                walkedRise[i] = ocv.leastRise(socLo[i] - w, socHi[i] - w, w, celsius);
                walkedGreatest[i] = ocv.greatestRise(socLo[i] - far, socHi[i] - far, far, celsius);
            }
            walkedSpan[i] = dSoc;
        }
        if (ampsKnown) {
            ampsLo[i] = Math.min(ampsLo[i], amps);
            ampsHi[i] = Math.max(ampsHi[i], amps);
        }
        double f = cell.resistanceFactor(celsius);
        double lo;
        double hi;
        // the OCV: between its least and greatest move, the way the charge went
        if (walkedSpan[i] >= 0) {
            lo = walkedRise[i];
            hi = walkedGreatest[i];
        } else {
            lo = -walkedGreatest[i];
            hi = -walkedRise[i];
        }
        double i0 = ampsAtChange[i];
        if (ampsKnown) {
            double ohmic = (amps - i0) * cell.r0Ohms() * f;
            lo += ohmic;
            hi += ohmic;
            double lithiumStep = lithium.volts(amps) - lithium.volts(i0);
            lo += Math.min(0.0, lithiumStep);
            hi += Math.max(0.0, lithiumStep);
        }
        // the RC pairs: between 0 and the model's change, each pair following the current through its filter
        double rc = ((fastAmps - fastAtChange[i]) * cell.r1Ohms() + (slowAmps - slowAtChange[i]) * cell.r2Ohms()) * f;
        lo += Math.min(0.0, rc);
        hi += Math.max(0.0, rc);
        // the hysteresis: up to its full gap, the current's way while it kept one sign
        double gap = 2 * hysteresisVolts;
        lo -= ampsLo[i] >= 0 ? 0.0 : gap;
        hi += ampsHi[i] <= 0 ? 0.0 : gap;
        return lo > 0 ? lo : hi < 0 ? -hi : 0.0;
    }

    /** Whether cell {@code i}'s last change came without a temperature: restart it at the next sample that has one. */
    boolean awaitsRestart(int i) {
        return awaiting[i];
    }

    /** True when the model predicts that cell {@code i} has moved by more than the stated multiple of a code. */
    boolean beyondResolution(int i, double amps, boolean ampsKnown, double celsius) {
        return movedVolts(i, amps, ampsKnown, celsius) > thresholdVolts;
    }

    double thresholdVolts() {
        return thresholdVolts;
    }
}
