package org.qsebms.config;

import java.time.Duration;

/**
 * Where and how often the BMS persists its state.
 *
 * @param directory directory for the state file (created if missing)
 * @param interval  time between periodic saves
 */
public record PersistenceConfig(String directory, Duration interval) {}
