package org.qsebms.estimators.soc;

import org.qsebms.estimators.model.EcmParameters;

/**
 * Per cell, the SOC span a start from one voltage leaves open where the OCV is flat (docs/estimation.md,
 * "A start below the LFP plateau"). At a start the first reading's OCV (the voltage less the R0 drop)
 * is weighed against the whole OCV table: each SOC's likelihood is the normal density of the reading's
 * distance from its OCV, with the variance the filter gives that reading at its first correction (the
 * voltage sigma squared plus the OCV sigma squared at that SOC: {@link EkfTuning#voltageSigmaVolts()},
 * {@link EkfTuning#ocvSigmaVolts(org.qsebms.estimators.model.OcvDoubt, double, double, double)}),
 * under a uniform prior on [0, 1]. Where that posterior's variance is no wider than the tuning's
 * start doubt ({@link EkfTuning#initialSocSigma()} squared, a steep OCV) nothing changes: the filter
 * starts from the point inversion of the table as before. Where it is wider (a flat OCV: on the LFP
 * plateau every SOC from its bottom knee to its top knee explains the reading) the filter starts
 * from the posterior's mean with its variance, and the span of SOC within three of those sigmas
 * stays open: it moves with the charge the filter counts and is cut at 0 and 1, and while it is open
 * the filter's SOC variance is kept at or above the start variance scaled by the span's remaining
 * width squared. A knee the estimate meets while the span is open is then not read as strong
 * information (the variance does not collapse on it, as it did from one noisy first sample 1.1 mV
 * below the plateau: SOC sigma 0.198 to 0.0021 in 10 min); it moves the estimate to where the OCV
 * explains the voltage. A new SOC ({@code setCellSoc}) closes the span. Every array is allocated in
 * the constructor; only {@link #start} walks the table, the per-tick calls cost a few operations.
 */
final class StartSpan {
    /** Points on [0, 1] the start's likelihood is taken at (the tables have 0.01 steps or coarser). */
    private static final int GRID = 401;
    /** The span's reach in sigmas of the start's reading: the project's 3-sigma convention. */
    private static final double SIGMAS = 3.0;

    private final double[] lo;
    private final double[] hi;
    /** Per cell, the start variance over the span's width squared (0 when closed). */
    private final double[] variancePerWidth2;
    /**
     * Per cell, the largest charge (and discharge) current since the span opened, each decayed over the model's
     * longest time constant: what the model's polarisation may still hold ({@link #cutUnderLoad}).
     */
    private final double[] chargeAmps;

    private final double[] dischargeAmps;
    /**
     * Per cell, the floor (charging) and the ceiling (discharging) of the sample before, NaN when that sample was
     * not one of the same sign: a cut takes the weaker of two samples in a row, so one sample's glitch cuts nothing.
     */
    private final double[] lastFloorVolts;

    private final double[] lastCeilingVolts;
    /** The step the last decay of those currents was taken for, and that decay (loop thread only). */
    private double decayDtSeconds = Double.NaN;

    private double decay;
    /** The variance the last re-weighing at rest left (loop thread only). */
    private double reweighedVariance;
    /** The last {@link #weigh}'s posterior mean and variance and its span's ends (loop thread only). */
    private double weighedMean;

    private double weighedVariance;
    private double weighedFirst;
    private double weighedLast;

    StartSpan(int cellCount) {
        this.lo = new double[cellCount];
        this.hi = new double[cellCount];
        this.variancePerWidth2 = new double[cellCount];
        this.chargeAmps = new double[cellCount];
        this.dischargeAmps = new double[cellCount];
        this.lastFloorVolts = new double[cellCount];
        this.lastCeilingVolts = new double[cellCount];
        java.util.Arrays.fill(lastFloorVolts, Double.NaN);
        java.util.Arrays.fill(lastCeilingVolts, Double.NaN);
    }

