package org.qsebms.bms.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioLoader;
import org.qsebms.bms.offline.scenario.ScenarioRunner;
import org.qsebms.config.PresetCatalog;
import org.qsebms.config.ProtectionLimits;

/**
 * Issue 23, check23bc: an independent hunt for FALSE raises of fault 212 (CURRENT_OFFSET_IMPLAUSIBLE) on healthy packs
 * with a correct current sensor, as real users run them: small steady standby loads at every SOC, a trickle charge and
 * a long CV float at the top, a slow discharge through the bottom knee right after a long larger one, and balancing
 * during a small load on 8 cells of seeded spread. Every shipped preset, 25 °C and the coldest the preset discharges
 * (-20 °C or 5 °C above its discharge under-temperature RSL, the warmer); the coldest it charges for the charges
 * (5 °C above its charge under-temperature RSL, at least 5 °C). None may raise 212; the largest evidence over its
 * margin is printed per run (NaN: never judged). Measured 2026-12-07 on main 5764d398 (212 as merged in fix23bc): 204
 * runs, none raised 212; largest evidence over margin 0.43 (le-ncm811 at 5 °C, a C/50 drain from 0.3 to empty); the
 * LFP runs on the plateau give no verdict by design.
 */
class CurrentOffsetHealthyPackProbeTest {
    private static final String ID = "CURRENT_OFFSET_IMPLAUSIBLE";

    private final List<String> raised = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private int judged;
    private int runs;
    private final List<Double> gapClosed = new ArrayList<>();

    @Test
    void smallSteadyStandbyLoadsAtEverySocRaiseNoCurrentOffset() {
        for (String chemistry : PresetCatalog.SHIPPED) {
            for (int celsius : new int[] {25, coldestDischarge(chemistry)}) {
                for (double soc : new double[] {0.95, 0.5, 0.15}) {
                    for (double amps : new double[] {-0.1, -0.3}) {
                        run(
                                String.format(Locale.ROOT, "%s %d C soc %.2f %.1f A", chemistry, celsius, soc, amps),
                                chemistry,
                                4,
                                soc,
                                celsius,
                                String.format(Locale.ROOT, "{type: constant, amps: %s}", amps),
                                "6h",
                                0);
                    }
                }
            }
        }
        report("standby");
    }

    @Test
    void aTrickleChargeAndALongCvFloatAtTheTopRaiseNoCurrentOffset() {
        for (String chemistry : PresetCatalog.SHIPPED) {
            ProtectionLimits limits = new PresetCatalog().load(chemistry).limits();
            double cvVolts = limits.cellOverVoltage().mol() - 0.05;
            double endVolts = limits.cellUnderVoltage().mol() + 0.1;
            for (int celsius : new int[] {25, coldestCharge(chemistry)}) {
                for (double amps : new double[] {0.04, 0.1}) {
                    run(
                            String.format(Locale.ROOT, "%s %d C trickle +%.2f A from 0.9", chemistry, celsius, amps),
                            chemistry,
                            4,
                            0.9,
                            celsius,
                            String.format(Locale.ROOT, "{type: constant, amps: %s}", amps),
                            "8h",
                            0);
                }
                // a charger held in CV at the top: the tail tapers for hours before its cutoff of 0.001 C
                run(
                        String.format(Locale.ROOT, "%s %d C CV float at %.3f V", chemistry, celsius, cvVolts),
                        chemistry,
                        4,
                        0.8,
                        celsius,
                        String.format(
                                Locale.ROOT,
                                "{type: cycling, chargeC: 0.2, cvVolts: %s, cutoffC: 0.001, pulseC: 0.05,"
                                        + " baseC: 0.05, endVolts: %s, rest: 100h}",
                                cvVolts,
                                endVolts),
                        "12h",
                        0);
            }
        }
        report("top");
    }

    @Test
    void aSlowDrainThroughTheBottomKneeAfterALongDischargeRaisesNoCurrentOffset() {
        for (String chemistry : PresetCatalog.SHIPPED) {
            for (int celsius : new int[] {25, coldestDischarge(chemistry)}) {
                for (double lowAmps : new double[] {-0.04, -0.1}) {
                    // 0.5 C for 90 min from 0.95 (about 0.2 left), then C/50 or C/20 read correctly into the knee
                    run(
                            String.format(Locale.ROOT, "%s %d C 0.5C 90 min then %.2f A", chemistry, celsius, lowAmps),
                            chemistry,
                            4,
                            0.95,
                            celsius,
                            String.format(
                                    Locale.ROOT,
                                    "{type: pulses, highAmps: -1.0, high: 90min, lowAmps: %s, low: 20h}",
                                    lowAmps),
                            "7h",
                            0);
                }
            }
        }
        report("bottom knee");
    }

