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
 * the buses and the time real chips would need at the configured data rate, against the
 * physical limit of the chips and buses ({@link Figures}).
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

    /**
     * Per-acquisition traffic and real-hardware time at one data rate. The emulated buses take
     * their wire time on the board clock (I2C 9 clocks per byte at 400 kHz, SPI 8 at 1 MHz) and
     * the drivers' conversion waits advance it too, so the clock time of one steady-state
     * acquisition is what real chips would need with the same driver code. The physical limit is
     * the most any one chip or bus must spend: per ADS1115, its conversions x 1/DR plus the
     * minimum 9 bytes of bus per single-shot conversion (4 to start it, 5 to read it); per
     * MCP3x08, 3 bytes per conversion; per bus, the bytes of all its chips.
     */
    record Figures(int sps, long i2cBytes, long spiBytes, long acquisitionNanos, long limitNanos) {
        static Figures of(Ads1115DataRate rate) {
            SixteenCellRig rig = new SixteenCellRig(rate);
            rig.emulated.clockWire(I2C_HZ, SPI_HZ);
            rig.acquire();
            long i2c0 = rig.emulated.i2cBus(1).bytesOnWire()
                    + rig.emulated.i2cBus(3).bytesOnWire();
            long spi0 = rig.emulated.mcp3x08("ntc0").bytesOnWire()
                    + rig.emulated.mcp3x08("ntc1").bytesOnWire();
            long t0 = rig.clock.getAsLong();
            rig.acquire();
            long elapsed = rig.clock.getAsLong() - t0;
            long i2c = rig.emulated.i2cBus(1).bytesOnWire()
                    + rig.emulated.i2cBus(3).bytesOnWire()
                    - i2c0;
            long spi = rig.emulated.mcp3x08("ntc0").bytesOnWire()
                    + rig.emulated.mcp3x08("ntc1").bytesOnWire()
                    - spi0;
            return new Figures(rate.samplesPerSecond(), i2c, spi, elapsed, physicalLimitNanos(rig, rate));
        }

        /** The busiest chip or bus, from the rig's wiring (see the record's description). */
        static long physicalLimitNanos(SixteenCellRig rig, Ads1115DataRate rate) {
            double i2cByte = 9 / I2C_HZ * 1e9;
            double spiByte = 8 / SPI_HZ * 1e9;
            java.util.Map<String, Integer> conversions = rig.conversionsPerChip();
            java.util.Map<Integer, Double> busNanos = new java.util.HashMap<>();
            double limit = 0;
            for (var ads : rig.wiring.ads1115()) {
                int n = conversions.getOrDefault(ads.id(), 0);
                double bus = n * 9 * i2cByte;
                limit = Math.max(limit, n * (double) rate.conversionNanos() + bus);
                busNanos.merge(ads.bus(), bus, Double::sum);
            }
            for (var mcp : rig.wiring.mcp3x08()) {
                int n = conversions.getOrDefault(mcp.id(), 0);
                limit = Math.max(limit, n * 3 * spiByte);
            }
            for (double bus : busNanos.values()) {
                limit = Math.max(limit, bus);
            }
            return Math.round(limit);
        }

        double ratio() {
            return acquisitionNanos / (double) limitNanos;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "16-cell acquisition at %3d SPS: %4d bytes (I2C %d + SPI %d), %6.2f ms on real "
                            + "chips, physical limit %6.2f ms, ratio %.3f%s",
                    sps,
                    i2cBytes + spiBytes,
                    i2cBytes,
                    spiBytes,
                    acquisitionNanos / 1e6,
                    limitNanos / 1e6,
                    ratio(),
                    ratio() <= 1.25 ? "" : " (above the 1.25x target)");
        }
    }

    /** One BQ76952 block read of all 16 cells (0x14..0x33): bytes on the bus and time at 100 and 400 kHz. */
    record Bq76952Figures(long bytes, boolean crc) {
        static Bq76952Figures of(boolean crc) {
            var clock = new org.qsebms.hal.emulator.ManualNanoClock();
            var bus = new org.qsebms.hal.emulator.EmulatedI2cBus("i2c-1");
            var emulator = new org.qsebms.hal.emulator.Bq76952Emulator(0x08, clock, crc, 0.001);
            bus.attach(emulator);
            var cells = new org.qsebms.hal.bq76952.Bq76952CellVoltages(
                    new org.qsebms.hal.bq76952.Bq76952(bus, 0x08, crc, clock),
                    java.util.stream.IntStream.rangeClosed(1, 16).boxed().toList(),
                    org.qsebms.hal.frontend.CellVoltageLimits.LITHIUM);
            long before = bus.bytesOnWire();
            cells.readInto(new double[16], new org.qsebms.hal.SensorStatus[16]);
            return new Bq76952Figures(bus.bytesOnWire() - before, crc);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "BQ76952 16 cells in one block read%s: %d bytes, %.3f ms at 100 kHz, " + "%.3f ms at 400 kHz",
                    crc ? " with CRC" : "",
                    bytes,
                    bytes * 9 / 100e3 * 1e3,
                    bytes * 9 / 400e3 * 1e3);
        }
    }

    public static void main(String[] args) {
        double worst = 0;
        for (Ads1115DataRate rate : Ads1115DataRate.values()) {
            Figures f = Figures.of(rate);
            worst = Math.max(worst, f.ratio());
            System.out.println(f);
        }
        System.out.println(String.format(Locale.ROOT, "worst ratio to the physical limit: %.3f (target 1.25)", worst));
        System.out.println(Bq76952Figures.of(false));
        System.out.println(Bq76952Figures.of(true));
    }
}
