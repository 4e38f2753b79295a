package org.qsebms.hal;

/** Health of one sensor reading. Anything but {@link #OK} means the value must not be trusted. */
public enum SensorStatus {
    OK,
    OUT_OF_RANGE,
    STUCK,
    OPEN_WIRE,
    SHORT_CIRCUIT,
    BUS_ERROR;

    public boolean isOk() {
        return this == OK;
    }
}
