package org.qsebms.bms.protection;

/**
 * The thermistors' own-rate liveness check (issue 23, sixth pass, second try): a thermistor frozen at
 * rest is otherwise found only by its 10 min at-rest window, while its own cell may heat past the
 * over-temperature MSL unseen (no other thermistor measures that cell). A live thermistor's reading
 * repeats now and then (its noise is a few ADC codes), and how often differs from channel to channel
 * (a channel whose noise is about one code, or that sits in the middle of a code, repeats far more
 * often than the others), so each channel is judged by its own history only.
 *
 * <p>Per channel, over its history of consecutive valid readings: the pairs and how many of them were
 * identical, and the pairs that follow an identical pair and how many of those were identical too
 * (repeats that come in clusters). A channel's present run of identical readings is left out of its
 * history until it ends. When a run starts, the channel's repeat chance is bounded from above by the
 * Wilson score bound of each rate with {@code z = sqrt(2 ln(1/falseAlarm))} (a normal tail beyond
 * {@code z} is below {@code falseAlarm}), the larger of the two (the clustered one only once it has
 * the minimum history itself); the run is frozen once {@code bound^r <= falseAlarm}. A channel with
 * fewer than {@code minHistory} pairs, or whose bound is so high that the run would outlast the at-rest
 * window, never fires from here (the windows still hold). Other evidence that explains a run: the
 * channel's status not OK (ends its run; the run is added to its history), and no other thermistor's
 * reading changed during the run (a quiet converter or a stalled bus: the windows judge it). A pack
 * with one thermistor has no other to ask, so its lone channel is judged by its own history alone
 * (issue 23, fix23ao: otherwise a freeze of a 1-cell pack's only thermistor was found by the windows
 * only, 1 min under flow and 10 min at rest, while its cell heated unseen). A {@code falseAlarm} of 0
 * switches the check off. Preallocated; one {@link #update} per tick, no
 * allocation; the bound (one square root and one log) only at the start of a run.
 */
final class FrozenByOwnRepeatRate {
    private final boolean on;
    private final double logAlarm;
    private final double z;
    private final double minHistory;

    /** Per channel, its history (runs that ended): valid consecutive pairs and the identical ones. */
    private final long[] pairs;

    private final long[] repeats;
    /** ... the pairs that follow an identical pair, and the identical ones among them. */
    private final long[] pairsAfterRepeat;

    private final long[] repeatsAfterRepeat;
    /** Identical readings in the present run (not yet in the history). */
    private final int[] run;
    /** Samples the present run needs for a verdict (fixed at its start), or {@link Integer#MAX_VALUE}. */
    private final int[] required;
    /** The bound on the channel's repeat chance fixed at the start of its present run. */
    private final double[] bound;
    /** Another thermistor's reading changed during the present run. */
    private final boolean[] othersChanged;
    /** One thermistor only: no other channel can explain its run, so its own history decides. */
    private final boolean alone;
    /** The channel's previous sample was valid (a pair can be formed). */
    private final boolean[] previousOk;
    /** The front end's prior bound on a live repeat (1: none) and the readings it holds at. */
    private final double prior;

    private final double priorMinCelsius;
    private final double priorMaxCelsius;
    /** Samples the present run needs when no other channel's change explains it (the prior's verdict alone). */
    private final int[] requiredUnexplained;
    /** The present run is judged by the prior (its bound is the prior's, not the channel's history's). */
    private final boolean[] byPrior;

    /**
     * @param falseAlarm the chance a live channel's run is taken for frozen (per evaluation), in [0, 1); 0: off
     * @param minHistory the pairs of a channel's own history needed before it may be judged
     */
    FrozenByOwnRepeatRate(int channels, double falseAlarm, double minHistory) {
        this(channels, falseAlarm, minHistory, 1.0, 0, 0);
    }

