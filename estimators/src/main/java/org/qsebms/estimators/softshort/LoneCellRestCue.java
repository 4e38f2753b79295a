package org.qsebms.estimators.softshort;

import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.soc.HysteresisModel;

/**
 * The leak of a cell with no other cell in series to compare with, from its own rest (issue 23, after check23r). While
 * the pack rests (the current inside the rest band, counted as none), from the settle time on, each sample's voltage
 * (its mean over {@link LoneCellRestSettings#sampleSeconds()}) is read through the OCV at the cell's temperature (the
 * OCV's temperature term taken off) and with the OCV hysteresis's state taken off, as an SOC; a straight line is
 * fitted to those SOCs against time, and its fall is the leak: {@code I = -dSOC/dt * 3600 * Q}. The SOC, not the
 * voltage, is fitted, so a fall across a bend of the OCV is still a straight line. The leak's own charge drives the
 * hysteresis towards the discharge branch (LFP): the state at each sample is stepped from the rest's start with the
 * fitted leak, and the fit is iterated.
 *
 * <p>What the comparison with other cells removed for free is carried as bounds the leak must clear before its sigma
 * test ({@link #doubtAmps()}), each the least-squares slope over the fit's samples of a term the model may have wrong:
 * a relaxation the model does not explain ({@link LoneCellRestSettings#relaxationVolts()}, fading as
 * {@code 1 / sqrt(t)} from the rest's start, after a charge a fall like a leak's), the OCV temperature term's change
 * ({@link LoneCellRestSettings#entropicDoubtFraction()}) and the hysteresis's change
 * ({@link LoneCellRestSettings#hysteresisDoubtFraction()}), through the flatter OCV slope about where the cell rests.
 * Where the OCV is flatter than {@link RestSelfDischargeSettings#minOcvSlopeVoltsPerSoc()} (the LFP plateau) there is
 * no measurement. A current that truly flows while the sensor reads inside the rest band (a cycler's rest leakage, a
 * supply drawn from the cell) is part of what the cell loses and reads as a leak: the cue cannot tell it from one.
 *
 * <p>Allocation-free after construction; the samples kept are merged in pairs, and their interval doubled, when they
 * fill.
 */
final class LoneCellRestCue {
    /** Samples kept: 8.5 h at the default 60 s, then merged in pairs. */
    private static final int CAPACITY = 512;
    /** Samples a fit needs. */
    private static final int MIN_SAMPLES = 10;
    /** Floor of a sample's voltage noise (V): 10 uV, below any real cell's. */
    private static final double MIN_NOISE_VOLTS = 1e-5;
    /** Iterations of the fit with the hysteresis stepped by the leak of the one before. */
    private static final int ITERATIONS = 4;
    /** Half the SOC span about the fit's SOCs over which the flatter OCV slope is taken. */
    private static final double SLOPE_SPAN_SOC = 0.01;

    private final EcmParameters cell;
    private final OcvCurve ocv;
    private final HysteresisModel hysteresis;
    private final RestSelfDischargeSettings rest;
    private final LoneCellRestSettings settings;

    private final double[] time = new double[CAPACITY];
    private final double[] volts = new double[CAPACITY];
    private final double[] celsius = new double[CAPACITY];
    private final double[] soc = new double[CAPACITY];
    /** The cell's voltage over the fit at the OCV's reference temperature, to locate it by its trajectory's shape. */
    private final RestVoltageTrajectory trajectory;

    private final double[] oneSample = new double[1];
    /** The offset found from the trajectory's shape (V, added to each voltage before it is read through the OCV). */
    private double offsetVolts;

    private int count;
    private double sampleSeconds;

    private double binSeconds;
    private double binTime;
    private double binVolts;
    private double binCelsius;
    /** The current the sensor read over the fit (A s, charging positive), and the seconds it covers. */
    private double fitAmpSeconds;

    private double fitSeconds;

    private double restSeconds;
    private double hysteresisState;
    private double hysteresisAtRestStart;
    private double lastLoadAmps;

    private boolean measured;
    private double amps;
    private double seAmps;
    private double doubtAmps;
    private double ocvSlope;
    /** The leak read through the steepest and the flattest OCV slope where the cell may sit (A): see {@link #fit}. */
    private double ampsLow;

