package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.CyclingProfile;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.sim.SimulatedPack;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.estimators.health.CellHealthTracker;

/**
 * The whole controller, through the real ADS1115/MCP3008 drivers (config/examples/pi-4s-ads1115.yaml
 * with {@code health.usableCapacity} set to the cycling profile's 4.15 V / 3.40 V), learns the
 * capacity of the pack it is on. The pack is told 2.0 Ah. The simulated cells are QSE cells of the
 * same preset whose electrode area holds 1.5 Ah (an aged pack: capacity down, resistance up by the
 * same factor), or 2.0 Ah (a fresh pack). A cycler runs the default profile for the told 2.0 Ah
 * (0.8 A CC-CV to 4.15 V, C/20 taper; 2 A / 0.4 A pulses to 3.40 V; 10 min rests) by its own
 * voltages, as a cycler does: it does not follow the published limits (a load that does stops at
 * the 5 % SOC floor, above 3.40 V, and never reaches the cutoff). After each discharge the reported
 * capacity (the weakest cell's, the one {@code state.soh} divides) is compared with the weakest
 * simulated cell's. A run stops at a trip (the contactors open, the cycling ends).
 */
class AgedPackCapacityTest {
    private static final double TOLD_AH = 2.0;
    private static final String LIMITS = "health:\n  usableCapacity: {chargeVolts: 4.15, cutoffVolts: 3.40}\n";

    /**
     * What a run gave: a row per discharge that ended, the faults raised, and every cell's capacity each time a
     * capacity window closed.
     */
    private record Run(List<Cycle> cycles, List<String> faults, List<CellEstimate> estimates) {}

    /** One cell's published capacity and its one-sigma doubt just after a window closed, with the simulated truth. */
    private record CellEstimate(double hours, int cell, int windows, double ah, double sigmaAh, double truthAh) {
        double sigmas() {
            return (ah - truthAh) / sigmaAh;
        }
    }

    /** One row per discharge that ended: reported capacity, its sigma and the weakest simulated cell's. */
    private record Cycle(int n, double hours, double reportedAh, double sigmaAh, int windows, double truthAh) {
        double error() {
            return reportedAh / truthAh - 1;
        }
    }

    private static String example() throws IOException {
        return Files.readString(ExampleBoard.pi4sAds1115());
    }

    private static Run cycle(double trueAh, int discharges, long seed, boolean limitWindows) throws IOException {
        String text = example();
        BmsConfig told =
                new ConfigLoader().parse(text + LIMITS + "  capacityLimitWindows: " + limitWindows + "\n", "told");
        BmsConfig truth = new ConfigLoader()
                .parse(
                        text.replace("capacityAh: 2.0", String.format(Locale.ROOT, "capacityAh: %.3f", trueAh)),
                        "truth");
        assertThat(told.pack().capacityAh()).isEqualTo(TOLD_AH);
        assertThat(truth.pack().capacityAh()).isEqualTo(trueAh);
        SimulatedPack pack = SimulatedPackSetup.createPack(truth, 0.5, 25.0, CyclingProfile.defaultFor(TOLD_AH), seed);
        DriverLevelSimulation sim =
                new DriverLevelSimulation(pack, told.hal().pi4j().orElseThrow(), seed + 1);
        ControllerAssembly.Wiring w =
                ControllerAssembly.build(told, sim.hardware(), PackLinks.plantOnly(sim), () -> 0L);
        CellHealthTracker health = w.controller().healthTracker();
        w.requests().requestClose();
        long period = told.loop().period().toNanos();
        long now = 0;
        boolean wasDischarging = false;
        List<Cycle> out = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        List<CellEstimate> estimates = new ArrayList<>();
        long revision = health.revision();
        long maxTicks = (long) (discharges * 6 * 3600e9 / period);
        for (long k = 0;
                k < maxTicks
                        && out.size() < discharges
                        && w.controller().supervisor().state() != SupervisorState.FAULT;
                k++) {
            now += period;
            w.controller().tick(now);
            boolean discharging = pack.packAmps() < 0;
            if (health.revision() != revision) {
                revision = health.revision();
                for (int i = 0; i < pack.cellCount(); i++) {
                    if (health.capacityWindows(i) > 0) {
                        estimates.add(new CellEstimate(
                                now / 3600e9,
                                i + 1,
                                health.capacityWindows(i),
                                health.capacityAh(i),
                                health.capacitySigmaAh(i),
                                pack.cellCapacityAh(i)));
                    }
                }
            }
            if (wasDischarging && !discharging) {
                int weakest = health.weakestCell();
                double truthAh = Double.POSITIVE_INFINITY;
                for (int i = 0; i < pack.cellCount(); i++) {
                    truthAh = Math.min(truthAh, pack.cellCapacityAh(i));
                }
                Cycle c = new Cycle(
                        out.size() + 1,
                        now / 3600e9,
                        health.capacityAh(weakest),
                        health.capacitySigmaAh(weakest),
                        health.capacityWindows(weakest),
                        truthAh);
                out.add(c);
                System.out.printf(
                        Locale.ROOT,
                        "true %.1f Ah, discharge %d at %.1f h: reported %.4f Ah +- %.4f (%d windows), weakest "
                                + "simulated cell %.4f Ah, error %+.2f %%; cells %s%n",
                        trueAh,
                        c.n(),
                        c.hours(),
                        c.reportedAh(),
                        c.sigmaAh(),
                        c.windows(),
                        c.truthAh(),
                        100 * c.error(),
                        cells(health, pack));
            }
            wasDischarging = discharging;
            org.qsebms.bms.snapshot.ControllerEvent e;
            while ((e = w.events().poll()) != null) {
                if (e instanceof org.qsebms.bms.snapshot.ControllerEvent.FaultEdge f
                        && f.fault().raised()) {
                    faults.add(String.format(Locale.ROOT, "%.2f h %s", now / 3600e9, f.fault()));
                }
            }
        }
        System.out.println("faults raised: " + faults);
        return new Run(out, faults, estimates);
    }

