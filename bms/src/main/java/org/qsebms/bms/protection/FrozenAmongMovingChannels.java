package org.qsebms.bms.protection;

/**
 * The cell channels' relative liveness check (issue 23, fifth pass): a channel frozen at rest is
 * otherwise found only by the at-rest window ({@code cellStuckAtRest}), or by the sum-of-cells
 * check, whose tolerance grows with the pack (0.535 V on 24 cells), so on a large pack a frozen
 * channel could hide its cell's over-voltage for the whole window. Here the other channels are the
 * evidence of how a live channel reads: when, at every sample of a run, every other channel's
 * reading changed (their noise, or the current, moves them) and this one's stayed bit-identical,
 * the run counts. Were the channels alike (exchangeable), the chance that all {@code k} identical
 * readings seen among the {@code n} channels over {@code k} samples fell on one channel is
 * {@code n / C(n k, k)}; the channel is frozen at the smallest {@code k} where that is at most
 * {@code cellFrozenFalseAlarm}. The rule counts samples, not volts, so it needs no ADC quantum: a
 * converter whose noise is below its quantum makes live channels repeat too, and then no run
 * starts (the at-rest window still holds). The number of samples falls as the pack grows (24 cells:
 * 5 samples at 1e-6; 4 cells: 8), so detection does not get slower with the pack size.
 * A sample where any channel is not OK ends every run (a channel reporting a fault is no evidence).
 * Preallocated; one {@link #update} per tick, no allocation.
 */
final class FrozenAmongMovingChannels {
    private final int requiredSamples;
    private final int[] run;

    FrozenAmongMovingChannels(int channels, double falseAlarm) {
        this.requiredSamples = requiredSamples(channels, falseAlarm);
        this.run = new int[channels];
    }

    /**
     * The smallest {@code k} with {@code n / C(n k, k) <= falseAlarm}, or {@link Integer#MAX_VALUE}
     * when fewer than two channels give no others to compare with.
     */
    static int requiredSamples(int n, double falseAlarm) {
        if (n < 2) {
            return Integer.MAX_VALUE;
        }
        double logAlarm = Math.log(falseAlarm);
        for (int k = 1; k < 10_000; k++) {
            double logChoose = 0;
            for (int j = 0; j < k; j++) {
                logChoose += Math.log((double) (n * k - j) / (k - j));
            }
            if (Math.log(n) - logChoose <= logAlarm) {
                return k;
            }
        }
        return Integer.MAX_VALUE;
    }

    int requiredSamples() {
        return requiredSamples;
    }

    /** Samples in channel {@code i}'s present run (unchanged while every other channel changed). */
    int run(int i) {
        return run[i];
    }

    /**
     * @param changed per channel: its reading differs from its previous one (or it has none yet)
     * @param ok      per channel: its status is OK
     * @return the channel found frozen at this sample, or -1
     */
    int update(boolean[] changed, boolean[] ok) {
        int unchanged = -1;
        boolean evidence = true;
        for (int i = 0; i < run.length && evidence; i++) {
            if (!ok[i]) {
                evidence = false;
            } else if (!changed[i]) {
                evidence = unchanged < 0;
                unchanged = i;
            }
        }
        int frozen = -1;
        for (int i = 0; i < run.length; i++) {
            if (evidence && i == unchanged) {
                run[i] = Math.min(run[i] + 1, requiredSamples);
                if (run[i] >= requiredSamples) {
                    frozen = i;
                }
            } else {
                run[i] = 0;
            }
        }
        return frozen;
    }
}
