package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitModel;
import org.qsebms.estimators.model.OcvCurve;

/**
 * Plett's sigma-point Kalman filter (SPKF) for the SOC of every cell of a series string, beside
 * {@link EkfSocEstimator} and on the same model ({@link EquivalentCircuitModel}): the same state
 * {@code [soc, v1, v2, r0Scale, inverseCapacityScale, currentOffsetAmps, v3]} (the offset state off unless
 * {@link EkfAdaptation#currentOffset()} gives it a doubt; {@code I = measured - offset} in the
 * prediction and the R0 drop), the same measurement
 * {@code V = OCV(soc, T) + M h + r0Scale R0 f(T) g(soc) I + v1 + v2}, Plett's hysteresis h tracked
 * beside the filter (and, as in the EKF, the preset's slow polarisation branch as the state v3,
 * added to the predicted voltage: linear in the process model and the measurement), the same {@link EkfTuning} and {@link EkfAdaptation}, and the same reported
 * 3-sigma bound. Where the EKF linearises the OCV at the estimate, this filter passes
 * {@code 2 N + 1} sigma points through the process model and through the measurement, so the OCV's
 * curvature over the SOC spread (knees near empty and full, hysteresis-shifted branches) is in the
 * gain and the predicted variance.
 *
 * <p>Form: the central-difference SPKF (CDKF, Plett 2006 "Sigma-point Kalman filtering for battery
 * management systems of LiPB-based HEV battery packs", Part 1, with Plett's {@code h = sqrt(3)}).
 * Points {@code x +- h s_j} from the columns {@code s_j} of a Cholesky factor of the covariance;
 * mean {@code y0 + sum_j (y+j + y-j - 2 y0) / (2 h^2)}; covariance
 * {@code sum_j [(y+j - y-j)(...)' / (4 h^2) + (h^2 - 1)(y+j + y-j - 2 y0)(...)' / (4 h^4)]} and
 * cross-covariance {@code sum_j s_j (y+j - y-j)' / (2 h)}. Every term is an outer product with
 * itself, so predicted and innovation covariances are positive semi-definite by construction, and
 * {@code P - Pxy Pxy' / Pyy} stays so too (Pyy is at least {@code Pxy' P^-1 Pxy}); unlike the
 * unscented transform with {@code h^2 = 3 < N} there is no negative weight on a covariance. The
 * Cholesky factor tolerates a semi-definite covariance (a frozen parameter state has no doubt: its
 * column is zero and its points are skipped). Noise is additive and the EKF's, from the one noise
 * model both filters share ({@link CellNoiseModel}: current noise through the coulomb count and the
 * RC inputs, SOC drift, the parameter random walks, the voltage sigma with covariance matching, the
 * gate); so are the per-cell temperature terms ({@link CellTemperatureTerms}).
 *
 * <p>Like the EKF, the resistance's SOC factors g(soc) are taken at the predicted SOC (the EKF's
 * measured reason: their slope made the mid-drive NCA starts worse), and where the OCV is flatter
 * than {@link EkfTuning#minOcvSlopeVoltsPerSoc()} at the estimate the voltage does not correct SOC:
 * every sigma point then sees the OCV at the estimate. The gate, the re-learning after
 * {@link EkfTuning#maxConsecutiveRejections()} rejections, the bleed charge, the extrapolation
 * beyond the characterised temperatures ({@code socQuality}) and the consider analyses of a constant
 * OCV error and of a relative resistance error (the bound's extra shares, see
 * {@link EkfSocEstimator}) are the EKF's, with this filter's gain; their linear rows are the EKF's.
 * So are the RC pairs' doubt at a start (raised to their steady state at the present current) and
 * the OCV sigma of the consider analysis, the preset's learnt {@code EcmParameters.ocvDoubt} at the
 * cell's SOC and temperature through {@link EkfTuning#ocvSigmaVolts(
 * org.qsebms.estimators.model.OcvDoubt, double, double, double)}.
 *
 * <p>Computed in closed form, not point by point (2026-12-02): the process model is linear but for
 * the offset's product with the capacity scale, and the measurement is linear but for the OCV and
 * the offset's product with the R0 scale, so the points' sums are written out exactly: the linear
 * parts give {@code F P F'}, {@code P h'} and {@code h P h'}, only the SOC column's two points look
 * the OCV up (one table search for the estimate, the points walked from its segment), and the
 * products' second-order terms are added from the Cholesky factor, which is taken only while the
 * offset state and the other factor of the product both have doubt. {@code F P F'} plus the noise
 * keeps the covariance positive semi-definite as the points' outer products did. The results are the
 * point-by-point filter's to rounding ({@code PointwiseSpkfSocEstimator} in the tests keeps that form
 * and checks it; about 1e-13 in SOC over thousands of steps), at less than half the cost.
 *
 * <p>State dimension: {@link #N}, with the index constants beside it; a further state is one index,
 * its rows in {@link #predict} and {@link #correct} (and in their second-order terms if it enters a
 * product), and its process noise and initial doubt. A state without doubt (a frozen parameter, the
 * offset when off) has zero rows and costs nothing but the arithmetic on them. Cost is linear in
 * cells; every array is allocated in the constructor, {@link #update} allocates nothing. Current is
 * positive while charging.
 */
