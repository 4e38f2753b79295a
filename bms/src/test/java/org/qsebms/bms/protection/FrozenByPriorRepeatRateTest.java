package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The front end's prior repeat chance in the thermistors' own-rate check (issue 23, fix23aw): a channel frozen before
 * it has a history, and a whole converter frozen at once (no other channel changing), are judged by the prior; a
 * live channel is not taken for frozen, neither one that repeats up to the prior nor one whose own history shows it
 * repeating more often than the prior says.
 */
class FrozenByPriorRepeatRateTest {
    private static final double ALARM = 1e-12;
    private static final double MIN_HISTORY = 32;
    private static final double PRIOR = 0.35;
    /** The samples the prior needs: the smallest r with PRIOR^r <= ALARM. */
    private static final int PRIOR_SAMPLES = (int) Math.ceil(Math.log(ALARM) / Math.log(PRIOR));

    private static FrozenByOwnRepeatRate withPrior(int n) {
        return new FrozenByOwnRepeatRate(n, ALARM, MIN_HISTORY, PRIOR, -40, 100);
    }

    private static boolean[] allOk(int n) {
        boolean[] ok = new boolean[n];
        Arrays.fill(ok, true);
        return ok;
    }

    /** Samples until a channel is found frozen (the channel's first reading counts as changed), or -1. */
    private static int foundAfter(FrozenByOwnRepeatRate f, int n, boolean othersLive, double celsius, int limit) {
        SplittableRandom r = new SplittableRandom(3);
        boolean[] ok = allOk(n);
        boolean[] changed = new boolean[n];
        double[] c = new double[n];
        Arrays.fill(c, celsius);
        for (int s = 0; s < limit; s++) {
            for (int i = 0; i < n; i++) {
                changed[i] = s == 0 || (i > 0 && othersLive && r.nextDouble() >= 0.07);
            }
            if (f.update(changed, ok, c) >= 0) {
                return s;
            }
        }
        return -1;
    }

    /** Frozen from its first sample: before fix23aw never judged (no history), now after the prior's samples. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void aChannelFrozenFromItsFirstSampleIsFoundByThePrior(int n) {
        int found = foundAfter(withPrior(n), n, true, 25, 10_000);
        assertThat(found).isEqualTo(PRIOR_SAMPLES);
    }

    /** Every channel frozen at once (a converter that stops converting): the prior judges it, no other needed. */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 24})
    void everyChannelFrozenAtOnceIsFoundByThePrior(int n) {
        int found = foundAfter(withPrior(n), n, false, 25, 10_000);
        assertThat(found).isEqualTo(PRIOR_SAMPLES);
    }

    /** Without a prior (1), or at a reading outside its range, the prior does not judge (the windows do). */
    @Test
    void noPriorOrAReadingOutsideItsRangeLeavesTheRunToTheWindows() {
        assertThat(foundAfter(new FrozenByOwnRepeatRate(2, ALARM, MIN_HISTORY, 1.0, -40, 100), 2, false, 25, 10_000))
                .isEqualTo(-1);
        assertThat(foundAfter(withPrior(2), 2, false, 120, 10_000)).isEqualTo(-1);
        assertThat(foundAfter(withPrior(2), 2, false, -45, 10_000)).isEqualTo(-1);
    }

    /**
     * Live channels that repeat independently at up to the prior (0.35) and a quiet one above it (0.6, 0.9: the
     * prior is wrong for it, and its own history takes over once its lower bound is above the prior), on packs of 1
     * and 4 channels, with the others still or moving: over 500,000 samples no channel is taken for frozen.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.07, 0.2, 0.35, 0.6, 0.9})
    void aLiveChannelIsNotTakenForFrozen(double often) {
        for (int n : new int[] {1, 4}) {
            SplittableRandom r = new SplittableRandom(17);
            FrozenByOwnRepeatRate f = withPrior(n);
            boolean[] ok = allOk(n);
            boolean[] changed = new boolean[n];
            double[] c = new double[n];
            Arrays.fill(c, 60);
            int falseAlarms = 0;
            boolean judged = false;
            for (int s = 0; s < 500_000; s++) {
                for (int i = 0; i < n; i++) {
                    changed[i] = s == 0 || r.nextDouble() >= (i == 0 ? often : 0.07);
                }
                falseAlarms += f.update(changed, ok, c) >= 0 ? 1 : 0;
                judged |= f.required(0) != Integer.MAX_VALUE;
            }
            assertThat(falseAlarms)
                    .as("%d channel(s), channel 1 repeating at %.2f", n, often)
                    .isZero();
            assertThat(judged).as("its runs were judged, not skipped").isTrue();
        }
    }
}
