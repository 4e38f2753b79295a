package org.qsebms.bms.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.CyclingProfile;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.sim.SimulatedHardware;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * Healthy packs cycled for hours against the thermistors' own-rate liveness check ({@link FrozenByOwnRepeatRate}):
 * beside the controller (which runs the check at the default {@code tempFrozenFalseAlarm}), detectors at candidate
 * false-alarm probabilities only observe the thermistor readings and count the healthy runs that would have
 * tripped, and how close the longest came (its length over the length that trips). Asserted: no trip at the
 * default, and no {@code TEMPERATURE_STUCK} from the controller. By default seed 42 for 1 h (the build);
 * the figures in docs/safety.md come from {@code -Dprobe.seeds=1,2,...,10 -Dprobe.hours=15} (drivers) and
 * {@code -Dprobe.seeds=1,2 -Dprobe.hours=4 -Dprobe.cells=24} (simulated hardware); the default 1e-12 was chosen
 * on seeds 101 and 102 ({@code -Dprobe.seeds=101,102 -Dprobe.hours=6}).
 */
class ThermistorOwnRateOnHealthyPacksTest {
    static final double[] ALARMS = {1e-6, 1e-9, 1e-12, 1e-15, 1e-18};
    /** The default's place in {@link #ALARMS}. */
    static final int DEFAULT = 2;

    static final class Probe {
        final FrozenByOwnRepeatRate[] d = new FrozenByOwnRepeatRate[ALARMS.length];
        final long[] fires = new long[ALARMS.length];
        final double[] closest = new double[ALARMS.length];
        final double[] closestAtH = new double[ALARMS.length];
        final int n;
        final double[] last;
        final boolean[] changed, ok;
        long pairs, repeats;
        int longest;
        final int[] runNow;

        Probe(int n, double minHistory) {
            this.n = n;
            for (int a = 0; a < ALARMS.length; a++) {
                d[a] = new FrozenByOwnRepeatRate(n, ALARMS[a], minHistory);
            }
            last = new double[n];
            java.util.Arrays.fill(last, Double.NaN);
            changed = new boolean[n];
            ok = new boolean[n];
            runNow = new int[n];
        }

        void feed(PackMeasurement m, double hours) {
            for (int i = 0; i < n; i++) {
                ok[i] = m.tempStatus[i].isOk();
                boolean same = ok[i] && Double.compare(m.cellCelsius[i], last[i]) == 0;
                changed[i] = !same;
                if (ok[i] && !Double.isNaN(last[i])) {
                    pairs++;
                    if (same) {
                        repeats++;
                        runNow[i]++;
                        longest = Math.max(longest, runNow[i]);
                    } else {
                        runNow[i] = 0;
                    }
                }
                last[i] = ok[i] ? m.cellCelsius[i] : Double.NaN;
            }
            for (int a = 0; a < ALARMS.length; a++) {
                d[a].update(changed, ok);
                for (int i = 0; i < n; i++) {
                    int req = d[a].required(i);
                    int r = d[a].run(i);
                    if (r > 0 && req != Integer.MAX_VALUE) {
                        double ratio = (double) r / req;
                        if (ratio > closest[a]) {
                            closest[a] = ratio;
                            closestAtH[a] = hours;
                        }
                        if (r == req) {
                            fires[a]++;
                        }
                    }
                }
            }
        }

        void print(String what) {
            StringBuilder b = new StringBuilder();
            for (int a = 0; a < ALARMS.length; a++) {
                b.append(String.format(
                        Locale.ROOT,
                        " | %.0e: fires %d closest %.2f at %.2f h",
                        ALARMS[a],
                        fires[a],
                        closest[a],
                        closestAtH[a]));
            }
            StringBuilder h = new StringBuilder();
            for (int i = 0; i < n; i++) {
                h.append(String.format(
                        Locale.ROOT,
                        " ch%d history %d bound %.3f",
                        i + 1,
                        d[DEFAULT].history(i),
                        d[DEFAULT].boundNow(i)));
            }
            System.out.printf(
                    Locale.ROOT,
                    "PROBE %s: pairs %d repeat %.4f longest %d%s%n   %s%n",
                    what,
                    pairs,
                    (double) repeats / pairs,
                    longest,
                    b,
                    h);
        }
    }

