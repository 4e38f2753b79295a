package org.qsebms.hal.frontend;

/**
 * Flags a channel whose ADC code has not changed for {@code limit} consecutive conversions.
 * Real converters show at least one code of noise at these resolutions; a frozen code means a
 * hung front end or a chip returning a stale register. {@code limit = 0} disables the check.
 */
final class StuckDetector {
    private final int limit;
    private int lastCode = Integer.MIN_VALUE;
    private int repeats;

    StuckDetector(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("stuck limit must be >= 0 (0 disables), got " + limit);
        }
        this.limit = limit;
    }

    /** Feeds one code; true when the channel is now considered stuck. */
    boolean stuckAfter(int code) {
        if (code == lastCode) {
            repeats++;
        } else {
            lastCode = code;
            repeats = 1;
        }
        return limit > 0 && repeats >= limit;
    }

    int repeats() {
        return repeats;
    }
}