    /**
     * @param prior the front end's bound on a live reading's repeat chance between two samples (1: none)
     * @param priorMinCelsius the lowest reading the prior holds at
     * @param priorMaxCelsius the highest reading the prior holds at
     */
    FrozenByOwnRepeatRate(
            int channels,
            double falseAlarm,
            double minHistory,
            double prior,
            double priorMinCelsius,
            double priorMaxCelsius) {
        if (!(prior > 0 && prior <= 1)) {
            throw new IllegalArgumentException("prior repeat chance must be in (0, 1], got " + prior);
        }
        this.prior = prior;
        this.priorMinCelsius = priorMinCelsius;
        this.priorMaxCelsius = priorMaxCelsius;
        if (!(falseAlarm >= 0 && falseAlarm < 1)) {
            throw new IllegalArgumentException("false-alarm probability must be in [0, 1), got " + falseAlarm);
        }
        if (!(minHistory >= 1)) {
            throw new IllegalArgumentException("minimum history must be at least 1 pair, got " + minHistory);
        }
        this.on = falseAlarm > 0 && channels >= 1;
        this.alone = channels == 1;
        this.logAlarm = falseAlarm > 0 ? Math.log(falseAlarm) : Double.NEGATIVE_INFINITY;
        this.z = falseAlarm > 0 ? Math.sqrt(-2 * logAlarm) : Double.POSITIVE_INFINITY;
        this.minHistory = minHistory;
        pairs = new long[channels];
        repeats = new long[channels];
        pairsAfterRepeat = new long[channels];
        repeatsAfterRepeat = new long[channels];
        run = new int[channels];
        required = new int[channels];
        bound = new double[channels];
        othersChanged = new boolean[channels];
        previousOk = new boolean[channels];
        requiredUnexplained = new int[channels];
        byPrior = new boolean[channels];
        java.util.Arrays.fill(required, Integer.MAX_VALUE);
        java.util.Arrays.fill(requiredUnexplained, Integer.MAX_VALUE);
        java.util.Arrays.fill(bound, 1.0);
    }

    /** Wilson score upper bound on a rate of {@code k} in {@code n} at {@code z} standard deviations. */
    static double wilsonUpper(double k, double n, double z) {
        if (n <= 0) {
            return 1.0;
        }
        double z2 = z * z;
        double hit = k / n;
        double upper = (hit + z2 / (2 * n) + z * Math.sqrt(hit * (1 - hit) / n + z2 / (4 * n * n))) / (1 + z2 / n);
        return Math.min(1.0, upper);
    }

    /** Wilson score lower bound on a rate of {@code k} in {@code n} at {@code z} standard deviations. */
    static double wilsonLower(double k, double n, double z) {
        if (n <= 0) {
            return 0.0;
        }
        double z2 = z * z;
        double hit = k / n;
        double lower = (hit + z2 / (2 * n) - z * Math.sqrt(hit * (1 - hit) / n + z2 / (4 * n * n))) / (1 + z2 / n);
        return Math.max(0.0, lower);
    }

    /**
     * The front end's prior may judge channel {@code i}'s run at {@code celsius}: there is a prior, the reading is in
     * its range, and the channel's own history does not show it repeating more often than the prior allows (a Wilson
     * lower bound of either of its rates above the prior: the prior is wrong for this channel, its history decides).
     */
    boolean priorHolds(int i, double celsius) {
        if (prior >= 1 || !(celsius >= priorMinCelsius && celsius <= priorMaxCelsius)) {
            return false;
        }
        if (pairs[i] > 0 && wilsonLower(repeats[i], pairs[i], z) > prior) {
            return false;
        }
        return !(pairsAfterRepeat[i] > 0 && wilsonLower(repeatsAfterRepeat[i], pairsAfterRepeat[i], z) > prior);
    }

    /** The bound on channel {@code i}'s repeat chance from its history now (1 when it has too little). */
    double boundNow(int i) {
        if (pairs[i] < minHistory) {
            return 1.0;
        }
        double p = wilsonUpper(repeats[i], pairs[i], z);
        if (pairsAfterRepeat[i] >= minHistory) {
            p = Math.max(p, wilsonUpper(repeatsAfterRepeat[i], pairsAfterRepeat[i], z));
        }
        return p;
    }

