package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * A quiet converter at rest through the Pi4J drivers on the emulated buses (issue 23, fix23bo): the shipped example
 * (ADS1115 "taps" for the cell taps, "shunt" for the current and the stack, MCP3008 "ntc" for the thermistors), one
 * chip's inputs (or every chip's) with their noise taken away, as a converter whose noise is under one code gives on
 * a healthy pack at rest. Before, the drivers' identical-code rule ({@code stuckAfterConversions: 200}) made every such
 * channel STUCK after 20 s and the controller raised the channel's sensor MSL at 20.3 s. A frozen input must still be
 * found, by the protection's frozen-reading rules, at rest and while current flows.
 */
class QuietConverterAtRestTest {
    private static final long MS = 1_000_000L;
    private static final long PERIOD = 100 * MS;

    /** What a run raised: the first time (s) of each fault and level, and the reason of each first raise. */
    private record Run(Map<String, Double> first, Map<String, String> reasons) {}

    /**
     * The example pack at 50 % SOC and 25 °C, {@code amps} drawn once the contactors close (0: at rest, no close
     * asked), the inputs of {@code quiet} ("all" for every chip) without noise, {@code freeze} ("chip:pin,...") frozen
     * at {@code freezeAtS}; run for {@code seconds} at 100 ms.
     */
    private static Run run(String quiet, double amps, String freeze, double freezeAtS, double seconds)
            throws Exception {
        return run(quiet, amps, freeze, freezeAtS, seconds, "");
    }

    /** As above, with {@code supplementary} (a YAML section, or empty) added to the example. */
    private static Run run(
            String quiet, double amps, String freeze, double freezeAtS, double seconds, String supplementary)
            throws Exception {
        return run(quiet, amps, 0, freeze, freezeAtS, seconds, supplementary);
    }

    /** As above, the close asked (and {@code amps} drawn) from {@code closeAtS} on. */
    private static Run run(
            String quiet,
            double amps,
            double closeAtS,
            String freeze,
            double freezeAtS,
            double seconds,
            String supplementary)
            throws Exception {
        BmsConfig cfg = new ConfigLoader()
                .parse(Files.readString(ExampleBoard.pi4sAds1115()) + supplementary, "pi-4s-ads1115.yaml");
        var pack = SimulatedPackSetup.createPack(cfg, 0.5, 25.0, (s, p, closed) -> closed ? amps : 0.0, 11);
        DriverLevelSimulation sim =
                new DriverLevelSimulation(pack, cfg.hal().pi4j().orElseThrow(), 12);
        for (String chip : new String[] {"taps", "shunt", "ntc"}) {
            if (quiet.equals("all") || quiet.equals(chip)) {
                sim.board().inputs(chip).noise(0.0);
            }
        }
        var w = ControllerAssembly.build(cfg, sim.hardware(), PackLinks.plantOnly(sim), () -> 0L);
        long closeAt = Math.round(closeAtS * 1e9 / PERIOD) * PERIOD;
        if (amps != 0 && closeAt == 0) {
            w.requests().requestClose();
        }
        Map<String, Double> first = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        long freezeAt = Math.round(freezeAtS * 1e9 / PERIOD) * PERIOD;
        for (long now = PERIOD; now <= seconds * 1e9; now += PERIOD) {
            if (now == closeAt && amps != 0) {
                w.requests().requestClose();
            }
            if (now == freezeAt && !freeze.isEmpty()) {
                for (String input : freeze.split(",")) {
                    String[] chipPin = input.split(":");
                    sim.board().inputs(chipPin[0]).freeze(Integer.parseInt(chipPin[1]));
                }
            }
            w.controller().tick(now);
            ControllerEvent e;
            while ((e = w.events().poll()) != null) {
                if (e instanceof ControllerEvent.FaultEdge fe && fe.fault().raised()) {
                    String key = fe.fault().code().name() + "." + fe.fault().level();
                    if (!first.containsKey(key)) {
                        first.put(key, now / 1e9);
                        reasons.put(key, fe.fault().reason());
                    }
                }
            }
        }
        return new Run(first, reasons);
    }

