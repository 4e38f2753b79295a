package org.qsebms.hal;

/** Reads the total stack voltage, independently of the cell taps (for plausibility checks). */
public interface PackVoltageSensor {
    double readPackVolts();

    SensorStatus lastStatus();

    /** Why the last reading is not OK (bus, address, channel, value, allowed range, fix); empty when OK. */
    default String lastFaultDescription() {
        return "";
    }
}