    /** Closes cell {@code i}'s span (a new SOC, or a start the voltage places). */
    void close(int i) {
        lo[i] = 0;
        hi[i] = 0;
        variancePerWidth2[i] = 0;
        chargeAmps[i] = 0;
        dischargeAmps[i] = 0;
        lastFloorVolts[i] = Double.NaN;
        lastCeilingVolts[i] = Double.NaN;
    }

    /**
     * A start of cell {@code i} from a reading whose OCV is {@code ocvVolts} at {@code celsius}:
     * weighs the table as above, with {@code voltageVariance} the reading's variance without the OCV's
     * and the OCV sigma from {@code tuning} at each SOC ({@code extrapolationKelvin} as the filter
     * has it). Returns the SOC to start from, or NaN where the voltage places the SOC within the
     * tuning's start doubt (the caller keeps its point inversion and doubt); otherwise the span is
     * open and {@link #startVariance} is the variance to start with.
     */
    double start(
            int i,
            EcmParameters cell,
            EkfTuning tuning,
            double ocvVolts,
            double celsius,
            double voltageVariance,
            double extrapolationKelvin) {
        close(i);
        if (!weigh(cell, tuning, ocvVolts, celsius, voltageVariance, 0.0, extrapolationKelvin)) {
            return Double.NaN; // the reading is off the table by more than the span's sigmas: the end it is nearer
        }
        double mean = weighedMean;
        double variance = weighedVariance;
        double first = weighedFirst;
        double last = weighedLast;
        double sz = tuning.initialSocSigma();
        if (variance <= sz * sz || !(last > first)) {
            return Double.NaN;
        }
        lo[i] = first;
        hi[i] = last;
        variancePerWidth2[i] = variance / ((last - first) * (last - first));
        return mean;
    }

    /**
     * A rest the filter watched long enough for cell {@code i}'s voltage to be its OCV ({@code ocvVolts}, read
     * with nothing flowing) re-weighs an open span: each SOC's likelihood as at {@link #start}, with the rest's
     * {@code restVariance} in place of the voltage variance under load, and the reading's distance from the
     * table counted only beyond the hysteresis half-gap {@code bandVolts} (the cell may rest on either branch).
     * Where the span this leaves is narrower than the open one, it replaces it, and the SOC to restart from is
     * returned, with its variance in {@link #reweighedVariance()}; where that variance is within the tuning's
     * start doubt (the rest sits on a knee) the span closes. NaN where the span is closed, the reading is off
     * the table, or nothing narrows: the filter goes on as it was.
     */
    double reweighAtRest(
            int i,
            EcmParameters cell,
            EkfTuning tuning,
            double ocvVolts,
            double celsius,
            double restVariance,
            double bandVolts,
            double extrapolationKelvin) {
        if (!open(i)
                || !weigh(cell, tuning, ocvVolts, celsius, restVariance, bandVolts, extrapolationKelvin)
                || !(weighedLast - weighedFirst < hi[i] - lo[i])) {
            return Double.NaN;
        }
        double mean = weighedMean;
        double first = weighedFirst;
        double last = weighedLast;
        double step = 1.0 / (GRID - 1.0);
        reweighedVariance = Math.max(step * step / 12, weighedVariance);
        double sz = tuning.initialSocSigma();
        if (reweighedVariance <= sz * sz || !(last > first)) {
            close(i);
        } else {
            lo[i] = first;
            hi[i] = last;
            variancePerWidth2[i] = reweighedVariance / ((last - first) * (last - first));
        }
        return mean;
    }

