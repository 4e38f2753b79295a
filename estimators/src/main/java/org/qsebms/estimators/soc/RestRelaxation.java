package org.qsebms.estimators.soc;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvReach;

/**
 * The doubt a rest voltage that is still relaxing leaves on the SOC read from it (issue 20). While a cell rests
 * (its current within the current sensor's rated offset plus three sigmas of its noise, {@link #restAmps}), its
 * voltage less what the model's own polarisation states say is still to relax (the RC pairs' and the slow branch's
 * voltages at the rest's start, decayed open loop) should be flat: what still moves is a relaxation the model does
 * not hold. For a sum of relaxations whose time constants are at most {@code tau}, what is left to come is at most
 * {@code tau |dV/dt|}; {@code tau} is the slowest the preset knows at the cell's temperature ({@link
 * #slowestSeconds}). What of that voltage lies beyond the three OCV sigmas the bound already carries (in
 * quadrature: the OCV doubt learnt from the cell's rests holds the relaxation those rests left), through the
 * preset's OCV ({@link OcvReach}: every SOC whose OCV lies within it of the OCV at the estimate), is the SOC doubt the
 * bound adds while the rest lasts.
 *
 * <p>The slope is a least-squares line over the rest's samples, each weighed down by the slow RC pair's decay per
 * step (a window of the pair's time constant), with the time origin moved to the newest sample each step (the sums
 * stay small over any rest); it is read once the rest has lasted that window, so a current passing through zero in a
 * drive is no rest. Its own standard error (from the fit's residuals, that is from the logger's noise) is taken off
 * three times, so a voltage flat within its noise leaves no doubt. Current starts it again. Every array
 * is allocated in the constructor; nothing allocates afterwards.
 */
final class RestRelaxation {
    private final EcmParameters cell;
    private final OcvReach reach;
    private final double restAmps;

    private final boolean[] resting;
    /** Per cell, the seconds this rest has lasted. */
    private final double[] seconds;
    /** Per cell, the model's polarisation still to relax (V), per state, open loop from the rest's start. */
    private final double[] fast;

    private final double[] slow;
    private final double[] branch;
    /** Per cell, the weighted sums of the fit: weights, t, t^2, y, t y, y^2 and the weights' squares. */
    private final double[] sw;

    private final double[] st;
    private final double[] stt;
    private final double[] sy;
    private final double[] sty;
    private final double[] syy;
    private final double[] sww;
    /** Per cell, the remaining relaxation the model does not hold (V) and its SOC reach at the last sample. */
    private final double[] volts;

    private final double[] soc;

    RestRelaxation(EcmParameters cell, EkfTuning tuning, int cellCount) {
        this.cell = cell;
        this.reach = new OcvReach(cell.ocv(), cellCount);
        this.restAmps = restAmps(tuning);
        this.resting = new boolean[cellCount];
        this.seconds = new double[cellCount];
        this.fast = new double[cellCount];
        this.slow = new double[cellCount];
        this.branch = new double[cellCount];
        this.sw = new double[cellCount];
        this.st = new double[cellCount];
        this.stt = new double[cellCount];
        this.sy = new double[cellCount];
        this.sty = new double[cellCount];
        this.syy = new double[cellCount];
        this.sww = new double[cellCount];
        this.volts = new double[cellCount];
        this.soc = new double[cellCount];
    }

    /**
     * The current a cell rests within (A): the current sensor's rated zero offset plus three sigmas of its noise, a
     * current the sensor cannot tell from none.
     */
    static double restAmps(EkfTuning tuning) {
        return tuning.currentOffsetLimitAmps() + 3 * tuning.currentSigmaAmps();
    }

    /**
     * The slowest relaxation time constant the preset knows at {@code celsius} (s): the slow RC pair's at that
     * temperature, or the slow branch's where longer. The branch is learnt at one temperature and the preset holds
     * its time constant fixed while its resistance follows the Arrhenius factor {@code f(T)}; how its time constant
     * moves with temperature is not measured, so below 25 °C it is taken to grow as its resistance does (a constant
     * capacitance, the diffusion time {@code L^2 / D} following D's Arrhenius law), the slower of the two laws.
     */
    static double slowestSeconds(EcmParameters cell, double celsius) {
        double tau = cell.tau2SecondsAt(celsius);
        if (!cell.slowPolarisation().isNone()) {
            double growth = Math.max(1.0, cell.resistanceFactor(celsius));
            tau = Math.max(tau, cell.slowPolarisation().tauSeconds() * growth);
        }
        return tau;
    }

