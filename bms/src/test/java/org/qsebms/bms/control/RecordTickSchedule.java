package org.qsebms.bms.control;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.qsebms.bms.record.CycleRecord;
import org.qsebms.bms.record.CycleRules;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * The schedule of {@link RecordTickAllocationTest}: the controller on the simulated pack's default
 * cycling profile with the per-cycle record and a diagnostic every 2 h, 12 h of warm-up, then two
 * 8 h passes of 57 windows of 1,000 ticks, each window's bytes allocated on this thread measured.
 * Windows with a state change (which allocates its event) are left out. Runs in the test's JVM or,
 * as {@link #main}, in a child JVM started with other flags.
 */
final class RecordTickSchedule {
    /** The worst quiet window of one pass, and how many quiet windows it had. */
    record Pass(long worstBytes, int quietWindows) {}

    /** Both passes, and the cycles closed and diagnostic status changes during the second. */
    record Result(Pass settling, Pass measured, long cyclesClosed, long diagnosticChanges) {
        String line() {
            return String.format(
                    "result settling=%d/%d measured=%d/%d cycles=%d diagnostics=%d",
                    settling.worstBytes,
                    settling.quietWindows,
                    measured.worstBytes,
                    measured.quietWindows,
                    cyclesClosed,
                    diagnosticChanges);
        }

        static Result parse(String line) {
            String[] p = line.replace("result ", "").split(" ");
            String[] s = p[0].substring("settling=".length()).split("/");
            String[] m = p[1].substring("measured=".length()).split("/");
            return new Result(
                    new Pass(Long.parseLong(s[0]), Integer.parseInt(s[1])),
                    new Pass(Long.parseLong(m[0]), Integer.parseInt(m[1])),
                    Long.parseLong(p[2].substring("cycles=".length())),
                    Long.parseLong(p[3].substring("diagnostics=".length())));
        }
    }

    /** Windows of 1,000 ticks in one pass (8 h of loop time). */
    static final int WINDOWS = 57;

    private RecordTickSchedule() {}

    /**
     * Prints the result for a record in {@code args[0]}; with a second argument, a file (a JIT-on run
     * with {@code -XX:-UseTLAB}), records every allocation into it ({@link AllocationRecording}) and
     * prints the windows' lines.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1) {
            System.out.println(run(Path.of(args[0]), WindowLog.NONE).line());
            return;
        }
        try (AllocationRecording rec = AllocationRecording.start()) {
            Result r = run(Path.of(args[0]), rec);
            rec.dump(Path.of(args[1]));
            rec.lines().forEach(System.out::println);
            System.out.println(r.line());
        }
    }

    static Result run(Path dir, WindowLog log) throws Exception {
        Files.createDirectories(dir);
        BmsConfig cfg = new ConfigLoader()
                .parse(
                        "pack: {chemistry: psoa-ncm811, seriesCells: 4, capacityAh: 2.0}\n"
                                + "loop: {period: 500ms}\n"
                                + "health:\n  diagnostics: {every: 2h, idle: 1min, minRest: 5min, minSoc: 0.0, maxSoc: 1.0}\n",
                        "t.yaml");
        SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
        long[] epoch = {1_700_000_000_000L};
        try (CycleRecord record = CycleRecord.open(dir, 4, CycleRules.forCapacity(2.0, 3.4), null, rows -> {})) {
            ControllerAssembly.Wiring w = ControllerAssembly.build(
                    cfg,
                    sim.hardware(),
                    new PackLinks(sim.pack(), CurrentLimitOutput.NONE, Optional.of(sim.pack())),
                    ControllerAssembly.Channels.forPack(cfg, sim.hardware()),
                    Optional.of(record),
                    () -> epoch[0]);
            w.requests().requestClose();
            Ticker t = new Ticker(w, cfg.loop().period().toNanos(), epoch, log);
            // 12 h of loop time: cycles close, diagnostics run, every branch is taken
            t.ticks(86_400);
            if (record.counter().closedCycles() == 0) {
                throw new AssertionError("no cycle closed in the warm-up");
            }
            Pass settling = t.pass(0);
            long closedBefore = record.counter().closedCycles();
            long diagnosticsBefore = w.controller().diagnostic().orElseThrow().revision();
            Pass measured = t.pass(WINDOWS);
            return new Result(
                    settling,
                    measured,
                    record.counter().closedCycles() - closedBefore,
                    w.controller().diagnostic().orElseThrow().revision() - diagnosticsBefore);
        }
    }

    /** Drives the controller; loop time and wall-clock time advance together. */
    private static final class Ticker {
        private final ControllerAssembly.Wiring w;
        private final long period;
        private final long[] epoch;
        private final WindowLog log;
        private final PackSample drain = new PackSample(4, 4);
        private final com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final long tid = Thread.currentThread().threadId();
        private long now;

        Ticker(ControllerAssembly.Wiring w, long period, long[] epoch, WindowLog log) {
            this.w = w;
            this.period = period;
            this.epoch = epoch;
            this.log = log;
        }

        void ticks(int n) {
            for (int i = 0; i < n; i++) {
                now += period;
                epoch[0] += period / 1_000_000;
                w.controller().tick(now);
                while (w.ring().poll(drain)) {
                    // the consumer side is another thread in production
                }
            }
        }

        /** One pass of {@link #WINDOWS} windows, numbered from {@code first} in the log. */
        Pass pass(int first) {
            long overhead = 0;
            for (int i = 0; i < 5; i++) {
                long a = mx.getThreadAllocatedBytes(tid);
                overhead = mx.getThreadAllocatedBytes(tid) - a;
            }
            while (w.events().poll() != null) {
                // events of the warm-up
            }
            long worst = 0;
            int quiet = 0;
            for (int k = 0; k < WINDOWS; k++) {
                log.begin(first + k);
                long before = mx.getThreadAllocatedBytes(tid);
                ticks(1_000);
                long bytes = mx.getThreadAllocatedBytes(tid) - before - overhead;
                log.end(first + k, bytes);
                boolean edge = false;
                while (w.events().poll() != null) {
                    edge = true;
                }
                if (edge) {
                    log.leftOut(first + k);
                } else {
                    worst = Math.max(worst, bytes);
                    quiet++;
                }
            }
            return new Pass(worst, quiet);
        }
    }
}