public final class SpkfSocEstimator implements SocFilter {
    /** States per cell: soc, v1, v2, r0Scale, inverseCapacityScale, currentOffsetAmps, v3. */
    static final int N = CellNoiseModel.N;

    private static final int SOC = CellNoiseModel.SOC;
    private static final int V1 = CellNoiseModel.V1;
    private static final int V2 = CellNoiseModel.V2;
    private static final int R0 = CellNoiseModel.R0;
    private static final int CAP = CellNoiseModel.CAP;
    private static final int OFFSET = CellNoiseModel.OFFSET;
    private static final int V3 = CellNoiseModel.V3;
    /** States that carry the SOC/RC part of the covariance (reset on a new SOC); the rest are parameters. */
    private static final int DYNAMIC_STATES = CellNoiseModel.DYNAMIC_STATES;

    private static final int NN = CellNoiseModel.NN;
    /** Plett's central-difference step h^2 = 3 (the kurtosis of a Gaussian). */
    private static final double H2 = 3.0;

    private static final double H = Math.sqrt(H2);
    private static final double MEAN_WEIGHT = 1 / (2 * H2);
    private static final double SECOND_ORDER_WEIGHT = (H2 - 1) / (4 * H2 * H2);
    private static final double MIN_VARIANCE = 1e-12;

    private final EcmParameters cell;
    private final EquivalentCircuitModel model;
    private final OcvCurve ocv;
    private final HysteresisModel hysteresis;
    private final EkfTuning tuning;
    private final CellNoiseModel noise;
    private final CellTemperatureTerms temperatures;
    private final int cells;
    /** State per cell, {@code N} values from {@code N * cell}. */
    private final double[] x;
    /** Covariance per cell, row-major, from {@code NN * cell}, kept symmetric. */
    private final double[] p;

    private final double[] h;

    private final boolean[] initialised;
    /** Per cell, whether the RC voltages were just reset without knowing the current before (a start). */
    private final boolean[] rcUnknown;

    private final double[] ocvErrorSensitivity;
    private final double[] resistanceErrorSensitivity;

    // scratch, reused by every cell
    /** Lower Cholesky factor of one cell's covariance, for the second-order terms of the offset state's products. */
    private final double[] sqrtP = new double[NN];
    /** Which columns of {@link #sqrtP} are non-zero. */
    private final boolean[] active = new boolean[N];
    /** The covariance times the measurement's linear row, {@code P h'}. */
    private final double[] ph = new double[N];

    private final double[] pxy = new double[N];
    private final double[] k = new double[N];

    /** A filter without parameter adaptation ({@link EkfAdaptation#OFF}). */
    public SpkfSocEstimator(EcmParameters cell, HysteresisModel hysteresis, EkfTuning tuning, int cellCount) {
        this(cell, hysteresis, tuning, EkfAdaptation.OFF, cellCount);
    }

    public SpkfSocEstimator(
            EcmParameters cell, HysteresisModel hysteresis, EkfTuning tuning, EkfAdaptation adaptation, int cellCount) {
        if (cellCount < 1) {
            throw new IllegalArgumentException("cellCount must be >= 1, got " + cellCount);
        }
        this.cell = cell;
        this.model = new EquivalentCircuitModel(cell);
        this.ocv = cell.ocv();
        this.hysteresis = hysteresis;
        this.tuning = tuning;
        this.noise = new CellNoiseModel(cell, tuning, adaptation, cellCount);
        this.temperatures = new CellTemperatureTerms(model, cellCount);
        this.cells = cellCount;
        this.x = new double[N * cellCount];
        this.p = new double[NN * cellCount];
        this.h = new double[cellCount];
        this.initialised = new boolean[cellCount];
        this.rcUnknown = new boolean[cellCount];
        this.resistanceErrorSensitivity = new double[N * cellCount];
        this.ocvErrorSensitivity = new double[N * cellCount];
        for (int i = 0; i < cellCount; i++) {
            x[N * i + R0] = 1.0;
            x[N * i + CAP] = 1.0;
            resetCovariance(i);
            noise.setInitialParameterCovariance(p, NN * i);
        }
    }

    @Override
    public void currentOffsetBeyondRating(double excessAmps) {
        noise.currentSensor().offsetBeyondRating(excessAmps);
    }

    @Override
    public void updateWithNothingFlowing(double[] cellVolts, double[] cellCelsius, double dtSeconds) {
        noise.nothingFlows(true);
        try {
            update(0.0, cellVolts, cellCelsius, dtSeconds);
        } finally {
            noise.nothingFlows(false);
        }
    }