    /**
     * The passive balancer bleeds only while the pack charges or rests (within 0.05 A), so its probe is a small charge
     * and a discharge under that rest band, with one cell set 8 % SOC above the others at the first tick (a real
     * imbalance the balancer works on), 8 cells of seeded spread. On LFP only a charge at the top: on the plateau an
     * 8 % SOC gap is under the balancer's 10 mV and it does not bleed (nor in SOC mode: the SOC filter cannot see it). The balancer's work is asserted
     * (the gap closes), else the probe would probe nothing.
     */
    @Test
    void balancingDuringASmallSteadyCurrentOnCellsOfSpreadRaisesNoCurrentOffset() {
        for (String chemistry : new String[] {"psoa-ncm811", "psoa-lfp", "le-ncm811"}) {
            for (int seed = 1; seed <= 2; seed++) {
                for (double soc : chemistry.endsWith("lfp") ? new double[] {0.88} : new double[] {0.5, 0.12}) {
                    for (double amps : new double[] {0.1, 0.04, -0.045}) {
                        if ((soc < 0.2 || soc > 0.8) && amps < 0) {
                            continue;
                        }
                        run(
                                String.format(
                                        Locale.ROOT,
                                        "%s 8 cells seed %d soc %.2f (cell 0 +0.08) %s A balancing",
                                        chemistry,
                                        seed,
                                        soc,
                                        amps),
                                chemistry,
                                8,
                                soc,
                                25,
                                String.format(Locale.ROOT, "{type: constant, amps: %s}", amps),
                                "6h",
                                seed,
                                0.08);
                    }
                }
            }
        }
        report("balancing");
        // the balancer did bleed cell 0 in every run (else this probes nothing)
        assertThat(gapClosed).allSatisfy(g -> assertThat(g).isGreaterThan(0.02));
    }

    /**
     * The control: the same harness on s06's pack (an idle closed pack whose reading gains a 0.45 A offset) must see
     * 212 raised, so the other probes' "none raised" is the check's verdict, not a harness that cannot see one.
     */
    @Test
    void theHarnessSeesTheRaiseOfAnInjectedOffset() {
        run(
                "psoa-ncm811 idle, reading offset 0.45 A at 5 min",
                "psoa-ncm811",
                4,
                0.6,
                25,
                "{type: idle}\nfaults:\n  - {at: 5min, type: currentSensorOffset, amps: 0.45}",
                "3h",
                0);
        raised.forEach(s -> System.out.println("control RAISED " + s));
        assertThat(raised).hasSize(1);
    }

    /**
     * A long slow drain from rest to the cell's under-voltage at C/50 and C/20 (no larger load before), in the cold
     * where the interface's polarisation the model doubts is largest, and at 25 °C.
     */
    @Test
    void aSlowDrainFromRestToEmptyRaisesNoCurrentOffset() {
        for (String chemistry : PresetCatalog.SHIPPED) {
            for (int celsius : new int[] {25, coldestDischarge(chemistry)}) {
                for (double amps : new double[] {-0.04, -0.1}) {
                    run(
                            String.format(Locale.ROOT, "%s %d C drain %s A from 0.3", chemistry, celsius, amps),
                            chemistry,
                            4,
                            0.3,
                            celsius,
                            String.format(Locale.ROOT, "{type: constant, amps: %s}", amps),
                            amps < -0.05 ? "8h" : "17h",
                            0);
                }
            }
        }
        report("drain to empty");
    }

