package org.qsebms.benchmarks;

import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;
import org.qsebms.config.ChemistryPreset;
import org.qsebms.config.PresetCatalog;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.HealthSettings;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.health.UsableCapacitySettings;
import org.qsebms.estimators.limits.CurrentLimitEstimator;
import org.qsebms.estimators.limits.CurrentLimitSettings;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.ResistanceMap;
import org.qsebms.estimators.model.ResistanceVsSoc;
import org.qsebms.estimators.model.TemperatureSpan;
import org.qsebms.estimators.model.TimeConstantsVsTemperature;
import org.qsebms.estimators.model.TopKneeChargeExcess;
import org.qsebms.estimators.resistance.RlsR0Estimator;
import org.qsebms.estimators.soc.CurrentOffsetDoubt;
import org.qsebms.estimators.soc.EkfAdaptation;
import org.qsebms.estimators.soc.EkfTuning;
import org.qsebms.estimators.soc.SocFilter;
import org.qsebms.estimators.soc.SocFilterKind;
import org.qsebms.estimators.softshort.SoftShortDetector;

/**
 * One estimator tick for one cell and for a 192-cell series pack: {@code update} is the SOC filter
 * ({@code filter}: {@code ekf}, the 5-state joint EKF with R0 adaptation, Joseph update, gating; or
 * {@code spkf}, the sigma-point filter on the same model and state) plus online RLS R0; {@code fullTick} adds the
 * soft-short detector and charge/discharge current limits per cell; {@code softShortAtRest} is the detector
 * alone at rest. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar EstimatorUpdateBenchmark -prof gc} (one filter:
 * {@code -p filter=spkf}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EstimatorUpdateBenchmark {
    @Param({"1", "192"})
    int cells;
    /**
     * Whether every cell is outside the temperatures the preset was characterised over (the
     * extrapolated path: grown sigmas and the resistance consider analysis).
     */
    @Param({"false", "true"})
    boolean extrapolated;

    /** Which SOC filter runs ({@link SocFilterKind}). */
    @Param({"ekf", "spkf"})
    String filter;

    /** With the SOC filter's current-offset state on ({@code CurrentOffsetDoubt.piCurrentChannel()}; both filters). */
    @Param({"false", "true"})
    boolean currentOffset;

    private SocFilter ekf;
    private RlsR0Estimator rls;
    private CellHealthTracker health;
    private UsableCapacityMeter usable;
    private SoftShortDetector softShort;
    private CurrentLimitEstimator limits;
    private double[] soc;
    private double[] noBleed;
    private double[] chargeLimitAmps;
    private double[] dischargeLimitAmps;
    private final double[] cellLimits = new double[2];
    private double[] volts;
    private double[] celsius;
    private final double[] currents = {-3.0, -12.0, 0.0, 4.0, -1.5, -20.0, 2.0, -0.3};
    private int tick;

    @Setup
    public void setUp() {
        ChemistryPreset preset = new PresetCatalog().load("psoa-ncm811");
        // the worst case for the table lookups: two temperatures of 14-15 SOC levels, as 'bms characterize' writes
        // for the Panasonic 0 and 25 degC HPPC tests, and time constants at both, with cell temperatures between the
        // two (both tables read, each cell's time constants computed)
        EcmParameters cell = preset.cell()
                .withResistance(new ResistanceMap(
                        new double[] {0.6, 25.8},
                        List.of(
                                new ResistanceVsSoc(
                                        new double[] {
                                            0.049, 0.096, 0.143, 0.149, 0.199, 0.246, 0.293, 0.393, 0.493, 0.593, 0.693,
                                            0.793, 0.893, 0.943, 0.991
                                        },
                                        new double[] {
                                            13.93, 6.92, 4.48, 4.37, 2.39, 1.46, 1.10, 0.94, 0.89, 0.89, 0.92, 0.95,
                                            1.05, 1.16, 1.35
                                        },
                                        new double[] {
                                            14.32, 12.94, 5.71, 5.70, 1.31, 0.95, 0.82, 0.74, 0.74, 0.82, 1.36, 1.37,
                                            1.08, 0.97, 0.93
                                        }),
                                new ResistanceVsSoc(
                                        new double[] {
                                            0.049, 0.096, 0.143, 0.196, 0.243, 0.293, 0.393, 0.493, 0.593, 0.693, 0.793,
                                            0.893, 0.943, 0.991
                                        },
                                        new double[] {
                                            4.63, 2.30, 1.49, 1.19, 1.06, 1.00, 0.96, 0.95, 1.01, 1.01, 1.02, 1.05,
                                            1.09, 1.19
                                        },
                                        new double[] {
                                            2.62, 2.36, 1.04, 1.03, 0.97, 1.00, 0.94, 0.80, 1.38, 1.70, 1.35, 1.02,
                                            0.90, 0.87
                                        }))))
                .withTimeConstants(new TimeConstantsVsTemperature(
                        new double[] {0.6, 25.8}, new double[] {0.2138, 0.1836}, new double[] {38.924, 31.184}))
                .withCharacterisedCelsius(extrapolated ? new TemperatureSpan(40, 45) : new TemperatureSpan(0.6, 25.8))
                // and the top knee's excess under charge, which a characterised LFP preset carries (fix20m): its
                // consider column runs on every update, armed or not
                .withTopKneeChargeExcess(new TopKneeChargeExcess(0.049, 0.9));
        EkfAdaptation adaptation = currentOffset
                ? EkfAdaptation.resistance().withCurrentOffset(CurrentOffsetDoubt.piCurrentChannel())
                : EkfAdaptation.resistance();
        ekf = SocFilterKind.parse(filter).create(cell, preset.hysteresis(), EkfTuning.defaults(), adaptation, cells);
        rls = new RlsR0Estimator(cell, cells, 0.995, 0.5);
        softShort = new SoftShortDetector(cell, cells, 0.05, 1800, 0.003, 5);
        health = new CellHealthTracker(
                cell,
                cells,
                HealthSettings.defaults(
                        cell, preset.life().bulkOhms(), preset.life().npRatio(), 2.0));
        usable = new UsableCapacityMeter(UsableCapacitySettings.defaults(cell.capacityAh(), 4.2, 3.0));
        limits = new CurrentLimitEstimator(
                cell,
                CurrentLimitSettings.builder()
                        .minCellVolts(2.8)
                        .maxCellVolts(4.3)
                        .horizonSeconds(10)
                        .maxChargeAmps(2)
                        .maxDischargeAmps(6)
                        .chargeZeroCelsius(0)
                        .chargeFullCelsius(10)
                        .hotFullCelsius(45)
                        .hotZeroCelsius(60)
                        .build());
        noBleed = new double[cells];
        soc = new double[cells];
        chargeLimitAmps = new double[cells];
        dischargeLimitAmps = new double[cells];
        volts = new double[cells];
        celsius = new double[cells];
        for (int i = 0; i < cells; i++) {
            volts[i] = 3.80 + 0.001 * (i % 17);
            celsius[i] = 20 + (i % 7);
            soc[i] = 0.6;
        }
    }

    @Benchmark
    public void update(Blackhole bh) {
        double amps = currents[tick++ & 7];
        volts[0] += amps * 1e-5;
        ekf.update(amps, volts, celsius, 0.1);
        rls.update(amps, volts, celsius, soc);
        bh.consume(ekf.cellSoc(cells - 1));
        bh.consume(rls.cellR0At25Ohms(0));
    }

    /**
     * The whole per-tick estimation as the controller runs it: SOC filter (with R0 adaptation), the
     * health tracker (RLS R0, capacity windows, lithium counting, rest detection), the usable-capacity meter, soft-short
     * detector and current limits.
     */
    @Benchmark
    public void fullTick(Blackhole bh) {
        double amps = currents[tick++ & 7];
        volts[0] += amps * 1e-5;
        ekf.update(amps, volts, celsius, 0.1);
        for (int i = 0; i < cells; i++) {
            soc[i] = ekf.cellSoc(i);
        }
        health.update(amps, volts, celsius, soc, noBleed, 0.1, 1_764_000_000_000L + tick * 100L);
        usable.update(amps, volts, celsius, 0.1, 1_764_000_000_000L + tick * 100L);
        softShort.update(amps, volts, soc, 0.1);
        for (int i = 0; i < cells; i++) {
            double r0Scale = ekf.cellR0Scale(i);
            limits.limitsAmps(soc[i], ekf.cellRcVolts(i), celsius[i], r0Scale, cellLimits);
            chargeLimitAmps[i] = cellLimits[0];
            dischargeLimitAmps[i] = cellLimits[1];
        }
        bh.consume(health.r0At25Ohms(0));
        bh.consume(chargeLimitAmps[cells - 1] + dischargeLimitAmps[0]);
        bh.consume(softShort.isFlagged(0));
        bh.consume(usable.countedAh());
    }

    /**
     * The soft-short detector alone, string at rest (its most expensive case: the rest fit, the
     * voltage-drop cue and, once a minute, the SOC-drift fit all run).
     */
    @Benchmark
    public void softShortAtRest(Blackhole bh) {
        volts[tick++ % cells] -= 1e-6;
        softShort.update(0.0, volts, soc, 0.1);
        bh.consume(softShort.score(0));
    }

    /** Allows running from an IDE. */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {"EstimatorUpdateBenchmark"});
    }
}