    /**
     * Weighs the table for a reading whose OCV is {@code ocvVolts}: each SOC's likelihood is the normal density of
     * the reading's distance from its OCV beyond {@code bandVolts}, with {@code readingVariance} plus the OCV
     * sigma squared at that SOC, under a uniform prior on [0, 1]. Sets the posterior's mean and variance and the
     * first and last SOC within {@link #SIGMAS} of the reading; false where none is (the reading off the table).
     */
    private boolean weigh(
            EcmParameters cell,
            EkfTuning tuning,
            double ocvVolts,
            double celsius,
            double readingVariance,
            double bandVolts,
            double extrapolationKelvin) {
        double w = 0;
        double sum = 0;
        double sumSquares = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        for (int j = 0; j < GRID; j++) {
            double s = j / (GRID - 1.0);
            double ocvSigma = tuning.ocvSigmaVolts(cell.ocvDoubt(), s, celsius, extrapolationKelvin);
            double variance = readingVariance + ocvSigma * ocvSigma;
            double d = Math.max(0.0, Math.abs(ocvVolts - cell.ocv().voltsAt(s, celsius)) - bandVolts);
            double d2 = d * d / variance;
            double weight = Math.exp(-0.5 * d2) / Math.sqrt(variance);
            w += weight;
            sum += weight * s;
            sumSquares += weight * s * s;
            if (d2 <= SIGMAS * SIGMAS) {
                if (Double.isNaN(first)) {
                    first = s;
                }
                last = s;
            }
        }
        if (!(w > 0) || Double.isNaN(first)) {
            return false;
        }
        weighedMean = sum / w;
        weighedVariance = Math.max(0.0, sumSquares / w - weighedMean * weighedMean);
        weighedFirst = first;
        weighedLast = last;
        return true;
    }

    /** The SOC variance the last {@link #reweighAtRest} that returned a SOC left. */
    double reweighedVariance() {
        return reweighedVariance;
    }

    /** The SOC variance to start cell {@code i} with: its open span's, 0 when closed. */
    double startVariance(int i) {
        return floor(i);
    }

    /** Moves cell {@code i}'s open span by the SOC change {@code dz} the filter counted, cut at 0 and 1. */
    void shift(int i, double dz) {
        if (variancePerWidth2[i] > 0) {
            double a = lo[i] + dz;
            double b = hi[i] + dz;
            lo[i] = a < 0 ? 0 : a > 1 ? 1 : a;
            hi[i] = b < 0 ? 0 : b > 1 ? 1 : b;
            if (!(hi[i] > lo[i])) {
                close(i);
            }
        }
    }

    /** The SOC variance cell {@code i}'s open span keeps: its start variance times its width's shrink squared. */
    private double floor(int i) {
        double width = hi[i] - lo[i];
        return variancePerWidth2[i] * width * width;
    }

    /** Raises the SOC variance {@code p[b]} (row-major N x N block at {@code b}) to the open span's floor. */
    void floorVariance(double[] p, int b, int i) {
        if (variancePerWidth2[i] > 0) {
            p[b] = Math.max(p[b], floor(i));
        }
    }

