package org.qsebms.estimators.soc;

import java.util.Arrays;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.OcvCurve;
import org.qsebms.estimators.model.OcvReach;

/**
 * The noise model both SOC filters ({@link EkfSocEstimator}, {@link SpkfSocEstimator}) share, per
 * cell, written once: the start covariance of the state {@code [soc, v1, v2, r0Scale,
 * inverseCapacityScale, currentOffsetAmps, v3]} (v3 the slow polarisation branch's voltage, with
 * no doubt and no gain without a branch in the preset), the additive process noise, the OCV and voltage sigmas
 * at the cell's temperature (grown outside the characterised span), the measurement variance with
 * covariance matching (the innovations' running mean square and its forgetting), and the
 * innovation gate with its re-learning after too many rejections in a row. The filters keep their
 * own prediction and correction. Every array is allocated in the constructor; nothing here
 * allocates afterwards.
 */
final class CellNoiseModel {
    /** States per cell, in the order of both filters. */
    static final int N = 7;

    static final int SOC = 0;
    static final int V1 = 1;
    static final int V2 = 2;
    static final int R0 = 3;
    static final int CAP = 4;
    static final int OFFSET = 5;
    /**
     * The slow polarisation branch's voltage ({@code EcmParameters.slowPolarisation}). Last, so
     * that the Cholesky factor's first columns (the SPKF's product terms) do not depend on it; its
     * doubt starts at a start and is kept at or above zero like the parameters' (no floor), so
     * without a branch every row of it stays zero.
     */
    static final int V3 = 6;
    /** States that carry the SOC/RC part of the covariance (reset on a new SOC); the rest are parameters. */
    static final int DYNAMIC_STATES = 3;

    static final int NN = N * N;

    /** What the innovation gate decided for one sample. */
    enum Gate {
        /** Inside the gate: correct. */
        ACCEPT,
        /** Outside the gate: skip the correction. */
        REJECT,
        /** Outside the gate too many times in a row: widen the SOC doubt and correct. */
        RELEARN
    }

    private final EcmParameters cell;
    private final EkfTuning tuning;
    private final EkfAdaptation adaptation;

    private final int[] rejectedInRow;
    private final double[] innovationMeanSquare;
    private final double[] measurementVariance;
    /**
     * Per cell, the OCV sigma at its SOC and temperature (the preset's learnt doubt or the tuning's,
     * grown outside the characterised span).
     */
    private final double[] ocvSigma;
    /** Per cell, the voltage sigma's growth at its temperature (1 inside the characterised span). */
    private final double[] voltageSigmaGrowth;
    /**
     * Per cell, the relative resistance error's sigma: the larger of the extrapolated temperature law's (0 inside the
     * characterised span) and the misfit the cell's voltage steps show ({@link PresetFitCheck#resistanceMisfit}).
     */
    private final double[] resistanceErrorSigma;
    /** The consider analysis of the current sensor's offset and gain error (the bound's share of them). */
    private final CurrentSensorConsider currentSensor;
    /** The consider analysis of an error in the capacity charge is counted against (the bound's share of it). */
    private final CapacityConsider capacity;

    /** The slow branch's start doubt, considered in the bound when the branch is not a corrected state. */
    private final SlowBranchStartConsider slowBranchStart;
    /** The voltage under charge at the top knee beyond the model, considered in the gain and the bound. */
    private final TopKneeChargeConsider topKneeCharge;

    /** The SOC span a start left open where the OCV does not place the SOC (a flat OCV). */
    private final StartSpan startSpan;
    /** With the offset state on, the innovations' bias moved into the states by the filter's gain. */
    private final VoltageBiasConsider voltageBias;
    /** The doubt a restored SOC brings, until the first reading after the restart has weighed it. */
    private final RestoredDoubt restoredDoubt;
    /** The rest the filter has watched (nothing flowing), after which a voltage is taken for an OCV. */
    private final WatchedRest watchedRest;
    /** A rest voltage still relaxing beyond what the model holds, and the SOC doubt it leaves. */
    private final RestRelaxation restRelaxation;

