package org.qsebms.estimators.soc;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.qsebms.estimators.model.EcmParameters;

/**
 * The textbook form of {@link EkfSocEstimator}: one state vector
 * {@code [soc, v1, v2, r0Scale, inverseCapacityScale, currentOffsetAmps, v3]} (v3 the slow polarisation
 * branch's voltage) and one 7x7 covariance matrix per cell,
 * written with Hipparchus matrices and the equations as printed (F P F' + Q, K = P H' / S, Joseph
 * update). Allocates freely; it exists so that tests can check the hand-unrolled filter against it.
 *
 * <p>It writes the equivalent circuit's equations out itself, on purpose, instead of calling
 * {@code EquivalentCircuitModel} as the production filters, the current limits and the simulated
 * cell do: an independent check that shared the model's code would share its mistakes. For the same
 * reason it writes out its own noise model (start covariance, process noise, measurement variance
 * with covariance matching, the gate) instead of using {@link CellNoiseModel}, which the two
 * production filters share.
 */
final class ReferenceEkfSocEstimator implements SocEstimator {
    private final EcmParameters cell;
    private final HysteresisModel hysteresis;
    private final EkfTuning tuning;
    private final EkfAdaptation adaptation;
    private final RealMatrix[] x;
    private final RealMatrix[] cov;
    private final double[] h;

    private final boolean[] initialised;
    private final int[] rejectedInRow;
    private final boolean[] rcUnknown;
    /** Per cell, d(state estimate)/d(constant OCV error), a 5x1 column (consider analysis). */
    private final RealMatrix[] ocvErrorSensitivity;

    private final double[] innovationMeanSquare;
    /** Per cell, the innovations' running mean and the SOC reach of its part beyond three of its sigmas. */
    private final double[] innovationMean;

    private final double[] innovationBiasSoc;
    private final double[] measurementVariance;
    /** Per cell, the OCV sigma and the voltage sigma at its temperature (grown outside the characterised span). */
    private final double[] ocvSigma;

    private final double[] voltageSigma;
    /** Per cell, d(estimate - truth)/d(relative error of every resistance), 5x1, and that error's sigma. */
    private final RealMatrix[] resistanceErrorSensitivity;

    private final double[] resistanceErrorSigma;
    /**
     * Per cell, d(estimate - truth) per sigma of the current sensor's offset and of its gain error,
     * 6x1 each (consider analysis), and those sigmas: the rated limits over sqrt(3), the offset only
     * without the offset state.
     */
    private final RealMatrix[] sensorOffsetSensitivity;

    private final RealMatrix[] sensorGainSensitivity;
    /**
     * Per cell, d(state estimate)/d(one sigma of the slow branch's start error), a 7x1 column, and
     * that error (truth less filter) per sigma, decaying with the branch: the consider analysis used
     * when the branch is not a corrected state ({@link EkfAdaptation#slowBranchState()} off).
     */
    private final RealMatrix[] slowBranchSensitivity;

    private final double[] slowBranchError;
    /** The SOC span a start left open where the OCV does not place the SOC (a flat OCV). */
    private final StartSpan startSpan;
    /** The preset fit check's voltage-step ratio, whose misfit is a resistance error's sigma in the bound. */
    private final PresetFitCheck presetFit;
    /**
     * Per cell, with the offset state on, d(state estimate) from the innovations' running mean moved
     * in by the gain (7x1; {@code VoltageBiasConsider}); stays 0 without the offset state.
     */
    private final RealMatrix[] voltageBiasSensitivity;

    private final double sensorOffsetSigma;
    private final double sensorGainSigma;

    public ReferenceEkfSocEstimator(EcmParameters cell, HysteresisModel hysteresis, EkfTuning tuning, int cellCount) {
        this(cell, hysteresis, tuning, EkfAdaptation.OFF, cellCount);
    }