    private double ampsHigh;

    LoneCellRestCue(
            EcmParameters cell,
            HysteresisModel hysteresis,
            RestSelfDischargeSettings rest,
            LoneCellRestSettings settings) {
        this.cell = cell;
        this.ocv = cell.ocv();
        this.hysteresis = hysteresis;
        this.rest = rest;
        this.settings = settings;
        this.sampleSeconds = settings.sampleSeconds();
        this.trajectory = new RestVoltageTrajectory(ocv, 1, rest.minOcvSlopeVoltsPerSoc());
    }

    /**
     * @param packAmps   the pack current (charging positive)
     * @param cellVolts  the cell's voltage
     * @param cellCelsius the cell's temperature (NaN: the OCV's reference)
     */
    void update(double packAmps, double cellVolts, double cellCelsius, double dtSeconds) {
        double c = Double.isFinite(cellCelsius) ? cellCelsius : OcvCurve.REFERENCE_CELSIUS;
        if (Math.abs(packAmps) > rest.restAmps()) {
            if (restSeconds > 0) {
                clear();
            }
            hysteresisState = hysteresis.next(hysteresisState, packAmps * dtSeconds / (3600.0 * cell.capacityAh()));
            lastLoadAmps = Math.abs(packAmps);
            return;
        }
        if (restSeconds == 0) {
            hysteresisAtRestStart = hysteresisState;
        }
        restSeconds += dtSeconds;
        if (restSeconds < rest.settleSeconds()) {
            return;
        }
        fitAmpSeconds += packAmps * dtSeconds;
        fitSeconds += dtSeconds;
        binSeconds += dtSeconds;
        binTime += restSeconds * dtSeconds;
        binVolts += cellVolts * dtSeconds;
        binCelsius += c * dtSeconds;
        if (binSeconds < sampleSeconds) {
            return;
        }
        if (count == CAPACITY) {
            mergePairs();
        }
        time[count] = binTime / binSeconds;
        volts[count] = binVolts / binSeconds;
        celsius[count] = binCelsius / binSeconds;
        double c0 = celsius[count];
        double s0 = ocv.socAt(volts[count] - hysteresis.magnitudeVolts() * hysteresisAtRestStart, c0);
        oneSample[0] = volts[count]
                - hysteresis.magnitudeVolts() * hysteresisAtRestStart
                - (ocv.voltsAt(s0, c0) - ocv.voltsAt(s0));
        trajectory.add(time[count] - rest.settleSeconds(), oneSample);
        count++;
        binSeconds = 0;
        binTime = 0;
        binVolts = 0;
        binCelsius = 0;
        fit();
    }

    private void mergePairs() {
        int half = count / 2;
        for (int k = 0; k < half; k++) {
            time[k] = 0.5 * (time[2 * k] + time[2 * k + 1]);
            volts[k] = 0.5 * (volts[2 * k] + volts[2 * k + 1]);
            celsius[k] = 0.5 * (celsius[2 * k] + celsius[2 * k + 1]);
        }
        count = half;
        sampleSeconds *= 2;
    }

    private void clear() {
        if (measured && amps > 0) {
            hysteresisState =
                    hysteresis.next(hysteresisAtRestStart, -amps * restSeconds / (3600.0 * cell.capacityAh()));
        }
        restSeconds = 0;
        count = 0;
        trajectory.clear();
        offsetVolts = 0;
        sampleSeconds = settings.sampleSeconds();
        binSeconds = 0;
        binTime = 0;
        binVolts = 0;
        binCelsius = 0;
        fitAmpSeconds = 0;
        fitSeconds = 0;
        measured = false;
        amps = 0;
        seAmps = 0;
        doubtAmps = 0;
        ampsLow = 0;
        ampsHigh = 0;
    }

    /** The hysteresis state at the rest's time {@code t} with a leak of {@code leakAmps} since the rest began. */
    private double hysteresisAt(double t, double leakAmps) {
        return hysteresis.next(hysteresisAtRestStart, -leakAmps * t / (3600.0 * cell.capacityAh()));
    }