    /** Per cell, the innovations' running mean (V) over the matching window. */
    private final double[] innovationMean;
    /** Per cell, the part of that mean the filter's noise model does not explain (V, {@link #learnInnovation}). */
    private final double[] innovationBiasVolts;
    /** Per cell, the SOC error that mean stands for at the last correction ({@link #recordInnovationBias}). */
    private final double[] innovationBiasSoc;
    /** The preset OCV's reach of that bias ({@link OcvCurve#socReachOfVolts}), stepping from each cell's last one. */
    private final OcvReach innovationBiasReach;

    /** Whether each cell's preset fits it, from its voltage steps at current steps. */
    private final PresetFitCheck presetFit;
    /** Per cell, the SOC counted from its last start with the filter's charge alone ({@link #count}). */
    private final double[] countedSoc;
    /** Per cell, the filter's SOC at its last correction ({@link #recordInnovationBias}). */
    private final double[] lastSoc;

    private long rejectedTotal;

    CellNoiseModel(EcmParameters cell, EkfTuning tuning, EkfAdaptation adaptation, int cellCount) {
        this.cell = cell;
        this.tuning = tuning;
        this.adaptation = adaptation;
        this.rejectedInRow = new int[cellCount];
        this.innovationMeanSquare = new double[cellCount];
        Arrays.fill(innovationMeanSquare, tuning.voltageSigmaVolts() * tuning.voltageSigmaVolts());
        this.measurementVariance = innovationMeanSquare.clone();
        this.ocvSigma = new double[cellCount];
        Arrays.fill(ocvSigma, tuning.ocvSigmaVolts());
        this.voltageSigmaGrowth = new double[cellCount];
        Arrays.fill(voltageSigmaGrowth, 1.0);
        this.resistanceErrorSigma = new double[cellCount];
        this.currentSensor = new CurrentSensorConsider(tuning, adaptation, cellCount);
        this.capacity = new CapacityConsider(tuning, adaptation, cellCount);
        this.slowBranchStart = new SlowBranchStartConsider(cellCount);
        this.topKneeCharge = new TopKneeChargeConsider(cell, cellCount);
        this.startSpan = new StartSpan(cellCount);
        this.voltageBias = new VoltageBiasConsider(adaptation, cellCount);
        this.restoredDoubt = new RestoredDoubt(cell, tuning, cellCount);
        this.watchedRest = new WatchedRest(cell, cellCount);
        this.restRelaxation = new RestRelaxation(cell, tuning, cellCount);
        this.innovationMean = new double[cellCount];
        this.innovationBiasVolts = new double[cellCount];
        this.innovationBiasSoc = new double[cellCount];
        this.innovationBiasReach = new OcvReach(cell.ocv(), cellCount);
        this.presetFit = new PresetFitCheck(tuning, cell.capacityAh(), cellCount);
        this.countedSoc = new double[cellCount];
        this.lastSoc = new double[cellCount];
    }

    /** The current sensor's consider analysis, which each filter moves with its own F and K. */
    CurrentSensorConsider currentSensor() {
        return currentSensor;
    }

    /** Whether the capacity is a filter state with a doubt ({@link EkfAdaptation#learnsCapacity()}). */
    boolean learnsCapacity() {
        return adaptation.learnsCapacity();
    }

    /** The capacity error's consider analysis, which each filter moves with its own F and K. */
    CapacityConsider capacity() {
        return capacity;
    }

    /** The slow branch's start doubt as a consider analysis, which each filter moves with its own F and K. */
    SlowBranchStartConsider slowBranchStart() {
        return slowBranchStart;
    }

    /** The top knee's excess under charge as a consider analysis, which each filter moves with its own F and K. */
    TopKneeChargeConsider topKneeCharge() {
        return topKneeCharge;
    }

    /** The doubt restored SOCs bring ({@link RestoredDoubt}), which each filter weighs at its first reading. */
    RestoredDoubt restoredDoubt() {
        return restoredDoubt;
    }