    public ReferenceEkfSocEstimator(
            EcmParameters cell, HysteresisModel hysteresis, EkfTuning tuning, EkfAdaptation adaptation, int cellCount) {
        this.cell = cell;
        this.hysteresis = hysteresis;
        this.tuning = tuning;
        this.adaptation = adaptation;
        this.x = new RealMatrix[cellCount];
        this.cov = new RealMatrix[cellCount];
        this.h = new double[cellCount];
        this.initialised = new boolean[cellCount];
        this.rejectedInRow = new int[cellCount];
        this.rcUnknown = new boolean[cellCount];
        this.ocvErrorSensitivity = new RealMatrix[cellCount];
        this.innovationMeanSquare = new double[cellCount];
        this.innovationMean = new double[cellCount];
        this.innovationBiasSoc = new double[cellCount];
        java.util.Arrays.fill(innovationMeanSquare, tuning.voltageSigmaVolts() * tuning.voltageSigmaVolts());
        ocvSigma = new double[cellCount];
        voltageSigma = new double[cellCount];
        resistanceErrorSensitivity = new RealMatrix[cellCount];
        resistanceErrorSigma = new double[cellCount];
        this.measurementVariance = innovationMeanSquare.clone();
        sensorOffsetSensitivity = new RealMatrix[cellCount];
        sensorGainSensitivity = new RealMatrix[cellCount];
        slowBranchSensitivity = new RealMatrix[cellCount];
        voltageBiasSensitivity = new RealMatrix[cellCount];
        slowBranchError = new double[cellCount];
        startSpan = new StartSpan(cellCount);
        presetFit = new PresetFitCheck(tuning, cell.capacityAh(), cellCount);
        sensorOffsetSigma = adaptation.currentOffset().enabled() ? 0 : tuning.currentOffsetLimitAmps() / Math.sqrt(3);
        sensorGainSigma = tuning.currentGainErrorLimit() / Math.sqrt(3);
        for (int i = 0; i < cellCount; i++) {
            x[i] = MatrixUtils.createColumnRealMatrix(new double[] {0, 0, 0, 1, 1, 0, 0});
            double sr = adaptation.initialR0ScaleSigma();
            double sc = adaptation.initialCapacitySigma();
            double so = adaptation.currentOffset().initialSigmaAmps();
            cov[i] = initialCovariance(MatrixUtils.createRealDiagonalMatrix(new double[] {sr * sr, sc * sc, so * so}));
            ocvErrorSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
            sensorOffsetSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
            sensorGainSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
            slowBranchSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
            voltageBiasSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
        }
    }

    /**
     * SOC and RC part as after initialisation, the slow branch without doubt (a start sets it), the
     * 3x3 block of r0Scale, capacity and offset as given.
     */
    private RealMatrix initialCovariance(RealMatrix parameters) {
        double sz = tuning.initialSocSigma();
        double sv = tuning.initialRcSigmaVolts();
        RealMatrix m = MatrixUtils.createRealDiagonalMatrix(new double[] {sz * sz, sv * sv, sv * sv, 0, 0, 0, 0});
        m.setSubMatrix(parameters.getData(), 3, 3);
        return m;
    }

    private RealMatrix resetSocPart(RealMatrix c) {
        return initialCovariance(c.getSubMatrix(3, 5, 3, 5));
    }

