package org.qsebms.hal.frontend;

import java.util.Objects;
import org.qsebms.hal.adc.AdcChannel;

/** One NTC channel: ADC channel, thermistor law, divider and calibration of the temperature in degC. */
public record NtcInput(AdcChannel channel, Thermistor thermistor, NtcDivider divider, Calibration calibration) {
    public NtcInput {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(thermistor, "thermistor");
        Objects.requireNonNull(divider, "divider");
        Objects.requireNonNull(calibration, "calibration");
    }
}
