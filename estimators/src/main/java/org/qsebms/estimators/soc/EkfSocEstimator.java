package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitModel;

/**
 * Extended Kalman filter for the SOC of every cell of a series string, on the equivalent-circuit
 * model: state {@code [soc, v1, v2, r0Scale, inverseCapacityScale]} (two RC voltages and, as a
 * joint EKF, two dimensionless parameter states), measurement
 * {@code V = OCV(soc, T) + M h + r0Scale R0 f(T) g(soc) I + v1 + v2} (the RC pairs driven through
 * {@code R1 f(T) g(soc)} and {@code R2 f(T) g2(soc)}, g and g2 from the cell's {@code ResistanceVsSoc})
 * and coulomb counting
 * {@code soc += inverseCapacityScale I dt / (3600 capacityAh)}, with Plett's hysteresis h tracked
 * deterministically beside the filter. The preset's slow polarisation branch, when it has one
 * ({@code EcmParameters.slowPolarisation}, docs/estimation.md), is a seventh state {@code v3}
 * ({@link CellNoiseModel#V3}): stepped as the RC pairs and added to the predicted voltage; at a start
 * it is set half-way to its steady state at the present current with the other half as its doubt
 * ({@link CellNoiseModel#branchStart}), which with {@link EkfAdaptation#slowBranchState()} is its
 * variance (the voltage corrects it through its covariance) and by default is considered in the
 * bound and the gain ({@link SlowBranchStartConsider}, Schmidt-Kalman; the state then has no
 * variance and no gain). Without a
 * branch it has no doubt, no gain and stays 0, so the filter is the six-state one to the bit.
 * {@link EkfAdaptation} sets how freely the two parameter
 * states move; {@link EkfAdaptation#OFF} freezes them (the plain three-state filter). A sixth state,
 * the current sensor's offset ({@link CurrentOffsetDoubt}, Plett's bias augmentation; off unless
 * {@link EkfAdaptation#currentOffset()} gives it a doubt), is taken off the measured current
 * ({@code I = measured - offset}) in the prediction and the R0 drop. At a start the RC pairs'
 * doubt covers their steady state at the present current. The model's
 * equations (prediction, measurement, the start from a voltage) are {@link EquivalentCircuitModel}'s,
 * shared with the current limits and the simulated cell.
 *
 * <p>Numerics: covariance update in Joseph form (symmetric positive semi-definite by
 * construction), innovations gated at {@link EkfTuning#gateSigmas()} sigmas (outliers rejected,
 * persistent mismatch re-learnt by inflating the SOC variance), and below
 * {@link EkfTuning#minOcvSlopeVoltsPerSoc()} the OCV slope is treated as zero, so on a flat OCV
 * (LFP plateau) the filter is a coulomb counter whose 3-sigma bound grows with the current
 * sensor's noise until the OCV is observable again. Where the estimate sits at the clamp (0 or 1)
 * and the SOC span the filter's 3-sigma doubt covers reaches past it, the measurement row's OCV
 * slope is the secant over that span inside the table, on the flatter side
 * ({@code OcvCurve.flatterSecantSlope}), so that a wide doubt at the table's steep end is not closed
 * by the end segment's steepness.
 *
 * <p>The reported bound adds the SOC error a systematic OCV error has caused so far (an error
 * {@code sigma(soc) z} with one standard normal z, which a Kalman filter cannot average away;
 * sigma from the preset's learnt {@code EcmParameters.ocvDoubt} per SOC region, or the tuning's
 * {@link EkfTuning#ocvSigmaVolts()} everywhere, through {@link EkfTuning#ocvSigmaVolts(
 * org.qsebms.estimators.model.OcvDoubt, double, double, double)}), by Schmidt's consider analysis: each
 * cell carries the error D of its state estimate per unit z, moved by the same transition as the
 * state ({@code D <- F D}) and, at each correction, by the same gain
 * ({@code D <- D + K (sigma - H_e D)}); the bound adds {@code D_soc^2} to the filter's SOC
 * variance. Error made where the doubt is large stays until the voltage has corrected it. The
 * estimate itself is not changed. {@code H_e} is the measurement row with the OCV's slope taken
 * over the SOC span the error currently covers, on the flatter side
 * ({@code OcvCurve.flatterSecantSlope}), so that where that span crosses a knee of the curve the
 * error shrinks no faster than the true error does; a SOC read from the voltage at start gets D
 * from how far the SOC reaches for a 3-sigma OCV error ({@code OcvCurve.socReachOfVolts}, over 3).
 * On a straight stretch of OCV the term settles at {@code ocvSigma / slope}; after a move into a
 * steeper stretch it keeps the error made on the flatter one until the voltage has corrected it,
 * and while the voltage is not used (flat OCV) it keeps what it had.
 *
 * <p>Outside the temperatures the cell's preset was characterised over
 * ({@code EcmParameters.characterisedCelsius}, with {@link EkfTuning#extrapolationMarginKelvin()}
 * of margin) the model is extrapolated: the voltage sigma and the OCV sigma grow with the distance
 * ({@link EkfTuning#voltageSigmaGrowth}, {@link EkfTuning#ocvSigmaVolts(double)}), and
 * {@link #cellSocExtrapolated} says so for the telemetry's {@code socQuality}.
 *
 * <p>The noise model (start covariance, process noise, measurement variance with covariance
 * matching, the gate) is {@link CellNoiseModel}, shared with {@link SpkfSocEstimator}; the per-cell
 * temperature terms f(T) and the RC decays are {@link CellTemperatureTerms}, computed again only when
 * a cell's temperature moved.
 *
 * <p>Cost is linear in cells; every array is allocated in the constructor, {@link #update}
 * allocates nothing. Current is positive while charging.
 */
