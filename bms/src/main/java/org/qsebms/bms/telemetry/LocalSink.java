package org.qsebms.bms.telemetry;

import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.PackSample;

/**
 * Readers in this process (the console status line, the dashboard) that the telemetry thread hands
 * what it takes from the control loop: every sample, and every controller event before it is
 * published. Both calls run on the telemetry thread and must return quickly; they never reach the
 * control loop, which only offers to the bounded queues the telemetry thread drains.
 */
@FunctionalInterface
public interface LocalSink {
    /** A sample just taken from the ring; valid only during the call (copy what you keep). */
    void sample(PackSample s);

    /** A fault edge, state change or other controller event. */
    default void event(ControllerEvent e) {}

    /** Hands everything to {@code first}, then to {@code second}. */
    static LocalSink both(LocalSink first, LocalSink second) {
        return new LocalSink() {
            @Override
            public void sample(PackSample s) {
                first.sample(s);
                second.sample(s);
            }

            @Override
            public void event(ControllerEvent e) {
                first.event(e);
                second.event(e);
            }
        };
    }
}
