package org.qsebms.hal.watchdog;

import java.io.IOException;
import java.util.function.LongSupplier;
import org.qsebms.hal.Watchdog;

/**
 * The systemd service watchdog ({@code WatchdogSec=} in the unit): sends {@code WATCHDOG=1}
 * at most every half period, so the loop may call {@link #feed()} every tick. The JDK cannot
 * send a datagram to {@code $NOTIFY_SOCKET}, so the production {@link Notifier} starts
 * {@code systemd-notify WATCHDOG=1} (the unit sets {@code NotifyAccess=all}); a start costs a
 * few milliseconds once per half period.
 */
public final class SystemdWatchdog implements Watchdog {
    /** Delivers one sd_notify message. */
    @FunctionalInterface
    interface Notifier {
        void notify(String message) throws IOException;
    }

    private final Notifier notifier;
    private final LongSupplier nanoClock;
    private final long minIntervalNanos;
    private long lastNanos;
    private boolean fed;
    private String lastError = "";

    SystemdWatchdog(Notifier notifier, LongSupplier nanoClock, long watchdogUsec) {
        if (watchdogUsec <= 0) {
            throw new IllegalArgumentException("WATCHDOG_USEC must be > 0, got " + watchdogUsec);
        }
        this.notifier = notifier;
        this.nanoClock = nanoClock;
        this.minIntervalNanos = watchdogUsec * 1000 / 2;
    }

    /** The watchdog systemd asked for through {@code WATCHDOG_USEC}, or {@link Watchdog#none()} outside systemd. */
    public static Watchdog fromEnvironment() {
        String usec = System.getenv("WATCHDOG_USEC");
        if (usec == null || usec.isBlank()) {
            return Watchdog.none();
        }
        return new SystemdWatchdog(
                message -> new ProcessBuilder("systemd-notify", message)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start(),
                System::nanoTime,
                Long.parseLong(usec.trim()));
    }

    @Override
    public void feed() {
        long now = nanoClock.getAsLong();
        if (fed && now - lastNanos < minIntervalNanos) {
            return;
        }
        try {
            notifier.notify("WATCHDOG=1");
            lastNanos = now;
            fed = true;
        } catch (IOException e) {
            lastError = "systemd watchdog: cannot run systemd-notify: " + e.getMessage();
        }
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {}
}