public final class EkfSocEstimator implements SocFilter {
    /** States per cell: soc, v1, v2, r0Scale, inverseCapacityScale, currentOffsetAmps, v3. */
    static final int N = CellNoiseModel.N;

    private static final int NN = CellNoiseModel.NN;
    private static final int SOC = CellNoiseModel.SOC;
    private static final int R0 = CellNoiseModel.R0;
    private static final int CAP = CellNoiseModel.CAP;
    private static final int OFFSET = CellNoiseModel.OFFSET;
    private static final int V3 = CellNoiseModel.V3;
    private static final double MIN_VARIANCE = 1e-12;

    private final EcmParameters cell;
    private final EquivalentCircuitModel model;
    private final HysteresisModel hysteresis;
    private final EkfTuning tuning;
    private final CellNoiseModel noise;
    private final CellTemperatureTerms temperatures;
    private final int cells;
    private final double[] soc;
    private final double[] v1;
    private final double[] v2;
    /** Per cell, the slow polarisation branch's voltage, the state {@code V3} (0 without the branch). */
    private final double[] v3;

    private final double[] h;
    /** Full N x N covariance per cell, row-major, kept symmetric. */
    private final double[] p;

    private final double[] r0Scale;
    private final double[] inverseCapacityScale;
    /** Per cell, the current sensor's offset (A, sensor minus truth) as this cell's filter estimates it. */
    private final double[] currentOffset;

    private final boolean[] initialised;
    /** Per cell, whether the RC voltages were just reset without knowing the current before (a start). */
    private final boolean[] rcUnknown;

    /**
     * Per cell, how much each state estimate has moved for one sigma of error in the OCV table
     * (Schmidt's consider analysis of a bias the filter does not estimate: the error is
     * {@code sigma(soc) z} with one standard normal z, sigma from the preset's learnt OCV doubt).
     */
    private final double[] ocvErrorSensitivity;

    /**
     * Per cell, how much the state estimate's error moves per unit of a relative error of every
     * resistance (a consider analysis of the extrapolated temperature law and of the misfit the voltage steps show): the truth's RC pairs
     * and R0 drop move with it, the filter's do not.
     */
    private final double[] resistanceErrorSensitivity;

    private final double[] u = new double[N];
    private final double[] k = new double[N];
    private final double[] hk = new double[N];
    private final double[] ap = new double[NN];
    private final double[] apH = new double[N];

    /** A filter without parameter adaptation ({@link EkfAdaptation#OFF}). */
    public EkfSocEstimator(EcmParameters cell, HysteresisModel hysteresis, EkfTuning tuning, int cellCount) {
        this(cell, hysteresis, tuning, EkfAdaptation.OFF, cellCount);
    }

