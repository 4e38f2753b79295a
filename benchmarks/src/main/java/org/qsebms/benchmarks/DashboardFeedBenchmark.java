package org.qsebms.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qsebms.bms.dashboard.DashboardFeed;
import org.qsebms.bms.snapshot.PackSample;

/**
 * What the dashboard costs the telemetry thread per sample: {@code DashboardFeed.sample} copies the sample and
 * appends a history row under its lock (30 min of 1 s rows), with no page connected. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar DashboardFeedBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DashboardFeedBenchmark {
    @Param({"4", "192"})
    int cells;

    private DashboardFeed feed;
    private PackSample sample;

    @Setup
    public void setUp() {
        int thermistors = Math.max(4, cells / 4);
        feed = new DashboardFeed(cells, thermistors, 1800);
        sample = new PackSample(cells, thermistors);
        for (int i = 0; i < cells; i++) {
            sample.cellVolts[i] = 3.8 + 0.001 * i;
            sample.cellR0Ohm[i] = 0.002 + 1e-6 * i;
        }
        sample.healthKnown = true;
    }

    @Benchmark
    public void sample() {
        sample.sequence++;
        sample.epochMillis += 1000;
        feed.sample(sample);
    }
}
