package org.qsebms.hal;

/** A hardware watchdog: fed only while the control loop is healthy. */
public interface Watchdog extends AutoCloseable {
    void feed();

    /** Disarms cleanly (magic close) where the device supports it. */
    @Override
    void close();

    /** A watchdog that does nothing, for the simulated backend. */
    static Watchdog none() {
        return new Watchdog() {
            @Override
            public void feed() {}

            @Override
            public void close() {}
        };
    }
}
