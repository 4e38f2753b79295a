package org.qsebms.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link EstimatorUpdateBenchmark#update} timed by the thread's CPU time instead of the wall clock:
 * on a machine shared with other work (load above the core count) the wall clock counts the time
 * the thread waited for a core, the CPU time does not. Prints each iteration's CPU nanoseconds per
 * update and per cell, then the median.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.qsebms.benchmarks.EstimatorCpuTimeRun \
 *     [filter=spkf] [currentOffset=false] [cells=192] [extrapolated=false] [iterations=7]
 * </pre>
 */
public final class EstimatorCpuTimeRun {
    private EstimatorCpuTimeRun() {}

    public static void main(String[] args) {
        EstimatorUpdateBenchmark b = new EstimatorUpdateBenchmark();
        b.filter = args.length > 0 ? args[0] : "spkf";
        b.currentOffset = args.length > 1 && Boolean.parseBoolean(args[1]);
        b.cells = args.length > 2 ? Integer.parseInt(args[2]) : 192;
        b.extrapolated = args.length > 3 && Boolean.parseBoolean(args[3]);
        int iterations = args.length > 4 ? Integer.parseInt(args[4]) : 7;
        b.setUp();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        run(b, bh, mx, 3_000_000_000L); // warm-up: let the JIT settle
        double[] perOp = new double[iterations];
        for (int k = 0; k < iterations; k++) {
            perOp[k] = run(b, bh, mx, 1_000_000_000L);
            System.out.printf(
                    Locale.ROOT, "iteration %d: %.0f ns/op, %.3f us/cell%n", k + 1, perOp[k], perOp[k] / b.cells / 1e3);
        }
        Arrays.sort(perOp);
        double median = perOp[iterations / 2];
        System.out.printf(
                Locale.ROOT,
                "filter=%s currentOffset=%s cells=%d extrapolated=%s: median %.0f ns/op CPU, %.3f us/cell%n",
                b.filter,
                b.currentOffset,
                b.cells,
                b.extrapolated,
                median,
                median / b.cells / 1e3);
    }

    /** Runs updates for {@code cpuNanos} of this thread's CPU time; returns CPU nanoseconds per update. */
    private static double run(EstimatorUpdateBenchmark b, Blackhole bh, ThreadMXBean mx, long cpuNanos) {
        long start = mx.getCurrentThreadCpuTime();
        long ops = 0;
        long now;
        do {
            for (int k = 0; k < 20; k++) {
                b.update(bh);
            }
            ops += 20;
            now = mx.getCurrentThreadCpuTime();
        } while (now - start < cpuNanos);
        return (double) (now - start) / ops;
    }
}