    @Override
    public void update(double packAmps, double[] cellVolts, double[] cellCelsius, double dtSeconds) {
        double innovationForget = noise.innovationForget(dtSeconds);
        noise.watchedRest().step(dtSeconds);
        temperatures.step(dtSeconds);
        for (int i = 0; i < cells; i++) {
            temperatures.at(i, cellCelsius[i]);
            double f = temperatures.factor(i);
            double a1 = temperatures.fastDecay(i);
            double a2 = temperatures.slowDecay(i);
            double outside = noise.atTemperature(i, x[N * i + SOC], cellCelsius[i], x[N * i + R0]);
            if (noise.restoredDoubt().pending(i)
                    && restoredSocDisagrees(i, packAmps, cellVolts[i], cellCelsius[i], f, outside)) {
                initialised[i] = false; // the cell changed while the BMS was off: start it from the reading
            }
            if (!initialised[i]) {
                initialiseFromVoltage(i, packAmps, cellVolts[i], cellCelsius[i], f, outside);
            }
            if (rcUnknown[i]) {
                doubtRcVoltagesAtStart(i, packAmps - x[N * i + OFFSET], cellCelsius[i], f);
            }
            predict(i, packAmps, dtSeconds, a1, a2, cellCelsius[i], f);
            correct(i, packAmps, cellVolts[i], cellCelsius[i], f, innovationForget);
            restartFromRest(i, cellVolts[i], cellCelsius[i], outside);
            // under load, an open start span cut from the side the voltage excludes (StartSpan#cutUnderLoad)
            x[N * i + SOC] = noise.cutSpanUnderLoad(
                    i,
                    x[N * i + SOC],
                    cellVolts[i],
                    packAmps - x[N * i + OFFSET],
                    cellCelsius[i],
                    f,
                    dtSeconds,
                    hysteresis.magnitudeVolts(),
                    outside);
            // a rest voltage still relaxing beyond the model's states: its SOC doubt (RestRelaxation)
            noise.restRelaxation()
                    .observe(
                            i,
                            packAmps - x[N * i + OFFSET],
                            cellVolts[i],
                            cellCelsius[i],
                            dtSeconds,
                            x[N * i + SOC],
                            x[N * i + V1],
                            x[N * i + V2],
                            x[N * i + V3],
                            a1,
                            a2,
                            temperatures.polarisationDecay(),
                            noise.ocvSigma(i));
            // while a start's span is open (a flat OCV) the SOC variance stays as wide as it (StartSpan)
            noise.startSpan().floorVariance(p, NN * i, i);
        }
    }

    /** The EKF's start ({@code EkfSocEstimator}): the point inversion, or on a flat OCV the {@link StartSpan}'s. */
    private void initialiseFromVoltage(int i, double amps, double volts, double celsius, double f, double outside) {
        double corrected = amps - x[N * i + OFFSET];
        x[N * i + SOC] = model.socFromVolts(volts, corrected, celsius, f, x[N * i + R0]);
        initialised[i] = true;
        rcUnknown[i] = true;
        resetCovariance(i);
        double ocvReading = volts - model.r0Volts(x[N * i + SOC], celsius, f, corrected) * x[N * i + R0];
        double spanStart = noise.startFromVoltage(p, NN * i, i, ocvReading, celsius, outside);
        if (!Double.isNaN(spanStart)) {
            x[N * i + SOC] = spanStart;
        }
        socReadFromVoltage(i, celsius, outside);
    }

    /**
     * Cell {@code i}'s SOC was just read from its voltage: it carries the OCV table's error in full (per sigma of
     * it, as the EKF's).
     */
    private void socReadFromVoltage(int i, double celsius, double outside) {
        double sigma3 = 3 * noise.ocvSigmaAt(i, x[N * i + SOC], celsius, outside);
        ocvErrorSensitivity[N * i + SOC] =
                sigma3 > 0 ? cell.ocv().socReachOfVolts(x[N * i + SOC], celsius, sigma3) / 3 : 0.0;
    }

    /**
     * The EKF's restart from a watched rest ({@code EkfSocEstimator}, {@link CellNoiseModel#restartFromRest}): an
     * open start span re-weighed on a relaxed voltage, the SOC carrying the OCV table's error in full.
     */
    private void restartFromRest(int i, double volts, double celsius, double outside) {
        double restSoc = noise.restartFromRest(p, NN * i, i, volts, celsius, outside, hysteresis.magnitudeVolts());
        if (!Double.isNaN(restSoc)) {
            x[N * i + SOC] = restSoc;
            socReadFromVoltage(i, celsius, outside);
        }
    }

    /**
     * The EKF's start doubt ({@code EkfSocEstimator}): at a start (first sample, or
     * {@link #setCellSoc}) the RC voltages are zero but the current before is unknown, so each pair's
     * variance is raised to its steady state at the present current, squared (never lowered).
     */
    private void doubtRcVoltagesAtStart(int i, double amps, double celsius, double temperatureFactor) {
        rcUnknown[i] = false;
        double z = x[N * i + SOC];
        double fast = cell.r1Ohms() * model.fastFactor(z, celsius, temperatureFactor) * amps;
        double slow = cell.r2Ohms() * model.slowFactor(z, celsius, temperatureFactor) * amps;
        int b = NN * i;
        p[b + V1 * N + V1] = Math.max(p[b + V1 * N + V1], fast * fast);
        p[b + V2 * N + V2] = Math.max(p[b + V2 * N + V2], slow * slow);
        // the slow branch starts mid-way to its steady state, the other half its doubt (its variance or considered)
        x[N * i + V3] = noise.branchStart(p, b, i, model.polarisationSteadyVolts(z, temperatureFactor, amps));
    }