    @Override
    public void update(double measuredAmps, double[] cellVolts, double[] cellCelsius, double dt) {
        for (int i = 0; i < x.length; i++) {
            // the current the cell carries: the sensor's reading minus its estimated offset
            double amps = measuredAmps - x[i].getEntry(5, 0);
            boolean branch = !cell.slowPolarisation().isNone();
            double f = cell.resistanceFactor(cellCelsius[i]);
            double outside = tuning.extrapolationKelvin(cell, cellCelsius[i]);
            double ocvGrown = tuning.extrapolationOcvVoltsPerKelvin() * outside;
            double ocvBase = cell.ocvDoubt().isNone()
                    ? tuning.ocvSigmaVolts()
                    : cell.ocvDoubt().sigmaVoltsAt(x[i].getEntry(0, 0), cellCelsius[i], Double.NaN);
            ocvSigma[i] = outside == 0 ? ocvBase : Math.sqrt(ocvBase * ocvBase + ocvGrown * ocvGrown);
            voltageSigma[i] = tuning.voltageSigmaVolts() * (1 + outside / tuning.extrapolationKelvinPerDoubling());
            resistanceErrorSigma[i] = Math.max(
                    outside == 0
                            ? 0
                            : Math.max(
                                    outside / tuning.extrapolationKelvinPerDoubling(),
                                    Math.abs(x[i].getEntry(3, 0) - 1)),
                    presetFit.resistanceMisfit(i));
            if (!initialised[i]) {
                double r0Amps = cell.r0Ohms() * x[i].getEntry(3, 0) * f * amps;
                double first = cell.ocv().socAt(cellVolts[i] - r0Amps, cellCelsius[i]);
                x[i].setEntry(
                        0,
                        0,
                        cell.ocv()
                                .socAt(cellVolts[i] - r0Amps * cell.socFactor(first, cellCelsius[i]), cellCelsius[i]));
                cov[i] = resetSocPart(cov[i]);
                presetFit.restart(i);
                initialised[i] = true;
                rcUnknown[i] = true;
                // on a flat OCV: the mean of the SOC the whole table allows for the reading, its variance
                double reading = cellVolts[i]
                        - cell.r0Ohms()
                                * x[i].getEntry(3, 0)
                                * f
                                * cell.socFactor(x[i].getEntry(0, 0), cellCelsius[i])
                                * amps;
                double spanStart = startSpan.start(
                        i, cell, tuning, reading, cellCelsius[i], voltageSigma[i] * voltageSigma[i], outside);
                if (!Double.isNaN(spanStart)) {
                    x[i].setEntry(0, 0, spanStart);
                    cov[i].setEntry(0, 0, startSpan.startVariance(i));
                }
                ocvErrorSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
                resistanceErrorSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
                sensorOffsetSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
                sensorGainSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
                voltageBiasSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
                double z0 = x[i].getEntry(0, 0);
                double base0 = cell.ocvDoubt().isNone()
                        ? tuning.ocvSigmaVolts()
                        : cell.ocvDoubt().sigmaVoltsAt(z0, cellCelsius[i], Double.NaN);
                ocvSigma[i] = outside == 0 ? base0 : Math.sqrt(base0 * base0 + ocvGrown * ocvGrown);
                double volts = 3 * ocvSigma[i];
                // the SOC error one sigma of OCV error makes in a SOC read from the voltage
                ocvErrorSensitivity[i].setEntry(
                        0, 0, volts > 0 ? cell.ocv().socReachOfVolts(z0, cellCelsius[i], volts) / 3 : 0.0);
            }
            if (rcUnknown[i]) {
                // a start under load: each RC pair may hold up to its steady state at this current
                rcUnknown[i] = false;
                double z0 = x[i].getEntry(0, 0);
                double fast = cell.r1Ohms() * f * cell.socFactor(z0, cellCelsius[i]) * amps;
                double slow = cell.r2Ohms() * f * cell.slowSocFactor(z0, cellCelsius[i]) * amps;
                cov[i].setEntry(1, 1, Math.max(cov[i].getEntry(1, 1), fast * fast));
                cov[i].setEntry(2, 2, Math.max(cov[i].getEntry(2, 2), slow * slow));
                // the slow branch starts half-way to its steady state, the other half its doubt
                // (uniform, sigma = half over sqrt 3): its variance, for the voltage to correct, or considered
                double steady = branch ? cell.slowPolarisation().ohmsAt(z0) * f * amps : 0.0;
                x[i].setEntry(6, 0, 0.5 * steady);
                double sigma3 = 0.5 * steady / Math.sqrt(3);
                slowBranchSensitivity[i] = MatrixUtils.createRealMatrix(7, 1);
                if (adaptation.slowBranchState()) {
                    cov[i].setEntry(6, 6, sigma3 * sigma3);
                    slowBranchError[i] = 0;
                } else {
                    slowBranchError[i] = sigma3;
                }
            }
            double a1 = Math.exp(-dt / cell.tau1SecondsAt(cellCelsius[i]));
            double a2 = Math.exp(-dt / cell.tau2SecondsAt(cellCelsius[i]));
            double g = amps * dt / (3600.0 * cell.capacityAh());
            double capScale = x[i].getEntry(4, 0);
            double fs = f * cell.socFactor(x[i].getEntry(0, 0), cellCelsius[i]);
            double fSlow = f * cell.slowSocFactor(x[i].getEntry(0, 0), cellCelsius[i]);
            double a3 = branch ? Math.exp(-dt / cell.slowPolarisation().tauSeconds()) : 1.0;
            double r3 = branch ? cell.slowPolarisation().ohmsAt(x[i].getEntry(0, 0)) * f : 0.0;
            RealMatrix fm = MatrixUtils.createRealDiagonalMatrix(new double[] {1, a1, a2, 1, 1, 1, a3});
            fm.setEntry(0, 4, g);
            // x = f(x, u): soc += g * capScale, RC pairs and the slow branch (at the SOC before the step)
            // discretised exactly, parameters constant
            RealMatrix bm = MatrixUtils.createColumnRealMatrix(new double[] {
                dt * capScale / (3600.0 * cell.capacityAh()),
                (1 - a1) * cell.r1Ohms() * fs,
                (1 - a2) * cell.r2Ohms() * fSlow,
                0,
                0,
                0,
                (1 - a3) * r3
            });
            // the offset is subtracted from the current: its column of F is -B
            for (int j : new int[] {0, 1, 2, 6}) {
                fm.setEntry(j, 5, -bm.getEntry(j, 0));
            }
            double dz = g * capScale;
            RealMatrix linear = MatrixUtils.createRealDiagonalMatrix(new double[] {1, a1, a2, 1, 1, 1, a3});
            x[i] = linear.multiply(x[i]).add(bm.scalarMultiply(amps));
            x[i].setEntry(0, 0, Math.max(0, Math.min(1, x[i].getEntry(0, 0))));
            startSpan.shift(i, dz);
            h[i] = hysteresis.next(h[i], dz);
            double sI = tuning.currentSigmaAmps();
            double drift = tuning.socDriftSigmaPerHour();
            double sr = adaptation.r0ScaleSigmaPerSqrtHour();
            double sc = adaptation.capacitySigmaPerSqrtHour();
            double so = adaptation.currentOffset().sigmaAmpsPerSqrtHour();
            RealMatrix q = bm.multiply(bm.transpose()).scalarMultiply(sI * sI);
            // the filters treat the process noise terms as independent
            RealMatrix qDiag = MatrixUtils.createRealDiagonalMatrix(new double[] {
                q.getEntry(0, 0) + drift * drift * dt / 3600.0,
                q.getEntry(1, 1),
                q.getEntry(2, 2),
                sr * sr * dt / 3600.0,
                sc * sc * dt / 3600.0,
                so * so * dt / 3600.0,
                adaptation.slowBranchState() ? q.getEntry(6, 6) : 0.0
            });
            cov[i] = fm.multiply(cov[i]).multiply(fm.transpose()).add(qDiag);
            ocvErrorSensitivity[i] = fm.multiply(ocvErrorSensitivity[i]);
            // the truth's RC pairs move with a resistance error, the estimate's do not: D = F D - B_delta
            RealMatrix bDelta = MatrixUtils.createColumnRealMatrix(new double[] {
                0, bm.getEntry(1, 0) * amps, bm.getEntry(2, 0) * amps, 0, 0, 0, bm.getEntry(6, 0) * amps
            });
            resistanceErrorSensitivity[i] =
                    fm.multiply(resistanceErrorSensitivity[i]).subtract(bDelta);
            // the truth's current is less by the sensor's offset and gain error: D = F D + B u
            sensorOffsetSensitivity[i] =
                    fm.multiply(sensorOffsetSensitivity[i]).add(bm.scalarMultiply(sensorOffsetSigma));
            sensorGainSensitivity[i] =
                    fm.multiply(sensorGainSensitivity[i]).add(bm.scalarMultiply(sensorGainSigma * amps));
            // the slow branch's start error is no input: D = F D, and the error decays with the branch
            slowBranchSensitivity[i] = fm.multiply(slowBranchSensitivity[i]);
            // the innovations' bias moved into the states: D = F D (the offset's column counts it into the SOC)
            voltageBiasSensitivity[i] = fm.multiply(voltageBiasSensitivity[i]);
            slowBranchError[i] *= a3;
            correct(i, measuredAmps, amps, cellVolts[i], cellCelsius[i], f, dt);
            // under load, an open start span cut from the side the voltage excludes (StartSpan#cutUnderLoad)
            x[i].setEntry(
                    0,
                    0,
                    startSpan.cutUnderLoad(
                            i,
                            x[i].getEntry(0, 0),
                            cell,
                            tuning,
                            cellVolts[i],
                            amps,
                            cellCelsius[i],
                            f,
                            dt,
                            hysteresis.magnitudeVolts(),
                            outside));
            if (startSpan.open(i)) {
                // while the start's span is open the SOC variance stays as wide as it
                cov[i].setEntry(0, 0, Math.max(cov[i].getEntry(0, 0), startSpan.startVariance(i)));
            }
        }
    }

