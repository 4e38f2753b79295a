package org.qsebms.bms.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;

/**
 * The child-JVM side of {@link AllocationAudit}: a JFR recording of every allocation, with its stack,
 * and a mark at each measured window's bounds. The JVM must run with {@code -XX:-UseTLAB}: then every
 * allocation takes the slow path and is one {@code jdk.ObjectAllocationOutsideTLAB} event (with a
 * thread-local allocation buffer, allocations inside the buffer are not events). The audit checks
 * that the events of each window add up to the bytes the thread's counter measured.
 */
final class AllocationRecording implements WindowLog, AutoCloseable {
    static final String ALLOCATION = "jdk.ObjectAllocationOutsideTLAB";

    /** A window's bound, on the measuring thread's clock. */
    @Name("org.qsebms.test.WindowMark")
    @Label("Measured window bound")
    @StackTrace(false)
    static final class Mark extends Event {
        @Label("Window")
        int window;

        @Label("Begins")
        boolean begins;
    }

    private final Recording recording = new Recording();
    private final List<String> lines = new ArrayList<>();
    private Mark pendingEnd;

    private AllocationRecording() {
        recording.enable(ALLOCATION).withStackTrace();
        recording.enable(Mark.class);
        recording.start();
        // the first commit on a thread makes its event writer: not inside a window
        Mark first = new Mark();
        first.window = -1;
        first.commit();
    }

    static AllocationRecording start() {
        return new AllocationRecording();
    }

    @Override
    public void begin(int window) {
        // both marks are made before the window opens, so neither is allocated inside it
        Mark begin = new Mark();
        pendingEnd = new Mark();
        pendingEnd.window = window;
        begin.window = window;
        begin.begins = true;
        begin.commit();
    }

    @Override
    public void end(int window, long bytes) {
        pendingEnd.commit();
        lines.add("window " + window + " " + bytes);
    }

    @Override
    public void leftOut(int window) {
        lines.add("leftout " + window);
    }

    /** The windows' bytes as {@link AllocationAudit#read} parses them. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    void dump(Path file) throws IOException {
        recording.stop();
        recording.dump(file);
    }

    @Override
    public void close() {
        recording.close();
    }
}
