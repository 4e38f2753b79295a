package org.qsebms.bms.control;

/**
 * Told, on the loop thread, when the current sensor's reading with the contactors open goes beyond its rated zero
 * offset, and when it comes back within it (rare: allocation is fine).
 */
@FunctionalInterface
public interface CurrentZeroListener {
    CurrentZeroListener NONE = (beyond, reason, nanos) -> {};

    /**
     * @param beyond whether the sensor now reads beyond its rating with nothing flowing
     * @param reason what it read, over how long, against which rating, what that does and what to check
     */
    void rating(boolean beyond, String reason, long nanos);
}
