package org.qsebms.bms.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.estimators.health.HealthState;

/**
 * The leak figure while cycling (issue 23 item 3): a 150 ohm short in cell 3 of a 4-cell NCM pack
 * that cycles (CC-CV charge, pulsed discharge, 10 min rests) with the balancer on, the whole
 * controller on the QSE-model pack, over seeds. While the pack cycles, only the bleed-corrected SOC
 * drift can speak; its figure is printed beside the truth at the first flag (then the MSL opens the
 * contactors, the pack rests, and the rest fit replaces the figure 30 min later, also printed).
 * Asserts what the drift cue is for: the right cell flagged within 6 h (seeds 3 and 15, the smallest
 * shorted cell, below), its leak figure at the flag within 30 % of the truth, and no healthy cell flagged on any seed.
 * The drift cue reads a SOC filter of the detector's own with the current-offset state, which follows the leak
 * (docs/safety.md, "A leak-following SOC filter for the drift cue"). {@code -DsoftShort.cyclingSeeds=101-110} (or a
 * comma list) runs the first and the figure test over other seeds, to measure on seeds not used here.
 */
class SoftShortCyclingAccuracyTest {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aShortInACyclingBalancingPackIsFlaggedOnTheRightCell(int seed) {
        assertThat(measure(seed)).as("hours to the flag on cell 3").isBetween(0.0, 6.0);
    }

    /**
     * Seeds 3 (the short in the smallest cell, 1.85 Ah against 2.0) and 15. Until 2026-12-03 they were flagged within
     * 6 h (4.55 h, 4.65 h) only by the second drift fit reading a step as a drift, and with the level break at gated
     * gaps (docs/safety.md, "A level break at gated gaps") not at all: the published SOC filter assumes no leak, so its
     * estimate of the shorted cell lags the leak between the steep parts of the OCV. The drift cue now reads a SOC
     * filter of the detector's own with the current-offset state (docs/safety.md, "A leak-following SOC filter for the
     * drift cue"), whose estimate follows the leak: 3.80 h and 4.05 h, no healthy cell flagged.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {3, 15})
    void aShortInTheSmallestCellOfACyclingPackIsFlaggedWithin6Hours(int seed) {
        Run r = run(seed);
        assertThat(r.flaggedAt()).as("hours to the flag on cell 3").isBetween(0.0, 6.0);
        assertThat(r.otherFlaggedTicks()).as("ticks a healthy cell was flagged").isZero();
    }

    /**
     * The same pack with a history: before the run, the pack cycled healthy for 8 h and its health
     * tracker learned each cell's capacity; the new controller takes that tracker state and gives the
     * learned capacities to the SOC filter, as the state file does at start-up
     * ({@code StatePersistence}). Then the filter's estimates no longer lag a capacity mismatch and the
     * short in the smallest cell is flagged within 6 h (the fresh pack above is not: it starts on the
     * nominal capacity). No healthy cell flagged either.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("learnedSeeds")
    void aShortInTheSmallestCellIsFlaggedWithin6HoursOnceTheFilterHasTheLearnedCapacities(int seed) {
        HealthState learned = learnedHealth(seed);
        for (int i = 0; i < 4; i++) {
            assertThat(learned.capacitySigmaAh()[i])
                    .as("capacity of cell %d learned", i + 1)
                    .isFinite();
        }
        Run r = run(seed, learned);
        assertThat(r.flaggedAt()).as("hours to the flag on cell 3").isBetween(0.0, 6.0);
        assertThat(r.otherFlaggedTicks()).as("ticks a healthy cell was flagged").isZero();
    }

    /** The health tracker's state after 8 h of healthy cycling of the seed's pack. */
    private static HealthState learnedHealth(int seed) {
        SoftShortRun earlier = new SoftShortRun(packYaml(seed));
        earlier.runTo(8);
        HealthState.Capture capture = new HealthState.Capture(4, 0);
        earlier.controller.healthTracker().exportInto(capture);
        HealthState learned = capture.toState();
        System.out.printf(
                Locale.ROOT,
                "seed %d: capacities learned in 8 h %s Ah, simulated %.3f, %.3f, %.3f, %.3f Ah%n",
                seed,
                java.util.Arrays.toString(learned.capacityAh()),
                earlier.pack.cellCapacityAh(0),
                earlier.pack.cellCapacityAh(1),
                earlier.pack.cellCapacityAh(2),
                earlier.pack.cellCapacityAh(3));
        return learned;
    }