    private static String cells(CellHealthTracker health, SimulatedPack pack) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pack.cellCount(); i++) {
            b.append(String.format(
                    Locale.ROOT,
                    "%.4f/%.4f(%d) ",
                    health.capacityAh(i),
                    pack.cellCapacityAh(i),
                    health.capacityWindows(i)));
        }
        return b.toString().trim();
    }

    /**
     * Told 2.0 Ah, truly 1.5 Ah: the first window between a full charge and the cutoff (the second
     * discharge, 3.6 h in; the first starts at 50 % SOC) brings the reported capacity within 3 % of
     * the weakest cell's. Two discharges only: with limit windows the run trips before the third ends (see
     * {@link #withLimitWindowsAnAgedPackCyclesWithoutATrip}).
     */
    @Test
    void anAgedPackToldTheNameplateCapacityReportsItsOwn() throws IOException {
        Run run = cycle(1.5, 2, 42, true);
        assertThat(run.cycles())
                .as("discharges before any trip: %s", run.faults())
                .hasSize(2);
        assertThat(run.cycles().getFirst().error())
                .as("before any window: the told capacity")
                .isGreaterThan(0.2);
        for (Cycle c : run.cycles().subList(1, run.cycles().size())) {
            assertThat(c.error())
                    .as(
                            "discharge %d: reported %.4f Ah against the weakest simulated cell's %.4f Ah",
                            c.n(), c.reportedAh(), c.truthAh())
                    .isBetween(-0.03, 0.03);
        }
    }

    /**
     * The aged pack cycles on without a trip with the default settings (rest windows only), and
     * still learns its capacity from them (measured 2026-12-03: +1.21 % after the second discharge,
     * +0.21 % after the sixth).
     */
    @Test
    void anAgedPackCyclesWithoutATrip() throws IOException {
        Run run = cycle(1.5, 6, 42, false);
        assertThat(run.faults()).noneMatch(f -> f.contains("level=MSL"));
        assertThat(run.cycles()).hasSize(6);
        assertThat(run.cycles().getLast().error()).isBetween(-0.03, 0.03);
    }

    /**
     * The same aged pack with the default settings on other seeds of the simulated pack and drivers: no
     * limit beyond its MSL in three discharges (about 6.5 h). Until 2026-12-03 seed 102 latched SOFT_SHORT.MSL on
     * cell 1 at 4.20 h ('leak about 18.3 mA above the string median ... SOC drifting -0.92 %/h, standard error
     * 0.18 %/h'), a false trip of a healthy pack: the drift cue read the published filter's lagging correction of the
     * told capacity's error. It now reads a SOC filter of its own with the current-offset state (docs/safety.md, "A
     * leak-following SOC filter for the drift cue"), and seeds 102, 103 and 104 raise no MSL.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {102, 103, 104})
    void anAgedPackOnOtherSeedsCyclesWithoutATrip(long seed) throws IOException {
        Run run = cycle(1.5, 3, seed, false);
        assertThat(run.faults()).noneMatch(f -> f.contains("level=MSL"));
        assertThat(run.cycles()).hasSize(3);
    }

    /**
     * The aged pack cycles on without a trip with limit windows on. Until 2026-12-03 it tripped SOFT_SHORT MSL on the
     * weakest cell (1.4677 Ah) at 6.04-6.06 h, after the capacities were learnt ('leak about 6.6-6.8 mA above the
     * string median ... from the SOC drift', score 0.52-0.53); since the drift cue reads a SOC filter of the
     * detector's own with the current-offset state (docs/safety.md, "A leak-following SOC filter for the drift
     * cue"), six discharges (15.4 h) raise no MSL.
     */
    @Test
    void withLimitWindowsAnAgedPackCyclesWithoutATrip() throws IOException {
        Run run = cycle(1.5, 6, 42, true);
        assertThat(run.faults()).noneMatch(f -> f.contains("level=MSL"));
        assertThat(run.cycles()).hasSize(6);
    }

    /**
     * Every cell's published capacity (not only the weakest, which {@code state.soh} divides) holds the cell's true
     * capacity within three of its sigmas each time a window closes, in the aged pack's six-discharge runs with limit
     * windows on and off. The stronger cells 2-4 (1.543-1.547 Ah) learn from rest windows only (they end a discharge
     * near 3.50 V, above the cutoff's tolerance), each doubted by about 5 % (the OCV's doubt at a rest near empty),
     * so the told 2.0 Ah (+-0.2 Ah) still holds them high after their first window: measured 2026-12-07, 1.6166-1.6201
     * Ah +- 0.085 (0.87 sigma) with limit windows, 1.610-1.615 Ah without; the windows themselves are within 0.2 % of
     * the truth (docs/safety.md, "The stronger cells' capacity after fix23bh").
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "limit windows {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void everyCellsCapacityHoldsItsTruthWithinItsDoubt(boolean limitWindows) throws IOException {
        Run run = cycle(1.5, 6, 42, limitWindows);
        assertThat(run.cycles())
                .as("discharges before any trip: %s", run.faults())
                .hasSize(6);
        for (int cell = 1; cell <= 4; cell++) {
            int c = cell;
            assertThat(run.estimates()).as("cell %d learnt from a window", c).anyMatch(e -> e.cell() == c);
        }
        double worst = 0;
        for (CellEstimate e : run.estimates()) {
            worst = Math.abs(e.sigmas()) > Math.abs(worst) ? e.sigmas() : worst;
            assertThat(Math.abs(e.ah() - e.truthAh()))
                    .as(
                            "cell %d at %.2f h (%d windows): %.4f Ah +- %.4f against %.4f Ah",
                            e.cell(), e.hours(), e.windows(), e.ah(), e.sigmaAh(), e.truthAh())
                    .isLessThan(3 * e.sigmaAh());
        }
        System.out.printf(
                Locale.ROOT,
                "limit windows %s: %d cell estimates after windows, worst %+.2f sigma%n",
                limitWindows,
                run.estimates().size(),
                worst);
    }

    /** Told 2.0 Ah, truly 1.96-2.06 Ah per cell: the reported capacity stays within 3 sigma of the weakest cell's. */
    @Test
    void aFreshPacksCapacityStaysWithinItsDoubt() throws IOException {
        Run run = cycle(TOLD_AH, 4, 42, true);
        assertThat(run.cycles())
                .as("discharges before any trip: %s", run.faults())
                .hasSize(4);
        assertThat(run.cycles().getLast().windows()).as("windows learnt").isPositive();
        for (Cycle c : run.cycles()) {
            assertThat(Math.abs(c.reportedAh() - c.truthAh()))
                    .as(
                            "discharge %d: reported %.4f Ah +- %.4f against %.4f Ah",
                            c.n(), c.reportedAh(), c.sigmaAh(), c.truthAh())
                    .isLessThan(3 * c.sigmaAh());
        }
    }
}
