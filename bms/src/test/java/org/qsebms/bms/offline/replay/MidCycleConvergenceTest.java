package org.qsebms.bms.offline.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.estimators.characterization.CellCharacterizer;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.characterization.Characterization;
import org.qsebms.estimators.characterization.SlowPolarisationFitter;
import org.qsebms.estimators.soc.EkfAdaptation;
import org.qsebms.estimators.soc.EkfTuning;
import org.qsebms.estimators.soc.SocFilterKind;

/**
 * Convergence under load: the drive cycles start at rest near full charge, where the first voltage
 * already gives SOC. Here the replay starts in the middle of a 25 °C NCA drive cycle, at a
 * moment of driving, with the SOC 30 % off in either direction, and must meet the issue's 25 °C
 * targets after the 600 s window (RMSE 1 %, max 3 %, 3-sigma coverage 95 %).
 */
class MidCycleConvergenceTest {
    private static Characterization nca;

    private static Characterization ncaHoldingOcvDrift;

    private static synchronized Characterization nca() {
        if (nca == null) {
            nca = characterize(CellCharacterizer.forCapacity(2.9));
        }
        return nca;
    }

    /** The same tests characterised with the pulse fits' drift held at the relaxed OCV's slope. */
    private static synchronized Characterization ncaHoldingOcvDrift() {
        if (ncaHoldingOcvDrift == null) {
            ncaHoldingOcvDrift = characterize(CellCharacterizer.forCapacity(2.9).holdingOcvDrift());
        }
        return ncaHoldingOcvDrift;
    }

    private static Characterization slowFromLa92AndCycle1;

    private static Characterization slowFromTheOthers;

    /**
     * The recipe's preset with the slow polarisation branch ({@code bms characterize
     * --slow-polarisation-log}) learnt from the 25 °C logs that {@code cycle} is not: LA92 and Cycle_1
     * for US06, HWFTa and Cycle_2 (every later start), US06, HWFTa and Cycle_2 for LA92 and Cycle_1 (a
     * fixed two-way split; no figure comes from a log the branch was learnt on).
     */
    private static synchronized Characterization slowNotLearntOn(String cycle) {
        if (cycle.equals("LA92") || cycle.equals("Cycle_1")) {
            if (slowFromTheOthers == null) {
                slowFromTheOthers = SlowPolarisationFitter.addTo(nca(), logs("US06", "HWFTa", "Cycle_2"));
            }
            return slowFromTheOthers;
        }
        if (slowFromLa92AndCycle1 == null) {
            slowFromLa92AndCycle1 = SlowPolarisationFitter.addTo(nca(), logs("LA92", "Cycle_1"));
        }
        return slowFromLa92AndCycle1;
    }