    /**
     * The leak figure at the first flag of the fresh cycling pack (from the SOC drift: nothing rests before the
     * flag) within 30 % of the short's true current, read from the detector's own leak-following SOC filter
     * (docs/safety.md, "A leak-following SOC filter for the drift cue"; with the published estimates it was -63..+51 %
     * on seeds 1-30, 9 of 28 within 30 %). {@code -DsoftShort.cyclingSeeds=1-30} runs it over the reported seeds.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theLeakFigureAtTheFlagOfAFreshCyclingPackIsWithin30PercentOfTheTruth(int seed) {
        Run r = run(seed);
        assertThat(r.flaggedAt()).as("hours to the flag on cell 3").isBetween(0.0, 6.0);
        assertThat(r.otherFlaggedTicks()).as("ticks a healthy cell was flagged").isZero();
        assertThat(r.leakAtFlagAmps() / r.truthAtFlagAmps() - 1)
                .as(
                        "leak figure %.1f mA at the flag against a true %.1f mA",
                        1000 * r.leakAtFlagAmps(), 1000 * r.truthAtFlagAmps())
                .isBetween(-0.3, 0.3);
    }

    /**
     * The same fresh pack with the SOC filter's current-offset state on ({@code estimation.currentOffsetState}): the
     * state follows the shorted cell's leak, so the filter's estimate of that cell no longer lags it between the steep
     * parts of the OCV, and the drift cue reads it within 6 h on every seed, the smallest cell's (3, 15) too, with a
     * figure within 30 % (docs/safety.md, "The leak as the SOC filter's current-offset state").
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {42, 1, 3, 15})
    void withTheCurrentOffsetStateTheLeakFigureAtTheFlagIsWithin30PercentOfTheTruth(int seed) {
        Run r = run(packYaml(seed, true), seed, null);
        assertThat(r.flaggedAt()).as("hours to the flag on cell 3").isBetween(0.0, 6.0);
        assertThat(r.otherFlaggedTicks()).as("ticks a healthy cell was flagged").isZero();
        assertThat(r.leakAtFlagAmps() / r.truthAtFlagAmps() - 1)
                .as(
                        "leak figure %.1f mA at the flag against a true %.1f mA",
                        1000 * r.leakAtFlagAmps(), 1000 * r.truthAtFlagAmps())
                .isBetween(-0.3, 0.3);
    }

    /**
     * The same fresh cycling pack with no short: no cell flagged on any tick for 8 h. {@code -DsoftShort.healthySeeds=1-30}
     * runs it over more seeds.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("healthySeeds")
    void aHealthyCyclingBalancingPackFlagsNoCellFor8Hours(int seed) {
        SoftShortRun run = new SoftShortRun(packYaml(seed));
        run.runTo(8);
        System.out.printf(
                Locale.ROOT,
                "healthy cycling pack seed %d: %d ticks a cell was flagged in 8 h, soft-short faults raised %s%n",
                seed,
                run.otherFlaggedTicks,
                run.raised.stream().filter(f -> f.contains("SOFT_SHORT")).toList());
        assertThat(run.otherFlaggedTicks).as("ticks any cell was flagged").isZero();
        assertThat(run.raised).noneMatch(f -> f.contains("SOFT_SHORT"));
    }

    /**
     * The same healthy cycling pack at 0 °C ambient: no cell flagged in 8 h. Found 2026-12-03 (helper {@code leakstate},
     * a probe while adding the detector's own leak-following SOC filter): with the published estimates (before it) 5 of
     * seeds 1-10 latched SOFT_SHORT.MSL on a healthy cell at 4.1-4.8 h (seeds 1, 4, 5, 9, 10; 6.2-15.5 mA "from the SOC
     * drift"); with it, 1 of 10 (seed 5, cell 2 at 4.05 h, 6.8 mA, drift -0.34 %/h, standard error 0.07 %/h). That
     * drift was significant for 0.48 h (the filter's phase-locked error at 0 °C) and is not confirmed now that a
     * verdict must stay significant for the filter's correlation time (docs/safety.md, "SOC drift while cycling: a
     * verdict must outlast the filter's lag").
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void aHealthyColdCyclingBalancingPackFlagsNoCellFor8Hours(int seed) {
        SoftShortRun run = new SoftShortRun(packYaml(seed).replace("ambientCelsius: 25", "ambientCelsius: 0"));
        run.runTo(8);
        assertThat(run.otherFlaggedTicks).as("ticks any cell was flagged").isZero();
        assertThat(run.raised).noneMatch(f -> f.contains("SOFT_SHORT"));
    }

    /** The seeds of the healthy 8 h test: {@code softShort.healthySeeds}, else 1, 3 and 5. */
    static IntStream healthySeeds() {
        return seedsOf("softShort.healthySeeds", "1,3,5");
    }

    /** No healthy cell flagged on any of the six seeds, up to 1.5 h after the flag or for 6 h without one. */
    @Test
    void noHealthyCellIsFlaggedInACyclingBalancingPackOnAnySeed() {
        for (int seed : new int[] {42, 1, 2, 3, 4, 5}) {
            Run r = run(seed);
            assertThat(r.otherFlaggedTicks())
                    .as("ticks a healthy cell was flagged, seed %d", seed)
                    .isZero();
        }
    }

