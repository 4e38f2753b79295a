package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitModel;

/**
 * {@link SpkfSocEstimator} as it was written before it was put in closed form (2026-12-02): every
 * sigma point drawn from a full Cholesky factor in the prediction and in the correction, pushed
 * through the process model and the measurement one by one, and the central-difference mean and
 * covariances summed over them. Kept beside the tests as the independent check of the closed form
 * ({@code SpkfClosedFormTest}), as {@code ReferenceEkfSocEstimator} is the EKF's: the two must agree
 * to rounding. Not for speed; it allocates nothing after construction all the same.
 */
final class PointwiseSpkfSocEstimator implements SocFilter {
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
    private static final int POINTS = 2 * N + 1;
    /** Plett's central-difference step h^2 = 3 (the kurtosis of a Gaussian). */
    private static final double H2 = 3.0;

    private static final double H = Math.sqrt(H2);
    private static final double MEAN_WEIGHT = 1 / (2 * H2);
    private static final double FIRST_ORDER_WEIGHT = 1 / (4 * H2);
    private static final double SECOND_ORDER_WEIGHT = (H2 - 1) / (4 * H2 * H2);
    private static final double MIN_VARIANCE = 1e-12;

    private final EcmParameters cell;
    private final EquivalentCircuitModel model;
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
    private final double[] sqrtP = new double[NN];
    private final double[] points = new double[POINTS * N];
    private final double[] measured = new double[POINTS];
    private final boolean[] active = new boolean[N];
    private final double[] mean = new double[N];
    private final double[] pxy = new double[N];
    private final double[] k = new double[N];
    private final double[] d1 = new double[N];
    private final double[] d2 = new double[N];

    // inputs of the current step, set before propagate/measure run over the points
    private double stepSocChange;
    /** The estimate's current offset, bit for bit, whose SOC change {@link #stepSocChange} is. */
    private long stepOffsetBits;

    private double stepDtSeconds;
    private double stepFastDecay;
    private double stepSlowDecay;
    private double stepFastFactor;
    private double stepSlowFactor;
    private double stepBranchDecay;
    private double stepBranchOhms;
    private double stepAmps;
    private double stepCelsius;
    private double stepR0Volts;
    private double stepR0Ohms;
    private double stepHysteresisVolts;
    private double stepSocAtEstimate;
    private double stepOcvAtEstimate;

    /** A filter without parameter adaptation ({@link EkfAdaptation#OFF}). */
    PointwiseSpkfSocEstimator(EcmParameters cell, HysteresisModel hysteresis, EkfTuning tuning, int cellCount) {
        this(cell, hysteresis, tuning, EkfAdaptation.OFF, cellCount);
    }

    PointwiseSpkfSocEstimator(
            EcmParameters cell, HysteresisModel hysteresis, EkfTuning tuning, EkfAdaptation adaptation, int cellCount) {
        if (cellCount < 1) {
            throw new IllegalArgumentException("cellCount must be >= 1, got " + cellCount);
        }
        this.cell = cell;
        this.model = new EquivalentCircuitModel(cell);
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
    public void update(double packAmps, double[] cellVolts, double[] cellCelsius, double dtSeconds) {
        double innovationForget = noise.innovationForget(dtSeconds);
        temperatures.step(dtSeconds);
        for (int i = 0; i < cells; i++) {
            temperatures.at(i, cellCelsius[i]);
            double f = temperatures.factor(i);
            double a1 = temperatures.fastDecay(i);
            double a2 = temperatures.slowDecay(i);
            double outside = noise.atTemperature(i, x[N * i + SOC], cellCelsius[i], x[N * i + R0]);
            if (!initialised[i]) {
                initialiseFromVoltage(i, packAmps, cellVolts[i], cellCelsius[i], f, outside);
            }
            if (rcUnknown[i]) {
                doubtRcVoltagesAtStart(i, packAmps - x[N * i + OFFSET], cellCelsius[i], f);
            }
            predict(i, packAmps, dtSeconds, a1, a2, cellCelsius[i], f);
            correct(i, packAmps, cellVolts[i], cellCelsius[i], f, innovationForget);
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
            // while a start's span is open (a flat OCV) the SOC variance stays as wide as it (StartSpan)
            noise.startSpan().floorVariance(p, NN * i, i);
        }
    }

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
        double ocvSigma = noise.ocvSigmaAt(i, x[N * i + SOC], celsius, outside);
        // a SOC read from the voltage carries the OCV table's error in full (per sigma of it, as the EKF's)
        double sigma3 = 3 * ocvSigma;
        ocvErrorSensitivity[N * i + SOC] =
                sigma3 > 0 ? cell.ocv().socReachOfVolts(x[N * i + SOC], celsius, sigma3) / 3 : 0.0;
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
        x[N * i + V3] = noise.branchStart(p, b, i, model.polarisationSteadyVolts(z, temperatureFactor, amps));
    }

