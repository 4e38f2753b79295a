package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.characterization.SlowPolarisationFitter;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;
import org.qsebms.estimators.model.SlowPolarisation;

/**
 * The slow polarisation branch on a simulated cell whose truth has one (1000 s, 40 mOhm below SOC
 * 0.5, 10 mOhm above): the fitter recovers it from a log of the truth, and both filters with it
 * track the SOC better than without it, with the bound still covering the truth.
 */
class SlowPolarisationBranchTest {
    private static final EcmParameters MODEL = TestCells.ncmCell();

    private static final SlowPolarisation TRUE_BRANCH = new SlowPolarisation(
            1000,
            new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0},
            new double[] {0.04, 0.04, 0.04, 0.04, 0.04, 0.01, 0.01, 0.01, 0.01, 0.01});

    private static final EcmParameters TRUTH = MODEL.withSlowPolarisation(TRUE_BRANCH);

    /** Sustained discharges of random level (0.5-3 A) and length (5-25 min) with short rests, from full to ~10 %. */
    private static double[] sustainedDriving(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] amps = new double[8 * 3600];
        int k = 0;
        double ah = 0;
        double limit = 0.85 * MODEL.capacityAh();
        while (k < amps.length && ah < limit) {
            double level = -r.nextDouble(0.5, 3.0);
            int on = 300 + r.nextInt(1200);
            for (int j = 0; j < on && k < amps.length && ah < limit; j++, k++) {
                amps[k] = level;
                ah -= level / 3600;
            }
            k += 60 + r.nextInt(240);
        }
        return Arrays.copyOf(amps, Math.min(k, amps.length));
    }

    /** The truth's log with its SOC as soc_ref (1 s rows, 25 °C, 2 mV voltage noise). */
    private static CellTestLog log(double[] amps, long seed) {
        SplittableRandom noise = new SplittableRandom(seed);
        EquivalentCircuitCell truth = new EquivalentCircuitCell(TRUTH, 0.95, 25);
        int n = amps.length + 1;
        double[] t = new double[n];
        double[] i = new double[n];
        double[] v = new double[n];
        double[] c = new double[n];
        double[] soc = new double[n];
        double[] ah = new double[n];
        v[0] = truth.terminalVolts();
        soc[0] = truth.soc();
        c[0] = 25;
        for (int k = 1; k < n; k++) {
            truth.step(amps[k - 1], 1.0);
            t[k] = k;
            i[k] = amps[k - 1];
            v[k] = truth.terminalVolts() + 0.002 * noise.nextGaussian();
            c[k] = 25;
            soc[k] = truth.soc();
            ah[k] = ah[k - 1] + amps[k - 1] / 3600;
        }
        return new CellTestLog("simulated", t, i, v, c, ah, soc);
    }

    /**
     * Fitted from one seed's log (seed 101), the branch's time constant is the truth's and its
     * resistances are within 15 % of the truth's in the regions 0.2-0.8, which the log crosses after
     * the branch has built up (measured 2026-12-03: 39.3-40.7 and 8.7-10.2 mOhm against 40 and 10; the
     * first region the log crosses, 0.8-0.9, reads 15.2).
     */
    @org.junit.jupiter.api.Test
    void theFitterRecoversTheBranchFromASimulatedLog() {
        SlowPolarisationFitter.Fit fit =
                SlowPolarisationFitter.fit(MODEL, HysteresisModel.NONE, List.of(log(sustainedDriving(101), 101)));
        System.out.println(fit.note());
        assertThat(fit.slow().tauSeconds()).isEqualTo(1000);
        for (double soc = 0.25; soc < 0.8; soc += 0.1) {
            assertThat(fit.slow().ohmsAt(soc))
                    .as("R3 at SOC " + soc)
                    .isCloseTo(TRUE_BRANCH.ohmsAt(soc), within(0.15 * TRUE_BRANCH.ohmsAt(soc)));
        }
        assertThat(fit.rmsAfterVolts()).as("residual RMS after (V)").isLessThan(0.5 * fit.rmsBeforeVolts());
    }

    /**
     * Replayed from a start 10 % low on seeds 1-5 (not the fitter's), the filter with the truth's branch
     * has a lower SOC RMSE than the one without, and its bound covers the truth at least 95 % of the time
     * (measured 2026-12-03: EKF 0.01-0.04 % against 1.32-1.92 %, SPKF 0.03-0.05 % against 1.32-1.91 %,
     * coverage 100 % with and without; since the branch starts half-way to its steady state at the
     * first sample's current, which the truth at rest did not hold: EKF 0.18-0.39 %, SPKF 0.18-0.43 %).
     */
    @ParameterizedTest
    @ValueSource(strings = {"EKF", "SPKF"})
    void bothFiltersTrackTheSocBetterWithTheBranch(SocFilterKind kind) {
        for (long seed = 1; seed <= 5; seed++) {
            double[] amps = sustainedDriving(seed);
            CellTestLog log = log(amps, seed);
            double[] with = replay(kind, TRUTH, log, START_ERROR);
            double[] without = replay(kind, MODEL, log, START_ERROR);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "%s seed %d: RMSE %.2f %% coverage %.1f %% with the branch, %.2f %% / %.1f %% without%n",
                    kind,
                    seed,
                    100 * with[0],
                    100 * with[1],
                    100 * without[0],
                    100 * without[1]);
            assertThat(with[0]).as("RMSE with the branch, seed " + seed).isLessThan(without[0]);
            assertThat(with[1]).as("coverage with the branch, seed " + seed).isGreaterThanOrEqualTo(0.95);
        }
    }

    /**
     * A start mid-drive (a third of the way into the log, where the truth's 1000 s branch has built up): the
     * filters do not know the current before and start the branch half-way to its steady state, the
     * other half's doubt in the bound; on seeds 1-5 the bound still covers the truth at least 95 % of
     * the time after the first 600 s (from a start 10 % low; measured 2026-12-03: EKF and SPKF
     * 0.08-0.55 % RMSE, coverage 100 %).
     */
    @ParameterizedTest
    @ValueSource(strings = {"EKF", "SPKF"})
    void aStartMidDriveKeepsTheBoundHonest(SocFilterKind kind) {
        for (long seed = 1; seed <= 5; seed++) {
            CellTestLog full = log(sustainedDriving(seed), seed);
            CellTestLog log = fromRow(full, full.size() / 3);
            double[] with = replay(kind, TRUTH, log, START_ERROR);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "%s seed %d, started mid-drive: RMSE %.2f %% coverage %.1f %%%n",
                    kind,
                    seed,
                    100 * with[0],
                    100 * with[1]);
            assertThat(with[1]).as("coverage from mid-drive, seed " + seed).isGreaterThanOrEqualTo(0.95);
        }
    }

    /**
     * The branch as a state the voltage corrects ({@link EkfAdaptation#slowBranchState()}), on the
     * same logs: from the start at rest (the truth's branch 0, the filters' seed half-way to the
     * first sample's steady state) the voltage corrects the seed, so over seeds 1-5 the mean RMSE is
     * lower than with the seed's doubt only considered, for both filters; from the mid-drive start
     * the bound still covers the truth at least 95 % of the time, every seed (measured 2026-12-03: EKF
     * 0.17-0.30 % against 0.18-0.39 %, SPKF 0.17-0.32 % against 0.18-0.43 %, lower on every seed;
     * mid-drive 0.07-0.55 %, coverage 100 %).
     */
    @ParameterizedTest
    @ValueSource(strings = {"EKF", "SPKF"})
    void theBranchAsAStateCorrectsItsStartSeed(SocFilterKind kind) {
        EkfAdaptation state = EkfAdaptation.OFF.withSlowBranchState(true);
        double sumState = 0;
        double sumConsidered = 0;
        for (long seed = 1; seed <= 5; seed++) {
            CellTestLog full = log(sustainedDriving(seed), seed);
            double[] asState = replay(kind, TRUTH, full, START_ERROR, state);
            double[] considered = replay(kind, TRUTH, full, START_ERROR, EkfAdaptation.OFF);
            double[] midDrive = replay(kind, TRUTH, fromRow(full, full.size() / 3), START_ERROR, state);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "%s seed %d, branch as a state: RMSE %.2f %% coverage %.1f %% (considered: %.2f %% / %.1f %%);"
                            + " mid-drive %.2f %% / %.1f %%%n",
                    kind,
                    seed,
                    100 * asState[0],
                    100 * asState[1],
                    100 * considered[0],
                    100 * considered[1],
                    100 * midDrive[0],
                    100 * midDrive[1]);
            assertThat(asState[1]).as("coverage as a state, seed " + seed).isGreaterThanOrEqualTo(0.95);
            assertThat(midDrive[1])
                    .as("coverage as a state from mid-drive, seed " + seed)
                    .isGreaterThanOrEqualTo(0.95);
            sumState += asState[0];
            sumConsidered += considered[0];
        }
        assertThat(sumState / 5).as("mean RMSE as a state, against considered").isLessThan(sumConsidered / 5);
    }

    /** {@code log} from row {@code start} on, its time starting again at 0. */
    private static CellTestLog fromRow(CellTestLog log, int start) {
        int n = log.size();
        double[] t = Arrays.copyOfRange(log.timeS(), start, n);
        double t0 = t[0];
        for (int k = 0; k < t.length; k++) {
            t[k] -= t0;
        }
        return new CellTestLog(
                log.source() + "@" + start,
                t,
                Arrays.copyOfRange(log.currentA(), start, n),
                Arrays.copyOfRange(log.voltageV(), start, n),
                Arrays.copyOfRange(log.temperatureC(), start, n),
                Arrays.copyOfRange(log.capacityAh(), start, n),
                Arrays.copyOfRange(log.socRef(), start, n));
    }

    /** The filters start this far off the truth (the test is of the model, not of convergence). */
    static final double START_ERROR = -0.1;

    /** {RMSE, coverage} after the first 600 s, from a start {@code startError} off. */
    private static double[] replay(SocFilterKind kind, EcmParameters cell, CellTestLog log, double startError) {
        return replay(kind, cell, log, startError, EkfAdaptation.OFF);
    }

    private static double[] replay(
            SocFilterKind kind, EcmParameters cell, CellTestLog log, double startError, EkfAdaptation adaptation) {
        SocFilter filter = kind.create(cell, HysteresisModel.NONE, EkfTuning.defaults(), adaptation, 1);
        filter.setCellSoc(0, log.socRef()[0] + startError);
        double[] v = new double[1];
        double[] t = {25};
        double sum = 0;
        int inside = 0;
        int n = 0;
        for (int k = 1; k < log.size(); k++) {
            v[0] = log.voltageV()[k];
            filter.update(log.currentA()[k], v, t, 1.0);
            if (log.timeS()[k] >= 600) {
                double error = filter.cellSoc(0) - log.socRef()[k];
                sum += error * error;
                inside += Math.abs(error) <= filter.cellSocBound3Sigma(0) ? 1 : 0;
                n++;
            }
        }
        return new double[] {Math.sqrt(sum / n), (double) inside / n};
    }
}