    private static List<CellTestLog> logs(String... cycles) {
        return Arrays.stream(cycles)
                .map(c -> CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_" + c + ".csv")))
                .toList();
    }

    private static Characterization characterize(CellCharacterizer characterizer) {
        CellTestLog c20 = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_C20_OCV_native.csv"));
        CellTestLog h25 = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_HPPC_native.csv"));
        CellTestLog h0 = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_0C_HPPC_native.csv"));
        return characterizer.characterize(List.of(c20, h25, h0), List.of(h25, h0), 2.9);
    }

    /**
     * The same probe started later in the logs, where the rest of the log lies mostly below 50 % SOC,
     * with the slow polarisation branch learnt elsewhere and started half-way to its steady state at
     * a start, the other half's doubt in the bound (measured 2026-12-03, EKF: RMSE 0.31 / 0.61 / 0.59
     * / 0.27 %, max 0.51 / 0.96 / 0.92 / 0.65 %, converged after 49 / 56 / 79 / 2 s, coverage 100 %;
     * before the start doubt 1.04 / 1.47 / 1.23 / 0.27 %). The midpoint and its uniform sigma were
     * chosen by convention, not on these starts. With the doubt in the gain (2026-12-03, {@code
     * middriveest}): 0.79 / 0.97 / 0.76 / 0.27 %, max 1.16 / 1.47 / 1.25 / 0.65 %, 56 / 48 / 106 / 2 s,
     * coverage 100 % (US06 row 2500 by 0.03 points).
     */
    @ParameterizedTest
    @CsvSource({"US06,2000,-0.3", "US06,2500,0.3", "HWFTa,5000,-0.3", "Cycle_2,7000,0.3"})
    void laterStartsAlsoMeetTheTargets(String cycle, int startRow, double offset) {
        assertMeetsTheTargets(replayFrom(slowNotLearntOn(cycle), cycle, startRow, offset));
    }

    /**
     * The slow polarisation branch learnt elsewhere lowers every later start's miss (measured
     * 2026-12-03, EKF: RMSE 1.40 / 2.93 / 1.86 / 1.17 % to 1.04 / 1.47 / 1.23 / 0.27 %; the SPKF 0.91 /
     * 1.48 / 1.12 / 0.26 %). Asserted for both filters: lower RMSE than without the branch, coverage
     * still at least 95 %.
     */
    @ParameterizedTest
    @CsvSource({
        "US06,2000,-0.3,EKF",
        "US06,2500,0.3,EKF",
        "HWFTa,5000,-0.3,EKF",
        "Cycle_2,7000,0.3,EKF",
        "US06,2000,-0.3,SPKF",
        "US06,2500,0.3,SPKF",
        "HWFTa,5000,-0.3,SPKF",
        "Cycle_2,7000,0.3,SPKF"
    })
    void theSlowBranchLearntElsewhereLowersTheLaterStartsMiss(
            String cycle, int startRow, double offset, SocFilterKind filter) {
        LogReplay.Result with = replayFrom(slowNotLearntOn(cycle), cycle, startRow, offset, filter);
        LogReplay.Result without = replayFrom(nca(), cycle, startRow, offset, filter);
        assertThat(with.summary().socRmse())
                .as("SOC RMSE with the slow branch, against without")
                .isLessThan(without.summary().socRmse());
        assertThat(with.summary().boundCoverage())
                .as("coverage with the slow branch")
                .isGreaterThanOrEqualTo(0.95);
    }

    /**
     * The branch's start doubt (half-way to the steady state, the rest considered in the bound) keeps
     * the bound honest when the branch is slower than the fit chose: the same later starts with the
     * time constant forced to 1000 s (refitted on the same logs, not learnt on the cycle replayed);
     * coverage at least 95 % for both filters. Before the start doubt, seeding the branch at its
     * steady state gave 19.5 % coverage here (measured 2026-12-03 with the start doubt: coverage 100 %
     * on all eight; RMSE EKF 1.48 / 0.33 / 0.46 / 0.68 %, SPKF 1.51 / 0.31 / 0.33 / 0.67 %).
     */
    @ParameterizedTest
    @CsvSource({
        "US06,2000,-0.3,EKF",
        "US06,2500,0.3,EKF",
        "HWFTa,5000,-0.3,EKF",
        "Cycle_2,7000,0.3,EKF",
        "US06,2000,-0.3,SPKF",
        "US06,2500,0.3,SPKF",
        "HWFTa,5000,-0.3,SPKF",
        "Cycle_2,7000,0.3,SPKF"
    })
    void aSlowerBranchKeepsTheLaterStartsCovered(String cycle, int startRow, double offset, SocFilterKind filter) {
        LogReplay.Result r = replayFrom(thousandSecondBranch(), cycle, startRow, offset, filter);
        assertThat(r.summary().boundCoverage())
                .as("coverage with a 1000 s branch")
                .isGreaterThanOrEqualTo(0.95);
    }

    private static Characterization thousandSecondBranch;

    /** The LA92 and Cycle_1 branch with its time constant forced to 1000 s (for the later starts only). */
    private static synchronized Characterization thousandSecondBranch() {
        if (thousandSecondBranch == null) {
            Characterization c = nca();
            SlowPolarisationFitter.Fit fit =
                    SlowPolarisationFitter.fit(c.cell(), c.hysteresis(), logs("LA92", "Cycle_1"), new double[] {1000});
            thousandSecondBranch = new Characterization(
                    c.cell().withSlowPolarisation(fit.slow()),
                    fit.hysteresis(),
                    c.ocvFit(),
                    c.pulses(),
                    c.notes(),
                    c.activationEnergySource());
        }
        return thousandSecondBranch;
    }

    /**
     * The starts that met the targets without the branch still meet them with it, each with the
     * branch learnt without its log (measured 2026-12-03, EKF: 0.27-0.78 % RMSE, coverage 100 %).
     */
    @ParameterizedTest
    @CsvSource({
        "US06,500,0.3",
        "US06,1000,0.3",
        "HWFTa,1000,0.3",
        "HWFTa,2000,-0.3",
        "HWFTa,4000,0.3",
        "LA92,2000,0.3",
        "LA92,8000,-0.3",
        "Cycle_1,3000,0.3",
        "Cycle_2,2000,-0.3"
    })
    void withTheSlowBranchTheOtherStartsStillMeetTheTargets(String cycle, int startRow, double offset) {
        assertMeetsTheTargets(replayFrom(slowNotLearntOn(cycle), cycle, startRow, offset));
    }

    /**
     * Cycle_1 row 6000, 30 % low, with the branch learnt on US06, HWFTa and Cycle_2: it met the
     * targets with the branch started at zero and missed the 600 s convergence once the branch started
     * half-way to its steady state at the start's current (the start is in a 5.2 A charge pulse after
     * 250 s averaging -1.05 A, so the seed has the wrong sign; measured 2026-12-03: RMSE 0.81 %, max
     * 2.62 %, under 2 % after 793 s). With the start doubt in the gain (Schmidt-Kalman, since
     * {@code middriveest}) the filter no longer reads the seed's error as SOC: measured 2026-12-03, EKF
     * RMSE 0.30 %, max 0.89 %, under 2 % after 437 s, coverage 100 %.
     */
    @ParameterizedTest
    @CsvSource({"Cycle_1,6000,-0.3"})
    void withTheSlowBranchCycle1Row6000StillMeetsTheTargets(String cycle, int startRow, double offset) {
        assertMeetsTheTargets(replayFrom(slowNotLearntOn(cycle), cycle, startRow, offset));
    }

    /**
     * The slow branch as a state the voltage corrects ({@link EkfAdaptation#slowBranchState()}, not the
     * default): Cycle_1 row 6000 starts in a 5.2 A charge pulse while the current over the branch's last
     * 250 s averaged -1.05 A, so the seed half-way to the pulse's steady state has the wrong sign and lies
     * outside the doubt the start gives it; as a state the voltage corrects it (the branch matches the
     * model's branch run from the log's beginning within 2 mV after 400 s). Measured 2026-12-03: EKF RMSE
     * 0.28 %, max 0.51 %, converged after 360 s, coverage 100 % (SPKF 0.28 %, 0.51 %, 353 s, 100 %),
     * against 0.81 %, 2.62 %, 793 s with the seed's doubt considered
     * ({@link #withTheSlowBranchCycle1Row6000StillMeetsTheTargets}).
     */
    @ParameterizedTest
    @CsvSource({"Cycle_1,6000,-0.3"})
    void withTheBranchAsAStateCycle1Row6000MeetsTheTargets(String cycle, int startRow, double offset) {
        assertMeetsTheTargets(replayFrom(slowNotLearntOn(cycle), cycle, startRow, offset, SocFilterKind.DEFAULT, true));
    }

    /**
     * The branch as a state on the later starts and Cycle_1 row 6000, the branch learnt elsewhere, both
     * filters: the bound still covers the truth at least 95 % of the time. Measured 2026-12-03 (RMSE / max / converged, coverage 100 % on
     * all ten): EKF US06 row 2000 0.90 / 1.24 % / 63 s, US06 row 2500 1.03 / 1.51 % / 60 s, HWFTa row 5000
     * 1.01 / 1.55 % / 364 s, Cycle_2 row 7000 0.27 / 0.65 % / 2 s, Cycle_1 row 6000 0.28 / 0.51 % / 360 s;
     * SPKF 0.89 / 1.24 % / 26 s, 1.08 / 1.55 % / 44 s, 0.77 / 1.23 % / 40 s, 0.26 / 0.65 % / 1 s, 0.28 /
     * 0.51 % / 353 s. Two later starts then miss the 1 % RMSE by a hair with the EKF (the default
     * replays, seed considered: 0.31 / 0.61 / 0.59 / 0.27 %): with the seed corrected the branch follows
     * the model's own branch run from the log's beginning within 2 mV, and what is left is the model's
     * error on these logs, which the considered seed's own error had partly offset. So the state is not
     * the default; {@link #laterStartsAlsoMeetTheTargets} asserts the default.
     */
    @ParameterizedTest
    @CsvSource({
        "US06,2000,-0.3,EKF",
        "US06,2500,0.3,EKF",
        "HWFTa,5000,-0.3,EKF",
        "Cycle_2,7000,0.3,EKF",
        "Cycle_1,6000,-0.3,EKF",
        "US06,2000,-0.3,SPKF",
        "US06,2500,0.3,SPKF",
        "HWFTa,5000,-0.3,SPKF",
        "Cycle_2,7000,0.3,SPKF",
        "Cycle_1,6000,-0.3,SPKF"
    })
    void withTheBranchAsAStateTheBoundStaysHonest(String cycle, int startRow, double offset, SocFilterKind filter) {
        LogReplay.Result r = replayFrom(slowNotLearntOn(cycle), cycle, startRow, offset, filter, true);
        assertThat(r.summary().boundCoverage())
                .as("coverage with the branch as a state")
                .isGreaterThanOrEqualTo(0.95);
    }

    /**
     * The probed starts that meet the targets, asserted: early and late starts on each cycle. HWFTa
     * row 4000 (SOC 0.52) joined them with covariance matching (RMSE 1.01 to 0.99 %, max 1.58 to
     * 1.53 %), by a thin margin: 0.9996 % since the OCV temperature coefficient.
     */
    @ParameterizedTest
    @CsvSource({
        "US06,500,0.3",
        "US06,1000,0.3",
        "HWFTa,1000,0.3",
        "HWFTa,2000,-0.3",
        "HWFTa,4000,0.3",
        "LA92,2000,0.3",
        "LA92,8000,-0.3",
        "Cycle_1,3000,0.3",
        "Cycle_1,6000,-0.3",
        "Cycle_2,2000,-0.3"
    })
    void otherStartsMeetTheTargets(String cycle, int startRow, double offset) {
        assertMeetsTheTargets(replayFrom(cycle, startRow, offset));
    }

    /**
     * The later starts' miss is not a convergence failure: started at the true SOC (no error to
     * converge from) each gives the same RMSE within 0.15 points as from its 30 % wrong start, so
     * the filter has forgotten the start within the 600 s window and follows what the voltage says.
     */
    @ParameterizedTest
    @CsvSource({"US06,2000,-0.3", "US06,2500,0.3", "HWFTa,5000,-0.3", "Cycle_2,7000,0.3"})
    void laterStartsMissAsMuchFromTheTrueSoc(String cycle, int startRow, double offset) {
        double fromWrongStart = replayFrom(cycle, startRow, offset).summary().socRmse();
        double fromTrueStart = replayFrom(cycle, startRow, 0).summary().socRmse();
        assertThat(fromTrueStart).as("RMSE from the true SOC").isCloseTo(fromWrongStart, within(0.0015));
    }

    /**
     * What the voltage says there: the characterised model run open loop at the data's own SOC
     * (soc_ref) through 25 °C US06, its RC pairs and hysteresis driven by the logged current. Between
     * SOC 0.2 and 0.35 the logged voltage lies more than the filter's 20 mV OCV doubt below the model
     * (measured 2026-12-02: -38 mV on average, at rest as under load), which at the OCV's 0.5-0.7 V per
     * unit SOC there is a 5-7 % lower SOC. A filter that must find SOC from the voltage (a mid-drive
     * start) inherits that; one that started right at full charge coulomb-counts through it. What the
     * residual is (not an error of the OCV table: a slow polarisation) is shown by
     * {@link #theLowSocResidualFollowsTheSustainedCurrentNotTheSoc}.
     */
    @org.junit.jupiter.api.Test
    void theOcvTableReadsLowBetweenTwentyAndThirtyFivePercent() {
        CellTestLog log = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_US06.csv"));
        org.qsebms.estimators.model.EquivalentCircuitModel m =
                new org.qsebms.estimators.model.EquivalentCircuitModel(nca().cell());
        org.qsebms.estimators.soc.HysteresisModel hy = nca().hysteresis();
        double v1 = 0;
        double v2 = 0;
        double h = 0;
        double sum = 0;
        int n = 0;
        for (int k = 1; k < log.size(); k++) {
            double dt = log.timeS()[k] - log.timeS()[k - 1];
            double amps = log.currentA()[k];
            double celsius = log.temperatureC()[k];
            double z = log.socRef()[k];
            double f = m.temperatureFactor(celsius);
            v1 = m.nextFastVolts(v1, m.fastDecay(dt, celsius), m.fastFactor(z, celsius, f), amps);
            v2 = m.nextSlowVolts(v2, m.slowDecay(dt, celsius), m.slowFactor(z, celsius, f), amps);
            h = hy.next(h, m.socChange(amps, dt));
            double predicted =
                    m.terminalVolts(z, celsius, hy.magnitudeVolts() * h, m.r0Volts(z, celsius, f, amps), v1, v2);
            if (z >= 0.2 && z < 0.35) {
                sum += log.voltageV()[k] - predicted;
                n++;
            }
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "US06 open loop at soc_ref 0.20-0.35: mean %.1f mV over %d rows%n",
                1000 * sum / n,
                n);
        assertThat(sum / n).as("mean voltage residual (V) at soc_ref 0.20-0.35").isLessThan(-0.020);
    }

    /**
     * Which of the two it is: an OCV table (or SOC axis, for example a capacity mismatch between the
     * HPPC test and the drive logs) that is wrong at low SOC makes a residual that is the same
     * whatever the current; a polarisation slower than the model's pairs makes one that follows the
     * current sustained over the last minutes. The characterised model is run open loop at soc_ref
     * through the five 25 °C drive logs, and at soc_ref 0.20-0.35 its residual is fitted by least
     * squares to {@code a + b * Ilp}, {@code Ilp} the logged current low-passed with a 1,000 s time
     * constant (a value chosen as a probe, not fitted). The table and the RC pairs are tested without
     * the preset's hysteresis term (the table is already a discharge branch), which is printed apart.
     * Measured 2026-12-02: {@code a} +4.4 mV, {@code b} 30.5 mOhm without the hysteresis term (+13.8 mV
     * and 24.7 mOhm with it); per 0.1 band of soc_ref the intercept stays within -7..+8 mV and the slope
     * is 21-33 mOhm over 0.1-0.5, 1-9 mOhm above. So the table is right there and the miss is a slow,
     * SOC-dependent polarisation the model lacks (docs/estimation.md, "The low-SOC residual is a slow
     * polarisation"). Asserted: the intercept within 10 mV, the slope over 10 mOhm.
     */
    @org.junit.jupiter.api.Test
    void theLowSocResidualFollowsTheSustainedCurrentNotTheSoc() {
        org.qsebms.estimators.model.EquivalentCircuitModel m =
                new org.qsebms.estimators.model.EquivalentCircuitModel(nca().cell());
        org.qsebms.estimators.soc.HysteresisModel hy = nca().hysteresis();
        double tau = 1000;
        LeastSquaresLine tableAndPairs = new LeastSquaresLine();
        LeastSquaresLine withHysteresis = new LeastSquaresLine();
        LeastSquaresLine[] bands = new LeastSquaresLine[8];
        Arrays.setAll(bands, b -> new LeastSquaresLine());
        for (String cycle : List.of("US06", "HWFTa", "LA92", "Cycle_1", "Cycle_2")) {
            CellTestLog log =
                    CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_" + cycle + ".csv"));
            LeastSquaresLine own = new LeastSquaresLine();
            double v1 = 0;
            double v2 = 0;
            double h = 0;
            double lowPassed = 0;
            for (int k = 1; k < log.size(); k++) {
                double dt = log.timeS()[k] - log.timeS()[k - 1];
                double amps = log.currentA()[k];
                double celsius = log.temperatureC()[k];
                double z = log.socRef()[k];
                double f = m.temperatureFactor(celsius);
                v1 = m.nextFastVolts(v1, m.fastDecay(dt, celsius), m.fastFactor(z, celsius, f), amps);
                v2 = m.nextSlowVolts(v2, m.slowDecay(dt, celsius), m.slowFactor(z, celsius, f), amps);
                h = hy.next(h, m.socChange(amps, dt));
                double a = Math.exp(-dt / tau);
                lowPassed = a * lowPassed + (1 - a) * amps;
                double r = log.voltageV()[k] - m.terminalVolts(z, celsius, 0, m.r0Volts(z, celsius, f, amps), v1, v2);
                int band = (int) Math.floor(10 * z) - 1;
                if (band >= 0 && band < bands.length) {
                    bands[band].add(lowPassed, r);
                }
                if (z >= 0.2 && z < 0.35) {
                    tableAndPairs.add(lowPassed, r);
                    own.add(lowPassed, r);
                    withHysteresis.add(lowPassed, r - hy.magnitudeVolts() * h);
                }
            }
            System.out.printf(
                    java.util.Locale.ROOT,
                    "%s open loop at soc_ref 0.20-0.35, no hysteresis term: mean residual %.1f mV at a mean "
                            + "low-passed current of %.2f A%n",
                    cycle,
                    1000 * own.meanY(),
                    own.meanX());
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "pooled, no hysteresis term: residual = %.1f mV + %.1f mOhm x (current low-passed over %.0f s); "
                        + "with it: %.1f mV + %.1f mOhm x the same%n",
                1000 * tableAndPairs.intercept(),
                1000 * tableAndPairs.slope(),
                tau,
                1000 * withHysteresis.intercept(),
                1000 * withHysteresis.slope());
        for (int b = 0; b < bands.length; b++) {
            System.out.printf(
                    java.util.Locale.ROOT,
                    "soc_ref %.1f-%.1f, no hysteresis term: %.1f mV + %.1f mOhm x low-passed current%n",
                    0.1 * (b + 1),
                    0.1 * (b + 2),
                    1000 * bands[b].intercept(),
                    1000 * bands[b].slope());
        }
        assertThat(Math.abs(tableAndPairs.intercept())).as("intercept (V)").isLessThan(0.010);
        assertThat(tableAndPairs.slope()).as("slope against the current (ohm)").isGreaterThan(0.010);
    }

    /**
     * The missing piece put back, as a probe of the diagnosis (not a fix: the term is learnt from two
     * drive logs, not from the cell's characterisation tests). The slope of the open-loop residual
     * on the current low-passed over 1,000 s is learnt per 0.1 band of soc_ref, through the origin,
     * from 25 °C LA92 and Cycle_1 only; the later starts are on the other three logs (US06, HWFTa,
     * Cycle_2), whose voltage is corrected by that slope times their own low-passed current (the
     * model's missing term moved to the data side, its band taken at soc_ref), and the filter runs
     * without the preset's hysteresis term (the artefact that stood in for part of the term). Measured
     * 2026-12-02: slopes 20-31 mOhm below SOC 0.4, 6-13 mOhm above; the four later starts 0.35 /
     * 0.91 / 0.57 / 0.65 % RMSE (max 0.59 / 1.49 / 1.37 / 0.97 %, coverage 100 %, converged after
     * 64 / 41 / 163 / 5 s) against 1.40 / 2.93 / 1.86 / 1.17 % as logged. Asserted: the issue's
     * targets. What is missing for a fix is a slow term in the model and the filters, characterised
     * from a test that shows it (docs/estimation.md, "The low-SOC residual is a slow polarisation").
     */
    @ParameterizedTest
    @CsvSource({"US06,2000,-0.3", "US06,2500,0.3", "HWFTa,5000,-0.3", "Cycle_2,7000,0.3"})
    void theLaterStartsMeetTheTargetsOnceASlowTermLearntElsewhereIsPutBack(String cycle, int startRow, double offset) {
        double[] slopes = slowSlopesPerBand(List.of("LA92", "Cycle_1"));
        System.out.println("slow-term slopes per 0.1 band of soc_ref (mOhm), from LA92 and Cycle_1: "
                + Arrays.toString(Arrays.stream(slopes)
                        .map(x -> Math.round(1e4 * x) / 10.0)
                        .toArray()));
        CellTestLog full = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_" + cycle + ".csv"));
        double[][] open = openLoopWithoutHysteresis(full);
        double[] volts = full.voltageV().clone();
        for (int k = 0; k < full.size(); k++) {
            volts[k] -= slopes[band(full.socRef()[k])] * open[0][k];
        }
        CellTestLog corrected = new CellTestLog(
                full.source() + " with the slow term removed",
                full.timeS(),
                full.currentA(),
                volts,
                full.temperatureC(),
                full.capacityAh(),
                full.socRef());
        CellTestLog log = from(corrected, startRow);
        double start = Math.max(0, Math.min(1, log.socRef()[0] + offset));
        LogReplay.Result r = new LogReplay(
                        nca().cell(), org.qsebms.estimators.soc.HysteresisModel.NONE, EkfTuning.defaults(), 600)
                .run(log, start);
        System.out.println(cycle + " from row " + startRow + " offset " + offset + ", slow term put back: "
                + r.summary().toJson());
        assertMeetsTheTargets(r);
    }

    private static final double SLOW_PROBE_SECONDS = 1000;

    private static int band(double soc) {
        return Math.max(0, Math.min(10, (int) Math.floor(10 * soc)));
    }

    /** Per 0.1 band of soc_ref, the residual's slope on the low-passed current through the origin. */
    private static double[] slowSlopesPerBand(List<String> cycles) {
        double[] sxx = new double[11];
        double[] sxy = new double[11];
        int[] n = new int[11];
        for (String cycle : cycles) {
            CellTestLog log =
                    CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_" + cycle + ".csv"));
            double[][] open = openLoopWithoutHysteresis(log);
            for (int k = 1; k < log.size(); k++) {
                int b = band(log.socRef()[k]);
                sxx[b] += open[0][k] * open[0][k];
                sxy[b] += open[0][k] * open[1][k];
                n[b]++;
            }
        }
        double[] slopes = new double[11];
        for (int b = 0; b < slopes.length; b++) {
            // a band the two logs barely reach takes its lower neighbour's slope
            slopes[b] = n[b] > 100 ? sxy[b] / sxx[b] : b > 0 ? slopes[b - 1] : 0;
        }
        return slopes;
    }

    /**
     * The characterised model run open loop at soc_ref without its hysteresis term: per row the
     * current low-passed over {@link #SLOW_PROBE_SECONDS} and the voltage residual, {@code {lowPassed,
     * residual}}.
     */
    private static double[][] openLoopWithoutHysteresis(CellTestLog log) {
        org.qsebms.estimators.model.EquivalentCircuitModel m =
                new org.qsebms.estimators.model.EquivalentCircuitModel(nca().cell());
        double[] lowPassed = new double[log.size()];
        double[] residual = new double[log.size()];
        double v1 = 0;
        double v2 = 0;
        for (int k = 1; k < log.size(); k++) {
            double dt = log.timeS()[k] - log.timeS()[k - 1];
            double amps = log.currentA()[k];
            double celsius = log.temperatureC()[k];
            double z = log.socRef()[k];
            double f = m.temperatureFactor(celsius);
            v1 = m.nextFastVolts(v1, m.fastDecay(dt, celsius), m.fastFactor(z, celsius, f), amps);
            v2 = m.nextSlowVolts(v2, m.slowDecay(dt, celsius), m.slowFactor(z, celsius, f), amps);
            double a = Math.exp(-dt / SLOW_PROBE_SECONDS);
            lowPassed[k] = a * lowPassed[k - 1] + (1 - a) * amps;
            residual[k] = log.voltageV()[k] - m.terminalVolts(z, celsius, 0, m.r0Volts(z, celsius, f, amps), v1, v2);
        }
        return new double[][] {lowPassed, residual};
    }

    /** Running sums for a straight line y = a + b x fitted by least squares. */
    private static final class LeastSquaresLine {
        private double sx;
        private double sy;
        private double sxx;
        private double sxy;
        private int n;

        void add(double x, double y) {
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            n++;
        }

        double slope() {
            return (n * sxy - sx * sy) / (n * sxx - sx * sx);
        }

        double intercept() {
            return (sy - slope() * sx) / n;
        }

        double meanX() {
            return sx / n;
        }

        double meanY() {
            return sy / n;
        }
    }

    /**
     * Part of the mechanism behind the later starts' miss, from the characterisation data alone:
     * left free, the pulse fits' OCV drift takes up the HPPC relaxation slower than its window, so the
     * fitted resistances fall short of what minutes of driving polarise
     * ({@link CellCharacterizer#holdingOcvDrift}, docs/estimation.md "The pulse fits' free drift").
     * Held at the relaxed OCV's slope (R2 20 to 27 mOhm), measured 2026-12-02: RMSE 1.40 / 2.93 /
     * 1.85 / 1.17 % to 0.70 / 1.80 / 1.27 / 0.71 %. Asserted: each start misses by less. (Not the
     * default: HWFTa rows 1000 and 2000 of {@link #otherStartsMeetTheTargets} go over 1 % with it,
     * 1.22 and 1.07 %.)
     */
    @ParameterizedTest
    @CsvSource({"US06,2000,-0.3", "US06,2500,0.3", "HWFTa,5000,-0.3", "Cycle_2,7000,0.3"})
    void holdingThePulseFitsDriftLowersTheLaterStartsMiss(String cycle, int startRow, double offset) {
        double held = replayFrom(ncaHoldingOcvDrift(), cycle, startRow, offset)
                .summary()
                .socRmse();
        double free = replayFrom(nca(), cycle, startRow, offset).summary().socRmse();
        assertThat(held).as("SOC RMSE with the drift held, against free").isLessThan(free);
    }

    /**
     * What holding the drift changes in the preset, from the HPPC test alone: the slow pair's
     * resistance, which the free drift had taken up (measured 2026-12-02: R2 20.4 to 27.0 mOhm, R0 + R1
     * + R2 53.6 to 61.6 mOhm). Asserted: R2 at least 20 % and the total at least 10 % higher.
     */
    @org.junit.jupiter.api.Test
    void holdingThePulseFitsDriftRaisesTheSlowResistance() {
        var free = nca().cell();
        var held = ncaHoldingOcvDrift().cell();
        assertThat(held.r2Ohms()).as("R2 with the drift held").isGreaterThan(1.2 * free.r2Ohms());
        assertThat(held.r0Ohms() + held.r1Ohms() + held.r2Ohms())
                .as("R0 + R1 + R2 with the drift held")
                .isGreaterThan(1.1 * (free.r0Ohms() + free.r1Ohms() + free.r2Ohms()));
    }

    /** The issue's 25 °C NMC/NCA targets, after the 600 s convergence window. */
    private static void assertMeetsTheTargets(LogReplay.Result r) {
        assertThat(r.summary().stayedConvergedAfterSeconds())
                .as("seconds to |error| < 2 % for good")
                .isLessThanOrEqualTo(600);
        assertThat(r.summary().socRmse()).as("SOC RMSE").isLessThanOrEqualTo(0.01);
        assertThat(r.summary().socMaxError()).as("SOC max error").isLessThanOrEqualTo(0.03);
        assertThat(r.summary().boundCoverage())
                .as("share of time the true SOC is inside the 3-sigma bound")
                .isGreaterThanOrEqualTo(0.95);
    }

    private static LogReplay.Result replayFrom(String cycle, int startRow, double offset) {
        return replayFrom(nca(), cycle, startRow, offset);
    }

    private static LogReplay.Result replayFrom(Characterization nca, String cycle, int startRow, double offset) {
        return replayFrom(nca, cycle, startRow, offset, SocFilterKind.DEFAULT);
    }

    private static LogReplay.Result replayFrom(
            Characterization nca, String cycle, int startRow, double offset, SocFilterKind filter) {
        return replayFrom(nca, cycle, startRow, offset, filter, false);
    }

    /** {@code branchState}: the slow branch as a state the voltage corrects. */
    private static LogReplay.Result replayFrom(
            Characterization nca,
            String cycle,
            int startRow,
            double offset,
            SocFilterKind filter,
            boolean branchState) {
        CellTestLog full = CellLogCsv.read(SharedData.file("panasonic_18650pf_nca/pan18650pf_25C_" + cycle + ".csv"));
        CellTestLog log = from(full, startRow);
        double start = Math.max(0, Math.min(1, log.socRef()[0] + offset));
        LogReplay.Result r = new LogReplay(
                        nca.cell(),
                        nca.hysteresis(),
                        EkfTuning.defaults(),
                        EkfAdaptation.resistance().withSlowBranchState(branchState),
                        600,
                        filter)
                .run(log, start);
        System.out.println(cycle + " from row " + startRow + " offset " + offset + " (" + filter + ", "
                + (nca.cell().slowPolarisation().isNone()
                        ? "no slow branch"
                        : branchState ? "slow branch as a state" : "slow branch")
                + "): "
                + r.summary().toJson());
        return r;
    }

    static CellTestLog from(CellTestLog log, int start) {
        int n = log.size();
        return new CellTestLog(
                log.source() + "@" + start,
                Arrays.copyOfRange(log.timeS(), start, n),
                Arrays.copyOfRange(log.currentA(), start, n),
                Arrays.copyOfRange(log.voltageV(), start, n),
                Arrays.copyOfRange(log.temperatureC(), start, n),
                Arrays.copyOfRange(log.capacityAh(), start, n),
                Arrays.copyOfRange(log.socRef(), start, n));
    }

    @ParameterizedTest
    @CsvSource({
        "US06,1500,0.3",
        "US06,1500,-0.3",
        "LA92,5000,0.3",
        "LA92,5000,-0.3",
        "Cycle_2,4000,0.3",
        "Cycle_2,4000,-0.3",
        "HWFTa,3000,0.3",
        "HWFTa,3000,-0.3"
    })
    void convergesWithinTenMinutesOfDrivingFromThirtyPercentOff(String cycle, int startRow, double offset) {
        assertMeetsTheTargets(replayFrom(cycle, startRow, offset));
    }
}
