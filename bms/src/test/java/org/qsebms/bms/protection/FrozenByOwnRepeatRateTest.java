package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The thermistors' own-rate liveness check, on synthetic change patterns. */
class FrozenByOwnRepeatRateTest {
    private static final double ALARM = 1e-12;
    private static final double MIN_HISTORY = 32;

    /** Feeds one sample where channel {@code i} repeats with chance {@code repeat[i]} (NaN: frozen). */
    private static int sample(FrozenByOwnRepeatRate f, SplittableRandom r, double[] repeat, boolean[] ok) {
        boolean[] changed = new boolean[repeat.length];
        for (int i = 0; i < repeat.length; i++) {
            changed[i] = !Double.isNaN(repeat[i]) && r.nextDouble() >= repeat[i];
        }
        return f.update(changed, ok);
    }

    private static boolean[] allOk(int n) {
        boolean[] ok = new boolean[n];
        Arrays.fill(ok, true);
        return ok;
    }

    /**
     * Channels that repeat at their own rates (5 % to 50 %); after 40 samples of history channel 3 freezes and
     * is found, and no other channel is taken for it.
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 8, 16, 24})
    void aFrozenChannelIsFoundByItsOwnHistory(int n) {
        SplittableRandom r = new SplittableRandom(n);
        FrozenByOwnRepeatRate f = new FrozenByOwnRepeatRate(n, ALARM, MIN_HISTORY);
        double[] repeat = new double[n];
        for (int i = 0; i < n; i++) {
            repeat[i] = 0.05 + 0.45 * i / (n - 1.0);
        }
        repeat[2] = 0.07;
        boolean[] ok = allOk(n);
        for (int s = 0; s < 40; s++) {
            assertThat(sample(f, r, repeat, ok)).isEqualTo(-1);
        }
        repeat[2] = Double.NaN;
        int found = -1;
        int s = 0;
        while (found < 0 && s < 2400) {
            found = sample(f, r, repeat, ok);
            s++;
        }
        assertThat(found).as("n=%d after %d samples", n, s).isEqualTo(2);
        // a 40-sample history of a 7 % channel bounds its repeat chance at about 0.6-0.75 at z = 7.4 (1e-12):
        // 55-100 samples, within the 47 s the scenario test leaves at 250 ms (188 samples)
        assertThat(s).as("samples, n=%d", n).isLessThanOrEqualTo(120);
    }

    /**
     * A pack with one thermistor (issue 23, fix23ao): no other channel can change during its run, so it is judged by
     * its own history alone. A lone channel that repeats 7 % of the time freezes after 40 samples and is found within
     * the 120 samples a channel among others is; before, a lone channel was never judged (found only by the windows).
     */
    @Test
    void aLoneFrozenChannelIsFoundByItsOwnHistory() {
        SplittableRandom r = new SplittableRandom(1);
        FrozenByOwnRepeatRate f = new FrozenByOwnRepeatRate(1, ALARM, MIN_HISTORY);
        double[] repeat = {0.07};
        boolean[] ok = allOk(1);
        for (int s = 0; s < 40; s++) {
            assertThat(sample(f, r, repeat, ok)).isEqualTo(-1);
        }
        repeat[0] = Double.NaN;
        int found = -1;
        int s = 0;
        while (found < 0 && s < 2400) {
            found = sample(f, r, repeat, ok);
            s++;
        }
        assertThat(found).as("after %d samples", s).isZero();
        assertThat(s).isLessThanOrEqualTo(120);
    }