    /** The SOC span a start left open ({@link StartSpan}), which each filter moves with its own SOC change. */
    StartSpan startSpan() {
        return startSpan;
    }

    /** A rest voltage still relaxing ({@link RestRelaxation}), which each filter feeds after its correction. */
    RestRelaxation restRelaxation() {
        return restRelaxation;
    }

    /** The rest the filter has watched ({@link WatchedRest}). */
    WatchedRest watchedRest() {
        return watchedRest;
    }

    /**
     * Whether the steps to come carry no current (the current path open): the current sensor's offset moves
     * nothing ({@link CurrentSensorConsider#nothingFlows}) and the rest is watched ({@link WatchedRest}).
     */
    void nothingFlows(boolean known) {
        currentSensor.nothingFlows(known);
        watchedRest.nothingFlows(known);
    }

    /**
     * After a watched rest long enough for cell {@code i}'s voltage {@code volts} (nothing flowing) to be its OCV,
     * once a rest: re-weighs an open start span on it ({@link StartSpan#reweighAtRest}) with the rest voltage
     * sigma and the hysteresis half-gap {@code bandVolts}. Returns the SOC to restart from, with the SOC variance
     * set in {@code p[b..]} (its row and column cleared) and the count started there; NaN where nothing changes.
     */
    double restartFromRest(double[] p, int b, int i, double volts, double celsius, double outside, double bandVolts) {
        if (!startSpan.open(i) || !watchedRest.relaxedNow(i, celsius)) {
            return Double.NaN;
        }
        double rest = tuning.restVoltageSigmaVolts() * tuning.voltageSigmaGrowth(outside);
        double soc = startSpan.reweighAtRest(i, cell, tuning, volts, celsius, rest * rest, bandVolts, outside);
        if (Double.isNaN(soc)) {
            return soc;
        }
        for (int c = 0; c < N; c++) {
            p[b + SOC * N + c] = 0;
            p[b + c * N + SOC] = 0;
        }
        p[b + SOC * N + SOC] = startSpan.reweighedVariance();
        currentSensor.reset(i);
        capacity.reset(i);
        startCount(i, soc);
        return soc;
    }

    /**
     * A start of cell {@code i} from a reading whose OCV (the voltage less the R0 drop) is
     * {@code ocvVolts}, with the covariance {@code p[b..]} just reset: where the voltage does not place
     * the SOC within the tuning's start doubt ({@link StartSpan}) sets the SOC variance to the
     * start's and returns the SOC to start from; NaN where it does (the filter keeps its point
     * inversion). The reading's variance is the one the filter gives it at its first correction: the
     * voltage sigma (grown outside the characterised span) squared plus the OCV sigma squared.
     */
    double startFromVoltage(double[] p, int b, int i, double ocvVolts, double celsius, double outside) {
        double sv = tuning.voltageSigmaVolts() * tuning.voltageSigmaGrowth(outside);
        double soc = startSpan.start(i, cell, tuning, ocvVolts, celsius, sv * sv, outside);
        if (!Double.isNaN(soc)) {
            p[b + SOC * N + SOC] = startSpan.startVariance(i);
        }
        return soc;
    }

    /**
     * Under load, cuts cell {@code i}'s open start span from the side its voltage {@code volts} excludes with the
     * measured overpotential ratio ({@link StartSpan#cutUnderLoad}); returns the SOC to go on from ({@code soc} where
     * nothing is cut).
     */
    double cutSpanUnderLoad(
            int i,
            double soc,
            double volts,
            double amps,
            double celsius,
            double temperatureFactor,
            double dtSeconds,
            double hysteresisVolts,
            double outside) {
        return startSpan.cutUnderLoad(
                i, soc, cell, tuning, volts, amps, celsius, temperatureFactor, dtSeconds, hysteresisVolts, outside);
    }

    /** The innovations' bias as a consider analysis (offset state on), which each filter moves with its own F and K. */
    VoltageBiasConsider voltageBias() {
        return voltageBias;
    }