    public EkfSocEstimator(
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
        this.soc = new double[cellCount];
        this.v1 = new double[cellCount];
        this.v2 = new double[cellCount];
        this.v3 = new double[cellCount];
        this.h = new double[cellCount];
        this.p = new double[NN * cellCount];
        this.r0Scale = new double[cellCount];
        this.inverseCapacityScale = new double[cellCount];
        this.currentOffset = new double[cellCount];
        this.initialised = new boolean[cellCount];
        this.rcUnknown = new boolean[cellCount];
        this.resistanceErrorSensitivity = new double[N * cellCount];
        this.ocvErrorSensitivity = new double[N * cellCount];
        Arrays.fill(r0Scale, 1.0);
        Arrays.fill(inverseCapacityScale, 1.0);
        for (int i = 0; i < cellCount; i++) {
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
            double outside = noise.atTemperature(i, soc[i], cellCelsius[i], r0Scale[i]);
            if (noise.restoredDoubt().pending(i)
                    && restoredSocDisagrees(i, packAmps, cellVolts[i], cellCelsius[i], f, outside)) {
                initialised[i] = false; // the cell changed while the BMS was off: start it from the reading
            }
            if (!initialised[i]) {
                initialiseFromVoltage(i, packAmps, cellVolts[i], cellCelsius[i], f, outside);
            }
            if (rcUnknown[i]) {
                doubtRcVoltagesAtStart(i, packAmps - currentOffset[i], cellCelsius[i], f);
            }
            predict(i, packAmps, dtSeconds, a1, a2, cellCelsius[i], f);
            correct(i, packAmps, cellVolts[i], cellCelsius[i], f, innovationForget);
            restartFromRest(i, cellVolts[i], cellCelsius[i], outside);
            // under load, an open start span cut from the side the voltage excludes (StartSpan#cutUnderLoad)
            soc[i] = noise.cutSpanUnderLoad(
                    i,
                    soc[i],
                    cellVolts[i],
                    packAmps - currentOffset[i],
                    cellCelsius[i],
                    f,
                    dtSeconds,
                    hysteresis.magnitudeVolts(),
                    outside);
            // a rest voltage still relaxing beyond the model's states: its SOC doubt (RestRelaxation)
            noise.restRelaxation()
                    .observe(
                            i,
                            packAmps - currentOffset[i],
                            cellVolts[i],
                            cellCelsius[i],
                            dtSeconds,
                            soc[i],
                            v1[i],
                            v2[i],
                            v3[i],
                            a1,
                            a2,
                            temperatures.polarisationDecay(),
                            noise.ocvSigma(i));
            // while a start's span is open (a flat OCV) the SOC variance stays as wide as it (StartSpan)
            noise.startSpan().floorVariance(p, NN * i, i);
        }
    }

    /**
     * The start from the first sample: the point inversion of the table, or where the OCV does not
     * place the SOC within the tuning's start doubt (a flat OCV) the mean of the SOC the whole table
     * allows for the reading, with its variance ({@link StartSpan}).
     */
    private void initialiseFromVoltage(int i, double amps, double volts, double celsius, double f, double outside) {
        double corrected = amps - currentOffset[i];
        soc[i] = model.socFromVolts(volts, corrected, celsius, f, r0Scale[i]);
        initialised[i] = true;
        rcUnknown[i] = true;
        resetCovariance(i);
        double ocvReading = volts - model.r0Volts(soc[i], celsius, f, corrected) * r0Scale[i];
        double spanStart = noise.startFromVoltage(p, NN * i, i, ocvReading, celsius, outside);
        if (!Double.isNaN(spanStart)) {
            soc[i] = spanStart;
        }
        socReadFromVoltage(i, celsius, outside);
    }

    /** Cell {@code i}'s SOC was just read from its voltage: it carries the OCV table's error in full. */
    private void socReadFromVoltage(int i, double celsius, double outside) {
        double ocvSigma = noise.ocvSigmaAt(i, soc[i], celsius, outside);
        ocvErrorSensitivity[N * i + SOC] = socPerOcvVolt(soc[i], celsius, ocvSigma) * ocvSigma;
    }

    /**
     * After a rest the filter watched long enough for the voltage to be an OCV, an open start span is re-weighed
     * on it ({@link CellNoiseModel#restartFromRest}); where that narrows it the cell restarts from the rest's SOC,
     * which carries the OCV table's error in full, as a start from the voltage does.
     */
    private void restartFromRest(int i, double volts, double celsius, double outside) {
        double restSoc = noise.restartFromRest(p, NN * i, i, volts, celsius, outside, hysteresis.magnitudeVolts());
        if (!Double.isNaN(restSoc)) {
            soc[i] = restSoc;
            socReadFromVoltage(i, celsius, outside);
        }
    }

    /**
     * At a start (first sample, or {@link #setCellSoc}) the RC voltages are set to zero, but the
     * current before the start is unknown: under load each pair may hold anything up to its steady
     * state at the present current. Its variance is raised to that steady state's square (never
     * lowered below {@link EkfTuning#initialRcSigmaVolts()}), so the first samples under load are
     * not read as SOC. At rest this changes nothing.
     */
    private void doubtRcVoltagesAtStart(int i, double amps, double celsius, double temperatureFactor) {
        rcUnknown[i] = false;
        double fast = cell.r1Ohms() * model.fastFactor(soc[i], celsius, temperatureFactor) * amps;
        double slow = cell.r2Ohms() * model.slowFactor(soc[i], celsius, temperatureFactor) * amps;
        int b = NN * i;
        p[b + N + 1] = Math.max(p[b + N + 1], fast * fast);
        p[b + 2 * N + 2] = Math.max(p[b + 2 * N + 2], slow * slow);
        // the slow branch starts mid-way to its steady state, the other half its doubt (its variance or considered)
        v3[i] = noise.branchStart(p, b, i, model.polarisationSteadyVolts(soc[i], temperatureFactor, amps));
    }