    /**
     * Up to the protection's own at-rest windows (the cells' and the current's 60 s, armed only where a repeat chance is stated: fix23bp),
     * a quiet chip raises nothing. Before: the channel's sensor MSL at 20.3 s (CELL_VOLTAGE_SENSOR, CURRENT_SENSOR,
     * TEMPERATURE_SENSOR), with PACK_VOLTAGE_MISMATCH after it.
     */
    @ParameterizedTest(name = "{0} quiet")
    @CsvSource({"taps", "shunt", "ntc", "all"})
    void aQuietChipAtRestRaisesNoFaultBeforeTheAtRestWindows(String quiet) throws Exception {
        Run r = run(quiet, 0.0, "", 0, 59.0);
        System.out.printf("QUIET %s at rest, 59 s: %s%n", quiet, r.first());
        assertThat(r.first())
                .as("faults raised with %s quiet at rest, first times (s)", quiet)
                .isEmpty();
    }

    /**
     * fix23bp: the protection's at-rest liveness windows (cellStuckAtRest, currentStuckAtRest: 60 s) rested on the
     * claim the drivers' rule did, that a live channel's noise changes its reading; before, every chip quiet at rest
     * raised CELL_VOLTAGE_STUCK and CURRENT_STUCK at 60.1 s. The Pi4J drivers state no live repeat chance at rest and
     * the example configures none, so those windows are not armed: five minutes at rest raise nothing (the
     * thermistors' 10 min window is beyond this run; see docs/safety.md fix23bp).
     */
    @Test
    void aQuietPackAtRestRaisesNothingInFiveMinutes() throws Exception {
        Run r = run("all", 0.0, "", 0, 300.0);
        System.out.printf("QUIET all at rest, 300 s: %s%n", r.first());
        assertThat(r.first()).isEmpty();
    }

    /**
     * fix23br: the thermistors' at-rest window (tempStuckAtRest, 10 min) rested on the same claim, and before, every
     * chip quiet at rest raised TEMPERATURE_STUCK.MSL at 600.1 s on a healthy pack. The MCP3008 NTC driver states no
     * live repeat chance at rest and the example configures none ({@code temperatureRepeatAtRest}), so that window is
     * not armed either: fifteen minutes at rest raise nothing.
     */
    @Test
    void aQuietPackAtRestRaisesNothingInFifteenMinutes() throws Exception {
        Run r = run("all", 0.0, "", 0, 900.0);
        System.out.printf("QUIET all at rest, 900 s: %s%n", r.first());
        assertThat(r.first()).isEmpty();
    }

    /**
     * fix23br: with no at-rest window for the thermistors on the drivers' path, a thermistor frozen at rest is found
     * by the rules that need no claim about a reading at rest. {@code ntc:1} (the NTC of cell 2, "temperature channel
     * 2") freezes at 30 s on a pack at rest; the contactors are asked to close at 120 s and 2 A (1C) is drawn. With
     * the other NTCs noisy the own-rate check finds it at rest (the others change, its own history says a live repeat
     * is rarer); with the NTC chip quiet (nothing changes at rest, the frozen reading cannot be told from a live one)
     * nothing is raised at rest, and (since fix23bs) nothing once current flows either: the known miss below.
     * Measured: 37.6 s (7.6 s after the freeze).
     */
    @ParameterizedTest(name = "{0} quiet")
    @CsvSource({"none, 30.0, 60.0"})
    void aThermistorFrozenAtRestIsFoundOnceCurrentFlows(String quiet, double notBefore, double by) throws Exception {
        Run r = run(quiet, -2.0, 120.0, "ntc:1", 30.0, 300.0, "");
        System.out.printf("FROZEN ntc:1 at rest from 30 s, %s quiet, 2 A from 120 s: %s%n", quiet, r.first());
        assertThat(r.first().getOrDefault("TEMPERATURE_STUCK.MSL", Double.NaN))
                .as("%s quiet: TEMPERATURE_STUCK.MSL (s)", quiet)
                .isBetween(notBefore, by);
        assertThat(r.reasons().get("TEMPERATURE_STUCK.MSL"))
                .as("the frozen channel named")
                .startsWith("temperature channel 2 ");
        assertThat(r.first().keySet()).as("nothing else raised").containsExactly("TEMPERATURE_STUCK.MSL");
    }