    /** Cell {@code i}'s innovations' running mean (V; 0 with covariance matching off), for {@link VoltageBiasConsider}. */
    double innovationMean(int i) {
        return innovationMean[i];
    }

    /** The parameter states' start doubt (R0 scale, capacity scale, current offset) on the diagonal of {@code p[b..]}. */
    void setInitialParameterCovariance(double[] p, int b) {
        double sr = adaptation.initialR0ScaleSigma();
        double sc = adaptation.initialCapacitySigma();
        double so = adaptation.currentOffset().initialSigmaAmps();
        p[b + R0 * N + R0] = sr * sr;
        p[b + CAP * N + CAP] = sc * sc;
        p[b + OFFSET * N + OFFSET] = so * so;
    }

    /**
     * Resets the SOC and RC part of cell {@code i}'s covariance {@code p[b..]} to the tuning's start
     * doubt, the slow branch's to none (its doubt is set at the start, {@link #branchStart}); the
     * parameter states keep theirs. The rejections in a row start again.
     */
    void resetDynamicCovariance(double[] p, int b, int i) {
        double sz = tuning.initialSocSigma();
        double sv = tuning.initialRcSigmaVolts();
        for (int j = 0; j < DYNAMIC_STATES; j++) {
            for (int c = 0; c < N; c++) {
                p[b + j * N + c] = 0;
                p[b + c * N + j] = 0;
            }
        }
        for (int c = 0; c < N; c++) {
            p[b + V3 * N + c] = 0;
            p[b + c * N + V3] = 0;
        }
        p[b + SOC * N + SOC] = sz * sz;
        p[b + V1 * N + V1] = sv * sv;
        p[b + V2 * N + V2] = sv * sv;
        rejectedInRow[i] = 0;
        innovationMean[i] = 0;
        innovationBiasVolts[i] = 0;
        restoredDoubt.clear(i);
        innovationBiasSoc[i] = 0;
        currentSensor.reset(i);
        capacity.reset(i);
        slowBranchStart.reset(i);
        topKneeCharge.reset(i);
        startSpan.close(i);
        presetFit.restart(i);
        voltageBias.reset(i);
        restRelaxation.clear(i);
    }

    /**
     * The slow branch at a start (first sample or a new SOC) with {@code steadyVolts} its steady
     * state at the present current, {@code R3(soc) f I}: the current before the start is unknown, so
     * the branch may hold anything from 0 to that. Sets its variance in {@code p[b..]} to a uniform
     * doubt over the range's other half (half over sqrt(3), GUM type B, the convention of the
     * current sensor's rated limits) and returns the value it starts from, the middle. With
     * {@link EkfAdaptation#slowBranchState()} the doubt is the branch's variance in {@code p[b..]}
     * and the voltage corrects the branch through its covariance with the other states; without it
     * (the default) the variance stays 0 and the doubt goes to {@link SlowBranchStartConsider}, which
     * carries it into the bound. Without a branch the steady state is 0 and so is everything here.
     */
    double branchStart(double[] p, int b, int i, double steadyVolts) {
        if (!adaptation.slowBranchState()) {
            return slowBranchStart.start(i, steadyVolts);
        }
        double half = 0.5 * steadyVolts;
        double sigma = half / Math.sqrt(3);
        p[b + V3 * N + V3] = sigma * sigma;
        return half;
    }