    /**
     * x = f(x, u) with the current corrected by the offset state ({@code I = measured - offset});
     * P = F P F' + Q with F = I except F[soc][cap] = g, F[1][1] = a1, F[2][2] = a2 and the offset's
     * column: F[soc][offset] = -dsoc/dI, F[1][offset] = -(1 - a1) R1 f, F[2][offset] = -(1 - a2) R2 f2.
     */
    private void predict(
            int i, double measuredAmps, double dt, double a1, double a2, double celsius, double temperatureFactor) {
        double amps = measuredAmps - currentOffset[i];
        double f = model.fastFactor(soc[i], celsius, temperatureFactor);
        double fSlow = model.slowFactor(soc[i], celsius, temperatureFactor);
        double g = model.socChange(amps, dt);
        double dz = g * inverseCapacityScale[i];
        double fastOhms = model.fastInputOhms(a1, f);
        double slowOhms = model.slowInputOhms(a2, fSlow);
        double go = -model.socChange(1, dt) * inverseCapacityScale[i];
        // the slow branch at the SOC before the step, as the RC pairs' factors
        double a3 = temperatures.polarisationDecay();
        double branchOhms = model.polarisationInputOhms(a3, soc[i], temperatureFactor);
        v3[i] = a3 * v3[i] + branchOhms * amps;
        soc[i] = clamp01(soc[i] + dz);
        noise.startSpan().shift(i, dz);
        noise.count(i, dz);
        v1[i] = model.nextFastVolts(v1[i], a1, f, amps);
        v2[i] = model.nextSlowVolts(v2[i], a2, fSlow, amps);
        h[i] = hysteresis.next(h[i], dz);
        int b = NN * i;
        // rows: P <- F P (rows cap and offset are unchanged, so they can be read while the others move)
        for (int c = 0; c < N; c++) {
            double po = p[b + OFFSET * N + c];
            p[b + c] += g * p[b + CAP * N + c] + go * po;
            p[b + N + c] = a1 * p[b + N + c] - fastOhms * po;
            p[b + 2 * N + c] = a2 * p[b + 2 * N + c] - slowOhms * po;
            p[b + V3 * N + c] = a3 * p[b + V3 * N + c] - branchOhms * po;
        }
        // columns: P <- (F P) F'
        for (int r = 0; r < N; r++) {
            int row = b + r * N;
            double po = p[row + OFFSET];
            p[row] += g * p[row + CAP] + go * po;
            p[row + 1] = a1 * p[row + 1] - fastOhms * po;
            p[row + 2] = a2 * p[row + 2] - slowOhms * po;
            p[row + V3] = a3 * p[row + V3] - branchOhms * po;
        }
        noise.addProcessNoise(p, b, dt, inverseCapacityScale[i], fastOhms, slowOhms, branchOhms);
        symmetrise(b);
        // the consider sensitivity moves with the state: S <- F S
        int e = N * i;
        ocvErrorSensitivity[e + SOC] += g * ocvErrorSensitivity[e + CAP] + go * ocvErrorSensitivity[e + OFFSET];
        ocvErrorSensitivity[e + 1] = a1 * ocvErrorSensitivity[e + 1] - fastOhms * ocvErrorSensitivity[e + OFFSET];
        ocvErrorSensitivity[e + 2] = a2 * ocvErrorSensitivity[e + 2] - slowOhms * ocvErrorSensitivity[e + OFFSET];
        ocvErrorSensitivity[e + V3] = a3 * ocvErrorSensitivity[e + V3] - branchOhms * ocvErrorSensitivity[e + OFFSET];
        // a resistance error moves the truth's RC pairs, not the filter's: D <- F D - B_delta
        double dOffset = resistanceErrorSensitivity[e + OFFSET];
        resistanceErrorSensitivity[e + SOC] += g * resistanceErrorSensitivity[e + CAP] + go * dOffset;
        resistanceErrorSensitivity[e + 1] =
                a1 * resistanceErrorSensitivity[e + 1] - fastOhms * dOffset - fastOhms * amps;
        resistanceErrorSensitivity[e + 2] =
                a2 * resistanceErrorSensitivity[e + 2] - slowOhms * dOffset - slowOhms * amps;
        resistanceErrorSensitivity[e + V3] =
                a3 * resistanceErrorSensitivity[e + V3] - branchOhms * dOffset - branchOhms * amps;
        // and the current sensor's offset and gain error: the truth's current is less by them (D <- F D + B u)
        noise.currentSensor().predict(i, -go, g, a1, a2, fastOhms, slowOhms, a3, branchOhms, amps);
        noise.capacity().predict(i, -go, g, a1, a2, fastOhms, slowOhms, a3, branchOhms, amps);
        noise.slowBranchStart().predict(i, -go, g, a1, a2, fastOhms, slowOhms, a3, branchOhms);
        noise.topKneeCharge().step(i, amps, dt, celsius);
        noise.topKneeCharge().predict(i, -go, g, a1, a2, fastOhms, slowOhms, a3, branchOhms);
        noise.voltageBias().predict(i, -go, g, a1, a2, fastOhms, slowOhms, a3, branchOhms);
    }

