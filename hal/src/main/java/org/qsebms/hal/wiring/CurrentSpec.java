package org.qsebms.hal.wiring;

import org.qsebms.hal.frontend.CurrentTransducer;

/** Pack current input: transducer (shunt+amplifier or Hall), calibration, mounting sign, range and open-wire threshold. */
public record CurrentSpec(
        AdcInputRef input,
        CurrentTransducer transducer,
        double gain,
        double offsetAmps,
        boolean invert,
        double maxAbsAmps,
        double openWireBelowVolts) {}
