package org.qsebms.bms.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * The published SOC bound of the running BMS holds the truth on random days (issue 20: coverage at least 95 %),
 * on the simulated pack through the real assembly: a 4 x 2 Ah pack of a random preset (both cathodes, all three
 * electrolytes), a random start SOC (0.03-0.97) and ambient (5-40 °C), a current sensor off by a random offset
 * within its rating, a first start or a restart from a state file that knew the SOC (sigma 0.01), then 4 h of
 * operator opens and closes (rests of 2-60 min, drives of 10-60 min) with a new current every 5-120 s (discharges
 * up to 0.8 C, charges up to 0.5 C, pauses; turned back at 0.05 and 0.95 SOC), scored every second after the
 * first 10 min. It found a capacity learnt from a rest under an LFP plateau read as the bottom knee (three of 400
 * days before the fix, errors up to 53 points inside a bound of 27-36 %: {@link #theDaysThatFoundABogusCapacity}).
 * {@code -Dsoc.oracle.firstSeed=N -Dsoc.oracle.days=M} sweeps other days (600 days: about 6 min). Wider days
 * ({@link #everyWiderRandomDayKeepsTheTruthInsideTheBound}) vary the pack, the ambient and the loop too.
 */
class RandomDaysSocCoverageTest {
    private static final String[] PRESETS = {"psoa-lfp", "ptpa-lfp", "le-lfp", "psoa-ncm811", "ptpa-ncm811", "le-ncm811"
    };

    @TempDir
    Path dir;

    private record Day(String what, double coverage, double rmse, double worst, double medianBound) {}

    @Test
    void everyRandomDayKeepsTheTruthInsideTheBound() throws IOException {
        assertThat(daysUnder95(
                        "random SOC days",
                        Long.getLong("soc.oracle.firstSeed", 1),
                        Integer.getInteger("soc.oracle.days", 40),
                        false))
                .isEmpty();
    }

    /**
     * Wider days: 8 h, packs of 2-12 cells of 1-4 Ah, ambients from -10 to 45 °C, loops of 100 ms to 1 s (the
     * rest as above). {@code -Dsoc.oracle.wideFirstSeed=N -Dsoc.oracle.wideDays=M} sweeps others (300 days: about 8
     * min).
     */
    @Test
    void everyWiderRandomDayKeepsTheTruthInsideTheBound() throws IOException {
        assertThat(daysUnder95(
                        "wider random SOC days",
                        Long.getLong("soc.oracle.wideFirstSeed", 1),
                        Integer.getInteger("soc.oracle.wideDays", 10),
                        true))
                .isEmpty();
    }

    /** Runs the days from {@code first}; returns those under 95 % coverage, described. */
    private List<String> daysUnder95(String label, long first, int days, boolean wide) throws IOException {
        List<String> misses = new ArrayList<>();
        for (long seed = first; seed < first + days; seed++) {
            Day d = day(seed, wide);
            if (d.coverage() < 0.95) {
                misses.add(describe(seed, d));
            }
        }
        System.out.printf(
                Locale.ROOT, "%s %d-%d: %d under 95 %% coverage%n", label, first, first + days - 1, misses.size());
        return misses;
    }

    /**
     * The days that found the capacity learnt from a plateau rest read as the bottom knee (a health window
     * setting the filter's capacity to 0.667 Ah for 2 Ah): before the fix coverage 88.3, 89.5 and 92.7 %, RMSE
     * 19.5, 23.4 and 15.2 %.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {227, 304, 446})
    void theDaysThatFoundABogusCapacity(long seed) throws IOException {
        Day d = day(seed, false);
        System.out.println(describe(seed, d));
        assertThat(d.coverage()).isGreaterThanOrEqualTo(0.95);
        assertThat(d.rmse()).isLessThan(0.03);
    }

    private static String describe(long seed, Day d) {
        return String.format(
                Locale.ROOT,
                "seed %d (%s): coverage %.1f %%, RMSE %.2f %%, max %.2f %%, median bound %.2f %%",
                seed,
                d.what(),
                100 * d.coverage(),
                100 * d.rmse(),
                100 * d.worst(),
                100 * d.medianBound());
    }

    private Day day(long seed, boolean wide) throws IOException {
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        String preset = PRESETS[r.nextInt(PRESETS.length)];
        double start = r.nextDouble(0.03, 0.97);
        double celsius = wide ? r.nextDouble(-10, 45) : r.nextDouble(5, 40);
        String size = wide
                ? String.format(
                        Locale.ROOT, "seriesCells: %d\n  capacityAh: %.2f", 2 + r.nextInt(11), r.nextDouble(1, 4))
                : "seriesCells: 4\n  capacityAh: 2.0";
        String loop = wide ? new String[] {"100ms", "250ms", "500ms", "1s"}[r.nextInt(4)] : "100ms";
        double hours = wide ? 8 : 4;
        double offset = r.nextDouble(-0.05, 0.05);
        boolean restore = r.nextBoolean();
        BmsConfig cfg = load(preset, size, loop);
        double[] amps = {0};
        SimulatedHardware sim = SimulatedPackSetup.create(cfg, start, celsius, (t, p, c) -> c ? amps[0] : 0.0, seed);
        ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> 0L);
        sim.injectCurrentOffset(offset);
        int cells = cfg.pack().seriesCells();
        if (restore) { // as StatePersistence restores a state file saved an hour before
            for (int i = 0; i < cells; i++) {
                w.controller().soc().restoreCellSoc(i, sim.pack().cellSoc(i), 0.01, 3600);
            }
        }
        long period = cfg.loop().period().toNanos();
        int perSecond = (int) (1_000_000_000L / period);
        PackSample drained = new PackSample(cells, cells);
        double capacity = cfg.pack().capacityAh();
        SocScore score = new SocScore();
        long k = 0;
        double t = 0;
        boolean closed = false;
        double segmentEnds = 60 * r.nextDouble(1, 30);
        double nextStep = 0;
        while (t < hours * 3600) {
            if (t >= segmentEnds) {
                closed = !closed;
                if (closed) {
                    w.requests().requestClose();
                    segmentEnds = t + 60 * r.nextDouble(10, 60);
                } else {
                    w.requests().requestOpen();
                    segmentEnds = t + 60 * r.nextDouble(2, 60);
                }
            }
            if (t >= nextStep) {
                amps[0] = nextCurrent(r, sim.pack().cellSoc(0), capacity);
                nextStep = t + r.nextDouble(5, 120);
            }
            for (int i = 0; i < perSecond; i++) {
                w.controller().tick(++k * period);
                while (w.events().poll() != null) {
                    // not judged here
                }
                while (w.ring().poll(drained)) {
                    // drain
                }
            }
            t = k * period / 1e9;
            if (t >= 600) {
                for (int i = 0; i < cells; i++) {
                    score.add(
                            w.controller().soc().cellSoc(i),
                            sim.pack().cellSoc(i),
                            w.controller().soc().cellSocBound3Sigma(i));
                }
            }
        }
        String what = String.format(
                Locale.ROOT,
                "%s %d x %.2f Ah at %s from %.3f at %.1f °C, sensor %+.1f mA, %s",
                preset,
                cells,
                capacity,
                loop,
                start,
                celsius,
                1000 * offset,
                restore ? "restored" : "first start");
        return new Day(what, score.coverage(), score.rmse(), score.worst(), score.medianBound());
    }

    /** The built-in simulated configuration with another preset, pack size and loop period, loaded from a file. */
    private BmsConfig load(String preset, String size, String loop) throws IOException {
        String text;
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream("default-simulated.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String configured = text.replace("chemistry: psoa-ncm811", "chemistry: " + preset)
                .replace("seriesCells: 4\n  capacityAh: 2.0", size)
                .replace("period: 100ms", "period: " + loop);
        assertThat(configured).contains("chemistry: " + preset).contains(size).contains("period: " + loop);
        return new ConfigLoader().load(Files.writeString(Files.createTempFile(dir, "bms", ".yaml"), configured));
    }

    /** The next pack current (A, charge positive) for a pack whose first cell is at {@code soc}. */
    private static double nextCurrent(SplittableRandom r, double soc, double capacityAh) {
        double amps = r.nextDouble() < 0.3 ? r.nextDouble(0, 0.5 * capacityAh) : -r.nextDouble(0, 0.8 * capacityAh);
        if (soc < 0.05) {
            amps = r.nextDouble(0.1, 0.5) * capacityAh;
        }
        if (soc > 0.95) {
            amps = -r.nextDouble(0.1, 0.8) * capacityAh;
        }
        return r.nextDouble() < 0.15 ? 0.0 : amps;
    }
}
