package org.qsebms.estimators.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Packs of two cells (check23r): every cue compares a cell with the others, and against the median of both cells
 * (their mean) a leak read as half of what it is, or not at all (the rest cue needed three cells). Each cell is now
 * judged against the other. Simulated truth: the short's leak is the cell's volts over its ohms.
 */
class SmallPackSoftShortTest {
    private static final double DT = 1.0;

    /** A 300 ohm short (about 12 mA) at rest from 60 % SOC: flagged on its cell, its leak within 30 %. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aShortInATwoCellPackAtRestIsFlaggedWithItsLeakWithinThirtyPercent(long seed) {
        int shorted = (int) (seed % 2);
        SimulatedString string = new SimulatedString(seed, 2, 0.6, 0.001, 0.02, 0.05);
        string.shortCell(shorted, 300);
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, 2, 0.05, 1800, 0.003, 5);
        double flaggedAt = -1;
        double trueAmps = Double.NaN;
        for (int k = 0; k < (int) (4 * 3600 / DT); k++) {
            string.step(0.0, DT);
            detector.update(0.0, string.volts(), string.soc(), DT);
            assertThat(detector.isFlagged(1 - shorted))
                    .as("the healthy cell flagged")
                    .isFalse();
            if (flaggedAt < 0 && detector.isFlagged(shorted)) {
                flaggedAt = k * DT;
                trueAmps = string.leakAmps(shorted);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "2 cells at rest, seed %d: 300 ohm flagged at %.0f s, leak %.1f mA (true %.1f mA)%n",
                seed,
                flaggedAt,
                1000 * detector.leakAmps(shorted),
                1000 * trueAmps);
        assertThat(flaggedAt).as("seconds to the flag").isBetween(0.0, 2 * 3600.0);
        assertThat(detector.leakAmps(shorted)).isBetween(0.7 * trueAmps, 1.3 * trueAmps);
    }

    /**
     * A 150 ohm short (about 25 mA) in a cycling 2-cell pack (never a rest long enough for the rest cue): the SOC
     * drift against the other cell flags it, its leak within 30 % at the end of 8 h (check23r on the whole
     * controller: 11.5 mA for a true 25 mA against the mean of both cells). At the flag (3.0-3.1 h) it reads 16-17 mA
     * here, 33-36 % low: this string's SOC comes from a plain EKF that corrects a leak with a lag; the controller's
     * drift cue reads a leak-following filter (SoftShortScenarioTest: 23.1 mA at the flag).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aShortInACyclingTwoCellPackIsFlaggedWithItsLeakWithinThirtyPercent(long seed) {
        int shorted = (int) (seed % 2);
        SimulatedString string = new SimulatedString(seed, 2, 0.6, 0.0025, 0.02, 0.05);
        string.shortCell(shorted, 150);
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, 2, 0.05, 1800, 0.003, 5);
        double flaggedAt = -1;
        double trueAmps = Double.NaN;
        double leakAtFlag = Double.NaN;
        for (int k = 0; k < (int) (8 * 3600 / DT); k++) {
            double amps = SimulatedString.cyclingAmps(k * DT);
            string.step(amps, DT);
            detector.update(amps, string.volts(), string.soc(), DT);
            assertThat(detector.isFlagged(1 - shorted))
                    .as("the healthy cell flagged")
                    .isFalse();
            if (flaggedAt < 0 && detector.isFlagged(shorted)) {
                flaggedAt = k * DT;
                trueAmps = string.leakAmps(shorted);
                leakAtFlag = detector.leakAmps(shorted);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "2 cells cycling, seed %d: 150 ohm flagged at %.0f s, leak %.1f mA (true %.1f mA), at 8 h %.1f mA%n",
                seed,
                flaggedAt,
                1000 * leakAtFlag,
                1000 * trueAmps,
                1000 * detector.leakAmps(shorted));
        assertThat(flaggedAt).as("seconds to the flag").isBetween(0.0, 8 * 3600.0);
        assertThat(detector.leakAmps(shorted)).as("leak at 8 h").isBetween(0.7 * trueAmps, 1.3 * trueAmps);
    }

    /** Healthy 2-cell packs, 8 h at rest and 8 h cycling: no cell flagged, no score at its threshold. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void aHealthyTwoCellPackIsNotFlaggedAtRestOrCycling(long seed) {
        for (boolean cycling : new boolean[] {false, true}) {
            SimulatedString string = new SimulatedString(seed, 2, 0.6, 0.0025, 0.02, 0.05);
            SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, 2, 0.05, 1800, 0.003, 5);
            double maxScore = 0;
            for (int k = 0; k < (int) (8 * 3600 / DT); k++) {
                double amps = cycling ? SimulatedString.cyclingAmps(k * DT) : 0.0;
                string.step(amps, DT);
                detector.update(amps, string.volts(), string.soc(), DT);
                for (int i = 0; i < 2; i++) {
                    maxScore = Math.max(maxScore, detector.score(i));
                    assertThat(detector.isFlagged(i))
                            .as("healthy cell %d flagged, %s, seed %d", i + 1, cycling ? "cycling" : "rest", seed)
                            .isFalse();
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "healthy 2 cells %s, seed %d: highest score %.3f%n",
                    cycling ? "cycling" : "at rest",
                    seed,
                    maxScore);
            assertThat(maxScore).isLessThan(detector.scoreThreshold());
        }
    }

    /** One cell has no reference: the detector does not compare it with others (its own rest judges it), two do. */
    @org.junit.jupiter.api.Test
    void aLoneCellIsNotComparedAndTwoAre() {
        assertThat(new SoftShortDetector(SimulatedString.NOMINAL, 1, 0.05, 1800, 0.003, 5).comparesCells())
                .isFalse();
        assertThat(new SoftShortDetector(SimulatedString.NOMINAL, 2, 0.05, 1800, 0.003, 5).comparesCells())
                .isTrue();
        assertThat(SoftShortDetector.MIN_CELLS).isEqualTo(2);
    }
}
