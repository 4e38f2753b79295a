package org.qsebms.bms.control;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * The schedule of {@link SocFilterInControllerTest}: the built-in simulated pack with
 * {@code estimation.socFilter: spkf} through a whole cycle of the default profile (200,000 ticks:
 * discharge, rest, CC-CV charge, rest), its SOC scored against the simulated cells' true SOC after
 * the first 10 min, then three windows of 2,000 ticks whose bytes allocated on this thread are
 * measured. Runs in the test's JVM or, as {@link #main}, in a child JVM started with other flags.
 */
final class SpkfTickSchedule {
    /**
     * What the run found.
     *
     * @param worstError       worst |SOC error| over the scored ticks
     * @param coverage         share of scored ticks whose error was within the 3-sigma bound
     * @param state            the supervisor's state at the end of the cycle
     * @param eventInWindows   whether a controller event was raised during the measured windows
     * @param windowBytes      bytes allocated in each window of 2,000 ticks
     */
    record Result(
            double worstError, double coverage, SupervisorState state, boolean eventInWindows, long[] windowBytes) {
        String line() {
            StringBuilder b = new StringBuilder(String.format(
                    Locale.ROOT,
                    "result worst=%s coverage=%s state=%s event=%b windows=",
                    Double.toString(worstError),
                    Double.toString(coverage),
                    state.name(),
                    eventInWindows));
            for (int i = 0; i < windowBytes.length; i++) {
                b.append(i == 0 ? "" : "/").append(windowBytes[i]);
            }
            return b.toString();
        }

        static Result parse(String line) {
            String[] p = line.replace("result ", "").split(" ");
            return new Result(
                    Double.parseDouble(value(p[0], "worst")),
                    Double.parseDouble(value(p[1], "coverage")),
                    SupervisorState.valueOf(value(p[2], "state")),
                    Boolean.parseBoolean(value(p[3], "event")),
                    Arrays.stream(value(p[4], "windows").split("/"))
                            .mapToLong(Long::parseLong)
                            .toArray());
        }

        private static String value(String field, String name) {
            if (!field.startsWith(name + "=")) {
                throw new IllegalArgumentException("expected " + name + "=, got " + field);
            }
            return field.substring(name.length() + 1);
        }
    }

    private SpkfTickSchedule() {}

    public static void main(String[] args) throws Exception {
        System.out.println(run().line());
    }

    static BmsConfig simulatedWith(String estimationSection) throws IOException {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream("default-simulated.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ConfigLoader().parse(text + estimationSection, "default-simulated.yaml + test");
        }
    }

    static Result run() throws IOException {
        BmsConfig cfg = simulatedWith("estimation:\n  socFilter: spkf\n");
        SimulatedHardware sim = SimulatedPackSetup.createDefault(cfg);
        long[] epoch = {1_700_000_000_000L};
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> epoch[0]);
        w.requests().requestClose();
        PackSample drain = new PackSample(4, 4);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        int scored = 0;
        int covered = 0;
        double worst = 0;
        // a whole cycle of the default profile (discharge, rest, CC-CV charge, rest), scored after the first 10 min
        for (int i = 0; i < 200_000; i++) {
            now += period;
            w.controller().tick(now);
            while (w.ring().poll(drain)) {
                // the consumer side is another thread in production
            }
            while (w.events().poll() != null) {
                // state-change events
            }
            if (i >= 6000 && i % 10 == 0) {
                for (int c = 0; c < 4; c++) {
                    double e = Math.abs(
                            w.controller().soc().cellSoc(c) - sim.pack().cellSoc(c));
                    worst = Math.max(worst, e);
                    covered += e <= w.controller().soc().cellSocBound3Sigma(c) ? 1 : 0;
                    scored++;
                }
            }
        }
        SupervisorState state = w.controller().supervisor().state();

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long overhead = 0;
        for (int i = 0; i < 5; i++) {
            long a = mx.getThreadAllocatedBytes(tid);
            overhead = mx.getThreadAllocatedBytes(tid) - a;
        }
        long[] windows = new long[3];
        for (int wdx = 0; wdx < windows.length; wdx++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 2_000; i++) {
                now += period;
                w.controller().tick(now);
                while (w.ring().poll(drain)) {
                    // copying into a preallocated sample allocates nothing
                }
            }
            windows[wdx] = mx.getThreadAllocatedBytes(tid) - before - overhead;
        }
        boolean event = w.events().poll() != null;
        return new Result(worst, covered / (double) scored, state, event, windows);
    }
}
