package org.qsebms.bms.control;

/**
 * Told once, on the loop thread, at the first estimate after a start, when cells refused the SOC doubt they were
 * restored with (rare: allocation is fine).
 */
@FunctionalInterface
public interface SocRestoreListener {
    SocRestoreListener NONE = (reason, nanos) -> {};

    /** @param reason which cells, their voltage and the SOC they started with, and what to check */
    void refused(String reason, long nanos);
}