    /**
     * A live lone channel, whatever its own repeat rate (7 % to 90 %, and one whose repeats come in clusters), is not
     * taken for frozen over 500,000 samples (14 h at 100 ms): its bound comes from its own history, as among others.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.07, 0.3, 0.6, 0.9, -1})
    void aLiveLoneChannelIsNotTakenForFrozen(double often) {
        SplittableRandom r = new SplittableRandom(13);
        FrozenByOwnRepeatRate f = new FrozenByOwnRepeatRate(1, ALARM, MIN_HISTORY);
        boolean[] ok = allOk(1);
        boolean[] changed = new boolean[1];
        boolean lastRepeat = false;
        int falseAlarms = 0;
        boolean judged = false;
        for (int s = 0; s < 500_000; s++) {
            // -1: clustered, after a repeat another with chance 0.8, else 0.1
            double chance = often >= 0 ? often : lastRepeat ? 0.8 : 0.1;
            lastRepeat = r.nextDouble() < chance;
            changed[0] = !lastRepeat;
            falseAlarms += f.update(changed, ok) >= 0 ? 1 : 0;
            judged |= f.required(0) != Integer.MAX_VALUE;
        }
        assertThat(falseAlarms).isZero();
        assertThat(judged).as("its runs were judged, not skipped").isTrue();
    }

    /**
     * The old check's failure: one live channel that repeats far more often than the others (here 60 % against
     * 7 %) is judged by its own rate, not theirs; over 500,000 samples no channel is taken for frozen.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.6, 0.9})
    void aChannelThatRepeatsMoreThanTheOthersIsNotTakenForFrozen(double often) {
        SplittableRandom r = new SplittableRandom(7);
        FrozenByOwnRepeatRate f = new FrozenByOwnRepeatRate(4, ALARM, MIN_HISTORY);
        double[] repeat = {often, 0.07, 0.07, 0.07};
        boolean[] ok = allOk(4);
        int falseAlarms = 0;
        for (int s = 0; s < 500_000; s++) {
            falseAlarms += sample(f, r, repeat, ok) >= 0 ? 1 : 0;
        }
        assertThat(falseAlarms).isZero();
    }

    /**
     * Repeats in clusters (a channel that sits on one code for a while: after a repeat, another with chance 0.8,
     * else 0.1): the rate after a repeat bounds the chance, so no run of such a live channel is taken for frozen.
     */
    @Test
    void repeatsThatComeInClustersAreJudgedByTheirRateAfterARepeat() {
        SplittableRandom r = new SplittableRandom(11);
        FrozenByOwnRepeatRate f = new FrozenByOwnRepeatRate(2, ALARM, MIN_HISTORY);
        boolean[] ok = allOk(2);
        boolean[] changed = new boolean[2];
        boolean lastRepeat = false;
        int falseAlarms = 0;
        for (int s = 0; s < 500_000; s++) {
            boolean repeat = r.nextDouble() < (lastRepeat ? 0.8 : 0.1);
            changed[0] = !repeat;
            changed[1] = r.nextDouble() >= 0.07;
            lastRepeat = repeat;
            falseAlarms += f.update(changed, ok) >= 0 ? 1 : 0;
        }
        assertThat(falseAlarms).isZero();
        // its unconditional rate alone (about 1/3) would have let runs of 26 readings fire at 1e-12
        assertThat(f.boundNow(0)).isGreaterThan(0.8);
    }

    /**
     * No verdict without the minimum history, without another channel changing during the run (a quiet
     * converter), or across a sample where the channel is not OK (which ends its run); the check off at 0.
     */
    @Test
    void noVerdictWithoutHistoryOrWhenOtherEvidenceExplainsTheRun() {
        boolean[] ok = allOk(3);
        boolean[] none = new boolean[3];
        boolean[] othersChange = {false, true, true};
        // too little history: channel 0 never changed after its first reading
        FrozenByOwnRepeatRate fresh = new FrozenByOwnRepeatRate(3, ALARM, MIN_HISTORY);
        fresh.update(new boolean[] {true, true, true}, ok);
        for (int s = 0; s < 10_000; s++) {
            assertThat(fresh.update(othersChange, ok)).isEqualTo(-1);
        }
        // a learnt channel, then every channel unchanged together: no other channel's change, no verdict
        FrozenByOwnRepeatRate f = learnt(3, ALARM);
        for (int s = 0; s < 10_000; s++) {
            assertThat(f.update(none, ok)).isEqualTo(-1);
        }
        // channel 0 unchanged while the others change, interrupted by a sample not OK every 5 (its history of no
        // repeat in 1000 puts its bound near 0.05, so 10 samples would do): no verdict
        FrozenByOwnRepeatRate g = learnt(3, ALARM);
        boolean[] notOk = {false, true, true};
        for (int s = 0; s < 10_000; s++) {
            assertThat(g.update(othersChange, s % 5 == 4 ? notOk : ok)).isEqualTo(-1);
        }
        // the same learnt channel, uninterrupted: found
        FrozenByOwnRepeatRate h = learnt(3, ALARM);
        int found = -1;
        for (int s = 0; s < 100 && found < 0; s++) {
            found = h.update(othersChange, ok);
        }
        assertThat(found).isZero();
        // the check off
        FrozenByOwnRepeatRate off = learnt(3, 0);
        for (int s = 0; s < 10_000; s++) {
            assertThat(off.update(othersChange, ok)).isEqualTo(-1);
        }
    }

    /** 1000 samples where every channel changes at each: a history with no repeat. */
    private static FrozenByOwnRepeatRate learnt(int n, double alarm) {
        FrozenByOwnRepeatRate f = new FrozenByOwnRepeatRate(n, alarm, MIN_HISTORY);
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        boolean[] ok = allOk(n);
        for (int s = 0; s < 1000; s++) {
            f.update(all, ok);
        }
        return f;
    }

    /** The Wilson bound: above the observed rate, tighter with more history, 1 without any. */
    @Test
    void theBoundIsAboveTheRateAndTightensWithHistory() {
        double z = Math.sqrt(-2 * Math.log(ALARM));
        assertThat(FrozenByOwnRepeatRate.wilsonUpper(0, 0, z)).isEqualTo(1.0);
        double small = FrozenByOwnRepeatRate.wilsonUpper(3, 40, z);
        double large = FrozenByOwnRepeatRate.wilsonUpper(3000, 40_000, z);
        assertThat(small).isBetween(3 / 40.0, 1.0);
        assertThat(large).isBetween(3000 / 40_000.0, small);
        assertThat(FrozenByOwnRepeatRate.wilsonUpper(40, 40, z)).isEqualTo(1.0);
    }
}