    /**
     * Known miss (fix23bs, the cost of its change): with the NTC chip quiet, a thermistor frozen at rest is no longer
     * found once current flows. Before fix23bs the while-flowing window found it at 181.6 s (61.6 s after the
     * close); that window is now armed only where a repeat chance is stated, and on this quiet chip the own-rate
     * check has no history to judge by. It cannot be told from the healthy quiet channels of the test above by
     * repetition alone: what would find it is a rule that knows the heat put in (see docs/safety.md, fix23bs).
     */
    @Disabled("known miss, measured 2026-12-08: the NTC chip quiet, ntc:1 frozen at 30 s, 2 A (1C) from 120 s:"
            + " no TEMPERATURE_STUCK in 300 s (181.6 s before fix23bs, by the while-flowing window)")
    @Test
    void aThermistorFrozenOnAQuietChipIsFoundOnceCurrentFlows() throws Exception {
        Run r = run("ntc", -2.0, 120.0, "ntc:1", 30.0, 300.0, "");
        System.out.printf("FROZEN ntc:1 at rest from 30 s, ntc quiet, 2 A from 120 s: %s%n", r.first());
        assertThat(r.first().getOrDefault("TEMPERATURE_STUCK.MSL", Double.NaN)).isBetween(120.0, 190.0);
        assertThat(r.reasons().get("TEMPERATURE_STUCK.MSL")).startsWith("temperature channel 2 ");
    }

    /**
     * fix23bs (a known miss found by fix23br): the thermistors' while-flowing window (tempStuckWhileFlowing, 60 s)
     * rested on the claim that a live thermistor's reading changes while current flows, which a quiet 10-bit MCP3008
     * (about 0.1 K a code at 25 °C) does not make: under 0.5 A or 1 A the cells warm by less than a code a minute,
     * and under 2 A (1C) they reach thermal equilibrium and hold their codes. Before: TEMPERATURE_STUCK.MSL on a
     * healthy channel at 181.6 s (0.5 A, 1 A) and 594.9 s (2 A). The window is now armed only where a live repeat
     * chance is stated, as the at-rest one: the MCP3008 NTC driver states none and the example configures none.
     */
    @ParameterizedTest(name = "{0} A")
    @CsvSource({"-0.5", "-1.0", "-2.0"})
    void aQuietThermistorChipUnderASmallCurrentRaisesNothing(double amps) throws Exception {
        Run r = run("ntc", amps, 120.0, "", 0, 900.0, "");
        System.out.printf("QUIET ntc, %.1f A from 120 s, 900 s: %s %s%n", amps, r.first(), r.reasons());
        assertThat(r.first()).isEmpty();
    }

    /**
     * fix23bs: a stated live repeat chance ({@code temperatureRepeatAtRest}) arms the thermistors' while-flowing
     * window too, as it arms the at-rest one: the NTC chip quiet under 1 A, the window condemns a channel 60 s after
     * the close (the claim the user stated from a measurement is broken by this quiet chip, so it is what a stated
     * chance does).
     */
    @Test
    void aStatedThermistorRepeatChanceArmsTheWhileFlowingWindow() throws Exception {
        Run r = run("ntc", -1.0, 120.0, "", 0, 200.0, "supplementary:\n  temperatureRepeatAtRest: 0.5\n");
        System.out.printf("QUIET ntc, temperatureRepeatAtRest stated, 1 A from 120 s: %s%n", r.first());
        assertThat(r.first().getOrDefault("TEMPERATURE_STUCK.MSL", Double.NaN))
                .as("TEMPERATURE_STUCK.MSL (s)")
                .isBetween(180.0, 182.0);
    }

