package org.qsebms.bms.protection;

import org.qsebms.config.LimitDirection;
import org.qsebms.config.LimitLevel;
import org.qsebms.config.ThreeLevelLimit;

/**
 * Watches one quantity against its three levels with debounce and hysteresis. A level is raised
 * when the value has been at or beyond it for the debounce time and cleared when it has been back
 * inside by the hysteresis for the debounce time. The debounce is counted in time, not ticks, from
 * the first sample beyond; a level is raised at the first sample where the time beyond reaches the
 * debounce or would pass it before the next sample (time beyond + the last sample interval &gt;
 * debounce), so the reaction from the true onset is below debounce + one period at any loop period
 * (the onset lies after the previous sample), and on a period that divides the debounce a level is
 * raised exactly one debounce after its first sample beyond. MSL raises latch until
 * {@link #resetLatch()}. No allocation except when an edge creates its {@link FaultEvent}.
 */
final class LimitMonitor {
    private static final LimitLevel[] LEVELS = LimitLevel.values();

    private final FaultCode code;
    private final ThreeLevelLimit limit;
    private final long debounceNanos;
    /** True: the cause is gone only once the value is back inside by the hysteresis, whether or not the limit applies. */
    private final boolean causeNeedsValueInside;

    private final boolean[] active = new boolean[3];
    private final long[] since = new long[3];
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
        java.util.Arrays.fill(since, Long.MIN_VALUE);
    }

    /**
     * Evaluates {@code value}; {@code applicable} false means the quantity is not monitored this
     * tick (e.g. charge temperature while not charging), which clears pending debounces.
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
     * pending raise (the SOC floors at rest between discharge pulses): a level's pending debounce
     * then neither runs nor restarts, so the time beyond counts only the samples where the limit
     * applies, however the flow is broken up, and a raise still happens only on such a sample.
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
     * pending times are held (neither run nor restarted), so a channel that drops out now and then
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
        for (int l = 0; l < 3; l++) {
            double threshold = limit.level(LEVELS[l]);
            boolean beyond = applicable && limit.direction().violates(value, threshold);
            if (!active[l]) {
                if (beyond) {
                    if (since[l] == Long.MIN_VALUE) {
                        since[l] = nowNanos;
                    }
                    long seen = nowNanos - since[l];
                    if (Debounce.due(seen, nowNanos - previous, debounceNanos)) {
                        active[l] = true;
                        since[l] = Long.MIN_VALUE;
                        boolean latch = LEVELS[l] == LimitLevel.MSL;
                        latched |= latch;
                        sink.accept(new FaultEvent(
                                code,
                                LEVELS[l],
                                true,
                                latch,
                                describe(value, threshold, where, true) + seenFor(seen, nowNanos - previous),
                                nowNanos));
                    }
                } else if (since[l] != Long.MIN_VALUE
                        && (incomplete || paused && limit.direction().violates(value, threshold))) {
                    since[l] += nowNanos - previous; // a pause: the pending time is held, not run, not restarted
                } else {
                    since[l] = Long.MIN_VALUE;
                }
            } else {
                boolean inside = !applicable || !limit.direction().violates(value, back(threshold));
                if (inside && incomplete) {
                    if (since[l] != Long.MIN_VALUE) {
                        since[l] += nowNanos - previous; // the missing channel may still be beyond: held
                    }
                } else if (inside) {
                    if (since[l] == Long.MIN_VALUE) {
                        since[l] = nowNanos;
                    }
                    if (nowNanos - since[l] >= debounceNanos) {
                        active[l] = false;
                        since[l] = Long.MIN_VALUE;
                        sink.accept(new FaultEvent(
                                code,
                                LEVELS[l],
                                false,
                                LEVELS[l] == LimitLevel.MSL && latched,
                                applicable
                                        ? describe(value, threshold, whereCleared != null ? whereCleared : where, false)
                                        : (where.isEmpty() ? "" : where + ": ") + limit.quantity()
                                                + " no longer monitored (condition for this limit ended)",
                                nowNanos));
                    }
                } else {
                    since[l] = Long.MIN_VALUE;
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
        long pending = since[LimitLevel.MSL.ordinal()];
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
                    pending == Long.MIN_VALUE ? 0 : (nowNanos - pending) / 1_000_000L,
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