    /**
     * Under load, cuts cell {@code i}'s open span from the side its voltage excludes (docs/estimation.md, "The LFP
     * top knee: the overpotential ratio measured"). Charging, a real cell's voltage stands above its OCV by at most
     * the hysteresis magnitude {@code hysteresisVolts} plus {@link EkfTuning#overpotentialRatio()} times the model's
     * steady overpotential, {@code ((R0 + R1) f g + R2 f g2 + R3 f)} (the largest at the span's ends and the estimate)
     * times the largest charge current of late (decayed over the model's longest time constant, so a current that
     * just fell is not taken for the present one), plus three rest voltage sigmas and three OCV sigmas: every SOC whose
     * OCV lies below that floor is cut from the span. Discharging, the mirror: every SOC whose OCV lies above the
     * ceiling. Where the cut moves the span's middle past the estimate {@code soc}, the estimate goes to the middle
     * (the mean of the span under its uniform start prior). Returns the SOC to go on from ({@code soc} where nothing
     * is cut); the span's variance floor shrinks with its width ({@link #floorVariance}). A cut that would leave
     * nothing of the span is not made. Called every step; the currents of late are kept from the span's start (the
     * current before it is unknown, as the filter's RC doubt at a start takes it: at most the present one's steady
     * state). Allocation-free; with the span closed one test, while it is open an {@code exp} and a few table lookups.
     */
    double cutUnderLoad(
            int i,
            double soc,
            EcmParameters cell,
            EkfTuning tuning,
            double volts,
            double amps,
            double celsius,
            double temperatureFactor,
            double dtSeconds,
            double hysteresisVolts,
            double extrapolationKelvin) {
        double k = tuning.overpotentialRatio();
        if (!open(i) || k == 0) {
            return soc;
        }
        if (dtSeconds != decayDtSeconds) {
            double tau = cell.longestTimeConstantSeconds();
            if (!cell.slowPolarisation().isNone()) {
                tau = Math.max(tau, cell.slowPolarisation().tauSeconds());
            }
            decay = Math.exp(-dtSeconds / tau);
            decayDtSeconds = dtSeconds;
        }
        chargeAmps[i] = Math.max(Math.max(amps, 0.0), chargeAmps[i] * decay);
        dischargeAmps[i] = Math.max(Math.max(-amps, 0.0), dischargeAmps[i] * decay);
        if (amps == 0) {
            lastFloorVolts[i] = Double.NaN;
            lastCeilingVolts[i] = Double.NaN;
            return soc;
        }
        double ohms = Math.max(
                steadyOhms(cell, lo[i], celsius),
                Math.max(steadyOhms(cell, soc, celsius), steadyOhms(cell, hi[i], celsius)));
        double ocvSigma = Math.max(
                tuning.ocvSigmaVolts(cell.ocvDoubt(), lo[i], celsius, extrapolationKelvin),
                Math.max(
                        tuning.ocvSigmaVolts(cell.ocvDoubt(), soc, celsius, extrapolationKelvin),
                        tuning.ocvSigmaVolts(cell.ocvDoubt(), hi[i], celsius, extrapolationKelvin)));
        double rest = tuning.restVoltageSigmaVolts() * tuning.voltageSigmaGrowth(extrapolationKelvin);
        double margin = hysteresisVolts + SIGMAS * (rest + ocvSigma);
        if (amps > 0) {
            double sampleFloor = volts - margin - k * ohms * temperatureFactor * chargeAmps[i];
            // the weaker of this sample's floor and the one before (NaN, the first charging sample, cuts nothing)
            double floorVolts = Math.min(sampleFloor, lastFloorVolts[i]);
            lastFloorVolts[i] = sampleFloor;
            lastCeilingVolts[i] = Double.NaN;
            if (!(floorVolts > cell.ocv().voltsAt(lo[i], celsius))) {
                return soc; // the span's lowest SOC is not below the floor: nothing to cut (the common case)
            }
            double cut = cell.ocv().socAt(floorVolts, celsius);
            if (cut > lo[i] && cut < hi[i]) {
                lo[i] = cut;
                double middle = 0.5 * (lo[i] + hi[i]);
                return soc < middle ? middle : soc;
            }
        } else {
            double sampleCeiling = volts + margin + k * ohms * temperatureFactor * dischargeAmps[i];
            double ceilingVolts = Math.max(sampleCeiling, lastCeilingVolts[i]);
            lastCeilingVolts[i] = sampleCeiling;
            lastFloorVolts[i] = Double.NaN;
            if (!(ceilingVolts < cell.ocv().voltsAt(hi[i], celsius))) {
                return soc;
            }
            double cut = cell.ocv().socAt(ceilingVolts, celsius);
            if (cut < hi[i] && cut > lo[i]) {
                hi[i] = cut;
                double middle = 0.5 * (lo[i] + hi[i]);
                return soc > middle ? middle : soc;
            }
        }
        return soc;
    }

    /** The model's steady resistance at {@code soc} and {@code celsius} over the Arrhenius factor (R0, R1, R2, R3). */
    private static double steadyOhms(EcmParameters cell, double soc, double celsius) {
        double branch =
                cell.slowPolarisation().isNone() ? 0.0 : cell.slowPolarisation().ohmsAt(soc);
        return (cell.r0Ohms() + cell.r1Ohms()) * cell.socFactor(soc, celsius)
                + cell.r2Ohms() * cell.slowSocFactor(soc, celsius)
                + branch;
    }

    /** Whether cell {@code i}'s start span is open. */
    boolean open(int i) {
        return variancePerWidth2[i] > 0;
    }
}