    /**
     * The measurement row treats g(soc) as known at the predicted SOC: its slope is left out of
     * dV/dsoc (tried with the first, single-factor table: it made the mid-drive NCA starts worse,
     * US06 1.42 to 1.48 % RMSE, HWFTa 0.34 to 0.46 %).
     */
    private void correct(int i, double measuredAmps, double volts, double celsius, double f, double innovationForget) {
        double z = clamp01(soc[i]);
        double r0PerAmp = model.r0Ohms(z, celsius, f); // model.r0Volts per ampere, one table lookup for both
        double amps = measuredAmps - currentOffset[i];
        double r0Volts = r0PerAmp * amps;
        double r0Ohms = r0PerAmp * r0Scale[i];
        double predicted = model.terminalVolts(
                z, celsius, hysteresis.magnitudeVolts() * h[i], r0Volts * r0Scale[i], v1[i], v2[i] + v3[i]);
        int b = NN * i;
        double slope = measurementSlope(z, celsius, p[b]);
        double h0 = Math.abs(slope) >= tuning.minOcvSlopeVoltsPerSoc() ? slope : 0.0;
        double innovation = volts - predicted;
        hk[SOC] = h0;
        hk[1] = 1;
        hk[2] = 1;
        hk[R0] = r0Volts;
        hk[CAP] = 0;
        hk[OFFSET] = -r0Ohms;
        hk[V3] = 1;
        double s0 = projectCovariance(b);
        // the slow branch's considered start doubt in the gain (Schmidt-Kalman): per sigma of it the
        // innovation moves by w = c - H D, so S gains w^2 and K = (P H' - D w) / S; 0 without a doubt
        double w = noise.slowBranchStart().innovationPerSigma(i, h0, r0Volts, r0Ohms);
        // and the top knee's excess under charge, the same way (TopKneeChargeConsider; 0 without it)
        noise.topKneeCharge().observe(i, z, amps);
        double wTop = noise.topKneeCharge().innovationPerSigma(i, h0, r0Volts, r0Ohms);
        s0 += w * w + wTop * wTop;
        // covariance matching: innovations larger than expected mean a model error the filter should not
        // read as SOC; the running mean square from before this sample sets the measurement variance
        double r = noise.measurementVariance(i, s0);
        double s = s0 + r;
        CellNoiseModel.Gate gate = noise.gate(i, innovation, s);
        noise.observeFit(i, measuredAmps, volts, predicted, gate);
        if (gate == CellNoiseModel.Gate.REJECT) {
            return;
        }
        if (gate == CellNoiseModel.Gate.RELEARN) {
            double socError = h0 != 0.0 ? innovation / h0 : 0.0;
            p[b] += socError * socError;
            s0 = projectCovariance(b) + w * w + wTop * wTop;
            s = s0 + r;
        }
        noise.learnInnovation(i, innovation, innovationForget, s);
        for (int j = 0; j < N; j++) {
            k[j] = (u[j]
                            - noise.slowBranchStart().sensitivity(i, j) * w
                            - noise.topKneeCharge().sensitivity(i, j) * wTop)
                    / s;
        }
        if (BeyondTheOcvTable.reading(z, innovation)) {
            k[OFFSET] = 0.0; // a misfit the model cannot explain is no current: the Joseph form holds for this gain
        }
        soc[i] = clamp01(soc[i] + k[SOC] * innovation);
        v1[i] += k[1] * innovation;
        v2[i] += k[2] * innovation;
        r0Scale[i] = EkfAdaptation.clampScale(r0Scale[i] + k[R0] * innovation);
        inverseCapacityScale[i] = EkfAdaptation.clampScale(inverseCapacityScale[i] + k[CAP] * innovation);
        currentOffset[i] += k[OFFSET] * innovation;
        v3[i] += k[V3] * innovation;
        josephUpdate(b, r);
        // the consider update: the OCV error (sigma(soc) times one standard normal) moves the estimate
        // through the same gain, and the estimate's error it has caused so far shows in the voltage
        // (D += K (sigma - H_e D))
        int e = N * i;
        double seen = ocvErrorSeenSlope(z, celsius, ocvErrorSensitivity[e + SOC]) * ocvErrorSensitivity[e + SOC]
                + ocvErrorSensitivity[e + 1]
                + ocvErrorSensitivity[e + 2]
                + ocvErrorSensitivity[e + V3]
                + r0Volts * ocvErrorSensitivity[e + R0]
                - r0Ohms * ocvErrorSensitivity[e + OFFSET];
        for (int j = 0; j < N; j++) {
            ocvErrorSensitivity[e + j] += k[j] * (noise.ocvSigma(i) - seen);
        }
        noise.recordInnovationBias(i, soc[i], celsius);
        // and a resistance error: the innovation carries its R0 drop (D <- (I - K H) D + K r0Volts)
        double seenD = h0 * resistanceErrorSensitivity[e + SOC]
                + resistanceErrorSensitivity[e + 1]
                + resistanceErrorSensitivity[e + 2]
                + resistanceErrorSensitivity[e + V3]
                + r0Volts * resistanceErrorSensitivity[e + R0]
                - r0Ohms * resistanceErrorSensitivity[e + OFFSET];
        double r0Drop = r0Volts * r0Scale[i];
        for (int j = 0; j < N; j++) {
            resistanceErrorSensitivity[e + j] += k[j] * (r0Drop - seenD);
        }
        noise.currentSensor().correct(i, k, h0, r0Volts, r0Ohms, amps);
        noise.capacity().correct(i, k, h0, r0Volts, r0Ohms);
        noise.slowBranchStart().correct(i, k, h0, r0Volts, r0Ohms);
        noise.topKneeCharge().correct(i, k, h0, r0Volts, r0Ohms);
        noise.voltageBias().correct(i, k, h0, r0Volts, r0Ohms, noise.innovationMean(i));
    }

