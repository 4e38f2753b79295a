package org.qsebms.bms.protection;

import java.util.function.Supplier;
import org.qsebms.config.LimitLevel;

/**
 * A boolean fault condition (sensor failure, plausibility, contactor, loop) with a debounce.
 * Always at MSL: once raised it latches until reset, even after the condition goes away. The
 * debounce is counted in time as {@link Debounce#due} says, so the reaction is below debounce +
 * one sample period at any loop period. The time counted is the time the condition is seen: a
 * gap shorter than the debounce (samples without it, e.g. a sensor fault that comes and goes)
 * holds the pending time, neither running nor restarting it; only a gap as long as the debounce
 * (the time that also proves a cause gone) drops it. An intermittent fault therefore adds up.
 */
final class ConditionMonitor {
    private final FaultCode code;
    private final long debounceNanos;
    /** How long the condition must be absent before it counts as gone (its "cause gone" rule; the debounce unless given). */
    private final long clearNanos;

    private boolean present;
    private boolean latched;
    private long since = Long.MIN_VALUE;
    /** First sample of the present gap in a pending raise, or MIN_VALUE. */
    private long absentSince = Long.MIN_VALUE;

    private long lastNanos = Long.MIN_VALUE;
    /** The last reason given (kept by reference, built only when asked), for a refusal's text. */
    private Supplier<String> lastReason;

    private String lastRaisedReason = "";

    /** Whether the condition was seen at the last evaluation. */
    private boolean seenNow;
    /**
     * The reason as it read when the condition was seen (built on each edge into it, never on the hot path in
     * between): a refusal given while the condition is pending or clearing but not
     * seen at this sample names what was seen, not the sample's "reports OK" (check23t, 2026-12-06).
     */
    private String seenReason;

    ConditionMonitor(FaultCode code, long debounceNanos) {
        this(code, debounceNanos, debounceNanos);
    }

    /**
     * @param clearNanos how long the condition must stay absent before it counts as gone, for a condition whose own
     *                   window says more than its debounce (a rate over a sliding window: a sample without it inside
     *                   the window is no proof it ended). Until then it stays present: a reset is refused over it, and
     *                   its coming back is the same fault, not a new trip towards the repeated-trip lockout.
     */
    ConditionMonitor(FaultCode code, long debounceNanos, long clearNanos) {
        this.code = code;
        this.debounceNanos = debounceNanos;
        this.clearNanos = clearNanos;
    }

    /** @param reason built only on an edge, so the hot path does not allocate */
    void evaluate(boolean condition, long nowNanos, Supplier<String> reason, FaultSink sink) {
        long previous = lastNanos == Long.MIN_VALUE ? nowNanos : lastNanos;
        lastNanos = nowNanos;
        if (condition && !seenNow) {
            seenReason = reason.get(); // the edge into it: what the sample that saw it read
        }
        seenNow = condition;
        lastReason = reason;
        if (!condition && !present && since != Long.MIN_VALUE) {
            if (absentSince == Long.MIN_VALUE) {
                absentSince = nowNanos;
            }
            if (nowNanos - absentSince >= debounceNanos) {
                since = Long.MIN_VALUE; // gone for the debounce: the pending raise is dropped
                absentSince = Long.MIN_VALUE;
            } else {
                since += nowNanos - previous; // a gap: the pending time is held
            }
            return;
        }
        absentSince = Long.MIN_VALUE;
        if (condition == present) {
            since = Long.MIN_VALUE;
            return;
        }
        if (since == Long.MIN_VALUE) {
            since = nowNanos;
        }
        if (condition
                ? !Debounce.due(nowNanos - since, nowNanos - previous, debounceNanos)
                : nowNanos - since < clearNanos) {
            return;
        }
        since = Long.MIN_VALUE;
        present = condition;
        if (condition) {
            latched = true;
            sink.accept(new FaultEvent(code, LimitLevel.MSL, true, true, reason.get(), nowNanos));
        }
    }

    /** Raises immediately (no debounce), for faults detected as events. */
    void raiseNow(long nowNanos, String reason, FaultSink sink) {
        boolean wasLatched = latched;
        lastReason = null;
        lastRaisedReason = reason;
        present = true;
        latched = true;
        if (!wasLatched) {
            sink.accept(new FaultEvent(code, LimitLevel.MSL, true, true, reason, nowNanos));
        }
    }

    /** Marks the condition as gone without an edge (for event-type faults that are over once detected). */
    void conditionGone() {
        present = false;
        since = Long.MIN_VALUE;
        absentSince = Long.MIN_VALUE;
    }

    /**
     * Latches without an edge (a latch restored from the state file after a restart).
     *
     * @param causeUntilSeenGone true for a condition judged every tick: its cause counts as present
     *                           until this process has seen it gone for the debounce, as a live
     *                           latch's would (a fresh process has seen nothing, and nothing seen is
     *                           no proof); false for an event that is over once found
     */
    void restoreLatch(boolean causeUntilSeenGone) {
        latched = true;
        if (causeUntilSeenGone) {
            present = true;
            since = Long.MIN_VALUE;
        }
    }

    boolean present() {
        return present;
    }

    boolean latched() {
        return latched;
    }

    /**
     * True while the condition has been seen but not yet for its debounce (a raise pending, held over
     * short gaps): its cause is there, though not yet latched, so a reset must not be taken over it.
     */
    boolean pending() {
        return !present && since != Long.MIN_VALUE;
    }

    /**
     * What this condition is, present or pending, e.g. "CURRENT_ZERO_DRIFT (seen for 900 ms of its
     * 2000 ms debounce): current sensor reads 0.912 A while ..." (allocates; for a refused reset or
     * close, never per tick).
     */
    String describe(long nowNanos) {
        String what =
                lastReason == null ? lastRaisedReason : seenNow || seenReason == null ? lastReason.get() : seenReason;
        String state = pending()
                ? " (seen for " + (nowNanos - since) / 1_000_000L + " ms of its " + debounceNanos / 1_000_000L
                        + " ms debounce"
                        + (absentSince == Long.MIN_VALUE
                                ? ")"
                                : "; not seen for the last " + (nowNanos - absentSince) / 1_000_000L
                                        + " ms, held until not seen for its debounce)")
                : "";
        return code.name() + state + (what == null || what.isEmpty() ? "" : ": " + what);
    }

    void resetLatch(long nowNanos, FaultSink sink) {
        if (latched) {
            latched = false;
            sink.accept(new FaultEvent(
                    code, LimitLevel.MSL, false, false, code.meaning() + FaultEvent.RESET_SUFFIX, nowNanos));
        }
    }

    FaultCode code() {
        return code;
    }
}
