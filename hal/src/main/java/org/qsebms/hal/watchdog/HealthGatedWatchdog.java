package org.qsebms.hal.watchdog;

import java.util.function.BooleanSupplier;
import org.qsebms.hal.Watchdog;

/**
 * Passes a feed to the hardware watchdog only while {@code loopHealthy} says the control loop
 * is healthy (e.g. no repeated overruns, sensors answering). An unhealthy loop therefore lets
 * the board reset instead of keeping a hung controller alive.
 */
final class HealthGatedWatchdog implements Watchdog {
    private final Watchdog device;
    private final BooleanSupplier loopHealthy;
    private long withheld;

    HealthGatedWatchdog(Watchdog device, BooleanSupplier loopHealthy) {
        this.device = device;
        this.loopHealthy = loopHealthy;
    }

    @Override
    public void feed() {
        if (loopHealthy.getAsBoolean()) {
            device.feed();
        } else {
            withheld++;
        }
    }

    /** Feeds withheld because the loop was unhealthy. */
    long withheldFeeds() {
        return withheld;
    }

    @Override
    public void close() {
        device.close();
    }
}
