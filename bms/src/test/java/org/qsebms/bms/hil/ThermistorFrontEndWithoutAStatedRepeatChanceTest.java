package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.sim.PackLoad;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;

/**
 * A real thermistor front end states no live repeat chance (issue 23, fix23bk): its bound must be measured. The
 * BQ76952 (0.1 K codes, through its driver and register-level emulator) and the MCP3008 NTC inputs (through the Pi4J
 * drivers on the emulated bus), each with its thermistor noise taken away so every thermistor reads bit-identically
 * at rest, as a quiet converter on a stable pack does. Without a configured {@code tempFrozenPriorRepeat} the own-rate
 * check has nothing to compare (no other thermistor changes). Since fix23br the 10 min at-rest liveness window is not
 * armed either unless a live repeat chance at rest is stated ({@code temperatureRepeatAtRest}, or the front end's
 * own; neither states one here): with nothing configured nothing judges them at rest (they cannot be told from a
 * quiet live pack); with {@code temperatureRepeatAtRest} configured the window finds them at 600.1 s; with a measured
 * prior configured, within seconds.
 */
class ThermistorFrontEndWithoutAStatedRepeatChanceTest {
    private static final long MS = 1_000_000L;
    private static final String MEASURED = "supplementary:\n  tempFrozenPriorRepeat: 0.35\n";
    /** A measured live repeat chance at rest (fix23br): arms the 10 min at-rest window, and nothing else. */
    private static final String AT_REST = "supplementary:\n  temperatureRepeatAtRest: 0.5\n";

    /** The controller on {@code frontEnd} at rest, the thermistors bit-identical; {@code supplementary} configured. */
    private static ControllerAssembly.Wiring atRest(String frontEnd, String supplementary) throws Exception {
        if (frontEnd.equals("bq76952")) {
            Bq76952HilRig r = Bq76952HilRig.of(
                    "loop:\n  period: 100ms", supplementary + "loop:\n  period: 100ms", 0.5, 15_000 * MS);
            r.sim().board().chip().noise(1.0, 0.020, 0.0, 19); // the cells and current keep their noise
            return r.w();
        }
        String text = Files.readString(ExampleBoard.pi4sAds1115()) + supplementary;
        BmsConfig cfg = new ConfigLoader().parse(text, "pi-4s-ads1115.yaml");
        var pack = SimulatedPackSetup.createPack(cfg, 0.5, 25.0, PackLoad.IDLE, 11);
        DriverLevelSimulation sim =
                new DriverLevelSimulation(pack, cfg.hal().pi4j().orElseThrow(), 12);
        sim.board().inputs("ntc").noise(0.0); // the MCP3008 reads only the NTCs
        return ControllerAssembly.build(cfg, sim.hardware(), PackLinks.plantOnly(sim), () -> 0L);
    }

    /** The first TEMPERATURE_STUCK raised within {@code seconds} of ticks at 100 ms, in seconds; infinity if none. */
    private static double firstTemperatureStuck(ControllerAssembly.Wiring w, double seconds) {
        long period = 100 * MS;
        double found = Double.POSITIVE_INFINITY;
        for (long now = period; now <= seconds * 1e9; now += period) {
            w.controller().tick(now);
            ControllerEvent e;
            while ((e = w.events().poll()) != null) {
                if (e instanceof ControllerEvent.FaultEdge fe
                        && fe.fault().raised()
                        && fe.fault().code().name().equals("TEMPERATURE_STUCK")
                        && Double.isInfinite(found)) {
                    found = now / 1e9;
                }
            }
        }
        return found;
    }

    /**
     * Without a measured bound of either kind, no TEMPERATURE_STUCK at rest: the front end states no live repeat
     * chance at rest, so the 10 min window is not armed (fix23br; before, it found the readings at 600.1 s on both
     * front ends, which a quiet healthy pack gives too). Before fix23bo the MCP3008 NTC driver's own identical-code
     * rule reported its channels STUCK after 20 s (TEMPERATURE_SENSOR at 20.3 s).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"bq76952", "mcp3008"})
    void everyThermistorIdenticalAtRestRaisesNothingWithoutAStatedRepeatChance(String frontEnd) throws Exception {
        ControllerAssembly.Wiring w = atRest(frontEnd, "");
        double t = firstTemperatureStuck(w, 640);
        System.out.printf("FRONT-END %s, none stated: first TEMPERATURE_STUCK at %.1f s%n", frontEnd, t);
        assertThat(t)
                .as("%s: no at-rest window armed, nothing in 640 s", frontEnd)
                .isInfinite();
    }

    /**
     * With a live repeat chance at rest measured and configured ({@code temperatureRepeatAtRest}), the 10 min window is
     * armed and finds the readings when it runs out, on both front ends (the prior is not stated: nothing sooner).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"bq76952", "mcp3008"})
    void everyThermistorIdenticalAtRestIsFoundByTheWindowAStatedRepeatChanceArms(String frontEnd) throws Exception {
        ControllerAssembly.Wiring w = atRest(frontEnd, AT_REST);
        double t = firstTemperatureStuck(w, 640);
        System.out.printf(
                "FRONT-END %s, temperatureRepeatAtRest stated: first TEMPERATURE_STUCK at %.1f s%n", frontEnd, t);
        double window = org.qsebms.config.SupplementaryLimits.defaults()
                        .tempStuckAtRest()
                        .toMillis()
                / 1e3;
        assertThat(t)
                .as("%s: the %.0f s at-rest window finds the readings when it runs out", frontEnd, window)
                .isBetween(window, window + 1.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"bq76952", "mcp3008"})
    void everyThermistorIdenticalAtRestIsJudgedByAMeasuredBound(String frontEnd) throws Exception {
        ControllerAssembly.Wiring w = atRest(frontEnd, MEASURED);
        double t = firstTemperatureStuck(w, 60);
        System.out.printf("FRONT-END %s, 0.35 configured: first TEMPERATURE_STUCK at %.1f s%n", frontEnd, t);
        // the identical readings 0.35 needs at the default false alarm (smallest r with 0.35^r <= 1e-12), a period each
        int readings = (int) Math.ceil(
                Math.log(org.qsebms.config.SupplementaryLimits.defaults().tempFrozenFalseAlarm()) / Math.log(0.35));
        assertThat(t)
                .as("%s with a measured bound of 0.35 (%d readings)", frontEnd, readings)
                .isBetween(readings * 0.1, (readings + 3) * 0.1);
    }
}
