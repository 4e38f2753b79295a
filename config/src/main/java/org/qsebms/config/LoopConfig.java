package org.qsebms.config;

import java.time.Duration;

/**
 * Control loop timing.
 *
 * @param period            tick period (default 100 ms, 10 Hz)
 * @param overrunsToFault   consecutive overruns that raise a fatal loop fault (default 5; a configuration may
 *                          only lower it: more overruns before the fault is a looser check)
 */
public record LoopConfig(Duration period, int overrunsToFault) {
    /** What a configuration without a {@code loop:} section runs at. */
    public static final LoopConfig DEFAULT = new LoopConfig(Duration.ofMillis(100), 5);
}
