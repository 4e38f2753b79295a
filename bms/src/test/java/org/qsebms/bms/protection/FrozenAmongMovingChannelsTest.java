package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrozenAmongMovingChannelsTest {

    /** n / C(n k, k), computed directly (small n, k). */
    private static double chance(int n, int k) {
        double c = 1;
        for (int j = 0; j < k; j++) {
            c = c * (n * k - j) / (j + 1);
        }
        return n / c;
    }

    @Test
    void theSamplesNeededAreTheFewestWhoseChanceIsWithinTheFalseAlarmAndFallAsThePackGrows() {
        int previous = Integer.MAX_VALUE;
        for (int n : new int[] {2, 4, 8, 16, 24}) {
            int k = FrozenAmongMovingChannels.requiredSamples(n, 1e-6);
            assertThat(chance(n, k)).as("n=%d k=%d", n, k).isLessThanOrEqualTo(1e-6);
            assertThat(chance(n, k - 1)).as("n=%d k-1=%d", n, k - 1).isGreaterThan(1e-6);
            assertThat(k).isLessThanOrEqualTo(previous);
            previous = k;
        }
        assertThat(FrozenAmongMovingChannels.requiredSamples(1, 1e-6)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void oneChannelUnchangedWhileEveryOtherChangesIsFrozenAtTheRequiredSampleAndNotBefore() {
        FrozenAmongMovingChannels f = new FrozenAmongMovingChannels(4, 1e-6);
        boolean[] ok = {true, true, true, true};
        boolean[] changed = {true, false, true, true};
        int k = f.requiredSamples();
        for (int s = 1; s < k; s++) {
            assertThat(f.update(changed, ok)).as("sample %d", s).isEqualTo(-1);
        }
        assertThat(f.update(changed, ok)).isEqualTo(1);
    }

    @Test
    void twoUnchangedChannelsAChannelNotOkOrAChangeEndTheRun() {
        FrozenAmongMovingChannels f = new FrozenAmongMovingChannels(4, 1e-6);
        boolean[] ok = {true, true, true, true};
        boolean[] one = {true, false, true, true};
        boolean[] two = {true, false, false, true};
        int k = f.requiredSamples();
        for (int s = 1; s < k; s++) {
            f.update(one, ok);
        }
        assertThat(f.update(two, ok)).isEqualTo(-1);
        assertThat(f.run(1)).isZero();
        for (int s = 1; s < k; s++) {
            f.update(one, ok);
        }
        boolean[] notOk = ok.clone();
        notOk[3] = false;
        assertThat(f.update(one, notOk)).isEqualTo(-1);
        assertThat(f.run(1)).isZero();
        boolean[] all = new boolean[4];
        Arrays.fill(all, true);
        for (int s = 1; s < k; s++) {
            f.update(one, ok);
        }
        assertThat(f.update(all, ok)).isEqualTo(-1);
        assertThat(f.run(1)).isZero();
    }
}
