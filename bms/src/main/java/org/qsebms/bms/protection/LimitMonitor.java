package org.qsebms.bms.protection;

import org.qsebms.config.LimitLevel;
import org.qsebms.config.ThreeLevelLimit;

/**
 * Watches one quantity against its three levels with debounce and hysteresis. A level is raised
 * when the value stays beyond it for the debounce time and cleared when it has been back inside
 * by the hysteresis for the debounce time. MSL raises latch until {@link #resetLatch()}.
 * No allocation except when an edge creates its {@link FaultEvent}.
 */
final class LimitMonitor {
    private static final LimitLevel[] LEVELS = LimitLevel.values();

    private final FaultCode code;
    private final ThreeLevelLimit limit;
    private final long debounceNanos;
    private final boolean[] active = new boolean[3];
    private final long[] since = new long[3];
    private boolean latched;

    LimitMonitor(FaultCode code, ThreeLevelLimit limit) {
        this.code = code;
        this.limit = limit;
        this.debounceNanos = limit.debounce().toNanos();
        java.util.Arrays.fill(since, Long.MIN_VALUE);
    }

    /**
     * Evaluates {@code value}; {@code applicable} false means the quantity is not monitored this
     * tick (e.g. charge temperature while not charging), which clears pending debounces.
     */
    void evaluate(double value, boolean applicable, long nowNanos, String where, FaultSink sink) {
        for (int l = 0; l < 3; l++) {
            double threshold = limit.level(LEVELS[l]);
            boolean beyond = applicable && limit.direction().violates(value, threshold);
            if (!active[l]) {
                if (beyond) {
                    if (since[l] == Long.MIN_VALUE) {
                        since[l] = nowNanos;
                    }
                    if (nowNanos - since[l] >= debounceNanos) {
                        active[l] = true;
                        since[l] = Long.MIN_VALUE;
                        boolean latch = LEVELS[l] == LimitLevel.MSL;
                        latched |= latch;
                        sink.accept(new FaultEvent(code, LEVELS[l], true, latch,
                                describe(value, threshold, where, true), nowNanos));
                    }
                } else {
                    since[l] = Long.MIN_VALUE;
                }
            } else {
                double back = limit.direction() == org.qsebms.config.LimitDirection.UPPER
                        ? threshold - limit.hysteresis() : threshold + limit.hysteresis();
                boolean inside = !applicable || !limit.direction().violates(value, back) && value != back;
                if (inside) {
                    if (since[l] == Long.MIN_VALUE) {
                        since[l] = nowNanos;
                    }
                    if (nowNanos - since[l] >= debounceNanos) {
                        active[l] = false;
                        since[l] = Long.MIN_VALUE;
                        sink.accept(new FaultEvent(code, LEVELS[l], false, LEVELS[l] == LimitLevel.MSL && latched,
                                applicable ? describe(value, threshold, where, false)
                                        : (where.isEmpty() ? "" : where + ": ") + limit.quantity()
                                        + " no longer monitored (condition for this limit ended)", nowNanos));
                    }
                } else {
                    since[l] = Long.MIN_VALUE;
                }
            }
        }
    }

    private String describe(double value, double threshold, String where, boolean raised) {
        String side = limit.direction() == org.qsebms.config.LimitDirection.UPPER ? "above" : "below";
        String unit = limit.unit().isEmpty() ? "" : " " + limit.unit();
        return String.format(java.util.Locale.ROOT, "%s%s %.3f%s %s limit %.3f%s%s", where.isEmpty() ? "" : where + ": ",
                limit.quantity(), value, unit, raised ? side : "back inside", threshold, unit,
                raised ? " for " + limit.debounce().toMillis() + " ms" : "");
    }

    boolean active(LimitLevel level) {
        return active[level.ordinal()];
    }

    /** True when the MSL is latched (raised at some point and not reset). */
    boolean latched() {
        return latched;
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
}