    /**
     * The additive process noise over {@code dt} on the diagonal of {@code p[b..]}: current noise
     * through the coulomb count (scaled by the capacity state {@code inverseCapacityScale}) and
     * through the RC pairs' and the slow branch's inputs ({@code fastOhms}, {@code slowOhms},
     * {@code branchOhms}, 0 without a branch), the SOC drift, and the parameter states' random walks.
     */
    void addProcessNoise(
            double[] p,
            int b,
            double dt,
            double inverseCapacityScale,
            double fastOhms,
            double slowOhms,
            double branchOhms) {
        double sz = tuning.currentSigmaAmps() * dt * inverseCapacityScale / (3600.0 * cell.capacityAh());
        double drift = tuning.socDriftSigmaPerHour();
        double s1 = fastOhms * tuning.currentSigmaAmps();
        double s2 = slowOhms * tuning.currentSigmaAmps();
        // the branch's input noise only where the branch is a corrected state (else it has no doubt)
        double s3 = adaptation.slowBranchState() ? branchOhms * tuning.currentSigmaAmps() : 0.0;
        double sr = adaptation.r0ScaleSigmaPerSqrtHour();
        double sc = adaptation.capacitySigmaPerSqrtHour();
        double so = adaptation.currentOffset().sigmaAmpsPerSqrtHour();
        p[b + SOC * N + SOC] += sz * sz + drift * drift * dt / 3600.0;
        p[b + V1 * N + V1] += s1 * s1;
        p[b + V2 * N + V2] += s2 * s2;
        p[b + V3 * N + V3] += s3 * s3;
        p[b + R0 * N + R0] += sr * sr * dt / 3600.0;
        p[b + CAP * N + CAP] += sc * sc * dt / 3600.0;
        p[b + OFFSET * N + OFFSET] += so * so * dt / 3600.0;
    }

    /** How much of the innovations' running mean square stays over {@code dt} (1 with matching off). */
    double innovationForget(double dtSeconds) {
        return tuning.innovationWindowSeconds() > 0 ? Math.exp(-dtSeconds / tuning.innovationWindowSeconds()) : 1.0;
    }

    /**
     * Sets cell {@code i}'s OCV sigma (at {@code soc}), voltage sigma growth and resistance error
     * sigma for {@code celsius}, with the R0 scale the filter has learnt for it so far
     * ({@code r0Scale}, the evidence of how far the truth's resistances are from the model's
     * extrapolated law: {@link EkfTuning#resistanceErrorSigma}) or, where larger, the misfit its
     * voltage steps at current steps have shown so far ({@link PresetFitCheck#resistanceMisfit}: the
     * preset's resistances are not quite this cell's, whatever the temperature); returns how far (K,
     * beyond the margin) that lies outside the temperatures the preset was characterised over.
     */
    double atTemperature(int i, double soc, double celsius, double r0Scale) {
        double outside = tuning.extrapolationKelvin(cell, celsius);
        ocvSigma[i] = tuning.ocvSigmaVolts(cell.ocvDoubt(), soc, celsius, outside);
        voltageSigmaGrowth[i] = tuning.voltageSigmaGrowth(outside);
        // the larger of the extrapolated law's doubt and the misfit the cell's own voltage steps show
        resistanceErrorSigma[i] =
                Math.max(tuning.resistanceErrorSigma(outside, r0Scale), presetFit.resistanceMisfit(i));
        return outside;
    }

    /** Sets and returns cell {@code i}'s OCV sigma at a new SOC (a start from the voltage). */
    double ocvSigmaAt(int i, double soc, double celsius, double outside) {
        ocvSigma[i] = tuning.ocvSigmaVolts(cell.ocvDoubt(), soc, celsius, outside);
        return ocvSigma[i];
    }

    double ocvSigma(int i) {
        return ocvSigma[i];
    }

    /**
     * Cell {@code i}'s measurement variance for a sample whose predicted variance (without it) is
     * {@code s0}: the voltage sigma squared, grown outside the characterised span, or more where the
     * innovations showed a larger model error (covariance matching: the running mean square from
     * before this sample less {@code s0}). Kept for {@link #voltageSigmaVolts}.
     */
    double measurementVariance(int i, double s0) {
        double r = tuning.voltageSigmaVolts() * tuning.voltageSigmaVolts();
        if (voltageSigmaGrowth[i] != 1.0) {
            r *= voltageSigmaGrowth[i] * voltageSigmaGrowth[i];
        }
        if (tuning.innovationWindowSeconds() > 0) {
            r = Math.max(r, innovationMeanSquare[i] - s0);
        }
        measurementVariance[i] = r;
        return r;
    }

