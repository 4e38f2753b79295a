package org.qsebms.hal.wiring;

/** Stack voltage input through its own divider. */
public record PackVoltageSpec(
        AdcInputRef input, double dividerRatio, double gain, double offsetVolts, double maxVolts) {}
