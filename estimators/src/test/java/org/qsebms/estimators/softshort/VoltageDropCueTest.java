package org.qsebms.estimators.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The abrupt-drop cue on a simulated 12-cell string (2.5 mV noise, 2 % capacity and 5 % resistance
 * spread) cycling with current steps every minute and never resting long enough for the rest cue:
 * one cell suffers micro-shorts (3 ohm for 1 s, about every 5 min: a drop of about 38 mV against
 * the default counting threshold of 21 mV, 5 sigma of the difference of two readings at 3 mV noise).
 */
class VoltageDropCueTest {
    static final int CELLS = 12;
    static final double DT = 0.1;

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void flagsACellWithRepeatedMicroShortsWithinAnHourAndCountsNoOtherCell(long seed) {
        int shorted = (int) (seed % CELLS);
        SimulatedString string = new SimulatedString(seed, CELLS, 0.6, 0.0025, 0.02, 0.05);
        string.microShorts(shorted, 3, 1.0, 300);
        VoltageDropCue cue = new VoltageDropCue(
                SimulatedString.NOMINAL,
                CELLS,
                SoftShortSettings.defaults(new RestSelfDischargeSettings(0.05, 1800, 0.003, 5), 2.0)
                        .drops());
        double detectedAt = -1;
        int injectedAtDetection = 0;
        for (int k = 0; k < (int) (2 * 3600 / DT); k++) {
            double t = k * DT;
            double amps = SimulatedString.cyclingAmps(t);
            string.step(amps, DT);
            cue.update(amps, string.volts(), DT);
            if (detectedAt < 0 && cue.evidence(shorted) >= 1) {
                detectedAt = t;
                injectedAtDetection = string.microShortsSoFar();
            }
        }
        long otherDrops = 0;
        for (int i = 0; i < CELLS; i++) {
            otherDrops += i == shorted ? 0 : cue.drops(i);
        }
        System.out.printf(
                "drops: seed %d flagged after %.0f s (%d micro-shorts injected by then), counted %d of %d, "
                        + "largest %.1f mV, other cells %d%n",
                seed,
                detectedAt,
                injectedAtDetection,
                cue.drops(shorted),
                string.microShortsSoFar(),
                1000 * cue.largestDropVolts(shorted),
                otherDrops);
        assertThat(detectedAt).as("seconds to flag by drops alone").isBetween(0.0, 3600.0);
        assertThat(cue.drops(shorted))
                .as("drops counted vs micro-shorts injected")
                .isBetween(1L, (long) string.microShortsSoFar());
        assertThat(otherDrops).as("drops counted on healthy cells").isZero();
    }

    /**
     * A reading stepped by a sensor or channel fault (the random-scenario oracle's false alarms, issue
     * 23: -1.16 V to +0.69 V for a few seconds on one healthy cell, the string at rest with a few mA
     * of current noise) is no micro-short: the step is larger than any soft short can cause, and the
     * step back must not teach the resistance fit a difference of ohms that turns every later
     * current-noise step into a drop. Before the fix: 4 or more drops within 20 s after the step.
     */
    @ParameterizedTest
    @CsvSource({"-1.16, 6.6, 31", "-0.52, 4.6, 32", "0.69, 60, 33", "0.59, 7.1, 34", "-0.87, 13.2, 35"})
    void aSensorStepOnAHealthyCellCountsNoDrop(double offsetVolts, double forSeconds, long seed) {
        double dt = 0.25;
        SimulatedString string = new SimulatedString(seed, 6, 0.6, 0.001, 0.02, 0.05);
        VoltageDropCue cue = new VoltageDropCue(
                SimulatedString.NOMINAL,
                6,
                SoftShortSettings.defaults(new RestSelfDischargeSettings(0.05, 1800, 0.003, 5), 2.0)
                        .drops());
        SplittableRandom currentNoise = new SplittableRandom(seed);
        double[] read = new double[6];
        for (int k = 0; k < (int) (60 / dt); k++) {
            double t = k * dt;
            double amps = 0.012 * currentNoise.nextGaussian();
            string.step(amps, dt);
            System.arraycopy(string.volts(), 0, read, 0, 6);
            if (t >= 3 && t < 3 + forSeconds) {
                read[2] += offsetVolts;
            }
            cue.update(amps, read, dt);
        }
        System.out.printf(
                "sensor step %+.2f V for %.1f s: %d drops counted on the stepped cell%n",
                offsetVolts, forSeconds, cue.drops(2));
        assertThat(cue.drops(2))
                .as("drops counted on the cell whose reading stepped")
                .isZero();
    }