    /**
     * The innovation gate for cell {@code i}: outside {@link EkfTuning#gateSigmas()} sigmas of
     * {@code s} a sample is rejected, until {@link EkfTuning#maxConsecutiveRejections()} in a row
     * ask for re-learning; a sample used (accepted or re-learnt) starts the count again.
     */
    Gate gate(int i, double innovation, double s) {
        double gate = tuning.gateSigmas();
        if (innovation * innovation > gate * gate * s) {
            rejectedTotal++;
            if (++rejectedInRow[i] < tuning.maxConsecutiveRejections()) {
                return Gate.REJECT;
            }
            rejectedInRow[i] = 0;
            return Gate.RELEARN;
        }
        rejectedInRow[i] = 0;
        return Gate.ACCEPT;
    }

    /**
     * Folds a used sample's innovation into cell {@code i}'s running mean square and running mean
     * (with matching on); {@code s} is the innovation's variance the filter assumed for it. The mean's
     * part beyond three of its own sigmas under that assumption (white innovations of variance
     * {@code s}: {@code s (1 - forget) / (1 + forget)}) is kept as the innovations' bias
     * ({@link #recordInnovationBias}); a mean the filter's noise model explains is no bias.
     */
    void learnInnovation(int i, double innovation, double forget, double s) {
        if (tuning.innovationWindowSeconds() > 0) {
            innovationMeanSquare[i] = forget * innovationMeanSquare[i] + (1 - forget) * innovation * innovation;
            innovationMean[i] = forget * innovationMean[i] + (1 - forget) * innovation;
            double meanSigma = Math.sqrt(s * (1 - forget) / (1 + forget));
            innovationBiasVolts[i] = Math.max(0.0, Math.abs(innovationMean[i]) - 3 * meanSigma);
        }
    }

    /** The voltage sigma used at cell {@code i}'s last correction. */
    double voltageSigmaVolts(int i) {
        return Math.sqrt(measurementVariance[i]);
    }

    /**
     * One sample of cell {@code i} for the preset's fit ({@link PresetFitCheck}): the measured current
     * and voltage, the voltage the model predicted for it before the correction, and what the
     * innovation gate made of it. A voltage the gate rejected is no evidence of the cell's
     * resistance either: one wild reading (a logger's glitch of hundreds of volts) would otherwise
     * outweigh every real step in the least squares and mark a fitting preset mismatched for good.
     * It is left out, and the next sample does not step from it. A rejection that the gate turns
     * into re-learning (a persistent mismatch) counts.
     */
    void observeFit(int i, double amps, double volts, double predicted, Gate gate) {
        if (gate == Gate.REJECT) {
            presetFit.restart(i);
        } else {
            presetFit.observe(i, amps, volts, predicted);
        }
    }

    /** A start of cell {@code i} at {@code soc} (first sample, a new SOC): the count starts again there. */
    void startCount(int i, double soc) {
        countedSoc[i] = soc;
        lastSoc[i] = soc;
    }

    /** Counts a SOC change of cell {@code i} made by charge alone (the prediction, a balancing bleed). */
    void count(int i, double dz) {
        countedSoc[i] += dz;
    }

    /** Whether cell {@code i}'s voltage steps say its preset is another cell's ({@link PresetFitCheck}). */
    boolean mismatched(int i) {
        return presetFit.mismatched(i);
    }

    /** Whether cell {@code i} was outside its preset's characterised temperatures at the last update. */
    boolean extrapolated(int i) {
        return voltageSigmaGrowth[i] > 1.0;
    }

