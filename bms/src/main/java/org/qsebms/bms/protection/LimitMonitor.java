package org.qsebms.bms.protection;

import org.qsebms.config.LimitDirection;
import org.qsebms.config.LimitLevel;
import org.qsebms.config.ThreeLevelLimit;

/**
 * Watches one quantity against its three levels with debounce and hysteresis. A level is raised
 * when the time counted beyond it reaches the debounce and cleared when the value has been back
 * inside by the hysteresis for the debounce time. The debounce is counted in time, not ticks, as an
 * up/down count (as diagnosis counters do): the first sample beyond starts it at 0, each further
 * sample beyond adds the interval since the sample before, and each sample back inside takes that
 * interval back (the pending raise is dropped once the count would fall below 0), so a condition
 * beyond for more than half of the time adds up and is raised, one beyond for half of it or less
 * never is, and a lone excursion still needs its whole debounce. A level is raised at the first
 * sample where the count reaches the debounce or would pass it before the next sample (count + the
 * last sample interval &gt; debounce), so the reaction from the true onset of a steady condition is
 * below debounce + one period at any loop period, and on a period that divides the debounce it is
 * raised exactly one debounce after its first sample beyond; a condition beyond a fraction d &gt; 1/2
 * of the samples is raised within about debounce / (2d - 1) + one period. Clearing is not counted
 * up and down: it needs the debounce back inside unbroken (a sample beyond restarts it), so a level
 * never clears while its condition still comes back. MSL raises latch until {@link #resetLatch()}.
 * No allocation except when an edge creates its {@link FaultEvent}.
 */
final class LimitMonitor {
    private static final LimitLevel[] LEVELS = LimitLevel.values();
    private static final long NONE = Long.MIN_VALUE;

    private final FaultCode code;
    private final ThreeLevelLimit limit;
    private final long debounceNanos;
    /** True: the cause is gone only once the value is back inside by the hysteresis, whether or not the limit applies. */
    private final boolean causeNeedsValueInside;

    private final boolean[] active = new boolean[3];
    /**
     * Per level, the time counted towards its edge, {@link #NONE} when nothing is pending: while a level is not
     * active, the time seen beyond (up on a sample beyond, down on one back inside); while it is active, the time
     * back inside by the hysteresis (restarted by a sample that is not).
     */
    private final long[] counted = new long[3];
    /** Per level, when the pending count towards a raise started (its first sample beyond), for the raise's text. */
    private final long[] countStart = new long[3];

    private boolean latched;
    private long lastNanos = Long.MIN_VALUE;
    private double lastValue = Double.NaN;
    private boolean lastValid;
    /** The last sample saw the value beyond the MSL where the limit applies (raised or not yet for its debounce). */
    private boolean lastBeyondMsl;
    /** Where the last sample was taken (a cell's or sensor's name, built once at start-up), for a refusal's text. */
    private String lastWhere = "";
    /** What a clearing names instead of {@code where}, for this evaluation only (null: {@code where}). */
    private String whereCleared;
    /**
     * Per level, where its raise was seen (the name handed in, built once at start-up: no allocation), so its clearing
     * names the same cell or channel (issue 23, check23n and check23u: a clear named the worst cell at that moment).
     */
    private final String[] raisedWhere = new String[3];

    LimitMonitor(FaultCode code, ThreeLevelLimit limit) {
        this(code, limit, true);
    }

    /**
     * @param causeNeedsValueInside true when what proves the cause gone is the value back inside the MSL by the
     *                              hysteresis (voltages, temperatures, imbalance), false when the limit stopping to
     *                              apply is enough (currents and SOC bounds: no flow, no hazard)
     */
    LimitMonitor(FaultCode code, ThreeLevelLimit limit, boolean causeNeedsValueInside) {
        this.code = code;
        this.limit = limit;
        this.debounceNanos = limit.debounce().toNanos();
        this.causeNeedsValueInside = causeNeedsValueInside;
        java.util.Arrays.fill(counted, NONE);
    }

