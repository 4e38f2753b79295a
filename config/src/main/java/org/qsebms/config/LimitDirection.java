package org.qsebms.config;

/** Whether a limit guards a maximum (value must stay below) or a minimum (value must stay above). */
public enum LimitDirection {
    UPPER,
    LOWER;

    /**
     * True when {@code value} has reached {@code limit} in this direction: a value at the limit
     * counts, so a limit at the end of a clamped range (SOC 1.00 or 0.00) can be reached.
     */
    public boolean violates(double value, double limit) {
        return this == UPPER ? value >= limit : value <= limit;
    }

    /** True when {@code candidate} is at least as strict as {@code reference}. */
    boolean isTighterOrEqual(double candidate, double reference) {
        return this == UPPER ? candidate <= reference : candidate >= reference;
    }
}
