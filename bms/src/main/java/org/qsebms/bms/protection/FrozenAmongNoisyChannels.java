package org.qsebms.bms.protection;

/**
 * The thermistors' relative liveness check (issue 23, sixth pass): a thermistor frozen at rest is
 * otherwise found only by its 10 min at-rest window, while its own cell may heat past the
 * over-temperature MSL unseen (no other thermistor measures that cell). As for the cell channels
 * ({@link FrozenAmongMovingChannels}) the other channels are the evidence of how a live channel
 * reads, but a live thermistor's reading repeats now and then (its ADC code moves tens of codes per
 * °C and its noise is a few codes), so the other channels need not all change at every sample.
 * Over channel {@code i}'s present run of {@code r} samples with its reading unchanged, let
 * {@code U} be the unchanged readings of all {@code n} channels together ({@code r} of them its
 * own). Were the channels alike (exchangeable), the chance that a given channel's {@code r} slots
 * are all among the {@code U} unchanged ones of the {@code n r} is
 * {@code C(n r - r, U - r) / C(n r, U)}; over the {@code n} channels at most {@code n} times that.
 * Channel {@code i} is frozen once that is at most the false-alarm probability. When every other
 * channel changed at every sample ({@code U = r}) this is {@code n / C(n r, r)}, the cell
 * channels' rule; when the others repeat too, the run goes on and takes more samples, and when
 * every channel repeats (a quiet ADC, a stalled bus) there is no evidence at all. A sample where a
 * channel is not OK ends every run. Preallocated (a log-factorial table); one {@link #update} per
 * tick, no allocation.
 */
final class FrozenAmongNoisyChannels {
    /**
     * The longest run judged (a table bound, not a law): a run that reaches it without a verdict
     * starts again, so the others' repeats are counted over at most this many samples.
     */
    static final int MAX_RUN = 256;

    private final int n;
    private final double logAlarm;
    private final int[] run;
    /** Unchanged readings of the other channels over channel i's present run. */
    private final int[] othersUnchanged;
    /** {@code logFactorial[k] = ln k!} for k up to {@code n * MAX_RUN}. */
    private final double[] logFactorial;

    FrozenAmongNoisyChannels(int channels, double falseAlarm) {
        if (!(falseAlarm > 0 && falseAlarm < 1)) {
            throw new IllegalArgumentException("false-alarm probability must be in (0, 1), got " + falseAlarm);
        }
        this.n = channels;
        this.logAlarm = Math.log(falseAlarm);
        this.run = new int[channels];
        this.othersUnchanged = new int[channels];
        this.logFactorial = new double[channels * MAX_RUN + 1];
        for (int k = 1; k < logFactorial.length; k++) {
            logFactorial[k] = logFactorial[k - 1] + Math.log(k);
        }
    }

    /** {@code ln} of the chance, over {@code n} channels, that one channel's {@code r} slots are all unchanged. */
    double logChance(int r, int othersUnchanged) {
        int slots = n * r;
        int unchanged = r + othersUnchanged;
        return Math.log(n) + logChoose(slots - r, unchanged - r) - logChoose(slots, unchanged);
    }

    private double logChoose(int a, int b) {
        return logFactorial[a] - logFactorial[b] - logFactorial[a - b];
    }

    /** Samples in channel {@code i}'s present run (for tests and the reason text). */
    int run(int i) {
        return run[i];
    }

    /**
     * @param changed per channel: its reading differs from its previous one (or it has none yet)
     * @param ok      per channel: its status is OK
     * @return a channel found frozen at this sample, or -1
     */
    int update(boolean[] changed, boolean[] ok) {
        int unchangedNow = 0;
        boolean allOk = n >= 2;
        for (int i = 0; i < n; i++) {
            allOk &= ok[i];
            if (!changed[i]) {
                unchangedNow++;
            }
        }
        int frozen = -1;
        for (int i = 0; i < n; i++) {
            if (!allOk || changed[i] || run[i] >= MAX_RUN) {
                run[i] = 0;
                othersUnchanged[i] = 0;
                if (!allOk || changed[i]) {
                    continue;
                }
            }
            run[i]++;
            othersUnchanged[i] += unchangedNow - 1;
            if (frozen < 0 && logChance(run[i], othersUnchanged[i]) <= logAlarm) {
                frozen = i;
            }
        }
        return frozen;
    }
}
