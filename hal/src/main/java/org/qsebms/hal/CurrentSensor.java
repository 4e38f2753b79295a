package org.qsebms.hal;

/** Reads the signed pack current (charging positive, see {@link CurrentSign}). */
public interface CurrentSensor {
    /** Samples the current in amperes; check {@link #lastStatus()} before trusting it. */
    double readPackAmps();

    SensorStatus lastStatus();

    /** Why the last reading is not OK (bus, address, channel, value, allowed range, fix); empty when OK. */
    default String lastFaultDescription() {
        return "";
    }

    /** Captures the zero-current offset; call only while the pack is known to be at rest. */
    default void captureZeroOffset() {}
}