    private void correct(int i, double measuredAmps, double amps, double volts, double celsius, double f, double dt) {
        double z = Math.max(0, Math.min(1, x[i].getEntry(0, 0)));
        double r0Volts = cell.r0Ohms() * f * cell.socFactor(z, celsius) * amps;
        // dV/d(offset): the R0 drop of the offset taken off the current
        double offsetRow = -cell.r0Ohms() * f * cell.socFactor(z, celsius) * x[i].getEntry(3, 0);
        double predicted = cell.ocv().voltsAt(z, celsius)
                + hysteresis.magnitudeVolts() * h[i]
                + r0Volts * x[i].getEntry(3, 0)
                + x[i].getEntry(1, 0)
                + x[i].getEntry(2, 0)
                + x[i].getEntry(6, 0);
        // at the clamp, where the SOC span the filter's 3-sigma doubt covers reaches past it: the OCV's secant over
        // that span, flatter side
        double span = 3 * Math.sqrt(Math.max(0.0, cov[i].getEntry(0, 0)));
        double slope = (z <= 0 && z - span < 0) || (z >= 1 && z + span > 1)
                ? cell.ocv().flatterSecantSlope(z, celsius, span)
                : cell.ocv().slopeAt(z, celsius);
        double h0 = Math.abs(slope) >= tuning.minOcvSlopeVoltsPerSoc() ? slope : 0.0;
        RealMatrix hm = MatrixUtils.createRowRealMatrix(new double[] {h0, 1, 1, r0Volts, 0, offsetRow, 1});
        double r = voltageSigma[i] * voltageSigma[i];
        double innovation = volts - predicted;
        // the slow branch's considered start doubt in the gain (Schmidt-Kalman): w = c - H D per sigma
        double wBranch =
                slowBranchError[i] - hm.multiply(slowBranchSensitivity[i]).getEntry(0, 0);
        double expected = hm.multiply(cov[i]).multiply(hm.transpose()).getEntry(0, 0) + wBranch * wBranch;
        if (tuning.innovationWindowSeconds() > 0) {
            r = Math.max(r, innovationMeanSquare[i] - expected);
        }
        measurementVariance[i] = r;
        double s = expected + r;
        double gate = tuning.gateSigmas();
        if (innovation * innovation > gate * gate * s) {
            if (++rejectedInRow[i] < tuning.maxConsecutiveRejections()) {
                presetFit.restart(i); // a rejected voltage is no evidence of the resistance either
                return;
            }
            double socError = h0 != 0.0 ? innovation / h0 : 0.0;
            cov[i].addToEntry(0, 0, socError * socError);
            s = hm.multiply(cov[i]).multiply(hm.transpose()).getEntry(0, 0) + wBranch * wBranch + r;
        }
        rejectedInRow[i] = 0;
        presetFit.observe(i, measuredAmps, volts, predicted);
        if (tuning.innovationWindowSeconds() > 0) {
            double forget = Math.exp(-dt / tuning.innovationWindowSeconds());
            innovationMeanSquare[i] = forget * innovationMeanSquare[i] + (1 - forget) * innovation * innovation;
            innovationMean[i] = forget * innovationMean[i] + (1 - forget) * innovation;
        }
        double meanBeyondNoise = tuning.innovationWindowSeconds() > 0
                ? Math.abs(innovationMean[i])
                        - 3
                                * Math.sqrt(s
                                        * (1 - Math.exp(-dt / tuning.innovationWindowSeconds()))
                                        / (1 + Math.exp(-dt / tuning.innovationWindowSeconds())))
                : 0.0;
        RealMatrix k = cov[i].multiply(hm.transpose())
                .subtract(slowBranchSensitivity[i].scalarMultiply(wBranch))
                .scalarMultiply(1.0 / s);
        if (BeyondTheOcvTable.reading(z, innovation)) {
            k.setEntry(5, 0, 0.0); // a misfit beyond the OCV table's end is no current; Joseph holds for this gain
        }
        x[i] = x[i].add(k.scalarMultiply(innovation));
        x[i].setEntry(0, 0, Math.max(0, Math.min(1, x[i].getEntry(0, 0))));
        x[i].setEntry(3, 0, EkfAdaptation.clampScale(x[i].getEntry(3, 0)));
        x[i].setEntry(4, 0, EkfAdaptation.clampScale(x[i].getEntry(4, 0)));
        RealMatrix a = MatrixUtils.createRealIdentityMatrix(7).subtract(k.multiply(hm));
        cov[i] = a.multiply(cov[i])
                .multiply(a.transpose())
                .add(k.multiply(k.transpose()).scalarMultiply(r));
        // consider update: D = D + K (sigma - H_e D), H_e with the OCV slope over the SOC span of a 3-sigma OCV error
        double socSpan = 3 * Math.abs(ocvErrorSensitivity[i].getEntry(0, 0));
        RealMatrix he = MatrixUtils.createRowRealMatrix(
                new double[] {cell.ocv().flatterSecantSlope(z, celsius, socSpan), 1, 1, r0Volts, 0, offsetRow, 1});
        double seen = he.multiply(ocvErrorSensitivity[i]).getEntry(0, 0);
        ocvErrorSensitivity[i] = ocvErrorSensitivity[i].add(k.scalarMultiply(ocvSigma[i] - seen));
        // the SOC reach of the innovations' bias, at the corrected estimate
        innovationBiasSoc[i] =
                meanBeyondNoise > 0 ? cell.ocv().socReachOfVolts(x[i].getEntry(0, 0), celsius, meanBeyondNoise) : 0.0;
        // D = (I - K H) D + K (R0 drop): the innovation carries the truth's extra R0 drop
        RealMatrix hd = MatrixUtils.createRowRealMatrix(new double[] {h0, 1, 1, r0Volts, 0, offsetRow, 1});
        double seenD = hd.multiply(resistanceErrorSensitivity[i]).getEntry(0, 0);
        resistanceErrorSensitivity[i] =
                resistanceErrorSensitivity[i].add(k.scalarMultiply(r0Volts * x[i].getEntry(3, 0) - seenD));
        // D = (I - K H) D + K (-R0 u): the truth's R0 drop is less by the sensor's error
        double seenOffset = hd.multiply(sensorOffsetSensitivity[i]).getEntry(0, 0);
        sensorOffsetSensitivity[i] =
                sensorOffsetSensitivity[i].add(k.scalarMultiply(offsetRow * sensorOffsetSigma - seenOffset));
        double seenGain = hd.multiply(sensorGainSensitivity[i]).getEntry(0, 0);
        sensorGainSensitivity[i] =
                sensorGainSensitivity[i].add(k.scalarMultiply(offsetRow * sensorGainSigma * amps - seenGain));
        // D = (I - K H) D + K c: the innovation carries the truth's branch less the filter's
        double seenBranch = hd.multiply(slowBranchSensitivity[i]).getEntry(0, 0);
        slowBranchSensitivity[i] = slowBranchSensitivity[i].add(k.scalarMultiply(slowBranchError[i] - seenBranch));
        // with the offset state: D = (I - K H) D + K b, b the innovations' running mean
        if (adaptation.currentOffset().enabled()) {
            double seenBias = hd.multiply(voltageBiasSensitivity[i]).getEntry(0, 0);
            voltageBiasSensitivity[i] = voltageBiasSensitivity[i].add(k.scalarMultiply(innovationMean[i] - seenBias));
        }
    }