    /**
     * A pack warming or cooling under a small steady current (the day's swing on a pack in a shed): the ambient steps
     * 5 °C every 30 min between 10 and 40 °C while a 0.05 C standby load or trickle charge is read correctly.
     */
    @Test
    void aTemperatureSwingUnderASmallSteadyCurrentRaisesNoCurrentOffset() {
        for (String chemistry : PresetCatalog.SHIPPED) {
            for (boolean warming : new boolean[] {true, false}) {
                StringBuilder ambient = new StringBuilder("ambient:\n");
                for (int k = 0; k <= 6; k++) {
                    ambient.append(String.format(
                            Locale.ROOT,
                            "  - {at: %dmin, celsius: %d}%n",
                            60 + 30 * k,
                            warming ? 10 + 5 * k : 40 - 5 * k));
                }
                for (double[] socAmps : new double[][] {{0.6, -0.1}, {0.3, 0.1}}) {
                    run(
                            String.format(
                                    Locale.ROOT,
                                    "%s %s 10-40 C soc %.1f %s A",
                                    chemistry,
                                    warming ? "warming" : "cooling",
                                    socAmps[0],
                                    socAmps[1]),
                            chemistry,
                            4,
                            socAmps[0],
                            warming ? 10 : 40,
                            String.format(Locale.ROOT, "{type: constant, amps: %s}%n%s", socAmps[1], ambient),
                            "6h",
                            0);
                }
            }
        }
        report("temperature swing");
    }

    private void run(
            String label, String chemistry, int cells, double soc, int celsius, String load, String hours, long seed) {
        run(label, chemistry, cells, soc, celsius, load, hours, seed, 0);
    }

    /** @param firstCellAbove cell 0 is set this much SOC above the initial SOC at the first tick */
    private void run(
            String label,
            String chemistry,
            int cells,
            double soc,
            int celsius,
            String load,
            String hours,
            long seed,
            double firstCellAbove) {
        String yaml = String.format(
                Locale.ROOT,
                "name: %s%npack: {chemistry: %s, seriesCells: %d, capacityAh: 2.0}%nloop: {period: 1s}%n"
                        + "initial: {soc: %s, ambientCelsius: %d, close: true}%nload: %s%nduration: %s%n"
                        + "seed: %d%nlimitsEvery: 6h%n",
                label,
                chemistry,
                cells,
                soc,
                celsius,
                load,
                hours,
                seed);
        Scenario sc = new ScenarioLoader().parse(yaml, Path.of("."), "probe");
        List<String> faults = new ArrayList<>();
        boolean[] set = {firstCellAbove == 0};
        // cell 0's SOC over cell 1's at the first and the last tick: the balancer's work shows as its closing
        double[] gap = {0, 0};
        ScenarioRunner.Result r = new ScenarioRunner()
                .run(
                        sc,
                        s -> {
                            if (s.contains("\"raised\"")) {
                                if (s.contains(ID)) {
                                    raised.add(label + ": " + s);
                                } else if (faults.size() < 2) {
                                    faults.add(s);
                                }
                            }
                        },
                        (t, pack, ctl) -> {
                            if (!set[0]) {
                                pack.setCellSoc(0, Math.min(1, pack.cellSoc(0) + firstCellAbove));
                                set[0] = true;
                                gap[0] = pack.cellSoc(0) - pack.cellSoc(1);
                            }
                            gap[1] = pack.cellSoc(0) - pack.cellSoc(1);
                        });
        runs++;
        if (firstCellAbove > 0) {
            gapClosed.add(gap[0] - gap[1]);
        }
        if (Double.isFinite(r.currentOffsetPeakRatio())) {
            judged++;
        }
        figures.add(String.format(
                Locale.ROOT,
                "%s: %.2f%s%s",
                label,
                r.currentOffsetPeakRatio(),
                firstCellAbove > 0 ? String.format(Locale.ROOT, " (gap closed %.3f)", gap[0] - gap[1]) : "",
                r.tripped() ? " (tripped: " + r.finalState() + " " + faults + ")" : ""));
    }

    private void report(String what) {
        System.out.println(what + ", largest evidence of an offset (NaN: no verdict):");
        figures.forEach(f -> System.out.println("  " + f));
        raised.forEach(s -> System.out.println("RAISED " + s));
        assertThat(raised).isEmpty();
        assertThat(judged).as("runs judged of %d", runs).isGreaterThan(0);
    }

    private static int coldestDischarge(String chemistry) {
        ProtectionLimits limits = new PresetCatalog().load(chemistry).limits();
        return (int) Math.max(-20, Math.round(limits.dischargeUnderTemperature().rsl() + 5));
    }

    private static int coldestCharge(String chemistry) {
        ProtectionLimits limits = new PresetCatalog().load(chemistry).limits();
        return (int) Math.max(5, Math.round(limits.chargeUnderTemperature().rsl() + 5));
    }
}