    /**
     * The CDKF's prediction, in closed form. The process model is linear but for the offset's
     * product with the capacity scale in the coulomb count, {@code soc + (I - offset) dt / (3600 C)
     * cap}: for a linear part the points' first differences are {@code 2 h F s_j} and their second
     * differences vanish, so the covariance is {@code F P F'} (F the Jacobian at the estimate) and
     * the mean the estimate moved; the product's second differences are {@code -2 h^2 k s_off s_cap}
     * per column ({@code k = dt / 3600 C}), which add {@code -k P_off,cap} to the SOC mean and
     * {@code (h^2 - 1) k^2 sum_j (s_off,j s_cap,j)^2} to its variance. Both are zero unless the
     * offset and the capacity scale both have doubt; only then is the Cholesky factor taken.
     */
    private void predict(
            int i, double amps, double dt, double a1, double a2, double celsius, double temperatureFactor) {
        int xb = N * i;
        int b = NN * i;
        double z = x[xb + SOC];
        double offset = x[xb + OFFSET];
        double g = model.socChange(amps - offset, dt);
        double fastFactor = model.fastFactor(z, celsius, temperatureFactor);
        double slowFactor = model.slowFactor(z, celsius, temperatureFactor);
        double fastOhms = model.fastInputOhms(a1, fastFactor);
        double slowOhms = model.slowInputOhms(a2, slowFactor);
        double perAmp = model.socChange(1, dt);
        double go = -perAmp * x[xb + CAP];
        double productMean = 0;
        double productVariance = 0;
        if (p[b + OFFSET * N + OFFSET] > 0 && p[b + CAP * N + CAP] > 0) {
            cholesky(b, CAP + 1);
            double sum = 0;
            double sumSquares = 0;
            for (int c = 0; c <= CAP; c++) {
                double q = sqrtP[OFFSET * N + c] * sqrtP[CAP * N + c];
                sum += q;
                sumSquares += q * q;
            }
            productMean = -perAmp * sum;
            productVariance = (H2 - 1) * perAmp * perAmp * sumSquares;
        }
        double dz = g * x[xb + CAP];
        // the slow branch at the SOC before the step, as the RC pairs' factors (the EKF's)
        double a3 = temperatures.polarisationDecay();
        double branchOhms = model.polarisationInputOhms(a3, z, temperatureFactor);
        x[xb + V3] = a3 * x[xb + V3] + branchOhms * (amps - offset);
        x[xb + SOC] = clamp01(z + dz + productMean);
        noise.startSpan().shift(i, dz);
        noise.count(i, dz);
        x[xb + V1] = model.nextFastVolts(x[xb + V1], a1, fastFactor, amps - offset);
        x[xb + V2] = model.nextSlowVolts(x[xb + V2], a2, slowFactor, amps - offset);
        // r0Scale, inverseCapacityScale and the current offset: random walks, the mean stays
        h[i] = hysteresis.next(h[i], dz);
        // P <- F P F', rows then columns (the rows of the parameter states do not move)
        for (int c = 0; c < N; c++) {
            double po = p[b + OFFSET * N + c];
            p[b + c] += g * p[b + CAP * N + c] + go * po;
            p[b + V1 * N + c] = a1 * p[b + V1 * N + c] - fastOhms * po;
            p[b + V2 * N + c] = a2 * p[b + V2 * N + c] - slowOhms * po;
            p[b + V3 * N + c] = a3 * p[b + V3 * N + c] - branchOhms * po;
        }
        for (int r = 0; r < N; r++) {
            int row = b + r * N;
            double po = p[row + OFFSET];
            p[row] += g * p[row + CAP] + go * po;
            p[row + V1] = a1 * p[row + V1] - fastOhms * po;
            p[row + V2] = a2 * p[row + V2] - slowOhms * po;
            p[row + V3] = a3 * p[row + V3] - branchOhms * po;
        }
        p[b] += productVariance;
        // additive process noise, the EKF's
        noise.addProcessNoise(p, b, dt, x[xb + CAP], fastOhms, slowOhms, branchOhms);
        mirrorLowerTriangle(b);
        // the consider sensitivities move with the state's (linear) transition, as in the EKF
        int e = N * i;
        double dOffset = ocvErrorSensitivity[e + OFFSET];
        ocvErrorSensitivity[e + SOC] += g * ocvErrorSensitivity[e + CAP] + go * dOffset;
        ocvErrorSensitivity[e + V1] = a1 * ocvErrorSensitivity[e + V1] - fastOhms * dOffset;
        ocvErrorSensitivity[e + V2] = a2 * ocvErrorSensitivity[e + V2] - slowOhms * dOffset;
        ocvErrorSensitivity[e + V3] = a3 * ocvErrorSensitivity[e + V3] - branchOhms * dOffset;
        double corrected = amps - offset;
        dOffset = resistanceErrorSensitivity[e + OFFSET];
        resistanceErrorSensitivity[e + SOC] += g * resistanceErrorSensitivity[e + CAP] + go * dOffset;
        resistanceErrorSensitivity[e + V1] =
                a1 * resistanceErrorSensitivity[e + V1] - fastOhms * dOffset - fastOhms * corrected;
        resistanceErrorSensitivity[e + V2] =
                a2 * resistanceErrorSensitivity[e + V2] - slowOhms * dOffset - slowOhms * corrected;
        resistanceErrorSensitivity[e + V3] =
                a3 * resistanceErrorSensitivity[e + V3] - branchOhms * dOffset - branchOhms * corrected;
        noise.currentSensor().predict(i, -go, g, a1, a2, fastOhms, slowOhms, a3, branchOhms, corrected);
        noise.capacity().predict(i, -go, g, a1, a2, fastOhms, slowOhms, a3, branchOhms, corrected);
        noise.slowBranchStart().predict(i, -go, g, a1, a2, fastOhms, slowOhms, a3, branchOhms);
        noise.topKneeCharge().step(i, corrected, dt, celsius);
        noise.topKneeCharge().predict(i, -go, g, a1, a2, fastOhms, slowOhms, a3, branchOhms);
        noise.voltageBias().predict(i, -go, g, a1, a2, fastOhms, slowOhms, a3, branchOhms);
    }