    /**
     * The OCV slope of the measurement row. Where the estimate sits at the clamp (0 or 1) and the SOC span the
     * filter's own 3-sigma doubt covers reaches past it, the secant over that span inside the table on the flatter
     * side ({@code OcvCurve.flatterSecantSlope}, as the consider term's): there the tangent at the estimate, the
     * table's end segment, is not the slope an SOC error of the doubt's reach is seen at, and on a steep end it reads
     * an innovation as a small SOC error and closes the doubt by its steepness (from SOC 0 with the truth at 0.19: the
     * tangent 4.58 V per unit SOC against a secant of 1.66, a 60 % bound closed to 15 % in one correction, then held
     * at 0 by the clamp). Everywhere else it is the tangent, the EKF's linearisation: off the clamp the estimate can
     * move to where the voltage puts it.
     */
    private double measurementSlope(double soc, double celsius, double socVariance) {
        double span = 3 * Math.sqrt(Math.max(0.0, socVariance));
        return (soc <= 0.0 && soc - span < 0.0) || (soc >= 1.0 && soc + span > 1.0)
                ? cell.ocv().flatterSecantSlope(soc, celsius, span)
                : model.ocvSlope(soc, celsius);
    }

    /**
     * The slope the SOC part of the consider error is seen at in the voltage: the OCV's slope over
     * the SOC span a 3-sigma OCV error currently spans ({@code 3 |socError|}, the SOC error one
     * sigma of OCV error has caused), on the flatter side. Where that span crosses a knee this is
     * slower to shrink the error than the tangent at the estimate, as the true error is; on a
     * straight stretch it is the tangent.
     */
    private double ocvErrorSeenSlope(double soc, double celsius, double socError) {
        return cell.ocv().flatterSecantSlope(soc, celsius, 3 * Math.abs(socError));
    }

    /**
     * SOC per volt of OCV error for a SOC read from the voltage at {@code soc}: how far the SOC
     * reaches for a 3-sigma OCV error ({@code OcvCurve.socReachOfVolts}), over 3 sigma; where that
     * span crosses a knee of the curve this is the flatter side's, not the tangent's. 0 where the
     * tuning assumes no OCV error.
     */
    private double socPerOcvVolt(double soc, double celsius, double ocvSigmaVolts) {
        double volts = 3 * ocvSigmaVolts;
        return volts > 0 ? cell.ocv().socReachOfVolts(soc, celsius, volts) / volts : 0.0;
    }

