package org.qsebms.hal.watchdog;

import org.qsebms.hal.Watchdog;

/** Feeds two watchdogs together: the hardware timer and the systemd service watchdog. */
public record BothWatchdogs(Watchdog first, Watchdog second) implements Watchdog {
    @Override
    public void feed() {
        first.feed();
        second.feed();
    }

    @Override
    public void close() {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}
