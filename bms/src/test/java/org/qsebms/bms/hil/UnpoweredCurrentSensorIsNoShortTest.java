package org.qsebms.bms.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qsebms.bms.control.PackLinks;
import org.qsebms.bms.runtime.ControllerAssembly;
import org.qsebms.bms.runtime.SimulatedPackSetup;
import org.qsebms.bms.sim.DriverLevelSimulation;
import org.qsebms.bms.snapshot.ControllerEvent;
import org.qsebms.bms.supervisor.SupervisorState;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigLoader;
import org.qsebms.hal.ContactorId;

/**
 * Review check23p: the example board with a 3.3 V Hall sensor (zero 1.65 V, 50 mV/A) single-ended on the shunt chip's
 * AIN3, openWireBelowVolts left at its default 0 (off). With the pack in STANDBY - every contactor open, no path for
 * any current - the sensor loses its supply and its output falls to 0 V. Since check23o code 0 of such an input is
 * "-33 A or more", and protection latches SHORT_CIRCUIT on the first sample with "pack current -33.0 A or more ...
 * beyond the short-circuit level": the operator is told of a 33 A short through open contactors, and nothing in that
 * fault's text says the sensor may be dead (that is only in CURRENT_SENSOR's text, latched 300 ms later).
 */
class UnpoweredCurrentSensorIsNoShortTest {

    @Test
    void aCurrentSensorThatLosesItsSupplyWithTheContactorsOpenIsNotNamedAShortCircuit(@TempDir Path dir)
            throws Exception {
        String yaml = Files.readString(ExampleBoard.pi4sAds1115());
        yaml = yaml.replace("        address: 0x49\n        pga: 2.048", "        address: 0x49\n        pga: 4.096");
        int from = yaml.indexOf("    current:\n");
        int to = yaml.indexOf("    temperatures:");
        yaml = yaml.substring(0, from)
                + "    current:\n"
                + "      input: \"shunt:3\"\n"
                + "      hallSensitivityVoltsPerAmp: 0.05\n"
                + "      hallZeroVolts: 1.65\n"
                + "      maxAbsAmps: 30\n"
                + yaml.substring(to);
        Path f = dir.resolve("pi-4s-hall.yaml");
        Files.writeString(f, yaml);
        BmsConfig cfg = new ConfigLoader().load(f);
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(cfg).pack(), cfg.hal().pi4j().orElseThrow(), 3);
        boolean[] unpowered = {false};
        sim.board()
                .inputs("shunt")
                .feed(3, () -> unpowered[0] ? 0.0 : 1.65 + sim.pack().packAmps() * 0.05);
        ControllerAssembly.Wiring w =
                ControllerAssembly.build(cfg, sim.hardware(), PackLinks.followingLimits(sim), () -> 0L);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        for (int i = 0; i < 50; i++) {
            now += period;
            w.controller().tick(now);
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.STANDBY);
        for (ContactorId id : ContactorId.values()) {
            assertThat(sim.board().contactor(id).mainContactsClosed()).isFalse();
        }
        while (w.events().poll() != null) {}

        unpowered[0] = true; // the sensor's supply fails: its output sits at 0 V
        for (int i = 0; i < 10; i++) {
            now += period;
            w.controller().tick(now);
        }
        List<String> raised = new ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            if (e instanceof ControllerEvent.FaultEdge fe && fe.fault().raised()) {
                raised.add(fe.fault().code() + ": " + fe.fault().reason());
            }
        }
        assertThat(raised)
                .as("every contactor open, the current sensor unpowered (output 0 V)")
                .allSatisfy(r -> {
                    if (r.startsWith("SHORT_CIRCUIT")) {
                        assertThat(r)
                                .as("a short-circuit text with no current path must say the sensor may be at fault")
                                .containsAnyOf("sensor's supply", "stuck", "unpowered", "output wire");
                    }
                });
    }
}
