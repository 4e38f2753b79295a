package org.qsebms.bms.command;

import java.util.function.LongSupplier;

/** Token bucket: {@code perSecond} sustained, bursts of {@code burst}. Single-threaded (telemetry thread). */
public final class CommandRateLimiter {
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public CommandRateLimiter(double perSecond, double burst, LongSupplier nanoClock) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("mqtt.commandsPerSecond: " + perSecond + "/s (burst " + burst
                    + ") must be > 0 with a burst of at least 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** True when a command may be processed now (and consumes a token). */
    public boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