    /**
     * Cell {@code i}'s reported 3-sigma SOC bound: the filter's SOC variance plus the consider
     * analyses' SOC errors of an OCV error ({@code ocvSoc}, per sigma) and of a relative resistance
     * error ({@code resistanceSoc}, per unit, times its sigma), of the current sensor's offset and
     * gain error ({@link CurrentSensorConsider}) and of a capacity error ({@link CapacityConsider}), plus the SOC reach of the innovations' bias
     * ({@link #recordInnovationBias}) or, where larger, of a rest voltage still relaxing beyond the model
     * ({@link RestRelaxation}), capped at 1; for a cell that does not fit its preset
     * ({@link #mismatched}) at least {@link #mismatchBound}.
     */
    double socBound3Sigma(int i, double socVariance, double ocvSoc, double resistanceSocPerUnit) {
        return bound(
                i,
                socVariance
                        + currentSensor.socVariance(i)
                        + capacity.socVariance(i)
                        + slowBranchStart.socVariance(i)
                        + topKneeCharge.socVariance(i),
                ocvSoc,
                resistanceSocPerUnit);
    }

    /**
     * {@link #socBound3Sigma} without the current sensor's share: the SOC's doubt from everything but
     * the sensor, for a use that counts the same sensor's charge beside it (a capacity window).
     */
    double socBound3SigmaWithoutCurrentSensor(int i, double socVariance, double ocvSoc, double resistanceSocPerUnit) {
        return bound(
                i,
                socVariance + slowBranchStart.socVariance(i) + topKneeCharge.socVariance(i),
                ocvSoc,
                resistanceSocPerUnit);
    }

    /**
     * After a correction of cell {@code i} at {@code soc}: the SOC error the innovations' bias
     * ({@link #learnInnovation}: the running mean beyond three of its sigmas) stands for. A model that
     * holds leaves the innovations without a mean; a mean that stays over the window is a voltage the
     * model misses, correlated in time, which the measurement variance (white noise) does not hold
     * back: repeated samples shrink the SOC variance while the estimate sits where that voltage put it
     * (LFP started 30 % high: a charge pulse puts the estimate on the top knee, slope 6-10 V per unit
     * SOC, the SOC sigma falls from 0.10 to 0.004 in 20 samples and the -60 mV innovations that follow
     * for an hour no longer move it). Every SOC whose OCV lies within that bias of the OCV at the
     * estimate fits the voltage as well ({@link OcvCurve#socReachOfVolts} of the preset's OCV, through
     * {@link OcvReach}: the same value in a few steps); the bound adds that reach. On a straight
     * stretch it is {@code |mean| / slope}; next to a flat stretch (LFP's plateau) it reaches across
     * it, which the local slope cannot see.
     */
    void recordInnovationBias(int i, double soc, double celsius) {
        double volts = innovationBiasVolts[i];
        innovationBiasSoc[i] = volts > 0 ? innovationBiasReach.socReachOfVolts(i, soc, celsius, volts) : 0.0;
        lastSoc[i] = soc;
    }

    private double bound(int i, double socVariance, double ocvSoc, double resistanceSocPerUnit) {
        double resistanceSoc = resistanceSocPerUnit * resistanceErrorSigma[i];
        double bound = 3.0 * Math.sqrt(socVariance + ocvSoc * ocvSoc + resistanceSoc * resistanceSoc)
                + Math.max(Math.max(innovationBiasSoc[i], voltageBias.socError(i)), restRelaxation.socDoubt(i));
        if (presetFit.mismatched(i)) {
            bound = Math.max(bound, mismatchBound(i));
        }
        return Math.min(1.0, bound);
    }

    /**
     * The bound of a cell whose preset is another cell's: what the voltage told the filter cannot be
     * trusted, so the SOC is known only as well as the charge counted from the start says: the
     * start's doubt ({@link EkfTuning#initialSocSigma}, or the restored one {@link RestoredDoubt} took)
     * and the current sensor's share, three sigmas,
     * plus how far the filter's SOC has moved from that count (what the voltage made of it).
     */
    private double mismatchBound(int i) {
        double s0 = restoredDoubt.startSigma(i);
        return Math.abs(lastSoc[i] - countedSoc[i])
                + 3.0 * Math.sqrt(s0 * s0 + currentSensor.socVariance(i) + capacity.socVariance(i));
    }

    long rejectedTotal() {
        return rejectedTotal;
    }
}
