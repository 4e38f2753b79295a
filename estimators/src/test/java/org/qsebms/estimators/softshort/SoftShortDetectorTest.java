package org.qsebms.estimators.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.EquivalentCircuitCell;

/**
 * Simulated string of 12 cells with 3 % capacity and 10 % resistance spread, 1 mV voltage noise:
 * a 1C discharge for 30 min, then rest. A 500 ohm short across one cell must be flagged within
 * 2 h of rest; healthy strings must stay silent for 24 h.
 */
class SoftShortDetectorTest {
    static final int CELLS = 12;
    static final double DT = 10;

    /** @return seconds of rest until the shorted cell was flagged (or -1), and whether any healthy cell was */
    static double[] simulate(long seed, int shortedCell, double restHours) {
        SplittableRandom r = new SplittableRandom(seed);
        EcmParameters nominal = EcmParameters.builder()
                .capacityAh(2.0)
                .r0Ohms(0.03)
                .r1Ohms(0.015)
                .tau1Seconds(8)
                .r2Ohms(0.012)
                .tau2Seconds(150)
                .activationEnergyJPerMol(20000)
                .ocv(SimulatedString.ocv())
                .build();
        EquivalentCircuitCell[] pack = new EquivalentCircuitCell[CELLS];
        for (int i = 0; i < CELLS; i++) {
            pack[i] = new EquivalentCircuitCell(
                    nominal.scaled(1 + 0.03 * r.nextGaussian(), 1 + 0.1 * r.nextGaussian()), 0.9, 25);
        }
        SoftShortDetector detector = new SoftShortDetector(nominal, CELLS, 0.05, 1800, 0.003, 5);
        double[] v = new double[CELLS];
        double[] soc = new double[CELLS];
        double detectedAt = -1;
        boolean falseAlarm = false;
        int driveSteps = (int) (1800 / DT);
        int restSteps = (int) (restHours * 3600 / DT);
        for (int k = 0; k < driveSteps + restSteps; k++) {
            double packAmps = k < driveSteps ? -2.0 : 0.0;
            for (int i = 0; i < CELLS; i++) {
                double leak = i == shortedCell ? pack[i].terminalVolts() / 500.0 : 0;
                pack[i].step(packAmps - leak, DT);
                v[i] = pack[i].terminalVolts() + 0.001 * r.nextGaussian();
                soc[i] = pack[i].soc();
            }
            detector.update(packAmps, v, soc, DT);
            for (int i = 0; i < CELLS; i++) {
                if (detector.isFlagged(i)) {
                    if (i == shortedCell && detectedAt < 0) {
                        detectedAt = (k - driveSteps + 1) * DT;
                    } else if (i != shortedCell) {
                        falseAlarm = true;
                    }
                }
            }
        }
        return new double[] {detectedAt, falseAlarm ? 1 : 0};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void flagsA500OhmShortWithinTwoHoursOfRest(long seed) {
        double[] result = simulate(seed, (int) (seed % CELLS), 2.0);
        System.out.println("soft short detected after " + result[0] + " s of rest (seed " + seed + ")");
        assertThat(result[0]).as("seconds of rest to detection").isBetween(0.0, 7200.0);
        assertThat(result[1]).as("false alarm on a healthy cell").isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void staysSilentOnHealthyCellsFor24Hours(long seed) {
        double[] result = simulate(seed, -1, 24.0);
        assertThat(result[1]).as("false alarm").isZero();
    }

    /**
     * All three cues on a healthy 12-cell string with realistic noise (2.5 mV, 5 % resistance and
     * 2 % capacity spread, SOC from an EKF): 12 h of cycling with current steps, then 12 h of rest,
     * at the 0.1 s control tick. No cell may reach the score threshold.
     */
    @ParameterizedTest
    @ValueSource(longs = {51, 52})
    void staysSilentOnAHealthyNoisyStringThroughADayOfCyclingAndRest(long seed) {
        double dt = 0.1;
        SimulatedString string = new SimulatedString(seed, CELLS, 0.6, 0.0025, 0.02, 0.05);
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, CELLS, 0.05, 1800, 0.003, 5);
        double maxScore = 0;
        long flaggedTicks = 0;
        double maxDrops = 0;
        double maxDrift = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < (int) (24 * 3600 / dt); k++) {
            double t = k * dt;
            double amps = t < 12 * 3600 ? SimulatedString.cyclingAmps(t) : 0.0;
            string.step(amps, dt);
            detector.update(amps, string.volts(), string.soc(), dt);
            for (int i = 0; i < CELLS; i++) {
                maxScore = Math.max(maxScore, detector.score(i));
                maxDrops = Math.max(maxDrops, detector.recentVoltageDrops(i));
                maxDrift = Math.max(maxDrift, detector.socDriftPerHour(i));
                flaggedTicks += detector.isFlagged(i) ? 1 : 0;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "healthy 24 h, seed %d: highest score %.3f, most recent drops %.2f, " + "largest SOC drift %.3f %%/h%n",
                seed,
                maxScore,
                maxDrops,
                100 * maxDrift);
        assertThat(flaggedTicks).as("cell-ticks flagged").isZero();
        assertThat(maxScore).isLessThan(detector.scoreThreshold());
    }

    /**
     * A cell with a 200 ohm leak and 3 ohm micro-shorts every 5 min, 3 h of cycling then 1 h of
     * rest: every cue fires, and the reason names the cell and each cue with the detector's own
     * figures; a healthy cell's reason says it is not suspected.
     */
    @Test
    void reasonNamesTheCellAndEachCueWithItsFigures() {
        double dt = 0.1;
        int shorted = 3;
        SimulatedString string = new SimulatedString(61, CELLS, 0.6, 0.0025, 0.02, 0.05);
        string.shortCell(shorted, 200);
        string.microShorts(shorted, 3, 1.0, 300);
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, CELLS, 0.05, 1800, 0.003, 5);
        for (int k = 0; k < (int) (4.5 * 3600 / dt); k++) {
            double t = k * dt;
            double amps = t < 3 * 3600 ? SimulatedString.cyclingAmps(t) : 0.0;
            string.step(amps, dt);
            detector.update(amps, string.volts(), string.soc(), dt);
        }
        String reason = detector.reason(shorted);
        System.out.println(reason);
        assertThat(detector.isFlagged(shorted)).isTrue();
        assertThat(reason)
                .startsWith(String.format(
                        Locale.ROOT,
                        "cell %d: leak about %.1f mA above the string median (threshold " + "3.0 mA; from the ",
                        shorted + 1,
                        1000 * detector.leakAmps(shorted)))
                .contains(String.format(
                        Locale.ROOT, "score %.2f (threshold 0.50), suspected soft short", detector.score(shorted)))
                .contains(String.format(
                        Locale.ROOT,
                        "self-discharge %.1f mA above the string median (threshold 3.0 mA",
                        1000 * detector.selfDischargeAmps(shorted)))
                .contains(String.format(
                        Locale.ROOT,
                        "SOC drifting %+.2f %%/h from the string median",
                        -100 * detector.socDriftPerHour(shorted)))
                .contains(String.format(
                        Locale.ROOT,
                        "%.1f within about the last 30 min (threshold 3.0)",
                        detector.recentVoltageDrops(shorted)))
                .containsPattern("; \\d+ abrupt drops of more than " + dropMillivolts() + " mV \\(largest \\d+ mV\\)");
        int healthy = shorted + 1;
        assertThat(detector.isFlagged(healthy)).isFalse();
        assertThat(detector.reason(healthy))
                .startsWith("cell " + (healthy + 1) + ": leak about ")
                .doesNotContain("suspected")
                .contains("no abrupt drops of more than " + dropMillivolts() + " mV");
    }

