package org.qsebms.hal.wiring;

import org.qsebms.hal.frontend.NtcDivider;
import org.qsebms.hal.frontend.Thermistor;

/** One NTC input: ADC input, thermistor law, divider, calibration gain and offset in degC. */
public record NtcSpec(
        AdcInputRef input, Thermistor thermistor, NtcDivider divider, double gain, double offsetCelsius) {}
