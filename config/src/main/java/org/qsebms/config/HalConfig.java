package org.qsebms.config;

/** Hardware backend selection. */
public record HalConfig(HalBackend backend) {
}