    /**
     * The same micro-shorting string as above, while a healthy cell's reading is offset by a sensor
     * step (-0.8 V, then +0.6 V, each for 6 s) that begins and ends exactly on 1 A current steps of the
     * cycling: the shorted cell is still flagged within the hour, and no drop is counted on any other
     * cell (the steps neither count nor teach the resistance fit a difference the current steps would
     * then read as drops).
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 23})
    void aSensorStepOnAnotherCellDuringLoadStepsNeitherCountsNorHidesTheMicroShorts(long seed) {
        int shorted = (int) (seed % CELLS);
        int stepped = (shorted + 5) % CELLS;
        SimulatedString string = new SimulatedString(seed, CELLS, 0.6, 0.0025, 0.02, 0.05);
        string.microShorts(shorted, 3, 1.0, 300);
        VoltageDropCue cue = new VoltageDropCue(
                SimulatedString.NOMINAL,
                CELLS,
                SoftShortSettings.defaults(new RestSelfDischargeSettings(0.05, 1800, 0.003, 5), 2.0)
                        .drops());
        double[] read = new double[CELLS];
        double detectedAt = -1;
        for (int k = 0; k < (int) (3600 / DT); k++) {
            double t = k * DT;
            double amps = SimulatedString.cyclingAmps(t);
            string.step(amps, DT);
            System.arraycopy(string.volts(), 0, read, 0, CELLS);
            if (k >= 6000 && k < 6060) { // 600.0 s to 606.0 s, on the current step at 600 s
                read[stepped] -= 0.8;
            }
            if (k >= 11400 && k < 11460) { // 1140.0 s to 1146.0 s
                read[stepped] += 0.6;
            }
            cue.update(amps, read, DT);
            if (detectedAt < 0 && cue.evidence(shorted) >= 1) {
                detectedAt = t;
            }
        }
        long otherDrops = 0;
        for (int i = 0; i < CELLS; i++) {
            otherDrops += i == shorted ? 0 : cue.drops(i);
        }
        System.out.printf(
                "drops beside sensor steps: seed %d flagged after %.0f s, counted %d of %d, other cells %d%n",
                seed, detectedAt, cue.drops(shorted), string.microShortsSoFar(), otherDrops);
        assertThat(detectedAt).as("seconds to flag by drops alone").isBetween(0.0, 3600.0);
        assertThat(otherDrops)
                .as("drops counted on healthy cells, one of them stepped")
                .isZero();
    }

    /**
     * A cell of lower resistance (heated behind frozen thermistors, which still read the string's -3.3 °C) under
     * current steps the reading does not show (stuck at 0 A): on each step up the other cells rise as one by 45 mV
     * and this cell by 10 mV, the figures of oracle seed 5023710 (fix23bv's trace, 1000 ms loop). Its shortfall is at
     * most the string's whole rise, so no drop; the same cell falling 35 mV against a steady string still counts (the
     * control). Without fix23be's rise term in the bound each step up counted as a drop.
     */
    @Test
    void aLowerResistanceCellRisingLessThanTheStringUnderAnUnreadStepIsNoDrop() {
        int cells = 7;
        int warm = 1;
        double dt = 1.0;
        VoltageDropCue cue = new VoltageDropCue(
                SimulatedString.NOMINAL,
                cells,
                SoftShortSettings.defaults(new RestSelfDischargeSettings(0.05, 1800, 0.003, 5), 1.0)
                        .drops());
        double[] celsius = new double[cells];
        java.util.Arrays.fill(celsius, -3.3);
        double[] read = new double[cells];
        for (int k = 0; k < 40; k++) {
            boolean pulse = k % 4 == 1;
            for (int i = 0; i < cells; i++) {
                read[i] = 4.18 + (pulse ? (i == warm ? 0.010 : 0.045) : 0.0);
            }
            cue.update(0.0, read, null, celsius, dt);
        }
        assertThat(cue.drops(warm))
                .as("drops counted on the warm cell's smaller rises")
                .isZero();
        read[warm] -= 0.035;
        cue.update(0.0, read, null, celsius, dt);
        assertThat(cue.drops(warm))
                .as("control: a 35 mV fall against a steady string")
                .isEqualTo(1);
    }

    /**
     * A reading that steps while the readings are not valid (another channel reports a fault and the
     * controller skips the tick): four times a 60 mV fall of one healthy cell's reading, each within
     * a 5 s gap, at rest. Told of each skipped tick the detector counts none of them; fed the same
     * readings without being told, it compares across each gap and counts each as a drop (the control).
     */
    @Test
    void aStepWhileTheReadingsAreInvalidIsNoDrop() {
        double[] told = fallsAcrossGaps(true);
        double[] untold = fallsAcrossGaps(false);
        System.out.printf(
                "falls across invalid gaps: %.2f drops when told of the gaps, %.2f when not%n", told[0], untold[0]);
        assertThat(untold[0])
                .as("control: drops counted across the gaps when not told")
                .isGreaterThan(3.5);
        assertThat(untold[1]).as("control: flagged").isEqualTo(1.0);
        assertThat(told[0]).as("drops counted across the gaps when told").isZero();
        assertThat(told[1]).as("flagged").isZero();
    }

    /** @return the stepped cell's recent drops and 1 if it was flagged, 0 if not */
    private static double[] fallsAcrossGaps(boolean tellGaps) {
        int cells = 6;
        int stepped = 2;
        double dt = 0.25;
        SimulatedString string = new SimulatedString(41, cells, 0.6, 0.001, 0.02, 0.05);
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, cells, 0.05, 1800, 0.003, 5);
        double[] read = new double[cells];
        double offset = 0;
        for (int k = 0; k < (int) (195 / dt); k++) {
            double t = k * dt;
            string.step(0.0, dt);
            double intoEpisode = t % 45;
            boolean gap = t > 30 && intoEpisode >= 30 && intoEpisode < 35;
            if (gap && intoEpisode == 32) {
                offset -= 0.060;
            }
            if (gap) {
                if (tellGaps) {
                    detector.skipInvalidSample();
                }
                continue;
            }
            System.arraycopy(string.volts(), 0, read, 0, cells);
            read[stepped] += offset;
            detector.update(0.0, read, string.soc(), dt);
        }
        return new double[] {detector.recentVoltageDrops(stepped), detector.isFlagged(stepped) ? 1 : 0};
    }
}