    /**
     * The CDKF's correction, in closed form. The measurement {@code OCV(soc) + M h + R (I - offset)
     * r0Scale + v1 + v2 + v3} is linear in the states but for the OCV and the offset's product with the
     * R0 scale. Only the first column {@code s_0} of the lower Cholesky factor moves SOC
     * ({@code s_0 = P[.][0] / sqrt(P00)}), so its two points are the only ones whose OCV differs from
     * the estimate's. With {@code d1, d2} their OCV's first and second differences, {@code c} the
     * linear row {@code [0, 1, 1, R (I - offset), 0, -R r0Scale, 1]} and {@code w = d1 / (2 h)}, the
     * points' sums are {@code Pxy = P c' + s_0 w}, {@code Pyy = c P c' + w (2 c s_0 + w) + (h^2 - 1)
     * / (4 h^4) sum_j e_j^2} and the mean {@code y(x) + d2 / (2 h^2) - R sum_j s_off,j s_r0,j}, where
     * {@code e_j} is {@code d2} (column 0 only) less {@code 2 R h^2 s_off,j s_r0,j}. The product
     * terms need the first four columns of the Cholesky factor; they are zero, and it is not taken,
     * unless the offset and the R0 scale both have doubt.
     */
    private void correct(int i, double amps, double volts, double celsius, double f, double innovationForget) {
        int xb = N * i;
        int b = NN * i;
        double z = x[xb + SOC];
        int segment = ocv.segmentOf(z);
        double slope = ocv.slopeOfSegment(segment, celsius);
        double h0 = Math.abs(slope) >= tuning.minOcvSlopeVoltsPerSoc() ? slope : 0.0;
        double r0PerAmp = model.r0Ohms(z, celsius, f); // model.r0Volts per ampere, one table lookup for both
        double corrected = amps - x[xb + OFFSET];
        double r0Volts = r0PerAmp * corrected;
        double r0Ohms = r0PerAmp * x[xb + R0];
        double ocvAtEstimate = ocv.voltsAt(z, celsius, segment);
        double predicted = ocvAtEstimate
                + hysteresis.magnitudeVolts() * h[i]
                + r0Volts * x[xb + R0]
                + x[xb + V1]
                + (x[xb + V2] + x[xb + V3]);
        // P h' for the linear row [0, 1, 1, r0Volts, 0, -r0Ohms, 1]
        for (int r = 0; r < N; r++) {
            int row = b + r * N;
            ph[r] = p[row + V1] + p[row + V2] + r0Volts * p[row + R0] - r0Ohms * p[row + OFFSET] + p[row + V3];
        }
        double s0 = ph[V1] + ph[V2] + r0Volts * ph[R0] - r0Ohms * ph[OFFSET] + ph[V3];
        // the SOC column of the Cholesky factor and its two points' OCV (a flat OCV: the estimate's, no difference)
        double socSigma = p[b] > MIN_VARIANCE * 1e-6 ? Math.sqrt(p[b]) : 0.0;
        double ocvFirst = 0;
        double ocvSecond = 0;
        if (socSigma > 0 && h0 != 0.0) {
            double up = z + H * socSigma;
            double down = z - H * socSigma;
            double ocvUp = ocv.voltsAt(up, celsius, ocv.segmentOf(up, segment));
            double ocvDown = ocv.voltsAt(down, celsius, ocv.segmentOf(down, segment));
            ocvFirst = ocvUp - ocvDown;
            ocvSecond = ocvUp + ocvDown - 2 * ocvAtEstimate;
        }
        double w = ocvFirst / (2 * H);
        // the SOC slope this filter's gain is built with: the SOC points' secant (w per sigma), else the local one.
        // Every consider column's "seen" share must use it: with the local slope h0 (steep at a knee) against a
        // gain from the flatter secant, k[SOC] h0 exceeds 2 and the columns' recursion (1 - k c) d diverges
        double socSlope = socSigma > 0 && h0 != 0.0 ? w / socSigma : h0;
        if (socSigma > 0) {
            double linearOfSocColumn = ph[SOC] / socSigma;
            s0 += w * (2 * linearOfSocColumn + w);
            for (int r = 0; r < N; r++) {
                pxy[r] = ph[r] + p[b + r * N] / socSigma * w;
            }
        } else {
            // no SOC doubt: the SOC column is zero and so is SOC's cross-covariance
            System.arraycopy(ph, 0, pxy, 0, N);
            pxy[SOC] = 0.0;
        }
        if (p[b + OFFSET * N + OFFSET] > 0 && p[b + R0 * N + R0] > 0) {
            cholesky(b, R0 + 1);
            double bilinear = 2 * H2 * r0PerAmp;
            double sum = 0;
            double sumSquares = 0;
            for (int c = 0; c <= R0; c++) {
                double q = sqrtP[OFFSET * N + c] * sqrtP[R0 * N + c];
                double dy2 = (c == 0 ? ocvSecond : 0.0) - bilinear * q;
                sum += q;
                sumSquares += dy2 * dy2;
            }
            predicted += MEAN_WEIGHT * ocvSecond - r0PerAmp * sum;
            s0 += SECOND_ORDER_WEIGHT * sumSquares;
        } else {
            predicted += MEAN_WEIGHT * ocvSecond;
            s0 += SECOND_ORDER_WEIGHT * ocvSecond * ocvSecond;
        }
        double innovation = volts - predicted;
        // the slow branch's considered start doubt in the gain (Schmidt-Kalman): per sigma of it the
        // innovation moves by w3 = c - H D; 0 without a doubt to follow
        double w3 = noise.slowBranchStart().innovationPerSigma(i, socSlope, r0Volts, r0Ohms);
        // and the top knee's excess under charge, the same way (TopKneeChargeConsider; 0 without it)
        noise.topKneeCharge().observe(i, z, corrected);
        double wTop = noise.topKneeCharge().innovationPerSigma(i, socSlope, r0Volts, r0Ohms);
        double considered = w3 * w3 + wTop * wTop;
        s0 += considered;
        double r = noise.measurementVariance(i, s0);
        double s = s0 + r;
        CellNoiseModel.Gate gate = noise.gate(i, innovation, s);
        noise.observeFit(i, amps, volts, predicted, gate);
        if (gate == CellNoiseModel.Gate.REJECT) {
            return; // the prediction's covariance, already symmetric
        }
        if (gate == CellNoiseModel.Gate.RELEARN) {
            // a persistent mismatch: widen SOC by what the innovation says (through the OCV slope) and correct
            double socError = h0 != 0.0 ? innovation / h0 : 0.0;
            double extra = socError * socError;
            p[b] += extra;
            // with the wider SOC variance the SOC points spread further: Pxy and Pyy grow by the SOC direction's share
            pxy[SOC] += extra * h0;
            s0 += extra * h0 * h0;
            s = s0 + r;
        }
        noise.learnInnovation(i, innovation, innovationForget, s);
        for (int j = 0; j < N; j++) {
            k[j] = (pxy[j]
                            - noise.slowBranchStart().sensitivity(i, j) * w3
                            - noise.topKneeCharge().sensitivity(i, j) * wTop)
                    / s;
        }
        // a misfit beyond the OCV table's end is no current: the offset kept out (BeyondTheOcvTable)
        boolean offsetHeld = k[OFFSET] != 0.0 && BeyondTheOcvTable.reading(z, innovation);
        if (offsetHeld) {
            k[OFFSET] = 0.0;
        }
        double unclamped = x[xb + SOC] + k[SOC] * innovation;
        x[xb + SOC] = clamp01(unclamped);
        // the part of the correction the clamp at 0 or 1 cut off (0 inside the range)
        double cut = unclamped - x[xb + SOC];
        x[xb + V1] += k[V1] * innovation;
        x[xb + V2] += k[V2] * innovation;
        x[xb + R0] = EkfAdaptation.clampScale(x[xb + R0] + k[R0] * innovation);
        x[xb + CAP] = EkfAdaptation.clampScale(x[xb + CAP] + k[CAP] * innovation);
        x[xb + OFFSET] += k[OFFSET] * innovation;
        x[xb + V3] += k[V3] * innovation;
        if (considered == 0.0 && !offsetHeld) {
            // P <- P - K s K' = P - Pxy Pxy' / s, each lower entry copied to the upper one
            for (int row = 0; row < N; row++) {
                for (int c = 0; c < row; c++) {
                    double v = p[b + row * N + c] - pxy[row] * k[c];
                    p[b + row * N + c] = v;
                    p[b + c * N + row] = v;
                }
                p[b + row * N + row] -= pxy[row] * k[row];
            }
        } else {
            // the filter's own part for any gain: P <- P - Pxy K' - K Pxy' + K (s - w3^2 - wTop^2) K'
            double own = s - considered;
            for (int row = 0; row < N; row++) {
                for (int c = 0; c <= row; c++) {
                    double v = p[b + row * N + c] - pxy[row] * k[c] - k[row] * pxy[c] + k[row] * k[c] * own;
                    p[b + row * N + c] = v;
                    p[b + c * N + row] = v;
                }
            }
        }
        // the update closed the SOC variance as if the whole correction had been made; the part the clamp cut off
        // is an SOC the voltage asked for and the estimate did not take: it stays in the SOC variance
        p[b] += cut * cut;
        for (int j = 0; j < DYNAMIC_STATES; j++) {
            p[b + j * N + j] = Math.max(MIN_VARIANCE, p[b + j * N + j]);
        }
        for (int j = DYNAMIC_STATES; j < N; j++) {
            p[b + j * N + j] = Math.max(0.0, p[b + j * N + j]);
        }
        // the consider analyses, as the EKF's, with this filter's gain
        int e = N * i;
        double socSensitivity = ocvErrorSensitivity[e + SOC];
        double seen = ocv.flatterSecantSlope(z, celsius, 3 * Math.abs(socSensitivity), segment) * socSensitivity
                + ocvErrorSensitivity[e + V1]
                + ocvErrorSensitivity[e + V2]
                + ocvErrorSensitivity[e + V3]
                + r0Volts * ocvErrorSensitivity[e + R0]
                - r0Ohms * ocvErrorSensitivity[e + OFFSET];
        for (int j = 0; j < N; j++) {
            ocvErrorSensitivity[e + j] += k[j] * (noise.ocvSigma(i) - seen);
        }
        noise.recordInnovationBias(i, x[xb + SOC], celsius);
        double seenD = socSlope * resistanceErrorSensitivity[e + SOC]
                + resistanceErrorSensitivity[e + V1]
                + resistanceErrorSensitivity[e + V2]
                + resistanceErrorSensitivity[e + V3]
                + r0Volts * resistanceErrorSensitivity[e + R0]
                - r0Ohms * resistanceErrorSensitivity[e + OFFSET];
        double r0Drop = r0Volts * x[xb + R0];
        for (int j = 0; j < N; j++) {
            resistanceErrorSensitivity[e + j] += k[j] * (r0Drop - seenD);
        }
        noise.currentSensor().correct(i, k, socSlope, r0Volts, r0Ohms, corrected);
        noise.capacity().correct(i, k, socSlope, r0Volts, r0Ohms);
        noise.slowBranchStart().correct(i, k, socSlope, r0Volts, r0Ohms);
        noise.topKneeCharge().correct(i, k, socSlope, r0Volts, r0Ohms);
        noise.voltageBias().correct(i, k, socSlope, r0Volts, r0Ohms, noise.innovationMean(i));
    }

