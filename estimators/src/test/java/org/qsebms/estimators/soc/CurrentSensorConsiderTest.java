package org.qsebms.estimators.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/**
 * The bound's share of the current sensor's offset and gain error ({@link CurrentSensorConsider})
 * against a simulated cell whose truth is known: both filters are given the cell's own model with a
 * 2 mV OCV doubt (the table is the truth's, so the OCV leaves no slack for another error to hide in),
 * no offset state, and a sensor at its rated limits that reads {@code (1 + gainError) true + offset}
 * over a 4 h drive with pauses from SOC 0.95 to about 0.2.
 */
class CurrentSensorConsiderTest {

    private record Run(double coverage, double maxError, double medianBound) {}

    private static Run drive(SocFilter filter, double offsetAmps, double gain, long seed) {
        EquivalentCircuitCell truth = new EquivalentCircuitCell(TestCells.ncmCell(), 0.95, 25);
        filter.setCellSoc(0, 0.95);
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[1];
        double[] t = {25};
        int steps = 4 * 3600;
        double[] bounds = new double[steps - 600];
        int scored = 0;
        int covered = 0;
        double maxError = 0;
        double amps = 0;
        // 20 min of drive (mean about C/3 discharge), then 10 min of rest, repeated
        for (int k = 0; k < steps; k++) {
            boolean resting = k % 1800 >= 1200;
            if (k % (5 + r.nextInt(30)) == 0) {
                amps = r.nextDouble(-1.6, 0.5);
            }
            double trueAmps = resting ? 0 : amps;
            truth.step(trueAmps, 1.0);
            v[0] = truth.terminalVolts() + 0.002 * r.nextGaussian();
            filter.update(gain * trueAmps + offsetAmps + 0.01 * r.nextGaussian(), v, t, 1.0);
            if (k >= 600) {
                double e = Math.abs(filter.cellSoc(0) - truth.soc());
                maxError = Math.max(maxError, e);
                covered += e <= filter.cellSocBound3Sigma(0) ? 1 : 0;
                bounds[scored++] = filter.cellSocBound3Sigma(0);
            }
        }
        java.util.Arrays.sort(bounds);
        return new Run(covered / (double) scored, maxError, bounds[scored / 2]);
    }

    private static EkfTuning tuning(double offsetLimitAmps, double gainLimit) {
        return EkfTuning.defaults().toBuilder()
                .ocvSigmaVolts(0.002)
                .currentOffsetLimitAmps(offsetLimitAmps)
                .currentGainErrorLimit(gainLimit)
                .build();
    }

