package org.qsebms.benchmarks;

import java.util.Locale;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.qsebms.hal.ads1115.Ads1115DataRate;

/**
 * One full acquisition of a 16-cell pack ({@link SixteenCellRig}) through the drivers, front
 * ends and register-level emulators. The JMH score is the CPU time of the Java path on this
 * machine (drivers + emulators). At trial end it prints, per acquisition, the bytes moved on
 * the buses and the time real chips would need at the configured data rate: the ADS1115
 * conversion waits (taken from the emulators' clock, which the drivers advance exactly as they
 * would sleep on the Pi) plus wire time at 400 kHz I2C (9 clocks per byte) and 1 MHz SPI.
 * {@code java -cp benchmarks/target/benchmarks.jar org.qsebms.benchmarks.AcquisitionBenchmark} prints
 * the same figures for every data rate without running JMH.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AcquisitionBenchmark {
    static final double I2C_HZ = 400_000;
    static final double SPI_HZ = 1_000_000;

    @Param({"128", "475", "860"})
    public int dataRateSps;

    private SixteenCellRig rig;

    @Setup(Level.Trial)
    public void setUp() {
        rig = new SixteenCellRig(Ads1115DataRate.ofSamplesPerSecond(dataRateSps));
        rig.acquire();
    }

    @Benchmark
    public double fullAcquisition() {
        return rig.acquire();
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.println();
        System.out.println(Figures.of(Ads1115DataRate.ofSamplesPerSecond(dataRateSps)));
    }

    /** Per-acquisition traffic and real-hardware time at one data rate. */
    record Figures(int sps, long i2cBytes, long spiBytes, long conversionWaitNanos, double wireNanos) {
        static Figures of(Ads1115DataRate rate) {
            SixteenCellRig rig = new SixteenCellRig(rate);
            rig.acquire();
            long i2c0 = rig.emulated.i2cBus(1).bytesOnWire() + rig.emulated.i2cBus(3).bytesOnWire();
            long spi0 = rig.emulated.mcp3x08("ntc0").bytesOnWire() + rig.emulated.mcp3x08("ntc1").bytesOnWire();
            rig.clock.resetPausedNanos();
            rig.acquire();
            long i2c = rig.emulated.i2cBus(1).bytesOnWire() + rig.emulated.i2cBus(3).bytesOnWire() - i2c0;
            long spi = rig.emulated.mcp3x08("ntc0").bytesOnWire() + rig.emulated.mcp3x08("ntc1").bytesOnWire() - spi0;
            double wire = i2c * 9 / I2C_HZ * 1e9 + spi * 8 / SPI_HZ * 1e9;
            return new Figures(rate.samplesPerSecond(), i2c, spi, rig.clock.pausedNanos(), wire);
        }

        double realMillis() {
            return (conversionWaitNanos + wireNanos) / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "16-cell acquisition at %d SPS: %d bytes (I2C %d + SPI %d), "
                            + "ADS1115 conversion wait %.2f ms + wire %.2f ms = %.2f ms on real chips%s",
                    sps, i2cBytes + spiBytes, i2cBytes, spiBytes, conversionWaitNanos / 1e6, wireNanos / 1e6, realMillis(),
                    realMillis() <= 100 ? " (fits a 100 ms tick)" : " (does NOT fit a 100 ms tick)");
        }
    }

    public static void main(String[] args) {
        for (Ads1115DataRate rate : Ads1115DataRate.values()) {
            System.out.println(Figures.of(rate));
        }
    }
}