    /**
     * One sample of cell {@code i} after its correction: the current {@code amps} (the offset taken off), the
     * voltage, the temperature, the step, the filter's SOC, its polarisation states {@code v1}, {@code v2},
     * {@code v3} and their decays over the step {@code a1}, {@code a2}, {@code a3}, and the OCV sigma the bound
     * already carries for it ({@code ocvSigmaVolts}: three of them are in the bound's OCV share, and the learnt
     * OCV doubt holds the relaxation its own rests left; only what lies beyond that, in quadrature, is doubted).
     */
    void observe(
            int i,
            double amps,
            double cellVolts,
            double celsius,
            double dt,
            double estimate,
            double v1,
            double v2,
            double v3,
            double a1,
            double a2,
            double a3,
            double ocvSigmaVolts) {
        if (!(Math.abs(amps) <= restAmps) || !(dt > 0)) {
            clear(i);
            return;
        }
        if (!resting[i]) {
            resting[i] = true;
            seconds[i] = 0;
            fast[i] = v1;
            slow[i] = v2;
            branch[i] = v3;
            sw[i] = 0;
            st[i] = 0;
            stt[i] = 0;
            sy[i] = 0;
            sty[i] = 0;
            syy[i] = 0;
            sww[i] = 0;
        } else {
            seconds[i] += dt;
            fast[i] *= a1;
            slow[i] *= a2;
            branch[i] *= a3;
            // older samples weigh a2 less and sit dt further back (the origin moves to this sample)
            double w = sw[i] * a2;
            double t = st[i] * a2;
            double tt = stt[i] * a2;
            double ty = sty[i] * a2;
            double y = sy[i] * a2;
            stt[i] = tt - 2 * dt * t + dt * dt * w;
            st[i] = t - dt * w;
            sty[i] = ty - dt * y;
            sy[i] = y;
            sw[i] = w;
            syy[i] *= a2;
            sww[i] *= a2 * a2;
        }
        double y = cellVolts - fast[i] - slow[i] - branch[i];
        sw[i] += 1;
        sww[i] += 1;
        sy[i] += y;
        syy[i] += y * y;
        // the slope is read once the rest has filled its window (the slow pair's time constant): a shorter one (a
        // current passing through zero in a drive) leaves its fit's noise too few samples to be told from a slope
        double window = cell.tau2SecondsAt(celsius);
        volts[i] = seconds[i] >= window ? remaining(i, slowestSeconds(cell, celsius)) : 0.0;
        double held = 3 * ocvSigmaVolts;
        double beyond = volts[i] > held ? Math.sqrt(volts[i] * volts[i] - held * held) : 0.0;
        soc[i] = beyond > 0 ? reach.socReachOfVolts(i, estimate, celsius, beyond) : 0.0;
    }

    /** What is left to relax beyond the model (V): {@code tau} times the slope less three of its standard errors. */
    private double remaining(int i, double tau) {
        double w = sw[i];
        double samples = w * w / sww[i];
        if (!(samples > 2)) {
            return 0.0;
        }
        double mt = st[i] / w;
        double my = sy[i] / w;
        double vt = stt[i] / w - mt * mt;
        if (!(vt > 0)) {
            return 0.0;
        }
        double cov = sty[i] / w - mt * my;
        double vy = Math.max(0.0, syy[i] / w - my * my);
        double slope = cov / vt;
        double residual = Math.max(0.0, vy - slope * cov) * samples / (samples - 2);
        double standardError = Math.sqrt(residual / (samples * vt));
        return tau * Math.max(0.0, Math.abs(slope) - 3 * standardError);
    }

    /** Cell {@code i}'s rest ends (current, a new SOC): no doubt until the next rest shows a slope. */
    void clear(int i) {
        resting[i] = false;
        volts[i] = 0;
        soc[i] = 0;
    }

    /** Cell {@code i}'s SOC doubt from what its rest voltage has still to relax (0 off rest or flat). */
    double socDoubt(int i) {
        return soc[i];
    }

    /** Cell {@code i}'s remaining relaxation beyond the model (V; 0 off rest or flat). */
    double remainingVolts(int i) {
        return volts[i];
    }
}