    /** The process model for one sigma point at {@code o}: the EKF's prediction, written once. */
    private void propagate(int o) {
        double amps = stepAmps - points[o + OFFSET];
        // a point with the estimate's offset (every point while the offset state is off) has its SOC change
        double dz = Double.doubleToRawLongBits(points[o + OFFSET]) == stepOffsetBits
                ? stepSocChange
                : model.socChange(amps, stepDtSeconds);
        points[o + SOC] += dz * points[o + CAP];
        points[o + V1] = model.nextFastVolts(points[o + V1], stepFastDecay, stepFastFactor, amps);
        points[o + V2] = model.nextSlowVolts(points[o + V2], stepSlowDecay, stepSlowFactor, amps);
        points[o + V3] = stepBranchDecay * points[o + V3] + stepBranchOhms * amps;
        // r0Scale, inverseCapacityScale and the current offset: random walks, the point stays
    }

    /**
     * The measurement model for one sigma point at {@code o}: the terminal voltage it predicts. SOC is
     * the first state, so in the lower Cholesky factor only the first column moves it: every other
     * point has the estimate's SOC, whose OCV is looked up once per step.
     */
    private double measure(int o) {
        double z = points[o + SOC];
        double ocv = z == stepSocAtEstimate ? stepOcvAtEstimate : model.ocvVolts(z, stepCelsius);
        double r0Volts = stepR0Ohms * (stepAmps - points[o + OFFSET]);
        return ocv
                + stepHysteresisVolts
                + r0Volts * points[o + R0]
                + points[o + V1]
                + (points[o + V2] + points[o + V3]);
    }

    private void predict(
            int i, double amps, double dt, double a1, double a2, double celsius, double temperatureFactor) {
        int xb = N * i;
        int b = NN * i;
        double z = x[xb + SOC];
        double offset = x[xb + OFFSET];
        stepSocChange = model.socChange(amps - offset, dt);
        stepOffsetBits = Double.doubleToRawLongBits(offset);
        stepDtSeconds = dt;
        stepFastDecay = a1;
        stepSlowDecay = a2;
        stepFastFactor = model.fastFactor(z, celsius, temperatureFactor);
        stepSlowFactor = model.slowFactor(z, celsius, temperatureFactor);
        stepAmps = amps;
        stepBranchDecay = model.polarisationDecay(dt);
        stepBranchOhms = model.polarisationInputOhms(stepBranchDecay, z, temperatureFactor);
        drawPoints(xb, b);
        for (int j = 0; j < POINTS; j++) {
            if (j == 0 || active[(j - 1) >> 1]) {
                propagate(j * N);
            }
        }
        // mean and covariance of the propagated points (central-difference form)
        for (int r = 0; r < N; r++) {
            mean[r] = points[r];
        }
        Arrays.fill(p, b, b + NN, 0.0);
        for (int c = 0; c < N; c++) {
            if (!active[c]) {
                continue;
            }
            int plus = (2 * c + 1) * N;
            int minus = plus + N;
            for (int r = 0; r < N; r++) {
                d1[r] = points[plus + r] - points[minus + r];
                d2[r] = points[plus + r] + points[minus + r] - 2 * points[r];
                mean[r] += MEAN_WEIGHT * d2[r];
            }
            for (int r = 0; r < N; r++) {
                double w1 = FIRST_ORDER_WEIGHT * d1[r];
                double w2 = SECOND_ORDER_WEIGHT * d2[r];
                for (int s = 0; s <= r; s++) {
                    p[b + r * N + s] += w1 * d1[s] + w2 * d2[s];
                }
            }
        }
        double dz = stepSocChange * x[xb + CAP];
        for (int r = 0; r < N; r++) {
            x[xb + r] = mean[r];
        }
        x[xb + SOC] = clamp01(x[xb + SOC]);
        noise.startSpan().shift(i, dz);
        h[i] = hysteresis.next(h[i], dz);
        // additive process noise, the EKF's
        double fastOhms = model.fastInputOhms(a1, stepFastFactor);
        double slowOhms = model.slowInputOhms(a2, stepSlowFactor);
        noise.addProcessNoise(p, b, dt, x[xb + CAP], fastOhms, slowOhms, stepBranchOhms);
        // the upper triangle is copied once the correction is done (it reads only the lower one)
        // the consider sensitivities move with the state's (linear) transition, as in the EKF
        int e = N * i;
        double go = -model.socChange(1, dt) * x[xb + CAP];
        double dOffset = ocvErrorSensitivity[e + OFFSET];
        ocvErrorSensitivity[e + SOC] += stepSocChange * ocvErrorSensitivity[e + CAP] + go * dOffset;
        ocvErrorSensitivity[e + V1] = a1 * ocvErrorSensitivity[e + V1] - fastOhms * dOffset;
        ocvErrorSensitivity[e + V2] = a2 * ocvErrorSensitivity[e + V2] - slowOhms * dOffset;
        ocvErrorSensitivity[e + V3] = stepBranchDecay * ocvErrorSensitivity[e + V3] - stepBranchOhms * dOffset;
        double corrected = amps - offset;
        dOffset = resistanceErrorSensitivity[e + OFFSET];
        resistanceErrorSensitivity[e + SOC] += stepSocChange * resistanceErrorSensitivity[e + CAP] + go * dOffset;
        resistanceErrorSensitivity[e + V1] =
                a1 * resistanceErrorSensitivity[e + V1] - fastOhms * dOffset - fastOhms * corrected;
        resistanceErrorSensitivity[e + V2] =
                a2 * resistanceErrorSensitivity[e + V2] - slowOhms * dOffset - slowOhms * corrected;
        resistanceErrorSensitivity[e + V3] = stepBranchDecay * resistanceErrorSensitivity[e + V3]
                - stepBranchOhms * dOffset
                - stepBranchOhms * corrected;
        noise.currentSensor()
                .predict(i, -go, stepSocChange, a1, a2, fastOhms, slowOhms, stepBranchDecay, stepBranchOhms, corrected);
        noise.slowBranchStart()
                .predict(i, -go, stepSocChange, a1, a2, fastOhms, slowOhms, stepBranchDecay, stepBranchOhms);
        noise.topKneeCharge().step(i, corrected, dt, celsius);
        noise.topKneeCharge()
                .predict(i, -go, stepSocChange, a1, a2, fastOhms, slowOhms, stepBranchDecay, stepBranchOhms);
        noise.voltageBias().predict(i, -go, stepSocChange, a1, a2, fastOhms, slowOhms, stepBranchDecay, stepBranchOhms);
    }