    @Override
    public int cellCount() {
        return x.length;
    }

    @Override
    public double cellSoc(int c) {
        return x[c].getEntry(0, 0);
    }

    @Override
    public double cellSocBound3Sigma(int c) {
        double ocvSoc = ocvErrorSensitivity[c].getEntry(0, 0);
        double resistanceSoc = resistanceErrorSensitivity[c] == null
                ? 0
                : resistanceErrorSensitivity[c].getEntry(0, 0) * resistanceErrorSigma[c];
        double offsetSoc = sensorOffsetSensitivity[c].getEntry(0, 0);
        double gainSoc = sensorGainSensitivity[c].getEntry(0, 0);
        double branchSoc = slowBranchSensitivity[c].getEntry(0, 0);
        return Math.min(
                1.0,
                3
                                * Math.sqrt(cov[c].getEntry(0, 0)
                                        + ocvSoc * ocvSoc
                                        + resistanceSoc * resistanceSoc
                                        + offsetSoc * offsetSoc
                                        + gainSoc * gainSoc
                                        + branchSoc * branchSoc)
                        + Math.max(innovationBiasSoc[c], Math.abs(voltageBiasSensitivity[c].getEntry(0, 0))));
    }

    /** Copies the cell's 5x5 covariance, row-major, into {@code out[0..24]}. */
    public void cellFullCovariance(int c, double[] out) {
        for (int j = 0; j < 5; j++) {
            for (int m = 0; m < 5; m++) {
                out[5 * j + m] = cov[c].getEntry(j, m);
            }
        }
    }

