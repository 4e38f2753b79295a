package org.qsebms.hal.emulator;

import java.util.function.LongSupplier;
import org.qsebms.hal.Watchdog;

/**
 * The Pi's hardware watchdog (bcm2835-wdt behind {@code /dev/watchdog}) on the injected clock:
 * armed by the first feed, it expires when not fed for its timeout; the real one then resets
 * the SoC, and every GPIO falls back to an input, so the board's pull-downs release the contactor
 * drivers. {@link EmulatedBq76952Board} models that release. A magic close (clean stop) disarms.
 */
final class EmulatedWatchdog implements Watchdog {
    private final LongSupplier nanoClock;
    private final long timeoutNanos;
    private boolean armed;
    private long lastFeedNanos;
    private long feeds;

    EmulatedWatchdog(LongSupplier nanoClock, long timeoutNanos) {
        this.nanoClock = nanoClock;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void feed() {
        armed = true;
        lastFeedNanos = nanoClock.getAsLong();
        feeds++;
    }

    @Override
    public void close() {
        armed = false;
    }

    /** True once the watchdog was armed and then not fed for the timeout. */
    boolean expired() {
        return armed && nanoClock.getAsLong() - lastFeedNanos >= timeoutNanos;
    }

    /** Clock time at which it expires (or expired), Long.MAX_VALUE while disarmed. */
    long expiresAtNanos() {
        return armed ? lastFeedNanos + timeoutNanos : Long.MAX_VALUE;
    }

    public long feeds() {
        return feeds;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }
}
