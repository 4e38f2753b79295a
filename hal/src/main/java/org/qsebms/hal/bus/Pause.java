package org.qsebms.hal.bus;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a hardware delay (an ADC conversion). Injected so tests and emulators own time:
 * the emulators' {@link org.qsebms.hal.emulator.ManualNanoClock} advances instead of sleeping.
 */
@FunctionalInterface
public interface Pause {
    void nanos(long nanos);

    /** Parks the calling thread; the real-hardware pause. */
    static Pause parking() {
        return nanos -> {
            long deadline = System.nanoTime() + nanos;
            long left = nanos;
            while (left > 0) {
                LockSupport.parkNanos(left);
                left = deadline - System.nanoTime();
            }
        };
    }
}
