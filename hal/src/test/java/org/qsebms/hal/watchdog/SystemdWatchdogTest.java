package org.qsebms.hal.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qsebms.hal.emulator.ManualNanoClock;

class SystemdWatchdogTest {
    @Test
    void notifiesAtMostEveryHalfWatchdogPeriod() {
        ManualNanoClock clock = new ManualNanoClock();
        List<String> sent = new ArrayList<>();
        SystemdWatchdog watchdog = new SystemdWatchdog(sent::add, clock, 10_000_000); // WatchdogSec=10s

        for (int tick = 0; tick < 120; tick++) { // 12 s of 100 ms ticks
            watchdog.feed();
            clock.advance(100_000_000);
        }

        assertThat(sent).hasSize(3).containsOnly("WATCHDOG=1");
    }

    @Test
    void aFailedNotifyIsKeptAsTextAndRetriedNextTick() {
        ManualNanoClock clock = new ManualNanoClock();
        int[] calls = {0};
        SystemdWatchdog watchdog = new SystemdWatchdog(
                m -> {
                    if (calls[0]++ == 0) {
                        throw new java.io.IOException("No such file or directory");
                    }
                },
                clock,
                10_000_000);

        watchdog.feed();
        assertThat(watchdog.lastError()).contains("systemd-notify", "No such file");
        watchdog.feed();
        assertThat(calls[0]).isEqualTo(2);
    }
}