    @ParameterizedTest(name = "sensor offset {0} A, gain {1}")
    @CsvSource({"0.05, 1, 1", "-0.05, 1, 2", "0, 1.03, 3", "0, 0.97, 4", "0.02, 0.98, 5"})
    void aSensorAtItsRatedLimitsStaysInsideTheBoundOfBothFilters(double offsetAmps, double gain, long seed) {
        EcmParameters cell = TestCells.ncmCell();
        EkfTuning rated = tuning(0.05, 0.03);
        Run ekf = drive(
                new EkfSocEstimator(cell, HysteresisModel.NONE, rated, EkfAdaptation.resistance(), 1),
                offsetAmps,
                gain,
                seed);
        Run spkf = drive(
                new SpkfSocEstimator(cell, HysteresisModel.NONE, rated, EkfAdaptation.resistance(), 1),
                offsetAmps,
                gain,
                seed);
        Run blind = drive(
                new EkfSocEstimator(cell, HysteresisModel.NONE, tuning(0, 0), EkfAdaptation.resistance(), 1),
                offsetAmps,
                gain,
                seed);
        System.out.printf(
                Locale.ROOT,
                "offset %+.3f A, gain %.2f: coverage EKF %.1f %% (max error %.2f %%, median bound %.2f %%), SPKF %.1f %% "
                        + "(%.2f %%, %.2f %%), EKF without the sensor's share %.1f %% (median bound %.2f %%)%n",
                offsetAmps,
                gain,
                100 * ekf.coverage(),
                100 * ekf.maxError(),
                100 * ekf.medianBound(),
                100 * spkf.coverage(),
                100 * spkf.maxError(),
                100 * spkf.medianBound(),
                100 * blind.coverage(),
                100 * blind.medianBound());
        assertThat(ekf.coverage()).as("EKF coverage").isGreaterThanOrEqualTo(0.95);
        assertThat(spkf.coverage()).as("SPKF coverage").isGreaterThanOrEqualTo(0.95);
        if (offsetAmps != 0) {
            // the share is what holds it: without it the same filter's bound misses an offset's error (a gain
            // error on this drive, which charges between discharges, is corrected by the voltage fast enough)
            assertThat(blind.coverage())
                    .as("coverage without the sensor's share")
                    .isLessThan(0.95);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"6", "7"})
    void aPerfectSensorWidensTheBoundOnlyByTheRatedLimitsShare(long seed) {
        EcmParameters cell = TestCells.ncmCell();
        Run rated = drive(
                new EkfSocEstimator(cell, HysteresisModel.NONE, tuning(0.05, 0.03), EkfAdaptation.resistance(), 1),
                0,
                1,
                seed);
        Run none = drive(
                new EkfSocEstimator(cell, HysteresisModel.NONE, tuning(0, 0), EkfAdaptation.resistance(), 1),
                0,
                1,
                seed);
        assertThat(rated.coverage()).isGreaterThanOrEqualTo(0.95);
        assertThat(none.coverage()).isGreaterThanOrEqualTo(0.95);
        // the estimate does not read the share: the same error, a wider bound
        assertThat(rated.maxError()).isEqualTo(none.maxError());
        assertThat(rated.medianBound()).isGreaterThan(none.medianBound());
    }