    /**
     * The first {@code columns} columns of the lower Cholesky factor of the cell's covariance into
     * {@link #sqrtP} (the later ones are not needed by the product terms that ask for it), for a
     * positive semi-definite matrix: a pivot at or below zero (a state without doubt, or rounding)
     * gives a zero column.
     */
    private void cholesky(int b, int columns) {
        for (int c = 0; c < columns; c++) {
            double d = p[b + c * N + c];
            for (int j = 0; j < c; j++) {
                d -= sqrtP[c * N + j] * sqrtP[c * N + j];
            }
            if (!(d > MIN_VARIANCE * 1e-6)) {
                active[c] = false;
                for (int r = c; r < N; r++) {
                    sqrtP[r * N + c] = 0.0;
                }
                continue;
            }
            active[c] = true;
            double l = Math.sqrt(d);
            sqrtP[c * N + c] = l;
            for (int r = c + 1; r < N; r++) {
                double v = p[b + r * N + c];
                for (int j = 0; j < c; j++) {
                    v -= sqrtP[r * N + j] * sqrtP[c * N + j];
                }
                sqrtP[r * N + c] = v / l;
            }
        }
    }

    /** Copies the lower triangle into the upper one. */
    private void mirrorLowerTriangle(int b) {
        for (int r = 0; r < N; r++) {
            for (int c = r + 1; c < N; c++) {
                p[b + r * N + c] = p[b + c * N + r];
            }
        }
    }

