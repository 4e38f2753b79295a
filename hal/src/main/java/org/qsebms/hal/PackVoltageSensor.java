package org.qsebms.hal;

/** Reads the total stack voltage, independently of the cell taps (for plausibility checks). */
public interface PackVoltageSensor {
    double readPackVolts();

    SensorStatus lastStatus();
}