    /**
     * The seeds of the first test: {@code softShort.cyclingSeeds} ("101-110" or "7,8,9"), else 42, 1, 2, 4 and 5
     * (seed 15, flagged within 6 h only through the gated step until the level break at gated gaps, is with seed 3 in
     * the disabled test above).
     */
    static IntStream seeds() {
        return seedsOf("softShort.cyclingSeeds", "42,1,2,4,5");
    }

    /** The seeds of the test with learned capacities: {@code softShort.learnedSeeds}, else 3 (the fresh pack's miss). */
    static IntStream learnedSeeds() {
        return seedsOf("softShort.learnedSeeds", "3");
    }

    private static IntStream seedsOf(String property, String byDefault) {
        String spec = System.getProperty(property, byDefault).trim();
        try {
            if (spec.matches("\\d+-\\d+")) {
                String[] ends = spec.split("-");
                return IntStream.rangeClosed(Integer.parseInt(ends[0]), Integer.parseInt(ends[1]));
            }
            return java.util.Arrays.stream(spec.split(",")).mapToInt(x -> Integer.parseInt(x.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    property + " must be a range like 101-110 or a list like 7,8,9, got '" + spec + "'", e);
        }
    }

    private static double measure(int seed) {
        return run(seed).flaggedAt();
    }

    /**
     * One seed: when cell 3 was flagged (-1 if not within 6 h), the ticks a healthy cell was flagged, and the
     * detector's leak figure and the short's true current at the flag (A; 0 without a flag).
     */
    record Run(double flaggedAt, long otherFlaggedTicks, double leakAtFlagAmps, double truthAtFlagAmps) {}

    /** Runs one seed and prints its row. */
    private static Run run(int seed) {
        return run(seed, null);
    }

    /**
     * The pack of one seed; {@code -DsoftShort.currentOffsetState=true} runs the SOC filter with its current-offset
     * state ({@code estimation.currentOffsetState}), which follows the shorted cell's leak.
     */
    private static String packYaml(int seed) {
        return packYaml(seed, Boolean.getBoolean("softShort.currentOffsetState"));
    }

    private static String packYaml(int seed, boolean currentOffsetState) {
        return "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n"
                + "initial: {soc: 0.5, ambientCelsius: 25, close: true}\nload: {type: cycling}\nseed: " + seed + "\n"
                + "estimation: {currentOffsetState: " + currentOffsetState + "}\n";
    }

    /**
     * Runs one seed and prints its row; with {@code restored} (else null), the health tracker starts from it and
     * the SOC filter from its learned capacities, as {@code StatePersistence} restores them.
     */
    private static Run run(int seed, HealthState restored) {
        return run(packYaml(seed), seed, restored);
    }

    private static Run run(String yaml, int seed, HealthState restored) {
        SoftShortRun run = new SoftShortRun(yaml);
        if (restored != null) {
            run.controller.healthTracker().importState(restored);
            for (int i = 0; i < 4; i++) {
                if (Double.isFinite(restored.capacitySigmaAh()[i])) {
                    run.controller.countOnLearntCapacity(i, restored.capacityAh()[i], restored.capacitySigmaAh()[i]);
                }
            }
        }
        run.shortCell(2, 150);
        double flaggedAt = -1;
        double driftMilliamps = 0;
        double truthAtFlag = 0;
        for (double h = 0.05; h <= 6 + 1e-9 && flaggedAt < 0; h += 0.05) {
            run.runTo(h);
            if (run.detector.isFlagged(2)) {
                flaggedAt = h;
                driftMilliamps = 1000 * run.estimatedLeakAmps();
                truthAtFlag = 1000 * run.trueLeakAmps();
            }
        }
        if (flaggedAt < 0) {
            System.out.printf(Locale.ROOT, "| %d | not flagged in 6 h | | | | | | |%n", seed);
            return new Run(flaggedAt, run.otherFlaggedTicks, 0, 0);
        }
        for (double h = flaggedAt + 0.25; h <= flaggedAt + 1.5 + 1e-9; h += 0.25) {
            run.runTo(h);
            for (int i = 0; i < 4; i++) {
                if (i != 2 && run.detector.isFlagged(i)) {
                    System.out.printf(Locale.ROOT, "healthy cell flagged at %.2f h: %s%n", h, run.detector.reason(i));
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "| %d | %.2f h | %.1f | %.1f | %+.0f %% | %.1f | %.1f | %+.0f %% |%n",
                seed,
                flaggedAt,
                truthAtFlag,
                driftMilliamps,
                100 * (driftMilliamps / truthAtFlag - 1),
                1000 * run.trueLeakAmps(),
                1000 * run.estimatedLeakAmps(),
                100 * (run.estimatedLeakAmps() / run.trueLeakAmps() - 1));
        return new Run(flaggedAt, run.otherFlaggedTicks, driftMilliamps / 1000, truthAtFlag / 1000);
    }
}
