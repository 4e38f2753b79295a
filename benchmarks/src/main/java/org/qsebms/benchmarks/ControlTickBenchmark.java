package org.qsebms.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * One full control tick (sense, validate, estimate, protect, decide, actuate, offer telemetry and
 * persistence) for 4, 16, 96 and 192 series cells, contactors closed, no faults.
 * {@code controllerTick} freezes the simulated pack (its sensors still add noise), so it times the
 * controller alone; {@code controllerTickWithSimulatedPack} also steps the cell model.
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be ~0 B/op.
 *
 * <pre>
 * ./mvnw -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ControlTickBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ControlTickBenchmark {
    private static final long PERIOD = 100_000_000L;

    @Param({"4", "16", "96", "192"})
    int cells;

    private PackController frozen;
    private PackController live;
    private long frozenNow;
    private long liveNow;

    @Setup(Level.Trial)
    public void setUp() {
        BmsConfig cfg = new ConfigLoader()
                .parse("pack: {chemistry: psoa-ncm811, seriesCells: " + cells + ", capacityAh: 2.0}\n", "benchmark");
        // frozen: the pack is advanced while connecting, then no longer
        SimulatedHardware simA = SimulatedPackSetup.create(cfg, 0.6, 25.0, (s, p, c) -> 0.0, 42);
        boolean[] advance = {true};
        ControllerAssembly.Wiring a = ControllerAssembly.build(
                cfg,
                simA.hardware(),
                t -> {
                    if (advance[0]) {
                        simA.pack().advanceTo(t);
                    }
                },
                () -> 0L);
        frozen = a.controller();
        frozenNow = connect(a);
        advance[0] = false;
        SimulatedHardware simB = SimulatedPackSetup.create(cfg, 0.6, 25.0, (s, p, c) -> 0.0, 42);
        ControllerAssembly.Wiring b = ControllerAssembly.build(cfg, simB.hardware(), simB.pack(), () -> 0L);
        live = b.controller();
        liveNow = connect(b);
    }

    private static long connect(ControllerAssembly.Wiring w) {
        long now = 0;
        w.requests().requestClose();
        for (int i = 0; i < 100 && w.controller().supervisor().state() != SupervisorState.NORMAL; i++) {
            now += PERIOD;
            w.controller().tick(now);
        }
        if (w.controller().supervisor().state() != SupervisorState.NORMAL) {
            throw new IllegalStateException("benchmark pack did not reach NORMAL: "
                    + w.controller().supervisor().state());
        }
        return now;
    }

    @Benchmark
    public long controllerTick() {
        frozenNow += PERIOD;
        frozen.tick(frozenNow);
        return frozen.ticks();
    }

    @Benchmark
    public long controllerTickWithSimulatedPack() {
        liveNow += PERIOD;
        live.tick(liveNow);
        return live.ticks();
    }
}
