package org.qsebms.bms.control;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Who allocated the bytes of each measured window of a JIT-on run ({@link AllocationRecording}):
 * the tick's code, or a C2 compile request.
 *
 * <p>Before HotSpot queues a C2 (tier 4) compilation of a method, {@code CompileBroker::compile_method}
 * resolves every String constant of the method's class, on the thread whose invocation counter asked
 * for it ({@code ConstantPool::resolve_string_constants}). The literals the tick never executes (an
 * error message, a {@code toString} format) are interned then: a {@code String} and its {@code byte[]}
 * on the loop thread, once per class in the JVM's life, whenever the loaded machine's JIT reaches that
 * class. Such an allocation is recognised precisely: a {@code String} or {@code byte[]} whose top frame
 * is compiled code at one of the two places where tier-3 code's counters call the compile policy:
 * the method's entry (bytecode index -1, where no bytecode runs) or a loop's back branch (a
 * {@code goto} or {@code if} to a lower index, read from the class with {@code javap}). Neither is an
 * {@code ldc}, the one bytecode that interns a String constant itself. Everything else is the tick's.
 */
final class AllocationAudit {
    /**
     * One counted window.
     *
     * @param measuredBytes the thread's allocated-bytes counter over the window
     * @param recordedBytes the allocation events of the measuring thread inside the window's marks
     * @param compileRequestBytes the part of them made by C2 compile requests
     * @param byCompileRequests the method each of those was made for, one entry per object
     * @param byTheTick the other allocations: class, size and stack
     */
    record Window(
            int index,
            long measuredBytes,
            long recordedBytes,
            long compileRequestBytes,
            List<String> byCompileRequests,
            List<String> byTheTick) {}

    private final List<Window> windows;

    private AllocationAudit(List<Window> windows) {
        this.windows = windows;
    }

    List<Window> windows() {
        return windows;
    }

    /** The counted windows whose events do not add up to the counter's bytes (events missing). */
    List<Window> unaccounted() {
        return windows.stream()
                .filter(w -> w.recordedBytes() != w.measuredBytes())
                .toList();
    }

    /** What the tick's code allocated, window by window (empty when it allocated nothing). */
    List<String> byTheTick() {
        List<String> out = new ArrayList<>();
        for (Window w : windows) {
            w.byTheTick().forEach(a -> out.add("window " + w.index() + ": " + a));
        }
        return out;
    }

    /** The compile requests' bytes, window by window and method by method, for the test's output. */
    String compileRequests() {
        StringBuilder sb = new StringBuilder();
        for (Window w : windows) {
            if (w.compileRequestBytes() > 0) {
                Map<String, Long> byMethod = new java.util.TreeMap<>();
                w.byCompileRequests().forEach(m -> byMethod.merge(m, 1L, Long::sum));
                sb.append("window ")
                        .append(w.index())
                        .append(": ")
                        .append(w.compileRequestBytes())
                        .append(" B,");
                byMethod.forEach((m, n) ->
                        sb.append(' ').append(n).append(" objects at ").append(m));
                sb.append('\n');
            }
        }
        return sb.isEmpty() ? "none" : sb.toString().strip();
    }

    /**
     * Reads the recording and the child's window lines ({@link AllocationRecording#lines}); windows the
     * schedule left out are not counted.
     */
    static AllocationAudit read(Path jfr, List<String> childLines) throws IOException {
        Map<Integer, Long> measured = new HashMap<>();
        Set<Integer> leftOut = new HashSet<>();
        for (String l : childLines) {
            String[] p = l.split(" ");
            if (p[0].equals("window")) {
                measured.put(Integer.parseInt(p[1]), Long.parseLong(p[2]));
            } else if (p[0].equals("leftout")) {
                leftOut.add(Integer.parseInt(p[1]));
            }
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        Map<Integer, Instant> begins = new HashMap<>();
        Map<Integer, Instant> ends = new HashMap<>();
        long thread = -1;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("org.qsebms.test.WindowMark")) {
                int w = e.getInt("window");
                if (w >= 0) {
                    (e.getBoolean("begins") ? begins : ends).put(w, e.getStartTime());
                    thread = e.getThread().getJavaThreadId();
                }
            }
        }
        List<RecordedEvent> allocations = new ArrayList<>();
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals(AllocationRecording.ALLOCATION)
                    && e.getThread() != null
                    && e.getThread().getJavaThreadId() == thread) {
                allocations.add(e);
            }
        }
        List<Window> out = new ArrayList<>();
        for (Map.Entry<Integer, Long> m :
                measured.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            int w = m.getKey();
            if (leftOut.contains(w)) {
                continue;
            }
            Instant from = begins.get(w);
            Instant to = ends.get(w);
            if (from == null || to == null) {
                throw new IllegalStateException("window " + w + " has no JFR mark in " + jfr);
            }
            long recorded = 0;
            long byRequests = 0;
            List<String> requests = new ArrayList<>();
            List<String> tick = new ArrayList<>();
            for (RecordedEvent e : allocations) {
                if (e.getStartTime().isAfter(from) && e.getStartTime().isBefore(to)) {
                    long size = e.getLong("allocationSize");
                    recorded += size;
                    if (byACompileRequest(e)) {
                        byRequests += size;
                        requests.add(topMethod(e));
                    } else {
                        tick.add(describe(e));
                    }
                }
            }
            out.add(new Window(w, m.getValue(), recorded, byRequests, requests, tick));
        }
        return new AllocationAudit(out);
    }

    private static boolean byACompileRequest(RecordedEvent e) {
        String cls = e.<RecordedClass>getValue("objectClass").getName();
        RecordedStackTrace st = e.getStackTrace();
        if (!(cls.equals("java.lang.String") || cls.equals("[B"))
                || st == null
                || st.getFrames().isEmpty()) {
            return false;
        }
        RecordedFrame top = st.getFrames().get(0);
        return top.isJavaFrame()
                && !top.getType().equals("Interpreted")
                && (top.getBytecodeIndex() == -1 || Bytecode.isBackwardBranch(top));
    }

    private static String topMethod(RecordedEvent e) {
        RecordedFrame top = e.getStackTrace().getFrames().get(0);
        return top.getMethod().getType().getName() + "." + top.getMethod().getName();
    }

    private static String describe(RecordedEvent e) {
        StringBuilder sb = new StringBuilder()
                .append(e.<RecordedClass>getValue("objectClass").getName())
                .append(' ')
                .append(e.getLong("allocationSize"))
                .append(" B at");
        RecordedStackTrace st = e.getStackTrace();
        if (st != null) {
            st.getFrames()
                    .forEach(f -> sb.append(' ')
                            .append(f.getMethod().getType().getName())
                            .append('.')
                            .append(f.getMethod().getName())
                            .append(" (line ")
                            .append(f.getLineNumber())
                            .append(", bci ")
                            .append(f.getBytecodeIndex())
                            .append(", ")
                            .append(f.getType())
                            .append(')'));
        }
        return sb.toString();
    }
}
