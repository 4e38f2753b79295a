package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrozenAmongNoisyChannelsTest {
    private static final double ALARM = 1e-6;

    /** With every other channel changing at every sample it is the cell channels' rule, at the same sample. */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16, 24})
    void withEveryOtherChannelChangingItNeedsTheCellRulesSamples(int n) {
        FrozenAmongNoisyChannels f = new FrozenAmongNoisyChannels(n, ALARM);
        boolean[] ok = new boolean[n];
        boolean[] changed = new boolean[n];
        java.util.Arrays.fill(ok, true);
        java.util.Arrays.fill(changed, true);
        changed[n - 1] = false;
        int k = FrozenAmongMovingChannels.requiredSamples(n, ALARM);
        for (int s = 1; s < k; s++) {
            assertThat(f.update(changed, ok)).as("n=%d sample %d", n, s).isEqualTo(-1);
        }
        assertThat(f.update(changed, ok)).isEqualTo(n - 1);
    }

    /** The chance it computes is the hypergeometric one, checked against a direct product on small numbers. */
    @Test
    void theChanceIsThatOfOneChannelsSlotsAllAmongTheUnchangedOnes() {
        FrozenAmongNoisyChannels f = new FrozenAmongNoisyChannels(4, ALARM);
        // n = 4, r = 3: 12 slots, U = 3 + 2 = 5 unchanged; C(9, 2) / C(12, 5) = 36 / 792
        assertThat(Math.exp(f.logChance(3, 2))).isCloseTo(4 * 36.0 / 792.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    /**
     * One channel frozen while the others repeat on 7 % of their samples at random (a live thermistor's
     * code): found, on every pack size, within a few tens of samples.
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 8, 16, 24})
    void aFrozenChannelAmongChannelsThatRepeatNowAndThenIsFound(int n) {
        SplittableRandom r = new SplittableRandom(n);
        FrozenAmongNoisyChannels f = new FrozenAmongNoisyChannels(n, ALARM);
        boolean[] ok = new boolean[n];
        java.util.Arrays.fill(ok, true);
        boolean[] changed = new boolean[n];
        int found = -1;
        int s = 0;
        while (found < 0 && s < 200) {
            for (int i = 0; i < n; i++) {
                changed[i] = i != 2 && r.nextDouble() >= 0.07;
            }
            found = f.update(changed, ok);
            s++;
        }
        assertThat(found).as("n=%d after %d samples", n, s).isEqualTo(2);
        assertThat(s).as("samples, n=%d", n).isLessThanOrEqualTo(40);
    }

    /** Every channel repeating (a quiet ADC, a stalled bus) is no evidence; a channel not OK ends every run. */
    @Test
    void everyChannelRepeatingOrOneNotOkGivesNoVerdict() {
        FrozenAmongNoisyChannels f = new FrozenAmongNoisyChannels(8, ALARM);
        boolean[] ok = new boolean[8];
        java.util.Arrays.fill(ok, true);
        boolean[] none = new boolean[8];
        for (int s = 0; s < 1000; s++) {
            assertThat(f.update(none, ok)).isEqualTo(-1);
        }
        boolean[] one = new boolean[8];
        java.util.Arrays.fill(one, true);
        one[5] = false;
        boolean[] notOk = ok.clone();
        notOk[0] = false;
        for (int s = 0; s < 1000; s++) {
            assertThat(f.update(one, notOk)).isEqualTo(-1);
            assertThat(f.run(5)).isZero();
        }
    }

    /**
     * Live channels alike, each repeating on 7 % or 30 % of its samples at random: no channel is taken for
     * frozen over 100,000 samples on 4 or 24 channels (the false-alarm probability is per evaluation).
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 24})
    void liveChannelsThatRepeatAtRandomAreNeverTakenForFrozen(int n) {
        for (double repeat : new double[] {0.07, 0.30}) {
            SplittableRandom r = new SplittableRandom(1000 + n);
            FrozenAmongNoisyChannels f = new FrozenAmongNoisyChannels(n, ALARM);
            boolean[] ok = new boolean[n];
            java.util.Arrays.fill(ok, true);
            boolean[] changed = new boolean[n];
            int falseAlarms = 0;
            for (int s = 0; s < 100_000; s++) {
                for (int i = 0; i < n; i++) {
                    changed[i] = r.nextDouble() >= repeat;
                }
                falseAlarms += f.update(changed, ok) >= 0 ? 1 : 0;
            }
            assertThat(falseAlarms).as("n=%d repeat=%.2f", n, repeat).isZero();
        }
    }
}
