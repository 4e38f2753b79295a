package org.qsebms.bms.control;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * The schedule of {@link TickAllocationTest}: the controller with the simulated plant and the
 * telemetry hand-off, warmed up through a whole cycle of the default profile, then five windows of
 * 2,000 steady-state ticks, each window's bytes allocated on this thread measured. Runs in the
 * test's JVM or, as {@link #main}, in a child JVM started with other flags (-Xint).
 */
final class SteadyTickSchedule {
    /**
     * What the measurement saw.
     *
     * @param windows bytes allocated per window of 2,000 ticks
     * @param edges   fault edges and state changes during the measurement (none in steady state)
     * @param stateBefore the supervisor state after the warm-up
     * @param stateAfter  the supervisor state after the measurement
     */
    record Result(long[] windows, List<String> edges, SupervisorState stateBefore, SupervisorState stateAfter) {
        String line() {
            return "result windows="
                    + String.join(
                            ",", Arrays.stream(windows).mapToObj(Long::toString).toList()) + " edges=" + edges.size()
                    + " before=" + stateBefore + " after=" + stateAfter;
        }

        static Result parse(String line) {
            String[] p = line.replace("result ", "").split(" ");
            long[] w = Arrays.stream(p[0].substring("windows=".length()).split(","))
                    .mapToLong(Long::parseLong)
                    .toArray();
            int edges = Integer.parseInt(p[1].substring("edges=".length()));
            List<String> e = new ArrayList<>();
            for (int i = 0; i < edges; i++) {
                e.add("edge " + i + " (see the child's output)");
            }
            return new Result(
                    w,
                    e,
                    SupervisorState.valueOf(p[2].substring("before=".length())),
                    SupervisorState.valueOf(p[3].substring("after=".length())));
        }
    }

    private SteadyTickSchedule() {}

    /**
     * Prints the result; with a file argument (a JIT-on run with {@code -XX:-UseTLAB}), records every
     * allocation into it ({@link AllocationRecording}) and prints the windows' lines.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            Result r = run(WindowLog.NONE);
            r.edges().forEach(System.out::println);
            System.out.println(r.line());
            return;
        }
        try (AllocationRecording rec = AllocationRecording.start()) {
            Result r = run(rec);
            rec.dump(Path.of(args[0]));
            r.edges().forEach(System.out::println);
            rec.lines().forEach(System.out::println);
            System.out.println(r.line());
        }
    }

    private static void preload(Class<?> type) {
        if (type.getName().isEmpty()) {
            throw new AssertionError("unnamed class");
        }
    }

    static Result run(WindowLog log) {
        BmsConfig cfg = new ConfigLoader().defaultSimulated();
        SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
        long[] epoch = {1_700_000_000_000L};
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> epoch[0]);
        w.requests().requestClose();
        PackSample drain = new PackSample(4, 4);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        // warm up through a whole cycle of the default profile (5.5 h of loop time: discharge, rest,
        // CC-CV charge, rest), so every branch has run once (first runs resolve constants and may
        // deoptimise compiled code, which allocates once), plus INIT -> NORMAL and JIT compilation
        for (int i = 0; i < 200_000; i++) {
            now += period;
            w.controller().tick(now);
            while (w.ring().poll(drain)) {
                // the consumer side is another thread in production
            }
            while (w.events().poll() != null) {
                // drain state-change events of the warm-up
            }
        }
        SupervisorState before = w.controller().supervisor().state();
        // HotSpot's request for a C2 (OSR) compile of this method loads the classes of the method's
        // signature on the thread that asks (Method::load_signature_classes). Result is the return
        // type and is not otherwise loaded until the method returns, so the request at the window
        // loop's back branch would load it, and the class loader's allocations would be counted in a
        // window. Load it here: it is the harness's class, not the tick's.
        preload(Result.class);

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        // the first calls of the measuring API allocate themselves; take them before measuring
        long overhead = 0;
        for (int i = 0; i < 5; i++) {
            long a = mx.getThreadAllocatedBytes(tid);
            overhead = mx.getThreadAllocatedBytes(tid) - a;
        }
        // Five windows of 2,000 ticks (200 s of loop time each), no fault edge in them (an edge
        // allocates its event by design): every window must allocate nothing.
        long[] windows = new long[5];
        for (int wdx = 0; wdx < windows.length; wdx++) {
            log.begin(wdx);
            long start = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 2_000; i++) {
                now += period;
                w.controller().tick(now);
                while (w.ring().poll(drain)) {
                    // the consumer side; copying into a preallocated sample allocates nothing either
                }
            }
            windows[wdx] = mx.getThreadAllocatedBytes(tid) - start - overhead;
            log.end(wdx, windows[wdx]);
        }
        List<String> edges = new ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            edges.add(e.toString());
        }
        return new Result(windows, edges, before, w.controller().supervisor().state());
    }
}
