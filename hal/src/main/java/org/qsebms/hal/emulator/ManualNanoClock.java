package org.qsebms.hal.emulator;

import java.util.function.LongSupplier;
import org.qsebms.hal.bus.Pause;

/**
 * A nanosecond clock that only moves when told to. As a {@link Pause} it advances itself,
 * so a driver "waiting" for a conversion moves the emulators' time instead of sleeping.
 */
public final class ManualNanoClock implements LongSupplier, Pause {
    private long nanos;
    private long paused;

    @Override
    public long getAsLong() {
        return nanos;
    }

    public void advance(long deltaNanos) {
        if (deltaNanos < 0) {
            throw new IllegalArgumentException("time cannot go back: " + deltaNanos + " ns");
        }
        nanos += deltaNanos;
    }

    @Override
    public void nanos(long waitNanos) {
        advance(waitNanos);
        paused += waitNanos;
    }

    /** Total nanoseconds drivers spent waiting through this clock: the real-hardware time they would need. */
    public long pausedNanos() {
        return paused;
    }

    public void resetPausedNanos() {
        paused = 0;
    }
}
