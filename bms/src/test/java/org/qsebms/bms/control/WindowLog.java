package org.qsebms.bms.control;

/**
 * Where an allocation schedule tells each measured window's bounds and bytes. The schedule calls
 * {@link #begin} just before its window's first reading of the thread's allocated bytes and
 * {@link #end} just after its last, so what a log does in these calls is outside the measurement.
 */
interface WindowLog {
    /** Logs nothing (the interpreted runs). */
    WindowLog NONE = new WindowLog() {
        @Override
        public void begin(int window) {}

        @Override
        public void end(int window, long bytes) {}

        @Override
        public void leftOut(int window) {}
    };

    void begin(int window);

    /** The window ended having allocated {@code bytes} on the measuring thread. */
    void end(int window, long bytes);

    /** The schedule does not count this window (a state change in it allocates its event by design). */
    void leftOut(int window);
}