    /**
     * Evaluates {@code value}; {@code applicable} false means the quantity is not monitored this
     * tick (e.g. the SOC ceiling while discharging), which drops pending debounces.
     */
    void evaluate(double value, boolean applicable, long nowNanos, String where, FaultSink sink) {
        evaluate(value, applicable, applicable, nowNanos, where, sink);
    }

    /**
     * As {@link #evaluate(double, boolean, long, String, FaultSink)}, a clearing naming {@code whereCleared} instead of
     * {@code where}: where {@code where} is the detail of a raise that no longer holds when the level clears (check23r:
     * a soft-short alarm cleared with the leak it was raised with).
     */
    void evaluate(double value, boolean applicable, long nowNanos, String where, String whereCleared, FaultSink sink) {
        this.whereCleared = whereCleared;
        try {
            evaluate(value, applicable, nowNanos, where, sink);
        } finally {
            this.whereCleared = null;
        }
    }

    /**
     * As above, with {@code valid} telling whether {@code value} is a trusted measurement at all
     * (it is kept to decide whether the cause of a latched MSL is gone).
     */
    void evaluate(double value, boolean valid, boolean applicable, long nowNanos, String where, FaultSink sink) {
        evaluate(value, valid, applicable, false, nowNanos, where, sink);
    }

    /**
     * As above, with {@code paused} true while the limit does not apply but nothing contradicts a
     * pending raise (the SOC floors at rest between discharge pulses): while the value stays beyond,
     * a level's pending count is held (neither runs nor is taken back), so the time beyond counts only
     * the samples where the limit applies, however the flow is broken up, and a raise still happens
     * only on such a sample; a paused sample back inside takes its time back as any sample inside.
     */
    void evaluate(
            double value,
            boolean valid,
            boolean applicable,
            boolean paused,
            long nowNanos,
            String where,
            FaultSink sink) {
        evaluate(value, valid, applicable, paused, false, nowNanos, where, sink);
    }

    /**
     * As above, with {@code incomplete} true when a channel this quantity is taken over reported a
     * fault this sample (an open wire, a bus error): the value then lacks that channel, which may be
     * the one beyond, so the sample cannot contradict a pending raise or confirm a clearing. Both
     * pending counts are held (neither run nor taken back or restarted), so a channel that drops out now and then
     * cannot keep a limit from being raised (a raise still needs a sample that sees the value beyond).
     */
    void evaluate(
            double value,
            boolean valid,
            boolean applicable,
            boolean paused,
            boolean incomplete,
            long nowNanos,
            String where,
            FaultSink sink) {
        long previous = lastNanos == Long.MIN_VALUE ? nowNanos : lastNanos;
        lastNanos = nowNanos;
        lastValue = value;
        lastValid = valid;
        lastWhere = where;
        lastBeyondMsl = applicable && limit.direction().violates(value, limit.msl());
        long interval = nowNanos - previous;
        for (int l = 0; l < 3; l++) {
            double threshold = limit.level(LEVELS[l]);
            boolean violates = limit.direction().violates(value, threshold);
            boolean beyond = applicable && violates;
            if (!active[l]) {
                if (beyond) {
                    // the first sample beyond counts 0 (the onset lies somewhere in the interval before it)
                    if (counted[l] == NONE) {
                        counted[l] = 0;
                        countStart[l] = nowNanos;
                    } else {
                        counted[l] += interval;
                    }
                    long seen = counted[l];
                    if (Debounce.due(seen, interval, debounceNanos)) {
                        active[l] = true;
                        counted[l] = NONE;
                        raisedWhere[l] = where;
                        boolean latch = LEVELS[l] == LimitLevel.MSL;
                        latched |= latch;
                        sink.accept(new FaultEvent(
                                code,
                                LEVELS[l],
                                true,
                                latch,
                                describe(value, threshold, where, true)
                                        + seenFor(seen, interval)
                                        + countedOver(seen, nowNanos - countStart[l]),
                                nowNanos));
                    }
                } else if (counted[l] == NONE) {
                    continue;
                } else if (incomplete || paused && violates) {
                    continue; // a pause or a missing channel: the pending time is held, not run, not restarted
                } else if (applicable || paused) {
                    // back inside: the sample takes back the time it lasted, so a condition beyond for more than
                    // half of the time adds up and one beyond for half of it or less never does
                    counted[l] -= interval;
                    if (counted[l] < 0) {
                        counted[l] = NONE;
                    }
                } else {
                    counted[l] = NONE; // the limit no longer applies: nothing is pending
                }
            } else {
                boolean inside = !applicable || !limit.direction().violates(value, back(threshold));
                if (inside && incomplete) {
                    continue; // the missing channel may still be beyond: the time inside is held
                } else if (inside) {
                    counted[l] = counted[l] == NONE ? 0 : counted[l] + interval;
                    if (counted[l] >= debounceNanos) {
                        active[l] = false;
                        counted[l] = NONE;
                        sink.accept(new FaultEvent(
                                code,
                                LEVELS[l],
                                false,
                                LEVELS[l] == LimitLevel.MSL && latched,
                                applicable
                                        ? describeCleared(value, threshold, raisedWhere[l], where)
                                        : (where.isEmpty() ? "" : where + ": ") + limit.quantity()
                                                + " no longer monitored (condition for this limit ended)",
                                nowNanos));
                        raisedWhere[l] = null;
                    }
                } else {
                    counted[l] = NONE; // clearing needs an unbroken stretch inside: a sample beyond restarts it
                }
            }
        }
    }