    /** Resets the SOC and RC part of the covariance; the parameter states keep their doubt. */
    private void resetCovariance(int i) {
        int b = NN * i;
        Arrays.fill(ocvErrorSensitivity, N * i, N * i + N, 0.0);
        Arrays.fill(resistanceErrorSensitivity, N * i, N * i + N, 0.0);
        noise.resetDynamicCovariance(p, b, i);
        noise.startCount(i, x[N * i + SOC]);
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    @Override
    public int cellCount() {
        return cells;
    }

    @Override
    public double cellSoc(int cell) {
        return x[N * cell + SOC];
    }

    @Override
    public double cellSocBound3Sigma(int cell) {
        return noise.socBound3Sigma(
                cell, p[NN * cell], ocvErrorSensitivity[N * cell + SOC], resistanceErrorSensitivity[N * cell + SOC]);
    }

    @Override
    public double cellSocBound3SigmaWithoutCurrentSensor(int cell) {
        return noise.socBound3SigmaWithoutCurrentSensor(
                cell, p[NN * cell], ocvErrorSensitivity[N * cell + SOC], resistanceErrorSensitivity[N * cell + SOC]);
    }

    @Override
    public boolean cellSocExtrapolated(int cell) {
        return noise.extrapolated(cell);
    }

    @Override
    public boolean cellSocMismatched(int cell) {
        return noise.mismatched(cell);
    }

    /**
     * The first reading after a restore weighs the restored doubt ({@link RestoredDoubt}): the
     * reading less its R0 drop against the OCV near the restored SOC, at rest. True when it disagrees.
     */
    private boolean restoredSocDisagrees(
            int i, double measuredAmps, double volts, double celsius, double f, double outside) {
        double amps = measuredAmps - x[N * i + OFFSET];
        double r0Drop = model.r0Volts(x[N * i + SOC], celsius, f, amps) * x[N * i + R0];
        return noise.restoredDoubt()
                .settle(
                        p,
                        NN * i,
                        i,
                        x[N * i + SOC],
                        volts,
                        amps,
                        r0Drop,
                        f,
                        celsius,
                        outside,
                        hysteresis.magnitudeVolts());
    }

    /**
     * Restores a persisted SOC ({@link #setCellSoc}) and, where {@code sigma} is below the start
     * doubt, lets the first reading weigh it ({@link RestoredDoubt}).
     */
    @Override
    public void restoreCellSoc(int cell, double value, double sigma, double restedSeconds) {
        setCellSoc(cell, value);
        noise.restoredDoubt().restore(cell, sigma, restedSeconds);
    }

    /** Whether the cell's last restored doubt was refused because its first reading disagreed with it. */
    @Override
    public boolean cellRestoreRefused(int cell) {
        return noise.restoredDoubt().refused(cell);
    }

    @Override
    public void setCellSoc(int cell, double value) {
        x[N * cell + SOC] = clamp01(value);
        x[N * cell + V1] = 0;
        x[N * cell + V2] = 0;
        x[N * cell + V3] = 0;
        initialised[cell] = true;
        rcUnknown[cell] = true;
        resetCovariance(cell);
    }

    @Override
    public void setCellCapacityAh(int cell, double ah) {
        if (!(ah > 0)) {
            throw new IllegalArgumentException("capacity must be > 0 Ah, got " + ah);
        }
        x[N * cell + CAP] = EkfAdaptation.clampScale(this.cell.capacityAh() / ah);
    }

    @Override
    public void setCellCapacityAh(int cell, double ah, double sigmaAh) {
        double relativeSigma = CapacityConsider.relativeSigmaOfLearnt(ah, sigmaAh);
        setCellCapacityAh(cell, ah);
        noise.capacity().setCellSigma(cell, relativeSigma);
    }

    /**
     * The relative sigma of the capacity error cell {@code cell}'s bound carries (a fraction: the tuning's limit over
     * sqrt(3), or a learnt capacity's standard error over it; 0 with the capacity state on, whose covariance carries
     * it).
     */
    public double cellCapacityErrorSigma(int cell) {
        return noise.capacity().sigma(cell);
    }

    @Override
    public void setCellR0Scale(int cell, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("R0 scale must be > 0, got " + scale);
        }
        x[N * cell + R0] = EkfAdaptation.clampScale(scale);
    }

