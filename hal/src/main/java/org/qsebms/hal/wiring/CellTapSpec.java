package org.qsebms.hal.wiring;

/** One cell tap (or differential cell input): ADC input, divider ratio, calibration gain and offset in volts. */
public record CellTapSpec(AdcInputRef input, double dividerRatio, double gain, double offsetVolts) {}
