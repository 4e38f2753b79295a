package org.qsebms.hal;

/** Reads every series cell voltage of the stack. */
public interface CellVoltageSensor {
    int cellCount();

    /**
     * Fills {@code cellVolts[i]} and {@code status[i]} for every cell {@code i < cellCount()}.
     * Never throws for a sensor problem: a failed channel gets a non-OK status and its last value.
     */
    void readInto(double[] cellVolts, SensorStatus[] status);

    /**
     * Why {@code cell} is not OK after the last {@link #readInto}: bus, address, channel, value,
     * allowed range and a fix; empty when it is OK or the implementation has nothing to add.
     */
    default String faultDescription(int cell) {
        return "";
    }
}