    /** The default counting threshold of a drop, as the reason prints it (mV, rounded). */
    static long dropMillivolts() {
        return Math.round(1000
                * SoftShortSettings.defaults(new RestSelfDischargeSettings(0.05, 1800, 0.003, 5), 2.0)
                        .drops()
                        .dropVolts());
    }

    @Test
    void reasonSaysWhatIsNotMeasuredYet() {
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, 4, 0.05, 1800, 0.003, 5);
        double[] v = {3.9, 3.9, 3.9, 3.9};
        double[] soc = {0.6, 0.6, 0.6, 0.6};
        for (int k = 0; k < 600; k++) {
            detector.update(0.0, v, soc, 1.0);
        }
        assertThat(detector.reason(2))
                .isEqualTo("cell 3: leak about 0.0 mA above the string median "
                        + "(threshold 3.0 mA), score 0.00 (threshold 0.50); "
                        + "self-discharge not measured (needs 30 min of rest, resting 10 min); "
                        + "SOC drift not judged yet (0 of 60 min); no balancing bleed; no abrupt drops of more than "
                        + dropMillivolts() + " mV");
    }

    @Test
    void updateAllocatesNothingAfterWarmUp() {
        int cells = 192;
        SoftShortDetector detector = new SoftShortDetector(SimulatedString.NOMINAL, cells, 0.05, 1800, 0.003, 5);
        double[] v = new double[cells];
        double[] soc = new double[cells];
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 12000; k++) {
            step(detector, r, v, soc, k);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int k = 12000; k < 14000; k++) {
            step(detector, r, v, soc, k);
        }
        long after = mx.getThreadAllocatedBytes(tid);
        assertThat(after - before)
                .as("bytes allocated by 2000 updates of 192 cells")
                .isLessThan(1024);
    }

    /** One 1 s tick: rest for the first 40 min of every hour, then load, so every cue runs. */
    private static void step(SoftShortDetector detector, SplittableRandom r, double[] v, double[] soc, int k) {
        double amps = (k % 3600) < 2400 ? 0.0 : -2.0;
        for (int i = 0; i < v.length; i++) {
            v[i] = 3.8 + 0.002 * r.nextGaussian() - (i == 0 && k % 97 == 0 ? 0.05 : 0);
            soc[i] = 0.6 + 0.001 * r.nextGaussian();
        }
        detector.update(amps, v, soc, 1.0);
    }
}
