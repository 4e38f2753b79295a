package org.qsebms.config;

import java.time.Duration;

/**
 * Control loop timing.
 *
 * @param period            tick period (default 100 ms, 10 Hz)
 * @param overrunsToFault   consecutive overruns that raise a fatal loop fault
 */
public record LoopConfig(Duration period, int overrunsToFault) {}