    private void correct(int i, double amps, double volts, double celsius, double f, double innovationForget) {
        int xb = N * i;
        int b = NN * i;
        double z = x[xb + SOC];
        double slope = model.ocvSlope(z, celsius);
        double h0 = Math.abs(slope) >= tuning.minOcvSlopeVoltsPerSoc() ? slope : 0.0;
        stepCelsius = celsius;
        stepR0Ohms = model.r0Ohms(z, celsius, f);
        double corrected = amps - x[xb + OFFSET];
        stepR0Volts = stepR0Ohms * corrected; // model.r0Volts, with one table lookup for both
        double r0Ohms = stepR0Ohms * x[xb + R0];
        stepHysteresisVolts = hysteresis.magnitudeVolts() * h[i];
        stepSocAtEstimate = z;
        stepOcvAtEstimate = model.ocvVolts(z, celsius);
        drawPoints(xb, b);
        if (h0 == 0.0) {
            // flat OCV: the voltage does not correct SOC, every point sees the OCV at the estimate
            points[N + SOC] = z;
            points[2 * N + SOC] = z;
        }
        double y0 = measure(0);
        double predicted = y0;
        double s0 = 0;
        Arrays.fill(pxy, 0.0);
        for (int c = 0; c < N; c++) {
            if (!active[c]) {
                continue;
            }
            double yPlus = measure((2 * c + 1) * N);
            double yMinus = measure((2 * c + 2) * N);
            double dy1 = yPlus - yMinus;
            double dy2 = yPlus + yMinus - 2 * y0;
            predicted += MEAN_WEIGHT * dy2;
            s0 += FIRST_ORDER_WEIGHT * dy1 * dy1 + SECOND_ORDER_WEIGHT * dy2 * dy2;
            double w = dy1 / (2 * H);
            for (int r = c; r < N; r++) {
                pxy[r] += sqrtP[r * N + c] * w;
            }
        }
        double innovation = volts - predicted;
        // the SOC slope the gain is built with: the SOC column's points' OCV secant, else the local slope
        double socSlope = h0;
        if (active[SOC] && h0 != 0.0) {
            double socSigma = sqrtP[SOC];
            socSlope = (model.ocvVolts(z + H * socSigma, celsius) - model.ocvVolts(z - H * socSigma, celsius))
                    / (2 * H * socSigma);
        }
        // the slow branch's considered start doubt in the gain (Schmidt-Kalman): per sigma of it the
        // innovation moves by w3 = c - H D; 0 without a doubt to follow
        double w3 = noise.slowBranchStart().innovationPerSigma(i, socSlope, stepR0Volts, r0Ohms);
        // and the top knee's excess under charge, the same way (TopKneeChargeConsider; 0 without it)
        noise.topKneeCharge().observe(i, z, corrected);
        double wTop = noise.topKneeCharge().innovationPerSigma(i, socSlope, stepR0Volts, r0Ohms);
        double considered = w3 * w3 + wTop * wTop;
        s0 += considered;
        double r = noise.measurementVariance(i, s0);
        double s = s0 + r;
        CellNoiseModel.Gate gate = noise.gate(i, innovation, s);
        noise.observeFit(i, amps, volts, predicted, gate);
        if (gate == CellNoiseModel.Gate.REJECT) {
            mirrorLowerTriangle(b); // the prediction's
            return;
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
        // P <- P - Pxy K' - K Pxy' + K (s - w3^2 - wTop^2) K' (P - Pxy Pxy' / s without a considered doubt)
        double own = s - considered;
        for (int row = 0; row < N; row++) {
            for (int c = 0; c <= row; c++) {
                p[b + row * N + c] += considered == 0.0 && !offsetHeld
                        ? -pxy[row] * k[c]
                        : -pxy[row] * k[c] - k[row] * pxy[c] + k[row] * k[c] * own;
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
        mirrorLowerTriangle(b);
        // the consider analyses, as the EKF's, with this filter's gain
        int e = N * i;
        double socSensitivity = ocvErrorSensitivity[e + SOC];
        double seen = cell.ocv().flatterSecantSlope(z, celsius, 3 * Math.abs(socSensitivity)) * socSensitivity
                + ocvErrorSensitivity[e + V1]
                + ocvErrorSensitivity[e + V2]
                + ocvErrorSensitivity[e + V3]
                + stepR0Volts * ocvErrorSensitivity[e + R0]
                - r0Ohms * ocvErrorSensitivity[e + OFFSET];
        for (int j = 0; j < N; j++) {
            ocvErrorSensitivity[e + j] += k[j] * (noise.ocvSigma(i) - seen);
        }
        noise.recordInnovationBias(i, x[N * i + SOC], celsius);
        double seenD = socSlope * resistanceErrorSensitivity[e + SOC]
                + resistanceErrorSensitivity[e + V1]
                + resistanceErrorSensitivity[e + V2]
                + resistanceErrorSensitivity[e + V3]
                + stepR0Volts * resistanceErrorSensitivity[e + R0]
                - r0Ohms * resistanceErrorSensitivity[e + OFFSET];
        double r0Drop = stepR0Volts * x[xb + R0];
        for (int j = 0; j < N; j++) {
            resistanceErrorSensitivity[e + j] += k[j] * (r0Drop - seenD);
        }
        noise.currentSensor().correct(i, k, socSlope, stepR0Volts, r0Ohms, corrected);
        noise.slowBranchStart().correct(i, k, socSlope, stepR0Volts, r0Ohms);
        noise.topKneeCharge().correct(i, k, socSlope, stepR0Volts, r0Ohms);
        noise.voltageBias().correct(i, k, socSlope, stepR0Volts, r0Ohms, noise.innovationMean(i));
    }

    /**
     * Sigma points of cell state {@code x[xb..]} and covariance {@code p[b..]}: point 0 the mean,
     * points {@code 2c + 1} and {@code 2c + 2} the mean plus and minus {@code h} times column c of
     * the lower Cholesky factor (left in {@link #sqrtP}); {@link #active}{@code [c]} says whether
     * that column is non-zero (a state with no doubt has none, and its two points are skipped).
     */
    private void drawPoints(int xb, int b) {
        cholesky(b);
        for (int r = 0; r < N; r++) {
            points[r] = x[xb + r];
        }
        for (int c = 0; c < N; c++) {
            if (!active[c]) {
                continue;
            }
            int plus = (2 * c + 1) * N;
            int minus = plus + N;
            for (int r = 0; r < N; r++) {
                double step = H * sqrtP[r * N + c];
                points[plus + r] = x[xb + r] + step;
                points[minus + r] = x[xb + r] - step;
            }
        }
    }

    /**
     * Lower Cholesky factor of the cell's covariance into {@link #sqrtP}, for a positive
     * semi-definite matrix: a pivot at or below zero (a state without doubt, or rounding) gives a
     * zero column.
     */
    private void cholesky(int b) {
        for (int c = 0; c < N; c++) {
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
        }
    }

    @Override
    public double cellCapacityAh(int cell) {
        return this.cell.capacityAh() / x[N * cell + CAP];
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
