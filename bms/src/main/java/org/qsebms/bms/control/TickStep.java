package org.qsebms.bms.control;

/** One step of the tick that reads the {@link TickState}; {@link #NONE} stands for a feature the pack has not. */
@FunctionalInterface
interface TickStep {
    TickStep NONE = t -> {};

    /** Runs on the loop thread. Must not block or allocate in steady state. */
    void run(TickState t);
}