    /**
     * A repeat chance at rest the configuration states from a measurement arms that kind's window on the drivers'
     * path: every chip quiet at rest, with {@code cellRepeatAtRest} (or {@code currentRepeatAtRest}) stated, raises
     * that kind's *_STUCK MSL when its 60 s window runs out, and the other kind (not stated) nothing.
     */
    @ParameterizedTest(name = "{0} stated")
    @CsvSource({"cellRepeatAtRest, CELL_VOLTAGE, CURRENT", "currentRepeatAtRest, CURRENT, CELL_VOLTAGE"})
    void aMeasuredRepeatChanceAtRestArmsItsWindow(String key, String armed, String notArmed) throws Exception {
        Run r = run("all", 0.0, "", 0, 90.0, "supplementary:\n  " + key + ": 0.5\n");
        System.out.printf("QUIET all at rest, %s stated, 90 s: %s%n", key, r.first());
        assertThat(r.first().getOrDefault(armed + "_STUCK.MSL", Double.NaN))
                .as("%s stated: %s_STUCK.MSL when the 60 s window runs out (s)", key, armed)
                .isBetween(60.0, 61.0);
        assertThat(r.first()).as("the kind not stated").doesNotContainKey(notArmed + "_STUCK.MSL");
    }

    /**
     * A frozen input is still found through the drivers, on a board whose other inputs have their noise: at rest and
     * while 1 A flows. A frozen tap (taps:2, the top of cell 3) leaves cells 3 and 4 moving with the taps beside it,
     * so the protection judges the taps themselves. Before: the channel's sensor MSL 20.3 s after the freeze
     * (the drivers' rule); with the fix the channel's *_STUCK MSL, sooner (figures in docs/safety.md, fix23bo).
     */
    @ParameterizedTest(name = "{0} frozen, {1} A")
    @CsvSource({
        "taps:2, 0, CELL_VOLTAGE",
        "taps:2, -1, CELL_VOLTAGE",
        "'shunt:0,shunt:1', -1, CURRENT",
        "ntc:1, -1, TEMPERATURE"
    })
    void aFrozenInputIsStillFoundThroughTheDrivers(String frozen, double amps, String kind) throws Exception {
        double freezeAt = 30.0;
        Run r = run("none", amps, frozen, freezeAt, 60.0);
        System.out.printf("FROZEN %s at %.1f A from %.1f s: %s%n", frozen, amps, freezeAt, r.first());
        double found = Math.min(
                r.first().getOrDefault(kind + "_STUCK.MSL", Double.POSITIVE_INFINITY),
                r.first().getOrDefault(kind + "_SENSOR.MSL", Double.POSITIVE_INFINITY));
        assertThat(found - freezeAt)
                .as(
                        "%s frozen at %.0f s with %.1f A: its channel's MSL (%s_STUCK or _SENSOR), seconds after",
                        frozen, freezeAt, amps, kind)
                .isBetween(0.0, 25.0);
        assertThat(r.first().keySet())
                .as("no channel of another kind condemned")
                .noneMatch(k -> k.endsWith("_SENSOR.MSL") && !k.startsWith(kind))
                .noneMatch(k -> k.endsWith("_STUCK.MSL") && !k.startsWith(kind));
        if (frozen.startsWith("taps") && r.reasons().containsKey("CELL_VOLTAGE_STUCK.MSL")) {
            assertThat(r.reasons().get("CELL_VOLTAGE_STUCK.MSL"))
                    .as("the reason names the tap and both cells read from it")
                    .contains("cell voltage channel 3 (the tap at the top of cell 3, which cell 3 and cell 4 are");
        }
    }
}
