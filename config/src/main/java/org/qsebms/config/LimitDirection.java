package org.qsebms.config;

/** Whether a limit guards a maximum (value must stay below) or a minimum (value must stay above). */
public enum LimitDirection {
    UPPER,
    LOWER;

    /** True when {@code value} is beyond {@code limit} in this direction. */
    public boolean violates(double value, double limit) {
        return this == UPPER ? value > limit : value < limit;
    }

    /** True when {@code candidate} is at least as strict as {@code reference}. */
    public boolean isTighterOrEqual(double candidate, double reference) {
        return this == UPPER ? candidate <= reference : candidate >= reference;
    }
}