    /**
     * The voltage sigma the filter used at cell {@code c}'s last correction: the tuning's voltage
     * sigma, or more where the innovations showed a larger model error (covariance matching).
     */
    public double cellVoltageSigmaVolts(int c) {
        return Math.sqrt(measurementVariance[c]);
    }

    public double cellR0Scale(int c) {
        return x[c].getEntry(3, 0);
    }

    public double cellCapacityAh(int c) {
        return cell.capacityAh() / x[c].getEntry(4, 0);
    }

    /** The current sensor's estimated offset (A, sensor minus truth). */
    public double cellCurrentOffsetAmps(int c) {
        return x[c].getEntry(5, 0);
    }

    @Override
    public void setCellSoc(int c, double value) {
        x[c].setEntry(0, 0, Math.max(0, Math.min(1, value)));
        x[c].setEntry(1, 0, 0);
        x[c].setEntry(2, 0, 0);
        x[c].setEntry(6, 0, 0);
        cov[c] = resetSocPart(cov[c]);
        presetFit.restart(c);
        startSpan.close(c);
        initialised[c] = true;
        rcUnknown[c] = true;
        rejectedInRow[c] = 0;
        innovationMean[c] = 0;
        innovationBiasSoc[c] = 0;
        ocvErrorSensitivity[c] = MatrixUtils.createRealMatrix(7, 1);
        resistanceErrorSensitivity[c] = MatrixUtils.createRealMatrix(7, 1);
        sensorOffsetSensitivity[c] = MatrixUtils.createRealMatrix(7, 1);
        sensorGainSensitivity[c] = MatrixUtils.createRealMatrix(7, 1);
        slowBranchSensitivity[c] = MatrixUtils.createRealMatrix(7, 1);
        voltageBiasSensitivity[c] = MatrixUtils.createRealMatrix(7, 1);
        slowBranchError[c] = 0;
    }
}