    /** Samples in channel {@code i}'s present run of identical readings. */
    int run(int i) {
        return run[i];
    }

    /** The present run of channel {@code i} is judged by the front end's prior (for the reason text). */
    boolean byPrior(int i) {
        return byPrior[i];
    }

    /** The bound on channel {@code i}'s repeat chance used for its present run (for the reason text). */
    double bound(int i) {
        return bound[i];
    }

    /** The samples channel {@code i}'s present run needs for a verdict ({@link Integer#MAX_VALUE}: never). */
    int required(int i) {
        return required[i];
    }

    /** {@code ln} of the chance of channel {@code i}'s present run at its bound (0 without a run or bound). */
    double logChance(int i) {
        return run[i] == 0 || bound[i] >= 1 ? 0 : run[i] * Math.log(bound[i]);
    }

    /** Pairs in channel {@code i}'s history. */
    long history(int i) {
        return pairs[i];
    }

    /** As {@link #update(boolean[], boolean[], double[])} without readings: the prior never judges. */
    int update(boolean[] changed, boolean[] ok) {
        return update(changed, ok, null);
    }

    /**
     * @param changed per channel: its reading differs from its previous one (or it has none, or is not OK)
     * @param ok      per channel: its status is OK
     * @param celsius per channel: its reading (for the prior's range), or null: the prior never judges
     * @return a channel found frozen at this sample, or -1
     */
    int update(boolean[] changed, boolean[] ok, double[] celsius) {
        int changedLive = 0;
        for (int i = 0; i < run.length; i++) {
            if (ok[i] && changed[i] && previousOk[i]) {
                changedLive++;
            }
        }
        int frozen = -1;
        for (int i = 0; i < run.length; i++) {
            if (!ok[i]) {
                endRun(i);
                previousOk[i] = false;
                continue;
            }
            if (changed[i]) {
                if (previousOk[i]) {
                    pairs[i]++;
                    if (run[i] > 0) {
                        pairsAfterRepeat[i]++;
                    }
                }
                endRun(i);
                previousOk[i] = true;
                continue;
            }
            // an identical valid reading (a changed flag is set after any invalid sample, so a pair)
            if (run[i] == 0) {
                double own = boundNow(i);
                boolean withPrior = celsius != null && priorHolds(i, celsius[i]);
                byPrior[i] = withPrior && prior < own;
                bound[i] = withPrior ? Math.min(own, prior) : own;
                required[i] = requiredSamples(bound[i]);
                requiredUnexplained[i] = withPrior ? requiredSamples(prior) : Integer.MAX_VALUE;
                othersChanged[i] = false;
            }
            run[i]++;
            othersChanged[i] |= changedLive > 0 || alone;
            if (on && frozen < 0 && run[i] >= (othersChanged[i] ? required[i] : requiredUnexplained[i])) {
                if (!othersChanged[i]) {
                    bound[i] = prior; // no other channel's change explains the run: the prior alone judged it
                    byPrior[i] = true;
                }
                frozen = i;
            }
        }
        return frozen;
    }

    private int requiredSamples(double p) {
        if (!on || p >= 1) {
            return Integer.MAX_VALUE;
        }
        if (p <= 0) {
            return 1;
        }
        double r = Math.ceil(logAlarm / Math.log(p));
        return r >= Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(1, (int) r);
    }

    /** Adds channel {@code i}'s present run (if any) to its history. */
    private void endRun(int i) {
        int r = run[i];
        if (r > 0) {
            pairs[i] += r;
            repeats[i] += r;
            pairsAfterRepeat[i] += r - 1;
            repeatsAfterRepeat[i] += r - 1;
        }
        run[i] = 0;
        required[i] = Integer.MAX_VALUE;
        requiredUnexplained[i] = Integer.MAX_VALUE;
        byPrior[i] = false;
        bound[i] = 1.0;
    }
}