    private void fit() {
        int n = count;
        if (n < MIN_SAMPLES) {
            measured = false;
            return;
        }
        double q = 3600.0 * cell.capacityAh();
        double mt = 0;
        for (int k = 0; k < n; k++) {
            mt += time[k];
        }
        mt /= n;
        double stt = 0;
        for (int k = 0; k < n; k++) {
            stt += (time[k] - mt) * (time[k] - mt);
        }
        double m = hysteresis.magnitudeVolts();
        offsetVolts = trajectory.offsetVolts(0, rest.sigmas());
        double leak = 0;
        double slope = 0;
        double rss = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            double hLeak = Math.max(leak, 0);
            double ms = 0;
            for (int k = 0; k < n; k++) {
                soc[k] = ocv.socAt(volts[k] + offsetVolts - m * hysteresisAt(time[k], hLeak), celsius[k]);
                ms += soc[k];
            }
            ms /= n;
            double sts = 0;
            for (int k = 0; k < n; k++) {
                sts += (time[k] - mt) * (soc[k] - ms);
            }
            slope = sts / stt;
            rss = 0;
            for (int k = 0; k < n; k++) {
                double r = soc[k] - ms - slope * (time[k] - mt);
                rss += r * r;
            }
            leak = -slope * q;
            if (m == 0) {
                break;
            }
        }
        double meanCelsius = mean(celsius, n);
        ocvSlope = flatterSlope(meanCelsius, n);
        measured = ocvSlope >= rest.minOcvSlopeVoltsPerSoc();
        double floor = MIN_NOISE_VOLTS / Math.max(ocvSlope, rest.minOcvSlopeVoltsPerSoc());
        double variance = Math.max(rss / (n - 2), floor * floor);
        amps = leak;
        seAmps = Math.sqrt(variance / stt) * q;
        // a current the sensor reads inside the rest band is either real (then the cell's fall is that discharge, no
        // leak) or the sensor's own error (then it is not): the cue cannot tell which, so it is doubt (check of the
        // fix23u merge: a healthy lone cell under a steady 20 mA load read as a 20 mA leak)
        double readAmps = fitSeconds > 0 ? Math.abs(fitAmpSeconds / fitSeconds) : 0.0;
        doubtAmps = doubtVoltsPerSecond(Math.max(leak, 0), meanCelsius, n) / Math.max(ocvSlope, 1e-9) * q + readAmps;
        scaleByLocation(meanCelsius, n);
    }

    /**
     * Where on its OCV the cell sits is known to {@link LoneCellRestSettings#locationDoubtVolts()} (a voltage channel's
     * offset, the leak's own drop over the cell's interface until the trajectory's shape finds it): on a bending OCV
     * (NCM above 85 % SOC, an LFP knee) the fall read through the slope at the located SOC is then off by the ratio of
     * the slopes. The leak is confirmed on its reading through the steepest slope within that doubt about the fit's
     * voltages ({@link #ampsLow}, never larger than the leak), and shown absent on its reading through the flattest
     * ({@link #ampsHigh}); the leak named is the one read at the located SOC.
     */
    private void scaleByLocation(double c, int n) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            lo = Math.min(lo, soc[k]);
            hi = Math.max(hi, soc[k]);
        }
        double along = hi - lo > 1e-4
                ? (ocv.voltsAt(hi, c) - ocv.voltsAt(lo, c)) / (hi - lo)
                : ocv.slopeAt(0.5 * (lo + hi), c);
        double x = settings.locationDoubtVolts();
        double from = ocv.socAt(ocv.voltsAt(lo, c) - x, c);
        double to = ocv.socAt(ocv.voltsAt(hi, c) + x, c);
        double steepest = along;
        double flattest = along;
        double step = SLOPE_SPAN_SOC / 4;
        for (double z = from; z <= to; z += step) {
            double sl = ocv.slopeAt(z, c);
            steepest = Math.max(steepest, sl);
            flattest = Math.min(flattest, sl);
        }
        flattest = Math.max(flattest, rest.minOcvSlopeVoltsPerSoc());
        ampsLow = amps > 0 ? amps * Math.min(1.0, along / steepest) : amps;
        ampsHigh = amps > 0 ? amps * Math.max(1.0, along / flattest) : amps;
    }

    /** The flatter OCV slope over the fit's SOCs and {@link #SLOPE_SPAN_SOC} about them (V per unit SOC). */
    private double flatterSlope(double c, int n) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            lo = Math.min(lo, soc[k]);
            hi = Math.max(hi, soc[k]);
        }
        lo = Math.max(0, lo - SLOPE_SPAN_SOC);
        hi = Math.min(1, hi + SLOPE_SPAN_SOC);
        double slope = Math.min(ocv.slopeAt(lo, c), ocv.slopeAt(hi, c));
        double step = SLOPE_SPAN_SOC / 4;
        for (double s = lo + step; s < hi; s += step) {
            slope = Math.min(slope, ocv.slopeAt(s, c));
        }
        return slope;
    }

    /**
     * The bounds on the voltage's slope (V/s) from what the model may have wrong: the unexplained relaxation, the
     * temperature term's change and the hysteresis's change over the fit, each the least-squares slope of its term
     * over the samples, added.
     */
    private double doubtVoltsPerSecond(double leak, double meanCelsius, int n) {
        double settle = Math.max(rest.settleSeconds(), 1.0);
        double meanSoc = mean(soc, n);
        double relaxation = Math.max(
                        settings.relaxationVolts(),
                        cell.ocvDoubt().sigmaVoltsAt(meanSoc, meanCelsius, settings.relaxationVolts()))
                + cell.slowPolarisation().ohmsAt(meanSoc)
                        * cell.resistanceFactor(meanCelsius)
                        * lastLoadAmps
                        * cell.slowPolarisation().decay(rest.settleSeconds());
        double mt = mean(time, n);
        double stt = 0;
        double sRelax = 0;
        double sEntropic = 0;
        double sHysteresis = 0;
        for (int k = 0; k < n; k++) {
            double dt = time[k] - mt;
            stt += dt * dt;
            sRelax += dt * Math.sqrt(settle / Math.max(time[k], settle));
            sEntropic += dt * (ocv.voltsAt(soc[k], celsius[k]) - ocv.voltsAt(soc[k]));
            sHysteresis += dt * hysteresis.magnitudeVolts() * hysteresisAt(time[k], leak);
        }
        return relaxation * Math.abs(sRelax / stt)
                + settings.entropicDoubtFraction() * Math.abs(sEntropic / stt)
                + settings.hysteresisDoubtFraction() * Math.abs(sHysteresis / stt);
    }

    private static double mean(double[] a, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[k];
        }
        return s / n;
    }

    /** Evidence towards a soft short: the leak over the threshold, 0 unless confirmed. */
    double evidence() {
        return confirmed() ? amps / rest.thresholdAmps() : 0.0;
    }

    /** Confirmed: measured, positive, {@code sigmas} standard errors above its bounds, over a fit as long as the settle time. */
    boolean confirmed() {
        return measured
                && fittedSeconds() >= rest.settleSeconds()
                && amps > 0
                && ampsLow - doubtAmps > rest.sigmas() * seAmps;
    }

    /** The leak shown below {@code limitAmps} with its bounds and sigma test, over a fit as long as the settle time. */
    boolean confirmedBelow(double limitAmps) {
        return measured
                && fittedSeconds() >= rest.settleSeconds()
                && ampsHigh + doubtAmps + rest.sigmas() * seAmps < limitAmps;
    }

    /** True when the fit has samples enough on an OCV steep enough. */
    boolean measured() {
        return measured;
    }

    /** The fitted leak (A, a loss positive), 0 before a fit. */
    double amps() {
        return amps;
    }

    double standardErrorAmps() {
        return seAmps;
    }

    /** The bound the leak must clear for what the model may have wrong (A). */
    double doubtAmps() {
        return doubtAmps;
    }

    /** The flatter OCV slope where the cell rests (V per unit SOC), from the last fit. */
    double ocvSlopeVoltsPerSoc() {
        return ocvSlope;
    }

    double restSeconds() {
        return restSeconds;
    }

    double fittedSeconds() {
        return Math.max(0, restSeconds - rest.settleSeconds());
    }
}
