package org.qsebms.hal.frontend;

import java.util.Objects;
import org.qsebms.hal.adc.AdcChannel;

/**
 * One cell-voltage input: the ADC channel, the divider ratio (input volts per ADC volt,
 * e.g. 6.0 for 100 kOhm over 20 kOhm) and the calibration applied after the ratio.
 */
public record CellTap(AdcChannel channel, double dividerRatio, Calibration calibration) {
    public CellTap {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(calibration, "calibration");
        if (!(dividerRatio >= 1.0)) {
            throw new IllegalArgumentException(channel.location() + ": divider ratio " + dividerRatio
                    + " is below 1; give (Rtop + Rbottom) / Rbottom");
        }
    }
}
