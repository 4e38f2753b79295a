package org.qsebms.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.qsebms.bms.loop.ControlLoop;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.CyclingProfile;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * Runs the real {@link ControlLoop} thread in real time on the simulated pack (cycling profile)
 * and reports tick duration and start jitter (start minus deadline) percentiles.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.qsebms.benchmarks.TickTimingRun [seconds=600] [cells=16] [periodMs=100]
 * </pre>
 */
public final class TickTimingRun {
    private TickTimingRun() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int cells = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int periodMs = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        BmsConfig cfg = new ConfigLoader()
                .parse(
                        "pack: {chemistry: psoa-ncm811, seriesCells: " + cells + ", capacityAh: 2.0}\nloop: {period: "
                                + periodMs + "ms}\n",
                        "timing");
        SimulatedHardware sim = SimulatedPackSetup.create(cfg, 0.6, 25.0, CyclingProfile.defaultFor(2.0), 42);
        ControllerAssembly.Wiring w =
                ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), System::currentTimeMillis);
        long period = TimeUnit.MILLISECONDS.toNanos(periodMs);
        ControlLoop loop = new ControlLoop(w.controller(), period, cfg.loop().overrunsToFault(), System::nanoTime);
        int capacity = (int) (seconds * 1000L / periodMs) + 100;
        long[] duration = new long[capacity];
        long[] jitter = new long[capacity];
        int[] n = {0};
        loop.observeTiming((deadline, start, end) -> {
            int i = n[0];
            if (i < capacity) {
                duration[i] = end - start;
                jitter[i] = start - deadline;
                n[0] = i + 1;
            }
        });
        w.requests().requestClose();
        long t0 = System.nanoTime();
        loop.start();
        Thread.sleep(seconds * 1000L);
        loop.stop(() -> {}, 5, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - t0) / 1e9;
        int count = n[0];
        System.out.printf(
                Locale.ROOT,
                "%d cells, period %d ms, %.1f s wall, %d ticks, %d overruns, %d missed, state %s, "
                        + "JVM %s on %d CPUs%n",
                cells,
                periodMs,
                wall,
                count,
                loop.overruns(),
                loop.missedTicks(),
                w.controller().supervisor().state(),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        report("tick duration", Arrays.copyOf(duration, count));
        report("start jitter (start - deadline)", Arrays.copyOf(jitter, count));
    }

    private static void report(String what, long[] v) {
        Arrays.sort(v);
        System.out.printf(
                Locale.ROOT,
                "%-32s p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  max %8.1f us%n",
                what,
                pct(v, 0.50),
                pct(v, 0.99),
                pct(v, 0.999),
                v.length == 0 ? 0 : v[v.length - 1] / 1e3);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e3;
    }
}