    /**
     * With nothing flowing (the contactors open, {@link SocEstimator#updateWithNothingFlowing}) the sensor's offset
     * adds nothing to the bound: 6 h at rest on a flat LFP plateau, where the voltage cannot pull the offset's share
     * back, end with exactly the bound of a filter rated with no offset at all, and a tighter one than the same rest
     * counted as a zero reading ({@link SocEstimator#update} with 0 A), which must allow for the offset.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ekf", "spkf"})
    void nothingFlowingAddsNoOffsetShare(String kind) {
        EcmParameters cell = TestCells.flatLfpCell();
        SocFilter open = filter(kind, cell, tuning(0.05, 0.03));
        SocFilter zeroReading = filter(kind, cell, tuning(0.05, 0.03));
        SocFilter noOffset = filter(kind, cell, tuning(0, 0.03));
        EquivalentCircuitCell truth = new EquivalentCircuitCell(cell, 0.5, 25);
        double[] v = new double[1];
        double[] t = {25};
        for (SocFilter f : new SocFilter[] {open, zeroReading, noOffset}) {
            f.setCellSoc(0, 0.5);
        }
        for (int k = 0; k < 6 * 3600; k++) {
            truth.step(0, 1.0);
            v[0] = truth.terminalVolts();
            open.updateWithNothingFlowing(v, t, 1.0);
            zeroReading.update(0.0, v, t, 1.0);
            noOffset.update(0.0, v, t, 1.0);
        }
        System.out.printf(
                Locale.ROOT,
                "%s, 6 h at rest on the LFP plateau: bound %.4f with nothing flowing, %.4f as a zero reading, %.4f"
                        + " rated with no offset%n",
                kind,
                open.cellSocBound3Sigma(0),
                zeroReading.cellSocBound3Sigma(0),
                noOffset.cellSocBound3Sigma(0));
        assertThat(open.cellSocBound3Sigma(0)).isCloseTo(noOffset.cellSocBound3Sigma(0), within(1e-12));
        assertThat(open.cellSocBound3Sigma(0)).isLessThan(zeroReading.cellSocBound3Sigma(0) - 0.01);
        assertThat(Math.abs(open.cellSoc(0) - truth.soc())).isLessThanOrEqualTo(open.cellSocBound3Sigma(0));
        // after the rest the offset counts again: an hour of it, 3 x 50 mA / sqrt(3) x 1 h over 2 Ah = 0.043 in 3 sigma
        for (int k = 0; k < 3600; k++) {
            truth.step(0, 1.0);
            v[0] = truth.terminalVolts();
            open.update(0.0, v, t, 1.0);
            noOffset.update(0.0, v, t, 1.0);
        }
        double withOffset = open.cellSocBound3Sigma(0);
        double without = noOffset.cellSocBound3Sigma(0);
        assertThat(Math.sqrt(withOffset * withOffset - without * without)).isGreaterThan(0.03);
    }

    /**
     * A sensor whose zero is off by 0.2 A against its 50 mA rating (what the controller measures with the contactors
     * open and passes on, {@link SocEstimator#currentOffsetBeyondRating}): told the 0.15 A beyond the rating, each
     * filter's bound holds the truth over the whole drive; not told, the same filter's bound misses it at times. Told 0 again, the share goes back
     * to the rating's from then on (the error so far kept): the bound then lies between the two.
     */
    @ParameterizedTest(name = "{0}, sensor offset {1} A")
    @CsvSource({"ekf, 0.2, 8", "ekf, -0.2, 9", "spkf, 0.2, 10", "spkf, -0.2, 11"})
    void anOffsetBeyondTheRatingIsInsideTheBoundOnceTold(String kind, double offsetAmps, long seed) {
        EcmParameters cell = TestCells.ncmCell();
        SocFilter told = filter(kind, cell, tuning(0.05, 0.03));
        told.currentOffsetBeyondRating(Math.abs(offsetAmps) - 0.05);
        Run withExcess = drive(told, offsetAmps, 1, seed);
        Run without = drive(filter(kind, cell, tuning(0.05, 0.03)), offsetAmps, 1, seed);
        System.out.printf(
                Locale.ROOT,
                "%s, offset %+.2f A against a 0.05 A rating: coverage %.1f %% told the excess (max error %.2f %%, median"
                        + " bound %.2f %%), %.1f %% not told (%.2f %%, %.2f %%)%n",
                kind,
                offsetAmps,
                100 * withExcess.coverage(),
                100 * withExcess.maxError(),
                100 * withExcess.medianBound(),
                100 * without.coverage(),
                100 * without.maxError(),
                100 * without.medianBound());
        // told, no sample outside the bound; not told, the bound misses the truth on some (0.6-3.6 % of the drive
        // when measured, each seed's error up to 1.5 to 2 times its median bound)
        assertThat(withExcess.coverage()).as("told").isEqualTo(1.0);
        assertThat(without.coverage()).as("not told").isLessThan(1.0);
        assertThat(withExcess.maxError())
                .as("the estimate does not read the share")
                .isEqualTo(without.maxError());
        // told 0 again: from the same state, the share grows at the rating's pace, slower than told and no faster
        // than never told
        SocFilter back = filter(kind, cell, tuning(0.05, 0.03));
        SocFilter stays = filter(kind, cell, tuning(0.05, 0.03));
        SocFilter never = filter(kind, cell, tuning(0.05, 0.03));
        back.currentOffsetBeyondRating(0.15);
        stays.currentOffsetBeyondRating(0.15);
        double[] v = {3.9};
        double[] t = {25};
        for (SocFilter f : new SocFilter[] {back, stays, never}) {
            f.setCellSoc(0, 0.6);
        }
        for (int k = 0; k < 7200; k++) {
            if (k == 1800) {
                back.currentOffsetBeyondRating(0.0);
            }
            for (SocFilter f : new SocFilter[] {back, stays, never}) {
                f.update(-0.5, v, t, 1.0);
            }
        }
        assertThat(back.cellSocBound3Sigma(0)).isLessThan(stays.cellSocBound3Sigma(0));
        assertThat(back.cellSocBound3Sigma(0)).isGreaterThan(never.cellSocBound3Sigma(0));
    }

    private static SocFilter filter(String kind, EcmParameters cell, EkfTuning tuning) {
        return kind.equals("ekf")
                ? new EkfSocEstimator(cell, HysteresisModel.NONE, tuning, EkfAdaptation.resistance(), 1)
                : new SpkfSocEstimator(cell, HysteresisModel.NONE, tuning, EkfAdaptation.resistance(), 1);
    }
}