    private static String example() throws IOException {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("config/examples/pi-4s-ads1115.yaml"))) {
            p = p.getParent();
        }
        return Files.readString(p.resolve("config/examples/pi-4s-ads1115.yaml"));
    }

    @Test
    void driverLevel() throws IOException {
        double hours = Double.parseDouble(System.getProperty("probe.hours", "1"));
        for (String s : System.getProperty("probe.seeds", "42").split(",")) {
            long seed = Long.parseLong(s.trim());
            String text = example();
            BmsConfig told = new ConfigLoader()
                    .parse(text + "health:\n  usableCapacity: {chargeVolts: 4.15, cutoffVolts: 3.40}\n", "told");
            BmsConfig truth = new ConfigLoader().parse(text.replace("capacityAh: 2.0", "capacityAh: 1.500"), "truth");
            SimulatedPack pack = SimulatedPackSetup.createPack(truth, 0.5, 25.0, CyclingProfile.defaultFor(2.0), seed);
            DriverLevelSimulation sim =
                    new DriverLevelSimulation(pack, told.hal().pi4j().orElseThrow(), seed + 1);
            ControllerAssembly.Wiring w =
                    ControllerAssembly.build(told, sim.hardware(), PackLinks.plantOnly(sim), () -> 0L);
            run(w, told, hours, "driver seed " + seed);
        }
    }

    @Test
    void simulatedHardware() {
        double hours = Double.parseDouble(System.getProperty("probe.hours", "1"));
        for (String s : System.getProperty("probe.seeds", "42").split(",")) {
            long seed = Long.parseLong(s.trim());
            for (String chem : new String[] {"psoa-ncm811", "psoa-lfp"}) {
                BmsConfig cfg = new ConfigLoader()
                        .parse(
                                "pack: {chemistry: " + chem + ", seriesCells: " + System.getProperty("probe.cells", "8")
                                        + ", capacityAh: 2.0}\n",
                                "p");
                SimulatedHardware sim = SimulatedPackSetup.create(cfg, 0.5, 25.0, CyclingProfile.defaultFor(2.0), seed);
                ControllerAssembly.Wiring w = ControllerAssembly.build(cfg, sim.hardware(), sim.pack(), () -> 0L);
                run(w, cfg, hours, "simhw " + chem + " seed " + seed);
            }
        }
    }

    private static void run(ControllerAssembly.Wiring w, BmsConfig cfg, double hours, String what) {
        PackController c = w.controller();
        w.requests().requestClose();
        long period = cfg.loop().period().toNanos();
        long now = 0;
        Probe probe = null;
        long ticks = (long) (hours * 3600e9 / period);
        StringBuilder faults = new StringBuilder();
        for (long k = 0; k < ticks; k++) {
            now += period;
            c.tick(now);
            PackMeasurement m = c.measurement();
            if (probe == null) {
                probe = new Probe(m.cellCelsius.length, cfg.supplementary().tempFrozenMinHistory());
            }
            probe.feed(m, now / 3600e9);
            org.qsebms.bms.snapshot.ControllerEvent e;
            while ((e = w.events().poll()) != null) {
                if (e instanceof org.qsebms.bms.snapshot.ControllerEvent.FaultEdge f
                        && f.fault().raised()) {
                    faults.append(String.format(Locale.ROOT, "%.2f h %s; ", now / 3600e9, f.fault()));
                }
            }
        }
        probe.print(what + " " + hours + " h, faults: " + faults);
        assertThat(cfg.supplementary().tempFrozenFalseAlarm()).isEqualTo(ALARMS[DEFAULT]);
        assertThat(probe.fires[DEFAULT])
                .as("healthy runs taken for frozen at the default, %s", what)
                .isZero();
        assertThat(faults.toString()).as(what).doesNotContain("TEMPERATURE_STUCK");
    }
}