    /** u = P H' for the cell's block; returns H P H'. */
    private double projectCovariance(int b) {
        double s0 = 0;
        for (int j = 0; j < N; j++) {
            int row = b + j * N;
            double sum = 0;
            for (int c = 0; c < N; c++) {
                sum += p[row + c] * hk[c];
            }
            u[j] = sum;
        }
        for (int j = 0; j < N; j++) {
            s0 += hk[j] * u[j];
        }
        return s0;
    }

    /**
     * Joseph form P = A P A' + K r K' with A = I - K H, evaluated through the structure of A:
     * A P = P - K (H P) and (A P) A' = A P - (A P H') K'; O(n^2), no inverse.
     */
    private void josephUpdate(int b, double r) {
        for (int j = 0; j < N; j++) {
            for (int c = 0; c < N; c++) {
                ap[j * N + c] = p[b + j * N + c] - k[j] * u[c];
            }
        }
        for (int j = 0; j < N; j++) {
            double sum = 0;
            for (int c = 0; c < N; c++) {
                sum += ap[j * N + c] * hk[c];
            }
            apH[j] = sum;
        }
        for (int j = 0; j < N; j++) {
            for (int c = 0; c < N; c++) {
                p[b + j * N + c] = ap[j * N + c] - apH[j] * k[c] + r * k[j] * k[c];
            }
        }
        for (int j = 0; j < 3; j++) {
            p[b + j * N + j] = Math.max(MIN_VARIANCE, p[b + j * N + j]);
        }
        for (int j = 3; j < N; j++) {
            p[b + j * N + j] = Math.max(0.0, p[b + j * N + j]);
        }
        symmetrise(b);
    }

    /** Copies the upper triangle's average with the lower one into both. */
    private void symmetrise(int b) {
        for (int j = 0; j < N; j++) {
            for (int c = j + 1; c < N; c++) {
                double m = 0.5 * (p[b + j * N + c] + p[b + c * N + j]);
                p[b + j * N + c] = m;
                p[b + c * N + j] = m;
            }
        }
    }

    /** Resets the SOC and RC part of the covariance; the parameter states keep their doubt. */
    private void resetCovariance(int i) {
        int b = NN * i;
        Arrays.fill(ocvErrorSensitivity, N * i, N * i + N, 0.0);
        Arrays.fill(resistanceErrorSensitivity, N * i, N * i + N, 0.0);
        noise.resetDynamicCovariance(p, b, i);
        noise.startCount(i, soc[i]);
    }

    private static double clamp01(double x) {
        return x < 0 ? 0 : x > 1 ? 1 : x;
    }

    @Override
    public int cellCount() {
        return cells;
    }

    @Override
    public double cellSoc(int cell) {
        return soc[cell];
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

    /**
     * Whether the cell was outside the temperatures its preset was characterised over (beyond the
     * margin) at the last update: its SOC and bound rest on an extrapolated model.
     */
    @Override
    public boolean cellSocExtrapolated(int cell) {
        return noise.extrapolated(cell);
    }

    /** Whether the cell's voltage steps say its preset is another cell's ({@code PresetFitCheck}). */
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
        double amps = measuredAmps - currentOffset[i];
        double r0Drop = model.r0Volts(soc[i], celsius, f, amps) * r0Scale[i];
        return noise.restoredDoubt()
                .settle(p, NN * i, i, soc[i], volts, amps, r0Drop, f, celsius, outside, hysteresis.magnitudeVolts());
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
        soc[cell] = clamp01(value);
        v1[cell] = 0;
        v2[cell] = 0;
        v3[cell] = 0;
        initialised[cell] = true;
        rcUnknown[cell] = true;
        resetCovariance(cell);
    }

    /**
     * Uses an updated capacity (for example from {@code CapacityEstimator}) for this cell; with
     * adaptation on, the filter goes on adapting from this value.
     */
    public void setCellCapacityAh(int cell, double ah) {
        if (!(ah > 0)) {
            throw new IllegalArgumentException("capacity must be > 0 Ah, got " + ah);
        }
        inverseCapacityScale[cell] = EkfAdaptation.clampScale(this.cell.capacityAh() / ah);
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

    /** Scales the model's R0 for this cell (for example from an online R0 estimate). */
    public void setCellR0Scale(int cell, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("R0 scale must be > 0, got " + scale);
        }
        r0Scale[cell] = EkfAdaptation.clampScale(scale);
    }