    @Override
    public void countCellDischargeAh(int cell, double ah) {
        if (ah > 0) {
            x[N * cell + SOC] = clamp01(x[N * cell + SOC] - ah / cellCapacityAh(cell));
            noise.count(cell, -ah / cellCapacityAh(cell));
        }
    }

    @Override
    public double cellCapacityAh(int cell) {
        return this.cell.capacityAh() / x[N * cell + CAP];
    }

    @Override
    public double cellCapacitySigmaAh(int cell) {
        if (!noise.learnsCapacity()) {
            return Double.NaN;
        }
        double scale = x[N * cell + CAP];
        return this.cell.capacityAh() / (scale * scale) * Math.sqrt(p[NN * cell + CAP * N + CAP]);
    }

    @Override
    public double cellVoltageSigmaVolts(int cell) {
        return noise.voltageSigmaVolts(cell);
    }

    @Override
    public double cellR0Scale(int cell) {
        return x[N * cell + R0];
    }

    @Override
    public double cellRcVolts(int cell) {
        return x[N * cell + V1] + x[N * cell + V2] + x[N * cell + V3];
    }

    public double cellHysteresis(int cell) {
        return h[cell];
    }

    /**
     * Copies the cell's 5x5 covariance of soc, v1, v2, r0Scale and inverseCapacityScale into
     * {@code out[0..24]}, as the EKF's (the current offset's variance: {@link #cellCurrentOffsetSigmaAmps}).
     */
    public void cellFullCovariance(int cell, double[] out) {
        for (int j = 0; j < 5; j++) {
            System.arraycopy(p, NN * cell + j * N, out, 5 * j, 5);
        }
    }

    /**
     * The current sensor's offset (A, what the sensor reads minus the true current) as this cell's
     * filter estimates it; 0 without the offset state ({@link EkfAdaptation#currentOffset()}).
     */
    @Override
    public double cellCurrentOffsetAmps(int cell) {
        return x[N * cell + OFFSET];
    }

    /** One sigma of {@link #cellCurrentOffsetAmps} (A). */
    @Override
    public double cellCurrentOffsetSigmaAmps(int cell) {
        return Math.sqrt(p[NN * cell + OFFSET * N + OFFSET]);
    }

    @Override
    public long rejectedMeasurements() {
        return noise.rejectedTotal();
    }
}
