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
 * Review check23p: the example board with its current on a 3.3 V Hall sensor (zero 1.65 V, 50 mV/A) on the shunt
 * chip's free single-ended AIN3 (PGA 4.096 V) with open-wire detection at 0.1 V, as docs/wiring.md recommends for a
 * sensor whose zero sits above ground. The loader accepts it (reach -31..+49 A, short-circuit level 12 A). A 200 A
 * short drives the Hall output to its bottom rail (20 mV): the reading is below openWireBelowVolts, so it is
 * OPEN_WIRE with no lastBeyondRangeAmps, and protection waits for the sensor's debounce instead of opening on the
 * first sample as SHORT_CIRCUIT - exactly the check23o defect, through the open-wire threshold instead of the rail.
 */
class ShortBeyondTheOpenWireThresholdTest {

    static Path hallBoard(Path dir) throws Exception {
        String yaml = Files.readString(ExampleBoard.pi4sAds1115());
        String shunt = "      - id: shunt\n        bus: 1\n        address: 0x49\n        pga: 2.048";
        assertThat(yaml).contains(shunt);
        yaml = yaml.replace(shunt, "      - id: shunt\n        bus: 1\n        address: 0x49\n        pga: 4.096");
        int from = yaml.indexOf("    current:\n");
        int to = yaml.indexOf("    temperatures:");
        yaml = yaml.substring(0, from)
                + "    current:\n"
                + "      input: \"shunt:3\"\n"
                + "      hallSensitivityVoltsPerAmp: 0.05\n"
                + "      hallZeroVolts: 1.65\n"
                + "      maxAbsAmps: 30\n"
                + "      openWireBelowVolts: 0.1\n"
                + yaml.substring(to);
        Path f = dir.resolve("pi-4s-hall.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static List<String> faultLines(ControllerAssembly.Wiring w) {
        List<String> out = new ArrayList<>();
        ControllerEvent e;
        while ((e = w.events().poll()) != null) {
            if (e instanceof ControllerEvent.FaultEdge fe && fe.fault().raised()) {
                out.add(fe.fault().code().name() + ": " + fe.fault().reason());
            }
        }
        return out;
    }

    @Test
    void aShortBeyondTheOpenWireThresholdOpensOnTheSampleThatSeesIt(@TempDir Path dir) throws Exception {
        BmsConfig cfg = new ConfigLoader().load(hallBoard(dir));
        DriverLevelSimulation sim = new DriverLevelSimulation(
                SimulatedPackSetup.createDefault(cfg).pack(), cfg.hal().pi4j().orElseThrow(), 3);
        // the Hall sensor's output swings between its rails (20 mV .. 3.28 V on 3.3 V)
        sim.board()
                .inputs("shunt")
                .feed(3, () -> Math.max(0.02, Math.min(3.28, 1.65 + sim.pack().packAmps() * 0.05)));
        ControllerAssembly.Wiring w =
                ControllerAssembly.build(cfg, sim.hardware(), PackLinks.followingLimits(sim), () -> 0L);
        long period = cfg.loop().period().toNanos();
        long now = 0;
        w.requests().requestClose();
        for (int i = 0; i < 100; i++) {
            now += period;
            w.controller().tick(now);
        }
        assertThat(w.controller().supervisor().state()).isEqualTo(SupervisorState.NORMAL);
        faultLines(w);

        sim.pack().forceAmps(-200); // a short across the pack terminals
        now += period;
        w.controller().tick(now); // the first sample that sees it
        var m = w.controller().measurement();
        boolean anyCommandedClosed = false;
        for (ContactorId id : ContactorId.values()) {
            anyCommandedClosed |= sim.hardware().contactor(id).commandedClosed();
        }
        List<String> raised = faultLines(w);
        int ticksToOpen = 0;
        boolean stillClosed = anyCommandedClosed;
        while (stillClosed && ticksToOpen < 20) {
            now += period;
            w.controller().tick(now);
            ticksToOpen++;
            stillClosed = false;
            for (ContactorId id : ContactorId.values()) {
                stillClosed |= sim.hardware().contactor(id).commandedClosed();
            }
            raised.addAll(faultLines(w));
        }
        assertThat(anyCommandedClosed)
                .as(
                        "a 200 A short (short-circuit level 12 A) on a Hall channel with openWireBelowVolts 0.1 V: the"
                                + " sample that saw it had status %s (%s); the contactors stayed commanded closed for"
                                + " %d more ticks of %d ms; faults raised: %s",
                        m.currentStatus,
                        sim.hardware().current().lastFaultDescription(),
                        ticksToOpen,
                        period / 1_000_000,
                        raised)
                .isFalse();
    }
}