    private double back(double threshold) {
        return limit.direction() == LimitDirection.UPPER
                ? threshold - limit.hysteresis()
                : threshold + limit.hysteresis();
    }

    /**
     * True when what this limit guards is still present, so a reset must be refused: the MSL is
     * active; or the last sample saw the value beyond the MSL where the limit applies, although not
     * yet for its debounce (a reset taken then would only let the pack close into a trip that counts
     * towards the lockout; a floor that applies only while discharging is not pending at rest); or it
     * is latched and the last value is not back inside the MSL by the hysteresis (or not a trusted
     * measurement), for limits whose cause is the value itself.
     */
    boolean causePresent() {
        if (active[LimitLevel.MSL.ordinal()] || lastBeyondMsl) {
            return true;
        }
        if (!latched || !causeNeedsValueInside) {
            return false;
        }
        return !lastValid || limit.direction().violates(lastValue, back(limit.msl()));
    }

    /**
     * What makes {@link #causePresent()} true, with the value and the limit, e.g. "cell 3: cellVoltage
     * 4.352 V beyond the MSL 4.300 V, seen for 100 ms of its 300 ms debounce" (allocates; for a refused
     * reset or close, never per tick). Empty when no cause is present.
     */
    String describeCause(long nowNanos) {
        if (!causePresent()) {
            return "";
        }
        String side = limit.direction() == LimitDirection.UPPER ? "above" : "below";
        String unit = limit.unit().isEmpty() ? "" : " " + limit.unit();
        String head = String.format(
                java.util.Locale.ROOT,
                "%s.MSL: %s%s %.3f%s",
                code.name(),
                lastWhere.isEmpty() ? "" : lastWhere + ": ",
                limit.quantity(),
                lastValue,
                unit);
        long pending = counted[LimitLevel.MSL.ordinal()];
        if (active[LimitLevel.MSL.ordinal()]) {
            return String.format(java.util.Locale.ROOT, "%s %s the MSL %.3f%s (raised)", head, side, limit.msl(), unit);
        }
        if (lastBeyondMsl) {
            return String.format(
                    java.util.Locale.ROOT,
                    "%s %s the MSL %.3f%s, seen for %d ms of its %d ms debounce",
                    head,
                    side,
                    limit.msl(),
                    unit,
                    pending == NONE ? 0 : pending / 1_000_000L,
                    limit.debounce().toMillis());
        }
        return String.format(
                java.util.Locale.ROOT,
                "%s%s, latched and not back inside the MSL by the hysteresis (%.3f%s)",
                head,
                lastValid ? "" : " (not a trusted measurement)",
                back(limit.msl()),
                unit);
    }

