package org.qsebms.bms.protection;

/**
 * The debounce rule, in time: a condition seen on consecutive samples for {@code beyondNanos}
 * (from its first sample) is due once that time reaches the debounce, or would pass it before the
 * next sample ({@code beyondNanos + lastIntervalNanos > debounceNanos}). The true onset lies after
 * the previous sample, so the reaction is below debounce + one sample period whatever the loop
 * period; on a period that divides the debounce this is exactly one debounce after the first sample.
 */
final class Debounce {
    private Debounce() {}

    static boolean due(long beyondNanos, long lastIntervalNanos, long debounceNanos) {
        return beyondNanos >= debounceNanos || beyondNanos + lastIntervalNanos > debounceNanos;
    }
}
