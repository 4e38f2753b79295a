package org.qsebms.bms.record;

/** Where the loop hands each closed cycle or checkpoint. Must return at once and allocate nothing. */
@FunctionalInterface
public interface CycleSink {
    /** Takes a copy of {@code closed}; false when it had to drop it. */
    boolean accept(ClosedCycle closed);
}