    /**
     * Counts charge the cell lost outside the string current the filter is given (its balancing
     * bleed resistor: cell volts over the resistor while its switch was on, times the time): the
     * SOC falls by {@code ah} over the cell's capacity, as a known input moves it; the RC states and
     * the covariance are left as they are. Without this the filter sees a bled cell only through its
     * voltage and lags the bleed.
     */
    public void countCellDischargeAh(int cell, double ah) {
        if (ah > 0) {
            soc[cell] = clamp01(soc[cell] - ah / cellCapacityAh(cell));
            noise.count(cell, -ah / cellCapacityAh(cell));
        }
    }

    /** The capacity the filter currently uses for this cell (adapted when adaptation is on). */
    public double cellCapacityAh(int cell) {
        return this.cell.capacityAh() / inverseCapacityScale[cell];
    }

    @Override
    public double cellCapacitySigmaAh(int cell) {
        if (!noise.learnsCapacity()) {
            return Double.NaN;
        }
        double scale = inverseCapacityScale[cell];
        return this.cell.capacityAh() / (scale * scale) * Math.sqrt(p[NN * cell + CAP * N + CAP]);
    }

    /**
     * The voltage sigma the filter used at cell {@code c}'s last correction: the tuning's voltage
     * sigma, or more where the innovations showed a larger model error (covariance matching).
     */
    public double cellVoltageSigmaVolts(int c) {
        return noise.voltageSigmaVolts(c);
    }

    /** The R0 scale the filter currently uses for this cell (adapted when adaptation is on). */
    public double cellR0Scale(int cell) {
        return r0Scale[cell];
    }

    /** Copies the cell's 3x3 SOC/RC covariance (row-major: soc, v1, v2) into {@code out[0..8]}. */
    public void cellCovariance(int cell, double[] out) {
        int b = NN * cell;
        for (int j = 0; j < 3; j++) {
            for (int c = 0; c < 3; c++) {
                out[3 * j + c] = p[b + j * N + c];
            }
        }
    }

    /**
     * Copies the cell's 5x5 covariance of soc, v1, v2, r0Scale and inverseCapacityScale into
     * {@code out[0..24]} (the current offset's variance: {@link #cellCurrentOffsetSigmaAmps}).
     */
    public void cellFullCovariance(int cell, double[] out) {
        for (int j = 0; j < 5; j++) {
            System.arraycopy(p, NN * cell + j * N, out, 5 * j, 5);
        }
    }

    /**
     * The current sensor's offset (A, what the sensor reads minus the true current; charging
     * positive) as this cell's filter estimates it; 0 without the offset state
     * ({@link EkfAdaptation#currentOffset()}).
     */
    @Override
    public double cellCurrentOffsetAmps(int cell) {
        return currentOffset[cell];
    }

    /** One sigma of {@link #cellCurrentOffsetAmps} (A). */
    @Override
    public double cellCurrentOffsetSigmaAmps(int cell) {
        return Math.sqrt(p[NN * cell + OFFSET * N + OFFSET]);
    }

    /**
     * The string's current-sensor offset (A): the mean of the cells' estimates (one sensor measures
     * the whole string, so each cell's filter estimates the same offset); 0 without the offset state.
     */
    public double currentOffsetAmps() {
        double sum = 0;
        for (int c = 0; c < cells; c++) {
            sum += currentOffset[c];
        }
        return sum / cells;
    }

    /**
     * Starts the cell's offset state from a known value (for example one restored after a restart),
     * with the given one-sigma doubt; its correlations with the other states are cleared.
     */
    public void setCellCurrentOffsetAmps(int cell, double amps, double sigmaAmps) {
        if (!Double.isFinite(amps) || !(sigmaAmps >= 0) || !Double.isFinite(sigmaAmps)) {
            throw new IllegalArgumentException(
                    "current offset must be finite with a sigma >= 0, got " + amps + " A, sigma " + sigmaAmps);
        }
        currentOffset[cell] = amps;
        int b = NN * cell;
        for (int j = 0; j < N; j++) {
            p[b + j * N + OFFSET] = 0;
            p[b + OFFSET * N + j] = 0;
        }
        p[b + OFFSET * N + OFFSET] = sigmaAmps * sigmaAmps;
    }

    /** Sum of the RC voltages of the cell (V; the slow polarisation branch's too), e.g. for current limits. */
    public double cellRcVolts(int cell) {
        return v1[cell] + v2[cell] + v3[cell];
    }

    public double cellHysteresis(int cell) {
        return h[cell];
    }

    /** Measurements rejected by the innovation gate since construction. */
    public long rejectedMeasurements() {
        return noise.rejectedTotal();
    }
}