    /**
     * A clearing's text. It names where the level was raised: the value handed in is the worst over the cells or
     * channels (the highest cell for an over-voltage), and when the worst is now another one than the raise's, the
     * text gives the value now and where it is at its worst, which bounds every other ("cell 2: cellOverVoltage back
     * inside limit 4.300 V: 3.907 V now, at its worst on cell 3"). A caller's {@code whereCleared} is named as is.
     */
    private String describeCleared(double value, double threshold, String raisedAt, String where) {
        if (whereCleared != null) {
            return describe(value, threshold, whereCleared, false);
        }
        if (raisedAt == null || raisedAt.isEmpty() || raisedAt.equals(where) || where.isEmpty()) {
            return describe(value, threshold, where, false);
        }
        String unit = limit.unit().isEmpty() ? "" : " " + limit.unit();
        return String.format(
                java.util.Locale.ROOT,
                "%s: %s back inside limit %.3f%s: %.3f%s now, at its worst on %s",
                raisedAt,
                limit.quantity(),
                threshold,
                unit,
                value,
                unit,
                where);
    }

    private String describe(double value, double threshold, String where, boolean raised) {
        String side = limit.direction() == LimitDirection.UPPER ? "above" : "below";
        String unit = limit.unit().isEmpty() ? "" : " " + limit.unit();
        return String.format(
                java.util.Locale.ROOT,
                "%s%s %.3f%s %s limit %.3f%s%s",
                where.isEmpty() ? "" : where + ": ",
                limit.quantity(),
                value,
                unit,
                raised ? side : "back inside",
                threshold,
                unit,
                "");
    }

    /**
     * How long a raised level was seen: its debounce, or, raised on a sample before the debounce had passed because
     * it would pass before the next one (a loop period long against the debounce; {@link Debounce}), what was seen.
     */
    private String seenFor(long seenNanos, long intervalNanos) {
        if (seenNanos >= debounceNanos) {
            return " for " + limit.debounce().toMillis() + " ms";
        }
        return String.format(
                java.util.Locale.ROOT,
                " seen for %d ms on samples %d ms apart: its %d ms debounce would pass before the next sample",
                seenNanos / 1_000_000L,
                intervalNanos / 1_000_000L,
                limit.debounce().toMillis());
    }

    /**
     * Over how long a raise's count was gathered when that is longer than the count (samples back inside took time
     * back, or pauses held it), e.g. ", counted over 2800 ms: ..."; empty for a condition seen without a break.
     */
    private static String countedOver(long seenNanos, long spanNanos) {
        if (spanNanos <= seenNanos) {
            return "";
        }
        return ", counted over " + spanNanos / 1_000_000L
                + " ms (a sample back inside takes back its time, a pause or a missing channel holds it)";
    }

    boolean active(LimitLevel level) {
        return active[level.ordinal()];
    }

    /** True when the MSL is latched (raised at some point and not reset). */
    boolean latched() {
        return latched;
    }

    /** Latches the MSL without an edge (a latch restored from the state file after a restart). */
    void restoreLatch() {
        latched = true;
    }

    /** Clears the latch; the caller checks that the condition is gone first. */
    void resetLatch() {
        latched = false;
    }

    FaultCode code() {
        return code;
    }

    ThreeLevelLimit limit() {
        return limit;
    }

    boolean causeNeedsValueInside() {
        return causeNeedsValueInside;
    }
}
