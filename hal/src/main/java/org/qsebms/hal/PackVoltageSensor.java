package org.qsebms.hal;

/** Reads the total stack voltage, independently of the cell taps (for plausibility checks). */
public interface PackVoltageSensor {
    double readPackVolts();

    SensorStatus lastStatus();

    /**
     * Voltage on the load side of the contactors (DC link), used for the precharge voltage
     * match; NaN when the hardware does not measure it (precharge is then timed only).
     */
    default double readLinkVolts() {
        return Double.NaN;
    }

    /** Why the last reading is not OK (bus, address, channel, value, allowed range, fix); empty when OK. */
    default String lastFaultDescription() {
        return "";
    }
}
