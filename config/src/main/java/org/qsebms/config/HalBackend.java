package org.qsebms.config;

/** Which hardware backend drives the pack. Chosen explicitly in configuration. */
public enum HalBackend {
    /** The closed-loop simulated pack (no hardware). */
    SIMULATED,
    /** Pi4J drivers on a Raspberry Pi. */
    PI4J
}
